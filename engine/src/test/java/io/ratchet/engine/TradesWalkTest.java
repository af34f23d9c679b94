package io.ratchet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The "Trades (tick-exact)" rules of docs/trailing-semantics.md on a hand-made series: profit-lock
 * keeping half the profit (S = E + 0.5 (P - E)), no fee, no slippage; every expected value is
 * worked out by hand in the comments.
 */
class TradesWalkTest {
    static final long M = 60_000L;
    // bar 0: O 100 H 104 L 99   C 103   trades (10, 99) (20, 104) (30, 102.5)
    // bar 1: O 103 H 106 L 102.5 C 105  no trade: walked ohlc (C >= O: O, L, H, C)
    // bar 2: O 105 H 105 L 95   C 96    trades (120000, 105) (120007, 103.5) (120009, 102.25)
    // bar 3: O 96  H 97  L 95   C 96    no trade
    static final Bars BARS = Bars.of(new long[] {0, M, 2 * M, 3 * M}, new double[] {100, 103, 105, 96}, new double[] {104, 106, 105, 97},
            new double[] {99, 102.5, 95, 95}, new double[] {103, 105, 96, 96});
    static final TradePrints PRINTS = TradePrints.of(BARS, M, new long[] {10, 20, 30, 120_000, 120_007, 120_009},
            new double[] {99, 104, 102.5, 105, 103.5, 102.25});
    static final TrailingConfig HALF = new TrailingConfig(Mode.PROFIT_LOCK, 0.5, 0, Double.NaN, 0, 0, 0);

    @Test
    void aTradeThroughTheStopExitsAtThatTradesPriceAndTime() {
        // E = 100. 99: adverse, no stop yet. 104: P = 104, S = 102. 102.5: above S.
        // bar 1 (ohlc): gap open 103, L 102.5 > 102, H 106: P = 106, S = 103; C 105.
        // bar 2: 105 flat, 103.5 above S, 102.25 through S: exit at 102.25 (not at S = 103), at 120009 ms.
        BarWalker w = new BarWalker(HALF, IntrabarOrder.OHLC, null, PRINTS, StopListener.NONE);
        Trade t = w.trade(BARS, 0, Direction.LONG);
        assertThat(t.exitReason()).isEqualTo(ExitReason.STOP);
        assertThat(t.exitPrice()).isEqualTo(102.25);
        assertThat(t.exitTime()).isEqualTo(120_009L);
        assertThat(t.peak()).isEqualTo(106.0);
        assertThat(t.netReturn()).isEqualTo(0.0225);
        assertThat(w.exitIndex()).isEqualTo(2);

        // The same bars walked adverse-first: bar 2 falls to L 95 through S = 103, exit at S, stamped with the bar's open.
        Trade bars = new BarWalker(HALF, IntrabarOrder.ADVERSE_FIRST).trade(BARS, 0, Direction.LONG);
        assertThat(bars.exitPrice()).isEqualTo(103.0);
        assertThat(bars.exitTime()).isEqualTo(120_000L);
    }

    @Test
    void anEntryBarsTradesAreWalkedFromItsOpenAndABarWithoutTradesEndsAsForBars() {
        // E = 105 (bar 2's open). 105: flat, 103.5 and 102.25: adverse, profit-lock has no stop below E.
        // bar 3: no trade, ohlc: gap 96, L 95, H 97, C 96, never above E: END at the last close 96, stamped 180000.
        Trade t = new BarWalker(HALF, IntrabarOrder.OHLC, null, PRINTS, StopListener.NONE).trade(BARS, 2, Direction.LONG);
        assertThat(t.entryPrice()).isEqualTo(105.0);
        assertThat(t.exitReason()).isEqualTo(ExitReason.END);
        assertThat(t.exitPrice()).isEqualTo(96.0);
        assertThat(t.exitTime()).isEqualTo(180_000L);
        assertThat(t.peak()).isEqualTo(105.0);
    }

    @Test
    void aTradeExactlyAtTheStopEndsThePositionAtThatPrice() {
        // One bar O 100 H 104 L 99 C 103; trades (10, 104): S = 102; (20, 102): at S: exit at 102, at 20 ms.
        Bars one = Bars.of(new long[] {0}, new double[] {100}, new double[] {104}, new double[] {99}, new double[] {103});
        TradePrints p = TradePrints.of(one, M, new long[] {10, 20, 30}, new double[] {104, 102, 103});
        Trade t = new BarWalker(HALF, IntrabarOrder.OHLC, null, p, StopListener.NONE).trade(one, 0, Direction.LONG);
        assertThat(t.exitReason()).isEqualTo(ExitReason.STOP);
        assertThat(t.exitPrice()).isEqualTo(102.0);
        assertThat(t.exitTime()).isEqualTo(20L);
    }

