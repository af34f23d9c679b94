package io.ratchet.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded random trades under random bars, for the property tests of the tick-exact walk: on a
 * tick grid (equal prices happen), often several in the same millisecond, some bars with none
 * (walked as bars), some trades outside every bar, bursts of hundreds in a bar, and prints put
 * exactly at a stop the engine had just set (a touch, not a cross). Shared with other
 * modules' tests (test-jar).
 */
public final class RandomPrints {
    private RandomPrints() {
    }

    /** Trades under {@code bars} (open times {@code intervalMillis} apart); about one bar in five has none. */
    public static TradePrints of(SplittableRandom rnd, Bars bars, long intervalMillis) {
        long[] time = new long[64];
        double[] price = new double[64];
        int n = 0;
        // A few trades before the first bar: they lie in no bar.
        long first = bars.openTime()[bars.from()];
        for (int k = rnd.nextInt(3); k > 0; k--) {
            time = grow(time, n);
            price = grow(price, n);
            time[n] = first - 1 - rnd.nextInt(1000) * (long) k;
            price[n++] = bars.open()[bars.from()];
        }
        Arrays.sort(time, 0, n);
        for (int j = bars.from(); j < bars.to(); j++) {
            if (rnd.nextInt(5) == 0) {
                continue; // no trade: the bar is walked as a bar
            }
            int r0 = rnd.nextInt(90);
            // now and then a burst of thousands (a walk passes over whole blocks and super-blocks of them)
            int count = r0 == 0 ? 4_096 + rnd.nextInt(9_000) : 1 + rnd.nextInt(r0 < 15 ? 300 : 12);
            double o = bars.open()[j];
            double range = Math.max(0.01, bars.high()[j] - bars.low()[j]);
            double unit = Math.max(0.01, tick(range / (25 * Math.max(1, Math.sqrt(count / 12.0)))));
            long t0 = bars.openTime()[j];
            long offset = rnd.nextInt(2) == 0 ? 0 : rnd.nextInt((int) Math.min(intervalMillis, 1000));
            double p = tick(o + (rnd.nextInt(4) == 0 ? (rnd.nextDouble() - 0.5) * range : 0));
            for (int k = 0; k < count; k++) {
                time = grow(time, n);
                price = grow(price, n);
                time[n] = t0 + offset;
                price[n++] = p;
                if (rnd.nextInt(3) != 0) { // else the next trade is in the same millisecond
                    offset = Math.min(intervalMillis - 1, offset + 1 + rnd.nextInt((int) Math.max(1, intervalMillis / (2L * count))));
                }
                int r = rnd.nextInt(10);
                if (r < 3) {
                    // the same price again
                } else if (r == 3 && rnd.nextInt(count > 300 ? 200 : 1) == 0) {
                    p = tick(rnd.nextBoolean() ? bars.high()[j] : bars.low()[j]);
                } else if (r == 4 && rnd.nextInt(count > 300 ? 200 : 1) == 0) {
                    p = tick(p + (rnd.nextDouble() - 0.5) * 1.5 * range); // a jump
                } else {
                    p = tick(p + (rnd.nextInt(7) - 3) * unit);
                }
                p = Math.max(0.01, p);
            }
        }
        long end = bars.openTime()[bars.to() - 1] + intervalMillis;
        for (int k = rnd.nextInt(3); k > 0; k--) {
            time = grow(time, n);
            price = grow(price, n);
            time[n] = end + rnd.nextInt(1000);
            price[n++] = bars.close()[bars.to() - 1];
        }
        Arrays.sort(time, n - Math.min(n, 3), n); // the trades after the last bar, in time order
        return TradePrints.of(bars, intervalMillis, Arrays.copyOf(time, n), Arrays.copyOf(price, n));
    }

    /**
     * The same trades, with some moved exactly onto a stop: each configuration walks a few
     * entries with the engine, and a trade just after a stop move (or thousands of trades after
     * it) is set to that stop.
     */
    public static TradePrints touchStops(SplittableRandom rnd, Bars bars, long intervalMillis, TradePrints prints, TrailingConfig[] configs,
                                         IntrabarOrder order, DetailIndex detail) {
        long[] time = new long[prints.size()];
        double[] price = new double[prints.size()];
        for (int k = 0; k < time.length; k++) {
            time[k] = prints.time(k);
            price[k] = prints.price(k);
        }
        for (TrailingConfig c : configs) {
            long[] moveTime = new long[1];
            double[] moveStop = {Double.NaN};
            StopListener rec = new StopListener() {
                @Override
                public void onStopMoved(long t, double p, double oldStop, double newStop) {
                    if (rnd.nextInt(3) == 0) {
                        moveTime[0] = t;
                        moveStop[0] = newStop;
                    }
                }

                @Override
                public void onStopHit(long t, double p, double trigger) {
                }
            };
            BarWalker w = new BarWalker(c, order, detail, prints, rec);
            for (int e = 0; e < 8; e++) {
                moveStop[0] = Double.NaN;
                int i = bars.from() + rnd.nextInt(bars.size());
                w.walk(bars, i, rnd.nextBoolean() ? Direction.LONG : Direction.SHORT);
                if (moveStop[0] == moveStop[0] && moveStop[0] > 0) {
                    int k = Arrays.binarySearch(time, moveTime[0]);
                    k = k < 0 ? -k - 1 : k;
                    k += 1 + (rnd.nextBoolean() ? rnd.nextInt(3) : rnd.nextInt(20_000)); // at once, or after a long run of trades
                    if (k < price.length) {
                        price[k] = moveStop[0];
                    }
                }
            }
        }
        return TradePrints.of(bars, intervalMillis, time, price);
    }

    private static double tick(double p) {
        return Math.round(p * 100) / 100.0;
    }

    private static long[] grow(long[] a, int n) {
        return n < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }

    private static double[] grow(double[] a, int n) {
        return n < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }
}
