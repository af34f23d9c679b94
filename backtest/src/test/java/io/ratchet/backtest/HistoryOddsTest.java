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
}
