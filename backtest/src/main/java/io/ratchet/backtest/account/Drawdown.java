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
        long under = below(eq, peak);
        maxDd = Math.max(maxDd, (peak - low) / peak);
        longestUnder = Math.max(longestUnder, lastUnder - peakTime);
        low = pick(under, Math.min(low, eq), eq);
        peak = Math.max(peak, eq); // the peak below it, else eq (eq at the peak: the same value)
        peakTime = under & peakTime | ~under & t;
        lastUnder = t;
    }

    /**
     * The rule bar by bar: a close below the peak lowers the run's low; one at or above it ends
     * the run and is the new peak.
     *
     * <p>Without a branch on which: the first configurations a sweep scores (the tightest
     * trails) mostly lose, so a compiled branch had never seen a new peak, and the account's
     * walk it is compiled into was thrown away at the first one (measured with JFR's
     * deoptimization events). The run's fall and its time under water are taken at every bar:
     * under one peak both only grow, so their largest are those at the run's end, as before.
     */
    void eachBar(double base, double b, double[] close, long[] openTime, long spacing, int from, int to) {
        double pk = peak;
        long pkTime = peakTime;
        double lo = low;
        long last = lastUnder;
        double md = maxDd;
        long lu = longestUnder;
        for (int i = from; i < to; i++) {
            double eq = base + b * close[i];
            long t = openTime[i] + spacing;
            long under = below(eq, pk);
            md = Math.max(md, (pk - lo) / pk);
            lu = Math.max(lu, last - pkTime);
            lo = pick(under, Math.min(lo, eq), eq);
            pk = Math.max(pk, eq);
            pkTime = under & pkTime | ~under & t;
            last = t;
        }
        peak = pk;
        peakTime = pkTime;
        low = lo;
        lastUnder = last;
        maxDd = md;
        longestUnder = lu;
    }

    /**
     * All ones where {@code eq < peak}, else zero: the sign of {@code eq - peak}, which is
     * negative exactly then (a difference of two finite doubles is zero only when they are
     * equal, and then +0).
     */
    private static long below(double eq, double peak) {
        return Double.doubleToRawLongBits(eq - peak) >> 63;
    }

    /** {@code x} where {@code mask} is all ones, {@code y} where it is zero. */
    private static double pick(long mask, double x, double y) {
        return Double.longBitsToDouble(mask & Double.doubleToRawLongBits(x) | ~mask & Double.doubleToRawLongBits(y));
    }
}
