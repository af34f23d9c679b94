package io.ratchet.backtest.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.backtest.Backtest;
import io.ratchet.backtest.account.Account;
import io.ratchet.backtest.account.AccountFigures;
import io.ratchet.backtest.account.AccountSpec;
import io.ratchet.backtest.account.Positions;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OutOfSampleTest {
    static final KlineSeries SERIES = SyntheticKlines.randomWalk("SYN", Interval.H1, 24 * 400, 21);
    static final Bars BARS = SERIES.bars();
    static final Entries ENTRIES = Entries.every(24, 0, BARS.to(), Direction.LONG);
    static final List<TrailingConfig> GRID = Sweep.grid(List.of(Mode.PERCENT), GridSpec.parse("--trail", "0.01:0.1:0.01", false),
            new double[] {0, 0.01, 0.02}, new double[] {Double.NaN, 0.03}, 0, 0.001, 0);

    @ParameterizedTest(name = "K {0}, anchored {1}")
    @CsvSource({"3,false", "3,true", "5,false", "5,true"})
    void walkForwardTestPartsAreDisjointFromEachOtherAndFromTheirTraining(int k, boolean anchored) {
        Sweep.Options o = new Sweep.Options(IntrabarOrder.ADVERSE_FIRST, null, 2, RankBy.SHARPE, Double.NaN, k, anchored, AccountSpec.DEFAULT, 8);
        SweepResult r = Sweep.run(BARS, ENTRIES, GRID, o, null);
        assertThat(r.windows()).hasSize(k);
        int pooled = 0;
        for (int w = 0; w < k; w++) {
            Window x = r.windows().get(w);
            assertThat(x.trainTo()).isLessThanOrEqualTo(x.testFrom());
            if (w > 0) {
                assertThat(x.testFrom()).isGreaterThanOrEqualTo(r.windows().get(w - 1).testTo());
            }
            assertThat(x.trainFrom()).isEqualTo(anchored ? BARS.openTime()[0] : w == 0 ? BARS.openTime()[0] : r.windows().get(w - 1).testFrom());
            // The pick is the best on its own training range, by the account Sharpe.
            int a = BARS.indexOf(x.trainFrom());
            int b = BARS.ceilingIndex(x.trainTo());
            double best = Double.NEGATIVE_INFINITY;
            for (TrailingConfig c : GRID) {
                var bt = Backtest.run(BARS.slice(a, b), ENTRIES.within(a, b), c, IntrabarOrder.ADVERSE_FIRST, null);
                AccountFigures f = Account.run(BARS.slice(a, b), Positions.of(BARS, bt.trades(), c), AccountSpec.DEFAULT).figures();
                best = Math.max(best, f.sharpe());
            }
            assertThat(x.trainAccount().sharpe()).isEqualTo(best);
            pooled += x.test().trades();
        }
        // Pooled out of sample: the test parts only.
        assertThat(r.walkForward().trades()).isEqualTo(pooled);
        assertThat(r.walkForward().trades()).isEqualTo(ENTRIES.within(BARS.indexOf(r.windows().get(0).testFrom()), BARS.to()).size());
        assertThat(r.walkForwardAccount().entries()).isEqualTo(pooled);
        assertThat(r.robustness().pbo()).isNotNull();
        assertThat(Verdict.of(r).text()).contains("Walk-forward").contains("Probability of backtest overfitting");
    }

    /**
     * A grid over a random walk has nothing to find: the verdict must not call it an edge that
     * holds. (PBO itself need not be near one half here: configurations on one path differ
     * structurally, in exposure and fees, and those differences persist; pure noise is in PboTest.)
     */
    @Test
    void aSweepOverNoiseSaysSo() {
        KlineSeries noise = SyntheticKlines.randomWalk("SYN", Interval.H1, 24 * 720, 5);
        Entries e = Entries.every(12, 0, noise.size(), Direction.LONG);
        Sweep.Options o = new Sweep.Options(IntrabarOrder.ADVERSE_FIRST, null, 2, RankBy.SHARPE, 0.7, 0, false, AccountSpec.DEFAULT, 16);
        SweepResult r = Sweep.run(noise.bars(), e, GRID, o, null);
        assertThat(r.robustness().trials()).isEqualTo(GRID.size());
        assertThat(r.robustness().pbo().combinations()).isEqualTo(12_870);
        assertThat(r.robustness().dsrProbability()).isLessThan(0.95);
        assertThat(r.robustness().convincing()).isFalse();
        assertThat(Verdict.of(r).outcome()).isNotEqualTo(Verdict.Outcome.HOLDS);
    }

    static AccountFigures account(double returnPct, double sharpe) {
        return new AccountFigures(10_000, 10_000 * (1 + returnPct / 100), returnPct, returnPct, 5, 3, sharpe, sharpe, 1, 50, 3, 10, 10, 0, 0, 0, 0, 100);
    }

    /** A positive mean per trade that the account still lost on is no survival. */
    @Test
    void theVerdictCountsTheAccountToo() {
        List<TrailingConfig> g = GRID.subList(0, 2);
        RunSummary win = new RunSummary(10, 0.6, 0.01, 0.1, 2.0, 0.05);
        RunSummary[] is = {win, win};
        RunSummary[] oos = {win, win};
        SweepResult lost = new SweepResult(g, RankBy.SHARPE, is, oos, new int[] {0, 1}, 1, List.of(), null, AccountSpec.DEFAULT,
                new AccountFigures[] {account(12, 2), account(3, 1)}, new AccountFigures[] {account(-4, -0.5), account(1, 0.2)}, null, null, false);
        Verdict v = Verdict.of(lost);
        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.FAILS);
        assertThat(v.text()).contains("the account lost -4.00%");
        SweepResult kept = new SweepResult(g, RankBy.SHARPE, is, oos, new int[] {0, 1}, 1, List.of(), null, AccountSpec.DEFAULT,
                new AccountFigures[] {account(12, 2), account(3, 1)}, new AccountFigures[] {account(4, 0.9), account(1, 0.2)}, null, null, false);
        assertThat(Verdict.of(kept).outcome()).isEqualTo(Verdict.Outcome.HOLDS);
        assertThat(Verdict.of(kept).oosRank()).isEqualTo(1);
        SweepResult none = new SweepResult(g, RankBy.SHARPE, is, oos, new int[] {0, 1}, 1, List.of(), null, AccountSpec.DEFAULT,
                new AccountFigures[] {account(-1, -2), account(-3, -3)}, new AccountFigures[] {account(4, 0.9), account(1, 0.2)}, null, null, false);
        assertThat(Verdict.of(none).outcome()).isEqualTo(Verdict.Outcome.NO_EDGE);
    }

    @Test
    void profitFactorWithoutALosingTradeDoesNotWinByItself() {
        RunSummary threeLuckyWins = new RunSummary(3, 1.0, 0.01, 0.03, Double.NaN, 0);
        RunSummary solid = new RunSummary(100, 0.6, 0.004, 0.4, 4.0, 0.05);
        assertThat(Sweep.rank(new RunSummary[] {threeLuckyWins, solid}, RankBy.PROFIT_FACTOR)).containsExactly(1, 0);
        RunSummary longClean = new RunSummary(50, 1.0, 0.01, 0.5, Double.NaN, 0);
        assertThat(Sweep.rank(new RunSummary[] {solid, longClean}, RankBy.PROFIT_FACTOR)).containsExactly(1, 0);
    }
}
