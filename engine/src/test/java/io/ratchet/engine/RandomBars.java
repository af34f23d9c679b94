package io.ratchet.engine;

import java.util.SplittableRandom;

/**
 * Seeded random klines for property tests: a geometric random walk with fat-ish tails,
 * occasional gaps at the open, and flat bars. Shared with other modules' tests (test-jar).
 */
public final class RandomBars {
    private RandomBars() {
    }

    public static Bars of(long seed, int n) {
        return of(seed, n, 100.0, 60_000L);
    }

    public static Bars of(long seed, int n, double start, long intervalMillis) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double vol = 0.002 + rnd.nextDouble() * 0.02;
        double prevClose = start;
        for (int i = 0; i < n; i++) {
            t[i] = 1_600_000_000_000L + i * intervalMillis;
            double gap = rnd.nextInt(10) == 0 ? rnd.nextGaussian() * vol * 3 : 0;
            double open = prevClose * Math.exp(gap);
            double close = rnd.nextInt(20) == 0 ? open : open * Math.exp(rnd.nextGaussian() * vol);
            double hi = Math.max(open, close) * Math.exp(Math.abs(rnd.nextGaussian()) * vol * 0.5);
            double lo = Math.min(open, close) * Math.exp(-Math.abs(rnd.nextGaussian()) * vol * 0.5);
            t[i] = 1_600_000_000_000L + i * intervalMillis;
            o[i] = round(open);
            c[i] = round(close);
            h[i] = Math.max(round(hi), Math.max(o[i], c[i]));
            l[i] = Math.min(round(lo), Math.min(o[i], c[i]));
            prevClose = c[i];
        }
        return Bars.of(t, o, h, l, c);
    }

    /** Prices on a tick grid, as on an exchange: equal prices (and exact stop touches) happen. */
    private static double round(double p) {
        return Math.round(p * 100) / 100.0;
    }

    /** A random valid configuration. */
    public static TrailingConfig config(SplittableRandom rnd) {
        Mode mode = rnd.nextBoolean() ? Mode.PROFIT_LOCK : Mode.PERCENT;
        double trail = mode == Mode.PROFIT_LOCK ? 0.05 + 0.95 * rnd.nextDouble() : 0.001 + 0.1 * rnd.nextDouble();
        if (mode == Mode.PROFIT_LOCK && rnd.nextInt(8) == 0) {
            trail = 1.0;
        }
        double activation = rnd.nextInt(3) == 0 ? 0 : 0.03 * rnd.nextDouble();
        double initial = rnd.nextInt(3) == 0 ? Double.NaN : 0.002 + 0.08 * rnd.nextDouble();
        int maxBars = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(200) : 0;
        return new TrailingConfig(mode, trail, activation, initial, maxBars, 0.001 * rnd.nextInt(3), 0.0005 * rnd.nextInt(3));
    }
}
