package io.ratchet.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ratchet.backtest.account.AccountSpec;
import io.ratchet.backtest.entry.Entries;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import io.ratchet.data.trades.SyntheticTrades;
import io.ratchet.data.trades.TradeKlines;
import io.ratchet.data.trades.TradeSeries;
import io.ratchet.engine.Bars;
import io.ratchet.engine.Direction;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TradePrints;
import io.ratchet.engine.TrailingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A sweep's fidelity gap per configuration ({@link FidelityGap.Setup#grid}) on FidelityGapTest's
 * hand-made 5m bars and trades, three configurations, no fee; every exit worked out by hand below.
 * Walk rules: trades are prints (a hit fills at the print through the stop); bars fill at the stop
 * unless an open gaps through it; adverse-first walks a long's low first; ohlc (a bar without trades,
 * and each 1m bar of detail) walks the high first when the bar closes below its open, else the low.
 */
class FidelityGridTest {
    static final TrailingConfig HALF = FidelityGapTest.HALF; // profit-lock 0.5: S = E + 0.5 (P - E), once P > E
    static final TrailingConfig QUARTER = new TrailingConfig(Mode.PROFIT_LOCK, 0.25, 0, Double.NaN, 0, 0, 0);
    static final TrailingConfig PCT2 = new TrailingConfig(Mode.PERCENT, 0.02, 0, Double.NaN, 0, 0, 0); // S = 0.98 P from the entry

    @Test
    void eachConfigurationCountsTheExitsThatDifferFromItsOwnTradesWalk() {
        List<FidelityGap> g = FidelityGap.on(FidelityGapTest.BARS, FidelityGapTest.M5, FidelityGapTest.PRINTS)
                .grid(FidelityGapTest.EVERY_BAR, new TrailingConfig[] {HALF, QUARTER, PCT2}, null, 2, null);
        assertThat(g).hasSize(3);

        // profit-lock 0.5, as FidelityGapTest: adverse-first differs at entries 0 (bar 1 against bar 0) and 2 (97.5 against 97);
        // detail only at entry 2 (97.5 against 97).
        FidelityGap half = g.get(0);
        assertThat(half.trades().summary().totalReturn()).isCloseTo(0.015 + 0.25 / 103 + 1 / 96.0, within(1e-12));
        counts(half.adverseFirst(), 2, 1, 1, 0.005 + 0.5 / 96);
        counts(half.detail(), 1, 0, 1, 0.5 / 96);
        assertThat(half.adverseFirst().worst().entry()).isEqualTo(2);
        assertThat(half.trades().trades()).isNull(); // figures only

        // profit-lock 0.25. Entry 0 (E 100): trades 100.5, 104 (S 101), 101.5 above S, 99 through it: exit at the print 99 (bar 0).
        //   Adverse-first: L 99 (no stop yet), H 104 (S 101), C 103; bar 1 opens 103, L 95: exit at S = 101 in bar 1 (another bar).
        //   Detail: minute 0 (C > O: low first) L 100.5, H 104 (S 101); minute 1 opens 101.5, C > O: L 99 through S: exit at S = 101,
        //   bar 0 (the same bar, another price).
        // Entry 1 (E 103, bar 1 without trades): every walk H 103.5 (S 103.125) then L 95 (adverse-first: L 95 before any stop, H, then
        //   C 96 through S): exit at 103.125 on all three, no difference.
        // Entry 2 (E 96): trades 96, 99 (S 96.75), 97 above S, 91 through it: exit at the print 91. Adverse-first: L 91 (no stop),
        //   H 99 (S 96.75), C 91: exit at S = 96.75 (same bar). Detail: minute 10 takes S to 96.75 and closes at 97; minute 12 opens
        //   at 91, a gap through S: exit at that open, 91, as on the trades.
        FidelityGap quarter = g.get(1);
        assertThat(quarter.trades().summary().totalReturn()).isCloseTo(-0.01 + 0.125 / 103 - 5 / 96.0, within(1e-12));
        counts(quarter.adverseFirst(), 2, 1, 1, 0.02 + 5.75 / 96);
        counts(quarter.detail(), 1, 0, 1, 0.02);
        assertThat(quarter.adverseFirst().worst().entry()).isEqualTo(2);
        assertThat(quarter.adverseFirst().worst().onTrades().exitPrice()).isEqualTo(91.0);
        assertThat(quarter.adverseFirst().worst().onBars().exitPrice()).isEqualTo(96.75);
        assertThat(quarter.detail().worst().entry()).isZero();
        assertThat(quarter.detail().worst().onBars().exitPrice()).isEqualTo(101.0);

        // percent 0.02. Entry 0 (E 100, S 98): trades 100.5, 104 (S 101.92), 101.5 through S: exit at 101.5 (bar 0).
        //   Adverse-first: L 99 above S 98, H 104 (S 101.92), C 103; bar 1: L 95, exit at S 101.92 in bar 1 (another bar).
        //   Detail: minute 0 takes S to 101.92; minute 1 opens at 101.5, a gap through it: exit at 101.5, as the trades.
        // Entry 1 (E 103, S 100.94; no trades): ohlc H 103.5 (S 101.43), L 95: exit at 101.43 (trades and detail);
        //   adverse-first L 95 first: exit at S = 100.94 (same bar, another price).
        // Entry 2 (E 96, S 94.08): trades 96, 99 (S 97.02), 97 through S: exit at the print 97. Adverse-first: L 91 first: exit at
        //   94.08 (same bar). Detail: minute 10 L 96, H 99 (S 97.02), C 97 through S: exit at S = 97.02 (same bar, another price).
        FidelityGap pct = g.get(2);
        double s0 = 104 * (1 - 0.02);
        double s1 = 103 * (1 - 0.02);
        double s1t = 103.5 * (1 - 0.02);
        double s2 = 96 * (1 - 0.02);
        double s2d = 99 * (1 - 0.02);
        counts(pct.adverseFirst(), 3, 1, 2, (s0 - 101.5) / 100 + (s1 - s1t) / 103 + (s2 - 97) / 96);
        counts(pct.detail(), 1, 0, 1, (s2d - 97) / 96);
        assertThat(pct.detail().worst().entry()).isEqualTo(2);
    }