    @Test
    void aShortRatchetsDownAndExitsOnTheTradeAtOrAboveTheStop() {
        // Short from E = 100: (10, 96): P = 96, S = 98; (20, 97) below S; (30, 98.5) through S: exit at 98.5, at 30 ms.
        Bars one = Bars.of(new long[] {0}, new double[] {100}, new double[] {101}, new double[] {96}, new double[] {98});
        TradePrints p = TradePrints.of(one, M, new long[] {10, 20, 30}, new double[] {96, 97, 98.5});
        Trade t = new BarWalker(HALF, IntrabarOrder.OHLC, null, p, StopListener.NONE).trade(one, 0, Direction.SHORT);
        assertThat(t.exitPrice()).isEqualTo(98.5);
        assertThat(t.exitTime()).isEqualTo(30L);
        assertThat(t.netReturn()).isEqualTo(0.015);
    }

    @Test
    void anEntryInsideABarWalksOnlyTheTradesAfterItsMillisecond() {
        // A live fill at 20 ms at 103.9, replayed: bar 0's trades at 10 (99) and 20 (104, the fill's own millisecond) are
        // not walked. 30 (102.5): adverse, no stop (profit-lock, a = 0: none until a profit). Bar 1 (ohlc): gap 103 below E,
        // L 102.5, H 106: P = 106, S = 103.9 + 0.5 * 2.1 = 104.95; C 105 above. Bar 2: 105 flat, 103.5 through S: exit at
        // 103.5 at 120007 ms. Walked from the bar's open instead (E = 100), 104 at 20 ms would have set S = 102.
        java.util.List<double[]> moves = new java.util.ArrayList<>();
        StopListener heard = new StopListener() {
            @Override
            public void onStopMoved(long time, double price, double oldStop, double newStop) {
                moves.add(new double[] {time, price, newStop});
            }

            @Override
            public void onStopHit(long time, double price, double trigger) {
                moves.add(new double[] {time, price, trigger, 1});
            }
        };
        BarWalker w = new BarWalker(HALF, IntrabarOrder.OHLC, null, PRINTS, heard);
        Trade t = w.trade(BARS, 0, Direction.LONG, 103.9, 20);
        assertThat(t.entryTime()).isEqualTo(20L);
        assertThat(t.entryPrice()).isEqualTo(103.9);
        assertThat(t.exitReason()).isEqualTo(ExitReason.STOP);
        assertThat(t.exitPrice()).isEqualTo(103.5);
        assertThat(t.exitTime()).isEqualTo(120_007L);
        assertThat(t.peak()).isEqualTo(106.0);
        assertThat(moves).hasSize(2);
        assertThat(moves.get(0)).containsExactly(M, 106, 103.9 + 0.5 * (106 - 103.9));
        assertThat(moves.get(1)).containsExactly(120_007, 103.5, 103.5, 1);

        // Without the trades the entry cannot be walked: a bar cannot say what came after a time inside it.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BarWalker(HALF, IntrabarOrder.OHLC).trade(BARS, 0, Direction.LONG, 103.9, 20))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tradesInMicrosecondsLieInTheBarOfTheirMillisecondAndAnswerInMilliseconds() {
        // 59,999,999 us is 59,999 ms: bar 0; 60,000,000 us is bar 1; 120,000,500 us is bar 2, at 120,000 ms.
        TradePrints p = TradePrints.ofMicros(BARS, M, new long[] {9_999, 59_999_999, 60_000_000, 120_000_500}, new double[] {99, 104, 105, 96});
        assertThat(new int[] {p.start(0), p.end(0), p.start(1), p.end(1), p.start(2), p.end(2), p.start(3), p.end(3)})
                .containsExactly(0, 2, 2, 3, 3, 4, 4, 4);
        assertThat(new long[] {p.time(0), p.time(1), p.time(2), p.time(3)}).containsExactly(9, 59_999, 60_000, 120_000);
        assertThat(new double[] {p.high(0), p.low(0), p.high(1)}).containsExactly(104, 99, 105);
        assertThat(p.high(3)).isNaN();
        TradePrints ms = TradePrints.of(BARS, M, new long[] {9, 59_999, 60_000, 120_000}, new double[] {99, 104, 105, 96});
        Trade a = new BarWalker(HALF, IntrabarOrder.OHLC, null, p, StopListener.NONE).trade(BARS, 0, Direction.LONG);
        Trade b = new BarWalker(HALF, IntrabarOrder.OHLC, null, ms, StopListener.NONE).trade(BARS, 0, Direction.LONG);
        assertThat(a).isEqualTo(b);
        assertThat(a.exitTime()).isEqualTo(120_000L); // 96 is through S = 102.5 (P 105): the trade's ms
    }
}
