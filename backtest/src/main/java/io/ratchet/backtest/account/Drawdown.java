package io.ratchet.backtest.account;

/**
 * The equity's running peak, its deepest fall from it, and the longest time under it, fed a
 * run of bar closes at a time: where a sweep spends most of its account time (every bar of
 * every configuration with a position open), so apart from {@link Account}'s walk, small, and
 * reading blocks of bars where it can.
 */
final class Drawdown {
    double peak;
    long peakTime;
    /** The deepest fall and the longest time under water of the runs before the current peak. */
    private double maxDd;
    private long longestUnder;
    /** Since the current peak: the lowest equity, and the time of the last close below the peak (the peak's own time if none). */
    private double low;
    private long lastUnder;

    Drawdown(double capital, long firstTime) {
        this.peak = capital;
        this.peakTime = firstTime;
        this.low = capital;
        this.lastUnder = firstTime;
    }

    /**
     * The largest {@code (peak - equity) / peak} so far. Under one peak the fall is largest at
     * the lowest equity (each step rounds monotonically), so a run under a peak costs one
     * division, when it ends, not one a bar.
     */
    double maxDd() {
        double fall = (peak - low) / peak;
        return fall > maxDd ? fall : maxDd;
    }

    /** The longest time from a peak to the last close still below it, so far. */
    long longestUnder() {
        long u = lastUnder - peakTime;
        return u > longestUnder ? u : longestUnder;
    }

    /**
     * Bars {@code [from, to)}, each worth {@code base + b close}, stamped at its close
     * ({@code openTime + spacing}). A run that cannot hold a new peak is read from
     * {@code blocks} (null: every bar): the same figures to the bit, since each step of
     * {@code (peak - (base + b close)) / peak} rounds monotonically in the close.
     *
     * @return how many of the bars were read from {@code blocks}
     */
    int marks(double base, double b, double[] close, long[] openTime, long spacing, int from, int to, CloseBlocks blocks) {
        // Small enough to be compiled into the account's walk: a run between two events (nearly all) costs no call.
        if (blocks != null && blocks.hasTable && to - from >= 2 && to - from <= CloseBlocks.RUN_MAX) {
            return run(base, b, close, openTime, spacing, from, to, blocks);
        }
        return byBlocks(base, b, close, openTime, spacing, from, to, blocks);
    }

    /** As {@link #marks}: a run too long for one read of the table, or a range without it, by aligned blocks. */
    private int byBlocks(double base, double b, double[] close, long[] openTime, long spacing, int from, int to, CloseBlocks blocks) {
        if (blocks == null) {
            eachBar(base, b, close, openTime, spacing, from, to);
            return 0;
        }
        int read = 0;
        int i = from;
        while (i < to) {
            int k = (i - blocks.origin) >> CloseBlocks.SHIFT;
            int start = blocks.origin + (k << CloseBlocks.SHIFT);
            int end = start + CloseBlocks.SIZE;
            if (i == start && end <= to && k < blocks.min.length && under(base, b, blocks.min[k], blocks.max[k], openTime[end - 1] + spacing)) {
                read += CloseBlocks.SIZE;
                i = end;
                continue;
            }
            if (blocks.fineMin != null) {
                // No table: by eights up to the next whole block, or through one holding a new peak.
                int f = (i - blocks.origin) >> CloseBlocks.FINE_SHIFT;
                int fineStart = blocks.origin + (f << CloseBlocks.FINE_SHIFT);
                int fineEnd = fineStart + CloseBlocks.FINE;
                if (i == fineStart && fineEnd <= to && f < blocks.fineMin.length
                        && under(base, b, blocks.fineMin[f], blocks.fineMax[f], openTime[fineEnd - 1] + spacing)) {
                    read += CloseBlocks.FINE;
                    i = fineEnd;
                    continue;
                }
                int stop = Math.min(to, Math.max(fineEnd, i + 1));
                eachBar(base, b, close, openTime, spacing, i, stop);
                i = stop;
                continue;
            }
            int stop = Math.min(to, Math.max(end, i + 1));
            if (blocks.hasTable && stop - i >= 2) {
                read += run(base, b, close, openTime, spacing, i, stop, blocks);
            } else {
                eachBar(base, b, close, openTime, spacing, i, stop);
            }
            i = stop;
        }
        return read;
    }

    /**
     * Bars whose lowest and highest close are {@code lo} and {@code hi}, the last stamped at
     * {@code last}, read as one if none can be a new peak: then their deepest fall is at the
     * worst close, and the last is the last under water.
     */
    private boolean under(double base, double b, double lo, double hi, long last) {
        double best = base + b * (b >= 0 ? hi : lo);
        if (!(best < peak)) {
            return false;
        }
        double worst = base + b * (b >= 0 ? lo : hi);
        low = worst < low ? worst : low;
        lastUnder = last;
        return true;
    }

    /** Bars {@code [from, to)}, 2 to {@link CloseBlocks#RUN_MAX} of them: their lowest and highest close from the table, then as {@link #marks}. */
    private int run(double base, double b, double[] close, long[] openTime, long spacing, int from, int to, CloseBlocks blocks) {
        double[] t = blocks.table;
        int x = blocks.at(from, to);
        int y = blocks.atEnd(from, to);
        if (under(base, b, Math.min(t[x], t[y]), -Math.min(t[x + 1], t[y + 1]), openTime[to - 1] + spacing)) {
            return to - from;
        }
        eachBar(base, b, close, openTime, spacing, from, to);
        return 0;
    }

    /**
     * One bar worth {@code eq} stamped at {@code t}: what {@link #eachBar} and {@link #marks} do
     * for a run of one bar (no block is shorter than two bars).
     */
    void one(double eq, long t) {
        if (eq < peak) {
            low = eq < low ? eq : low;
            lastUnder = t;
        } else {
            double fall = (peak - low) / peak;
            maxDd = fall > maxDd ? fall : maxDd;
            long u = lastUnder - peakTime;
            longestUnder = u > longestUnder ? u : longestUnder;
            peak = eq;
            peakTime = t;
            low = eq;
            lastUnder = t;
        }
    }

    /** The rule bar by bar: a close below the peak lowers the run's low; one at or above it ends the run and is the new peak. */
    void eachBar(double base, double b, double[] close, long[] openTime, long spacing, int from, int to) {
        double pk = peak;
        long pkTime = peakTime;
        double lo = low;
        long last = lastUnder;
        for (int i = from; i < to; i++) {
            double eq = base + b * close[i];
            long t = openTime[i] + spacing;
            if (eq < pk) {
                lo = eq < lo ? eq : lo;
                last = t;
            } else {
                double fall = (pk - lo) / pk;
                maxDd = fall > maxDd ? fall : maxDd;
                long u = last - pkTime;
                longestUnder = u > longestUnder ? u : longestUnder;
                pk = eq;
                pkTime = t;
                lo = eq;
                last = t;
            }
        }
        peak = pk;
        peakTime = pkTime;
        low = lo;
        lastUnder = last;
    }
}
