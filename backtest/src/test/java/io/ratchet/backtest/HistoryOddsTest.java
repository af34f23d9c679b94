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
    void onTradesAHandMadePathGivesTheOddsByHand() {
        // Three 1m bars, percent 10% (never hit here). Entries at bars 0 and 1, long.
        // bar 0: O 100, trades 99, 98.5, all below the entry: +0% is reached at the entry itself (0 bars), not by a later bar.
        // bar 1: O 99, no trade: walked as a bar (ohlc: 99, 98, 103, 101).
        // bar 2: O 101, trades 104, 102.
        // Entry 0 (E 100): +2% = 102 first reached by bar 1's high (1 bar); +5% = 105 never (P = 104).
        // Entry 1 (E 99, bar 1 from its open): +2% = 100.98 in bar 1 (0 bars); +5% = 103.95 by bar 2's trade 104 (1 bar).
        Bars b = Bars.of(new long[] {0, 60_000, 120_000}, new double[] {100, 99, 101}, new double[] {101, 103, 104},
                new double[] {98, 98, 100}, new double[] {99, 101, 102});
        io.ratchet.engine.TradePrints p = io.ratchet.engine.TradePrints.of(b, 60_000, new long[] {10, 20, 120_010, 120_020},
                new double[] {99, 98.5, 104, 102});
        TrailingConfig cfg = new TrailingConfig(Mode.PERCENT, 0.1, 0, Double.NaN, 0, 0, 0);
        HistoryOdds.Odds o = HistoryOdds.of(b, cfg, IntrabarOrder.OHLC, null, p, Direction.LONG, new double[] {0, 0.02, 0.05});
        assertThat(o.entries()).isEqualTo(2);
        assertThat(o.reached()).containsExactly(1.0, 1.0, 0.5);
        assertThat(o.medianBars()[0]).isEqualTo(0.0); // both at their entry
        assertThat(o.medianBars()[1]).isEqualTo(0.5); // 1 bar and 0 bars
        assertThat(o.medianBars()[2]).isEqualTo(1.0); // entry 1 only
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

    /**
     * On trades: the odds are those of the engine's tick-exact walk of every entry, and the bar a
     * level was reached in is found by walking the bars up to each candidate bar (the extreme
     * through bar j only grows with j): no shortcut of the odds' own.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "trades seed {0}")
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void onTradesTheOddsAreThoseOfTheEnginesWalkOfTheTrades(long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed * 7 + 3);
        Bars b = RandomBars.of(seed, 120 + rnd.nextInt(120));
        io.ratchet.engine.TradePrints prints = io.ratchet.engine.RandomPrints.of(rnd, b, 60_000L);
        TrailingConfig cfg = RandomBars.config(rnd);
        Direction dir = rnd.nextBoolean() ? Direction.LONG : Direction.SHORT;
        double[] moves = {0, 0.003, 0.01, 0.02, 0.05};
        HistoryOdds.Odds o = HistoryOdds.of(b, cfg, IntrabarOrder.OHLC, null, prints, dir, moves);
        int d = dir.sign();
        BarWalker w = new BarWalker(cfg, IntrabarOrder.OHLC, null, prints, io.ratchet.engine.StopListener.NONE);
        java.util.List<java.util.List<Integer>> taken = new java.util.ArrayList<>();
        for (double m : moves) {
            taken.add(new java.util.ArrayList<>());
        }
        for (int i = 0; i < b.size() - 1; i++) {
            int exit = w.walk(b, i, dir);
            double entry = w.entry();
            double peak = w.peak();
            for (int k = 0; k < moves.length; k++) {
                double level = entry * (1 + d * moves[k]);
                if (d * (peak - level) >= 0) {
                    int lo = i;
                    int hi = exit;
                    while (lo < hi) { // the first bar j through which the walk's extreme reaches the level
                        int mid = (lo + hi) >>> 1;
                        w.walk(b.slice(b.from(), mid + 1), i, dir);
                        if (d * (w.peak() - level) >= 0) {
                            hi = mid;
                        } else {
                            lo = mid + 1;
                        }
                    }
                    taken.get(k).add(lo - i);
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
