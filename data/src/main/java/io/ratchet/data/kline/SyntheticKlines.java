package io.ratchet.data.kline;

import java.util.SplittableRandom;

/**
 * A seeded random-walk series for benchmarks and trials at any size: the same seed gives
 * the same bars. Log-returns are Gaussian with volatility that drifts slowly (calm and
 * wild stretches, as in real markets), prices sit on a 0.01 tick.
 */
public final class SyntheticKlines {
    private SyntheticKlines() {
    }

    /** {@code bars} bars from 2024-01-01T00:00Z, starting at 30000. */
    public static KlineSeries randomWalk(String symbol, Interval interval, int bars, long seed) {
        return randomWalk(symbol, interval, bars, seed, 1_704_067_200_000L, 30_000.0);
    }

    public static KlineSeries randomWalk(String symbol, Interval interval, int bars, long seed, long startMillis, double startPrice) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] t = new long[bars];
        double[] o = new double[bars];
        double[] h = new double[bars];
        double[] l = new double[bars];
        double[] c = new double[bars];
        double[] v = new double[bars];
        double step = Math.sqrt(interval.millis() / 60_000.0);
        double vol = 0.0008 * step;
        double price = startPrice;
        long time = startMillis;
        for (int i = 0; i < bars; i++) {
            vol = Math.min(0.01 * step, Math.max(0.0002 * step, vol * Math.exp(rnd.nextGaussian() * 0.05)));
            double open = tick(price);
            double close = tick(open * Math.exp(rnd.nextGaussian() * vol));
            double high = tick(Math.max(open, close) * Math.exp(Math.abs(rnd.nextGaussian()) * vol * 0.6));
            double low = tick(Math.min(open, close) * Math.exp(-Math.abs(rnd.nextGaussian()) * vol * 0.6));
            t[i] = time;
            o[i] = open;
            c[i] = close;
            h[i] = Math.max(high, Math.max(open, close));
            l[i] = Math.min(low, Math.min(open, close));
            v[i] = Math.round(rnd.nextDouble() * 100_000) / 1000.0;
            price = close;
            time = interval.next(time);
        }
        return new KlineSeries(symbol, interval, t, o, h, l, c, v);
    }

    private static double tick(double p) {
        return Math.max(0.01, Math.round(p * 100) / 100.0);
    }
}
