package io.ratchet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invariants of the contract over seeded random series and configurations. Each case is
 * one seed; a failure names it, and {@code RandomBars.of(seed, ...)} replays it exactly.
 */
class TrailingPropertiesTest {

    static LongStream seeds() {
        return LongStream.range(1, 301);
    }

    /** Records every event with the peak and stop right after it. */
    private static final class Recorder implements StopListener {
        final List<double[]> moves = new ArrayList<>();
        int hits;
        TrailingStop stop;

        @Override
        public void onStopMoved(long time, double price, double oldStop, double newStop) {
            moves.add(new double[] {oldStop, newStop, price});
        }

        @Override
        public void onStopHit(long time, double price, double trigger) {
            hits++;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theStopNeverLoosensAndNeverPassesTheExtreme(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        TrailingConfig cfg = RandomBars.config(rnd);
        Direction dir = rnd.nextBoolean() ? Direction.LONG : Direction.SHORT;
        Bars bars = RandomBars.of(seed, 400);
        int d = dir.sign();
        Recorder rec = new Recorder();
        TrailingStop s = new TrailingStop(cfg, rec);
        String why = "seed " + seed + ", " + cfg + ", " + dir;
        double prevStop = Double.NaN;
        s.open(dir, bars.open()[0], 0);
        outer:
        for (int i = 0; i < bars.to(); i++) {
            double[] pts = {bars.open()[i], bars.low()[i], bars.high()[i], bars.close()[i]};
            for (int k = i == 0 ? 1 : 0; k < 4; k++) {
                int r = k == 0 ? s.onGap(i, pts[k]) : s.onPrice(i, pts[k]);
                if (s.hasStop()) {
                    if (prevStop == prevStop) {
                        assertThat(d * (s.stop() - prevStop)).as(why + ": stop loosened at bar " + i).isGreaterThanOrEqualTo(0);
                    }
                    assertThat(d * (s.peak() - s.stop())).as(why + ": stop beyond the extreme at bar " + i).isGreaterThanOrEqualTo(0);
                    prevStop = s.stop();
                }
                if (r == TrailingStop.HIT) {
                    assertThat(d * (s.trigger() - prevStop)).as(why + ": exit better than the stop").isLessThanOrEqualTo(0);
                    break outer;
                }
            }
        }
        for (double[] m : rec.moves) {
            if (m[0] == m[0]) {
                assertThat(d * (m[1] - m[0])).as(why + ": a move that loosened").isGreaterThan(0);
            }
        }
        assertThat(rec.hits).as(why).isLessThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void longOnAPathEqualsShortOnTheMirroredPath(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        TrailingConfig random = RandomBars.config(rnd);
        // percent is a distance proportional to the extreme, which a mirror does not preserve;
        // profit-lock is linear in (P - E) and mirrors exactly.
        TrailingConfig cfg = random.withMode(Mode.PROFIT_LOCK, 0.05 + 0.95 * rnd.nextDouble());
        // ohlc is left out: a doji (C = O) stays a doji in the mirror, so its order does not flip.
        IntrabarOrder order = rnd.nextBoolean() ? IntrabarOrder.ADVERSE_FIRST : IntrabarOrder.FAVOURABLE_FIRST;
        Bars bars = RandomBars.of(seed, 300);
        int entry = rnd.nextInt(50);
        double e = bars.open()[entry];
        Bars mirror = mirror(bars, e);
        String why = "seed " + seed + ", " + cfg + ", " + order;

        // The long's adverse-first (O, L, H, C) on the mirror is the short's adverse-first
        // (O, H', L', C'): the same order name walks mirrored points in the same sequence.
        BarWalker longWalker = new BarWalker(cfg, order);
        BarWalker shortWalker = new BarWalker(cfg, order);
        int exitLong = longWalker.walk(bars, entry, Direction.LONG);
        int exitShort = shortWalker.walk(mirror, entry, Direction.SHORT);
        assertThat(exitShort).as(why).isEqualTo(exitLong);
        assertThat(shortWalker.reason()).as(why).isEqualTo(longWalker.reason());
        assertThat(shortWalker.trigger()).as(why).isCloseTo(2 * e - longWalker.trigger(), within(1e-9 * e));
        assertThat(shortWalker.peak()).as(why).isCloseTo(2 * e - longWalker.peak(), within(1e-9 * e));
    }

    private static Bars mirror(Bars b, double e) {
        int n = b.to();
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            o[i] = 2 * e - b.open()[i];
            h[i] = 2 * e - b.low()[i];
            l[i] = 2 * e - b.high()[i];
            c[i] = 2 * e - b.close()[i];
        }
        return Bars.of(b.openTime(), o, h, l, c);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theWalkerEqualsFeedingTheTrackerPointByPoint(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        TrailingConfig cfg = RandomBars.config(rnd).withMaxBars(0);
        Direction dir = rnd.nextBoolean() ? Direction.LONG : Direction.SHORT;
        Bars bars = RandomBars.of(seed, 300);
        int entry = rnd.nextInt(100);
        BarWalker w = new BarWalker(cfg, IntrabarOrder.ADVERSE_FIRST);
        int exit = w.walk(bars, entry, dir);

        // The same thing by hand, as a live feed would: every point in adverse-first order.
        TrailingStop s = new TrailingStop(cfg);
        s.open(dir, bars.open()[entry], 0);
        int hitBar = -1;
        for (int i = entry; i < bars.to() && hitBar < 0; i++) {
            boolean lowFirst = dir == Direction.LONG;
            double x1 = lowFirst ? bars.low()[i] : bars.high()[i];
            double x2 = lowFirst ? bars.high()[i] : bars.low()[i];
            if ((i > entry && s.onGap(i, bars.open()[i]) == TrailingStop.HIT)
                    || s.onPrice(i, x1) == TrailingStop.HIT || s.onPrice(i, x2) == TrailingStop.HIT
                    || s.onPrice(i, bars.close()[i]) == TrailingStop.HIT) {
                hitBar = i;
            }
        }
        String why = "seed " + seed + ", " + cfg + ", " + dir;
        if (hitBar >= 0) {
            assertThat(w.reason()).as(why).isEqualTo(ExitReason.STOP);
            assertThat(exit).as(why).isEqualTo(hitBar);
            assertThat(w.trigger()).as(why).isEqualTo(s.trigger());
        } else {
            assertThat(w.reason()).as(why).isEqualTo(ExitReason.END);
            assertThat(w.trigger()).as(why).isEqualTo(bars.close()[bars.to() - 1]);
        }
    }
}
