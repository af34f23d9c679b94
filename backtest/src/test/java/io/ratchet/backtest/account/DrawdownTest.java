package io.ratchet.backtest.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ratchet.engine.Bars;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading blocks of bars, or runs under a peak, gives the drawdown of the rule walked bar by bar, to the bit. */
class DrawdownTest {
    static LongStream seeds() {
        return LongStream.rangeClosed(1, 60);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void blocksGiveTheFiguresOfEveryBar(long seed) {
        Random r = new Random(seed);
        check(seed, r, 2_000 + r.nextInt(3_000), true);
    }

    static LongStream longSeeds() {
        return LongStream.rangeClosed(1, 6);
    }

    /** A range too long for the table (a year of 1m bars is): whole aligned blocks, aligned eights, and the bars between them one by one. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("longSeeds")
    void alignedBlocksGiveTheFiguresOfEveryBarWhereThereIsNoTable(long seed) {
        Random r = new Random(seed);
        check(seed, r, CloseBlocks.TABLE_MAX + 1 + r.nextInt(20_000), false);
    }

    private static void check(long seed, Random r, int n, boolean table) {
        int offset = r.nextInt(40); // a range that does not start at bar 0: blocks align to the range
        long[] open = new long[offset + n];
        double[] close = new double[offset + n];
        double p = 100;
        for (int i = 0; i < open.length; i++) {
            open[i] = 1_600_000_000_000L + 60_000L * i;
            int kind = r.nextInt(10);
            p = kind == 0 ? p : Math.max(1, p * (1 + (kind < 3 ? 0.02 : 0.004) * r.nextGaussian()));
            close[i] = kind == 1 ? Math.rint(p) : p; // repeated and rounded prices: ties with the peak
        }
        Bars bars = new Bars(open, close.clone(), close.clone(), close.clone(), close, offset, offset + n);
        CloseBlocks blocks = CloseBlocks.of(bars);
        assertEquals(table, blocks.hasTable, "seed " + seed + ": the table is there for short ranges only");
        Drawdown fast = new Drawdown(10_000, open[offset]);
        Drawdown each = new Drawdown(10_000, open[offset]);
        Drawdown single = new Drawdown(10_000, open[offset]); // the bars fed one at a time, as the account does between events a bar apart
        // The contract's rule as it reads: at every close, the running peak, the fall from it, the time under it.
        double rPeak = 10_000;
        long rPeakTime = open[offset];
        double rDd = 0;
        long rUnder = 0;
        int i = offset;
        int segments = 0;
        int skipped = 0;
        while (i < offset + n) {
            // Without the table, runs also of many blocks (positions held for days between events).
            int end = Math.min(offset + n, i + 1 + r.nextInt(r.nextBoolean() ? 8 : table ? 400 : 1_200));
            // An account between two events: cash + A and B of the open positions (B < 0 for shorts, 0 for none).
            double b = switch (r.nextInt(4)) {
                case 0 -> 0;
                case 1 -> -r.nextDouble() * 40;
                default -> r.nextDouble() * 40;
            };
            // Half the segments start under the first peak, so that whole blocks hold no new one.
            double base = 10_000 - b * close[i] + (r.nextBoolean() ? -1 : 1) * 500 * Math.abs(r.nextGaussian());
            skipped += fast.marks(base, b, close, open, 60_000L, i, end, blocks);
            each.eachBar(base, b, close, open, 60_000L, i, end);
            for (int j = i; j < end; j++) {
                single.one(base + b * close[j], open[j] + 60_000L);
            }
            for (int j = i; j < end; j++) {
                double eq = base + b * close[j];
                long t = open[j] + 60_000L;
                if (eq < rPeak) {
                    rUnder = Math.max(rUnder, t - rPeakTime);
                } else {
                    rPeak = eq;
                    rPeakTime = t;
                }
                rDd = Math.max(rDd, (rPeak - eq) / rPeak);
            }
            String at = "seed " + seed + ", segment " + segments + " [" + i + ", " + end + ")";
            for (Drawdown d : new Drawdown[] {fast, each, single}) {
                String which = at + (d == fast ? " (blocks)" : d == each ? " (bar by bar)" : " (one bar at a time)");
                assertEquals(Double.doubleToRawLongBits(rPeak), Double.doubleToRawLongBits(d.peak), which + ": peak");
                assertEquals(rPeakTime, d.peakTime, which + ": peak time");
                assertEquals(Double.doubleToRawLongBits(rDd), Double.doubleToRawLongBits(d.maxDd()), which + ": max drawdown");
                assertEquals(rUnder, d.longestUnder(), which + ": longest under water");
            }
            segments++;
            i = end;
        }
        assertTrue(segments > 3, "seed " + seed + ": several segments");
        assertTrue(skipped > 0, "seed " + seed + ": some bars were read as blocks");
    }
}
