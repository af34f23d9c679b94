package io.ratchet.backtest.account;

/**
 * The equity's running peak, its deepest fall from it, and the longest time under it, fed a
 * run of bar closes at a time. Apart from {@link Account}'s walk so that this loop, where a
 * sweep spends most of its account time (every bar of every configuration), is a small method
 * the JIT compiles early and well, instead of a loop deep inside a large one.
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

    /** Bars {@code [from, to)}, each worth {@code base + b close}, stamped at its close ({@code openTime + spacing}). */
    void marks(double base, double b, double[] close, long[] openTime, long spacing, int from, int to) {
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
