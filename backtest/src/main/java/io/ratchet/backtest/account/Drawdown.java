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
     * the lowest equity (each step rounds monotonically), so a run read from blocks costs one
     * division, at its lowest close, not one a bar.
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
     * ({@code openTime + spacing}). A piece of the run that cannot hold a new peak is read from
     * {@code blocks} (null: every bar): the same figures to the bit, since each step of
     * {@code (peak - (base + b close)) / peak} rounds monotonically in the close. The pieces: the
     * whole run where the table covers it (2 to {@link CloseBlocks#RUN_MAX} bars), else aligned
     * blocks and the bars between them; a piece that may hold a peak is read bar by bar.
     *
     * <p>One loop, and one place where bars are read one by one: this is compiled into the
     * account's walk, and each copy of a loop there was one more for the compiler to build.
     *
     * @return how many of the bars were read from {@code blocks}
     */
    int marks(double base, double b, double[] close, long[] openTime, long spacing, int from, int to, CloseBlocks blocks) {
        int read = 0;
        int i = from;
        while (i < to) {
            int end = to;
            boolean known = false;
            double lo = 0;
            double hi = 0;
            if (blocks != null) {
                if (!blocks.hasTable || to - i > CloseBlocks.RUN_MAX) {
                    int k = (i - blocks.origin) >> CloseBlocks.SHIFT;
                    int start = blocks.origin + (k << CloseBlocks.SHIFT);
                    int blockEnd = start + CloseBlocks.SIZE;
                    if (i == start && blockEnd <= to && k < blocks.min.length) {
                        end = blockEnd;
                        lo = blocks.min[k];
                        hi = blocks.max[k];
                        known = true;
                    } else {
                        end = Math.min(to, Math.max(blockEnd, i + 1));
                    }
                }
                if (!known && blocks.hasTable && end - i >= 2) {
                    double[] t = blocks.table;
                    int x = blocks.at(i, end);
                    int y = blocks.atEnd(i, end);
                    lo = Math.min(t[x], t[y]);
                    hi = Math.max(t[x + 1], t[y + 1]);
                    known = true;
                }
            }
            if (known) {
                double best = base + b * (b >= 0 ? hi : lo);
                if (best < peak) {
                    double worst = base + b * (b >= 0 ? lo : hi);
                    low = worst < low ? worst : low;
                    lastUnder = openTime[end - 1] + spacing;
                    read += end - i;
                    i = end;
                    continue;
                }
            }
            eachBar(base, b, close, openTime, spacing, i, end);
            i = end;
        }
        return read;
    }

    /**
     * One bar worth {@code eq} stamped at {@code t}: what {@link #eachBar} and {@link #marks} do
     * for a run of one bar.
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

    /**
     * The rule bar by bar: a close below the peak lowers the run's low; one at or above it ends
     * the run and is the new peak. (Branch-free, with the fall taken at every bar, it spared the
     * account's walk one recompile a sweep, and cost a division a bar: a sweep of entries every
     * 60 1m bars scored in 0.43-0.55 s against 0.30-0.35 s.)
     */
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
