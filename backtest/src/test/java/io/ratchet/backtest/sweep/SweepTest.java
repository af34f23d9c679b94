package io.ratchet.backtest.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ratchet.backtest.Backtest;
import io.ratchet.backtest.entry.Entries;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import io.ratchet.engine.Bars;
import io.ratchet.engine.Direction;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.Mode;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.TrailingConfig;
import java.util.List;
import org.junit.jupiter.api.Test;


class SweepTest {
    static final KlineSeries SERIES = SyntheticKlines.randomWalk("SYN", Interval.M1, 20_000, 9);
    static final Bars BARS = SERIES.bars();
    static final Entries ENTRIES = Entries.every(50, 0, BARS.to(), Direction.LONG);
    static final List<TrailingConfig> GRID = Sweep.grid(List.of(Mode.PROFIT_LOCK, Mode.PERCENT), GridSpec.parse("--trail", "0.1:0.5:0.1", false),
            new double[] {0, 0.002}, new double[] {Double.NaN, 0.01}, 0, 0.001, 0);

    /**
     * A sweep's pick is asked for again by the CLI on a fresh view of the series' bars (a series
     * hands out a new one each time): the same arrays and range are the same bars, so its trades
     * are the ones already walked, not a new walk; another range is walked.
     */
    @Test
    void thePickAskedForAgainOnANewViewOfTheSameBarsIsNotWalkedAgain() {
        TrailingConfig c = GRID.get(GRID.size() - 1);
        Trades first = SweepKernel.trades(SERIES.bars(), ENTRIES, c, IntrabarOrder.ADVERSE_FIRST, null);
        assertThat(SweepKernel.trades(SERIES.bars(), ENTRIES, c, IntrabarOrder.ADVERSE_FIRST, null)).isSameAs(first);
        Bars shorter = new Bars(BARS.openTime(), BARS.open(), BARS.high(), BARS.low(), BARS.close(), BARS.from(), BARS.to() - 1);
        assertThat(SweepKernel.trades(shorter, ENTRIES, c, IntrabarOrder.ADVERSE_FIRST, null)).isNotSameAs(first);
    }

    /**
     * The check that spares the walk compares the view's arrays as objects and the configuration
     * by value: an equal configuration made again is the same question; the same prices in other
     * arrays, or another low, are other bars.
     */
    @Test
    void theSameQuestionIsAnEqualConfigurationOnTheSameArraysNotTheSamePricesElsewhere() {
        TrailingConfig c = GRID.get(GRID.size() - 1);
        TrailingConfig again = c.withMode(c.mode(), c.trail());
        assertThat(again).isNotSameAs(c).isEqualTo(c);
        Trades first = SweepKernel.trades(SERIES.bars(), ENTRIES, c, IntrabarOrder.ADVERSE_FIRST, null);
        assertThat(SweepKernel.trades(SERIES.bars(), ENTRIES, again, IntrabarOrder.ADVERSE_FIRST, null)).isSameAs(first);
        Bars copied = new Bars(BARS.openTime(), BARS.open(), BARS.high(), BARS.low().clone(), BARS.close(), BARS.from(), BARS.to());
        Trades walked = SweepKernel.trades(copied, ENTRIES, c, IntrabarOrder.ADVERSE_FIRST, null);
        assertThat(walked).isNotSameAs(first);
        assertThat(SweepKernel.trades(copied, ENTRIES, c, IntrabarOrder.ADVERSE_FIRST, null)).isSameAs(walked);
    }

