package io.ratchet.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.engine.BarWalker;
import io.ratchet.engine.Bars;
import io.ratchet.engine.Direction;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.Mode;
import io.ratchet.engine.RandomBars;
import io.ratchet.engine.TrailingConfig;
import org.junit.jupiter.api.Test;

class HistoryOddsTest {

    @Test
    void aHandMadePathGivesTheOddsByHand() {
        // Entries at bars 0, 1, 2. Profit-lock 0.5 with a 2% initial stop, adverse-first.
        Bars b = Bars.of(new long[] {0, 1, 2, 3}, new double[] {100, 100, 105, 103}, new double[] {100, 106, 106, 103},
                new double[] {100, 99, 103, 90}, new double[] {100, 105, 103, 91});
        TrailingConfig cfg = new TrailingConfig(Mode.PROFIT_LOCK, 0.5, 0, 0.02, 0, 0, 0);
        HistoryOdds.Odds o = HistoryOdds.of(b, cfg, IntrabarOrder.ADVERSE_FIRST, null, Direction.LONG, new double[] {0, 0.05, 0.1});
        // Entry 0 at 100: bar 1 low 99 > stop 98, high 106 -> +6%, reached +5% at bar 1; later stopped.
        // Entry 1 at 100 (bar 1 open): low 99, high 106: +5% reached in bar 1 itself.
        // Entry 2 at 105: high 106 (+0.95%), stop 102.9 hit at bar 3: +5% not reached.
        assertThat(o.entries()).isEqualTo(3);
        assertThat(o.reached()).containsExactly(1.0, 2.0 / 3, 0.0);
        assertThat(o.medianBars()[0]).isEqualTo(0.0);
        assertThat(o.medianBars()[1]).isEqualTo(0.5); // 1 bar and 0 bars
        assertThat(o.medianBars()[2]).isNaN();
    }

    @Test
    void reachedSharesFallWithTheLevelAndAgreeWithTheWalk() {
        Bars b = RandomBars.of(77, 2000);
        TrailingConfig cfg = new TrailingConfig(Mode.PERCENT, 0.01, 0, Double.NaN, 0, 0.001, 0);
        double[] moves = {0, 0.002, 0.005, 0.01, 0.02};
        HistoryOdds.Odds o = HistoryOdds.of(b, cfg, IntrabarOrder.ADVERSE_FIRST, null, Direction.SHORT, moves);
        for (int k = 1; k < moves.length; k++) {
            assertThat(o.reached()[k]).isLessThanOrEqualTo(o.reached()[k - 1]);
        }
        BarWalker w = new BarWalker(cfg, IntrabarOrder.ADVERSE_FIRST);
        int count = 0;
        for (int i = 0; i < b.size() - 1; i++) {
            w.walk(b, i, Direction.SHORT);
            if (-(w.peak() - w.entry() * (1 - 0.005)) >= 0) {
                count++;
            }
        }
        assertThat(o.reached()[2]).isEqualTo((double) count / (b.size() - 1));
    }

    /** On seeded random series, the odds are those of the engine's walk of every entry and a bar-by-bar search for each level. */
    @org.junit.jupiter.params.ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theOddsAreThoseOfTheEnginesWalk(long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        Bars b = RandomBars.of(seed, 300 + rnd.nextInt(300));
        TrailingConfig cfg = RandomBars.config(rnd);
        Direction dir = rnd.nextBoolean() ? Direction.LONG : Direction.SHORT;
        IntrabarOrder order = IntrabarOrder.values()[rnd.nextInt(3)];
        double[] moves = {0, 0.003, 0.01, 0.02, 0.05};
        HistoryOdds.Odds o = HistoryOdds.of(b, cfg, order, null, dir, moves);
        int d = dir.sign();
        BarWalker w = new BarWalker(cfg, order);
        java.util.List<java.util.List<Integer>> taken = new java.util.ArrayList<>();
        for (double m : moves) {
            taken.add(new java.util.ArrayList<>());
        }
        for (int i = 0; i < b.size() - 1; i++) {
            int exit = w.walk(b, i, dir);
            for (int k = 0; k < moves.length; k++) {
                double level = w.entry() * (1 + d * moves[k]);
                if (d * (w.peak() - level) >= 0) {
                    int j = i;
                    while (d * ((d > 0 ? b.high()[j] : b.low()[j]) - level) < 0) {
                        j++;
                    }
                    assertThat(j).as("seed " + seed + " entry " + i).isLessThanOrEqualTo(exit);
                    taken.get(k).add(j - i);
                }
            }
        }
        for (int k = 0; k < moves.length; k++) {
            java.util.List<Integer> t = taken.get(k);
            t.sort(null);
            int n = t.size();
            double median = n == 0 ? Double.NaN : n % 2 == 1 ? t.get(n / 2) : (t.get(n / 2 - 1) + t.get(n / 2)) / 2.0;
            assertThat(o.reached()[k]).as("seed " + seed + " " + cfg + " level " + k).isEqualTo((double) n / (b.size() - 1));
            assertThat(o.medianBars()[k]).as("seed " + seed + " level " + k).isEqualTo(Double.valueOf(median));
        }
    }
}
