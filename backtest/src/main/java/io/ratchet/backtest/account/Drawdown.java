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
    double maxDd;
    long longestUnder;

    Drawdown(double capital, long firstTime) {
        this.peak = capital;
        this.peakTime = firstTime;
    }

    /**
     * Bars {@code [from, to)}, each worth {@code base + b close}, stamped at its close
     * ({@code openTime + spacing}). A whole block that cannot hold a new peak is read from
     * {@code blocks} (null: every bar): the same figures to the bit, since each step of
     * {@code (peak - (base + b close)) / peak} rounds monotonically in the close.
     *
     * @return how many of the bars were read as blocks
     */
    int marks(double base, double b, double[] close, long[] openTime, long spacing, int from, int to, CloseBlocks blocks) {
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
            if (i == start && end <= to && k < blocks.min.length) {
                double best = base + b * (b >= 0 ? blocks.max[k] : blocks.min[k]);
                if (best < peak) {
                    double fall = (peak - (base + b * (b >= 0 ? blocks.min[k] : blocks.max[k]))) / peak;
                    maxDd = fall > maxDd ? fall : maxDd;
                    long u = openTime[end - 1] + spacing - peakTime;
                    longestUnder = u > longestUnder ? u : longestUnder;
                    read += CloseBlocks.SIZE;
                    i = end;
                    continue;
                }
            }
            int stop = Math.min(to, Math.max(end, i + 1));
            eachBar(base, b, close, openTime, spacing, i, stop);
            i = stop;
        }
        return read;
    }

    /** The rule itself, bar by bar. */
    void eachBar(double base, double b, double[] close, long[] openTime, long spacing, int from, int to) {
        double pk = peak;
        long pkTime = peakTime;
        double dd = maxDd;
        long under = longestUnder;
        for (int i = from; i < to; i++) {
            double eq = base + b * close[i];
            long t = openTime[i] + spacing;
            // Branch-free: whether a close is a new peak is as good as random, and a missed
            // prediction costs more than the arithmetic.
            boolean below = eq < pk;
            long u = below ? t - pkTime : 0;
            under = u > under ? u : under;
            pkTime = below ? pkTime : t;
            pk = below ? pk : eq;
            double fall = (pk - eq) / pk;
            dd = fall > dd ? fall : dd;
        }
        peak = pk;
        peakTime = pkTime;
        maxDd = dd;
        longestUnder = under;
    }
}