    private static void counts(FidelityGap.Comparison c, int differ, int inAnotherBar, int sameBar, double totalDelta) {
        assertThat(c.exits()).isEqualTo(3);
        assertThat(c.differ()).isEqualTo(differ);
        assertThat(c.inAnotherBar()).isEqualTo(inAnotherBar);
        assertThat(c.sameBarOtherwise()).isEqualTo(sameBar);
        assertThat(c.totalReturnDelta()).isCloseTo(totalDelta, within(1e-12));
        assertThat(c.meanReturnDelta()).isCloseTo(totalDelta / 3, within(1e-12));
        assertThat(c.accountReturnPctDelta()).isNaN(); // no account asked for
    }

    @Test
    void theGridsFiguresAreTheEnginesConfigurationByConfigurationInBlocksOfTheGrid() {
        // Invented prints in 1m bars, 1h bars from them: both directions, both modes, activations and initial stops, time exits.
        KlineSeries k = SyntheticKlines.randomWalk("SYNX", Interval.M1, 3_000, 11);
        TradeSeries ts = SyntheticTrades.inKlines(k, "SYNX", 5, 4);
        KlineSeries hours = TradeKlines.build(ts, Interval.H1);
        Bars bars = hours.bars();
        TradePrints p = Prints.of(bars, Interval.H1.millis(), ts);
        int n = bars.size() - 1;
        int[] at = new int[n];
        Direction[] dir = new Direction[n];
        for (int i = 0; i < n; i++) {
            at[i] = i;
            dir[i] = i % 3 == 0 ? Direction.SHORT : Direction.LONG;
        }
        Entries e = new Entries(at, dir);
        List<TrailingConfig> grid = new ArrayList<>();
        for (double t : new double[] {0.002, 0.005, 0.01}) {
            grid.add(new TrailingConfig(Mode.PERCENT, t, 0, Double.NaN, 0, 0.001, 0));
            grid.add(new TrailingConfig(Mode.PERCENT, t, 0.003, 0.01, 5, 0.001, 0.0005));
        }
        for (double t : new double[] {0.3, 0.6}) {
            grid.add(new TrailingConfig(Mode.PROFIT_LOCK, t, 0, 0.01, 0, 0.001, 0));
        }
        TrailingConfig[] g = grid.toArray(new TrailingConfig[0]);
        FidelityGap.Setup setup = FidelityGap.on(bars, Interval.H1.millis(), p);
        AtomicLong progress = new AtomicLong();
        List<FidelityGap> rows = setup.grid(e, g, AccountSpec.DEFAULT, 2, progress, 3L * n); // blocks of 3, 3 and 2 configurations
        assertThat(progress.get()).isEqualTo(3L * n * 3);
        assertThat(FidelityGap.gridSteps(n, g.length)).isEqualTo(3L * n); // one block: the grid is far below a block
        int differing = 0;
        for (int c = 0; c < g.length; c++) {
            FidelityGap one = setup.gap(e, g[c], AccountSpec.DEFAULT);
            FidelityGap row = rows.get(c);
            assertThat(row.trades().summary()).as(g[c].label()).isEqualTo(one.trades().summary());
            assertThat(row.trades().accountReturnPct()).isEqualTo(one.trades().accountReturnPct());
            for (String w : List.of("adverse-first", "detail")) {
                FidelityGap.Comparison a = row.against(w);
                FidelityGap.Comparison b = one.against(w);
                assertThat(a.walk().summary()).as(g[c].label() + " " + w).isEqualTo(b.walk().summary());
                assertThat(a.walk().accountReturnPct()).isEqualTo(b.walk().accountReturnPct());
                assertThat(List.of(a.differ(), a.inAnotherBar(), a.sameBarOtherwise())).isEqualTo(List.of(b.differ(), b.inAnotherBar(), b.sameBarOtherwise()));
                assertThat(a.totalReturnDelta()).isEqualTo(b.totalReturnDelta());
                assertThat(a.accountReturnPctDelta()).isEqualTo(b.accountReturnPctDelta());
                assertThat(a.worst()).isEqualTo(b.worst());
                differing += a.differ();
            }
        }
        assertThat(differing).isPositive(); // the comparison compared something
    }
}