    /**
     * A sweep without split reads its pick's trades back from the group walk that scored it (ten
     * percent trails: one group); the trades the CLI then asks for are the engine's, every column.
     */
    @Test
    void aSweepsPickAskedForAgainIsTheEnginesTrades() {
        List<TrailingConfig> grid = Sweep.grid(List.of(Mode.PERCENT), GridSpec.parse("--trail", "0.002:0.02:0.002", false), new double[] {0},
                new double[] {Double.NaN}, 0, 0.001, 0);
        Entries every = Entries.every(3, 0, BARS.to(), Direction.LONG);
        SweepResult r = Sweep.run(BARS, every, grid, new Sweep.Options(IntrabarOrder.ADVERSE_FIRST, null, 2, RankBy.TOTAL_RETURN, Double.NaN, 0), null);
        Trades pick = SweepKernel.trades(SERIES.bars(), every, r.bestConfig(), IntrabarOrder.ADVERSE_FIRST, null);
        List<io.ratchet.engine.Trade> engine = Backtest.run(BARS, every, r.bestConfig(), IntrabarOrder.ADVERSE_FIRST, null).trades();
        assertThat(pick.size()).isEqualTo(engine.size());
        for (int e = 0; e < engine.size(); e++) {
            assertThat(pick.exitTime(e)).as("entry %d", e).isEqualTo(engine.get(e).exitTime());
            assertThat(Double.doubleToLongBits(pick.exitPrice(e))).as("entry %d", e).isEqualTo(Double.doubleToLongBits(engine.get(e).exitPrice()));
            assertThat(Double.doubleToLongBits(pick.netReturn(e))).as("entry %d", e).isEqualTo(Double.doubleToLongBits(engine.get(e).netReturn()));
            assertThat(pick.peak(e)).as("entry %d", e).isEqualTo(engine.get(e).peak());
            assertThat(pick.reason(e)).as("entry %d", e).isEqualTo(engine.get(e).exitReason());
        }
        assertThat(pick.summary()).isEqualTo(RunSummary.of(engine));
    }

    @Test
    void rangesIncludeBothEndsWithoutDrift() {
        double[] t = GridSpec.parse("--trail", "0.05:0.95:0.05", false);
        assertThat(t).hasSize(19);
        assertThat(t[0]).isEqualTo(0.05);
        assertThat(t[18]).isEqualTo(0.95);
        assertThat(t[2]).isEqualTo(0.15);
        assertThat(GridSpec.parse("--initial-stop", "none,0.02,0.05", true)).containsExactly(Double.NaN, 0.02, 0.05);
        assertThat(GridSpec.parse("--activation", "0:0.02:0.005", false)).containsExactly(0, 0.005, 0.01, 0.015, 0.02);
        assertThatThrownBy(() -> GridSpec.parse("--trail", "0.5:0.1:0.1", false)).hasMessageContaining("backwards");
        assertThatThrownBy(() -> GridSpec.parse("--trail", "none", false)).hasMessageContaining("'none' is not allowed");
        assertThatThrownBy(() -> GridSpec.parse("--trail", "0.1:x:0.1", false)).hasMessageContaining("'x' is not a number");
    }

    @Test
    void aSweepWithoutSplitScoresEachConfigurationAsABacktestDoes() {
        Sweep.Options o = new Sweep.Options(IntrabarOrder.ADVERSE_FIRST, null, 2, RankBy.TOTAL_RETURN, Double.NaN, 0);
        SweepResult r = Sweep.run(BARS, ENTRIES, GRID, o, null);
        assertThat(r.grid()).hasSize(40);
        for (int c = 0; c < GRID.size(); c++) {
            RunSummary plain = Backtest.run(BARS, ENTRIES, GRID.get(c), IntrabarOrder.ADVERSE_FIRST, null).summary();
            assertThat(r.inSample()[c]).as("config %d", c).isEqualTo(plain);
        }
        for (int k = 1; k < r.ranking().length; k++) {
            assertThat(r.inSample()[r.ranking()[k - 1]].totalReturn()).isGreaterThanOrEqualTo(r.inSample()[r.ranking()[k]].totalReturn());
        }
    }

    @Test
    void aSplitWalksEachPartOnItsOwnBarsAndPicksOnInSampleOnly() throws java.io.IOException {
        Sweep.Options o = new Sweep.Options(IntrabarOrder.ADVERSE_FIRST, null, 2, RankBy.MEAN_RETURN, 0.7, 0);
        SweepResult r = Sweep.run(BARS, ENTRIES, GRID, o, null);
        int cut = 14_000;
        assertThat(r.splitTime()).isEqualTo(BARS.openTime()[cut]);
        TrailingConfig best = r.bestConfig();
        RunSummary is = Backtest.run(BARS.slice(0, cut), ENTRIES.within(0, cut), best, IntrabarOrder.ADVERSE_FIRST, null).summary();
        RunSummary oos = Backtest.run(BARS.slice(cut, BARS.to()), ENTRIES.within(cut, BARS.to()), best, IntrabarOrder.ADVERSE_FIRST, null).summary();
        assertThat(r.inSample()[r.best()]).isEqualTo(is);
        assertThat(r.outOfSample()[r.best()]).isEqualTo(oos);
        for (RunSummary s : r.inSample()) {
            assertThat(RankBy.MEAN_RETURN.order().compare(is, s)).isLessThanOrEqualTo(0);
        }
        assertThat(Verdict.of(r)).isNotNull();
        SweepTable t = SweepTable.of(r);
        assertThat(t.rowCount()).isEqualTo(40);
        assertThat(t.columnNames()).startsWith("mode", "trail", "activation", "initialStop", "is_trades", "is_winRate")
                .contains("oos_maxDrawdown");
        // The first row is the pick, its figures as the engine's own backtest gave them above.
        assertThat(t.cell(0, "trail")).isEqualTo(Double.toString(best.trail()));
        assertThat(t.cell(0, "initialStop")).isEqualTo(best.hasInitialStop() ? Double.toString(best.initialStop()) : "");
        assertThat(t.cell(0, "is_trades")).isEqualTo(Integer.toString(is.trades()));
        assertThat(Double.parseDouble(t.cell(0, "oos_meanReturn"))).isEqualTo(oos.meanReturn());
        java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
        SweepTable.writeCsv(t, csv);
        String[] lines = csv.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
        assertThat(lines).hasSize(42); // header, 40 rows, and the last line's end
        assertThat(lines[0]).isEqualTo(String.join(",", t.columnNames()));
        assertThat(lines[1].split(",", -1)).hasSize(t.columnNames().size()).startsWith(best.mode().id(), Double.toString(best.trail()));
    }

    @Test
    void walkForwardTestsEachWindowsPickOnTheNextWindow() {
        Sweep.Options o = new Sweep.Options(IntrabarOrder.ADVERSE_FIRST, null, 1, RankBy.TOTAL_RETURN, Double.NaN, 3);
        SweepResult r = Sweep.run(BARS, ENTRIES, GRID, o, null);
        assertThat(r.windows()).hasSize(3);
        int pooledTrades = 0;
        for (Window w : r.windows()) {
            assertThat(w.testFrom()).isGreaterThanOrEqualTo(w.trainTo());
            int a = BARS.indexOf(w.testFrom());
            int b = BARS.ceilingIndex(w.testTo());
            RunSummary test = Backtest.run(BARS.slice(a, b), ENTRIES.within(a, b), GRID.get(w.pick()), IntrabarOrder.ADVERSE_FIRST, null).summary();
            assertThat(w.test()).isEqualTo(test);
            pooledTrades += test.trades();
        }
        assertThat(r.walkForward().trades()).isEqualTo(pooledTrades);
        assertThatThrownBy(() -> new Sweep.Options(IntrabarOrder.ADVERSE_FIRST, null, 1, RankBy.TOTAL_RETURN, 0.7, 3)).hasMessageContaining("not both");
    }

    @Test
    void rankingPutsUndefinedScoresLastAndDrawdownLowFirst() {
        RunSummary good = new RunSummary(10, 0.6, 0.01, 0.1, 2.0, 0.05);
        RunSummary bad = new RunSummary(10, 0.4, -0.01, -0.1, 0.5, 0.2);
        RunSummary none = RunSummary.of(List.of());
        assertThat(Sweep.rank(new RunSummary[] {none, bad, good}, RankBy.TOTAL_RETURN)).containsExactly(2, 1, 0);
        assertThat(Sweep.rank(new RunSummary[] {bad, good}, RankBy.MAX_DRAWDOWN)).containsExactly(1, 0);
        assertThat(Sweep.rank(new RunSummary[] {none, bad, good}, RankBy.MAX_DRAWDOWN)).containsExactly(2, 1, 0);
    }
}
