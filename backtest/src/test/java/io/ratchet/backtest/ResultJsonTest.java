package io.ratchet.backtest;

import io.ratchet.data.config.JsonTrees;
import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.backtest.entry.Entries;
import io.ratchet.backtest.sweep.GridSpec;
import io.ratchet.backtest.sweep.RankBy;
import io.ratchet.backtest.sweep.Sweep;
import io.ratchet.backtest.sweep.SweepResult;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import io.ratchet.engine.Direction;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultJsonTest {
    @Test
    void aSweepRoundTripsThroughJsonInRankingOrder() throws Exception {
        KlineSeries s = SyntheticKlines.randomWalk("SYN", Interval.M5, 6000, 4);
        Entries e = Entries.every(20, 0, s.size(), Direction.SHORT);
        var grid = Sweep.grid(List.of(Mode.PROFIT_LOCK, Mode.PERCENT), GridSpec.parse("--trail", "0.1:0.3:0.1", false), new double[] {0},
                new double[] {Double.NaN, 0.02}, 0, 0.001, 0);
        for (Sweep.Options o : List.of(new Sweep.Options(IntrabarOrder.OHLC, null, 1, RankBy.PROFIT_FACTOR, 0.6, 0),
                new Sweep.Options(IntrabarOrder.OHLC, null, 1, RankBy.MEAN_RETURN, Double.NaN, 2))) {
            SweepResult r = Sweep.run(s.bars(), e, grid, o, null);
            String json = JsonTrees.reader().writeValueAsString(ResultJson.sweep(r));
            SweepResult back = ResultJson.readSweep(JsonTrees.reader().readTree(json), "test.json");
            assertThat(back.bestConfig()).isEqualTo(r.bestConfig());
            assertThat(back.rankBy()).isEqualTo(r.rankBy());
            assertThat(back.splitTime()).isEqualTo(r.splitTime());
            for (int k = 0; k < grid.size(); k++) {
                int c = r.ranking()[k];
                assertThat(back.grid().get(k)).isEqualTo(r.grid().get(c));
                assertThat(back.inSample()[k]).isEqualTo(r.inSample()[c]);
                assertThat(back.outOfSample()[k]).isEqualTo(r.outOfSample()[c]);
            }
            assertThat(back.windows()).hasSize(r.windows().size());
            for (int w = 0; w < r.windows().size(); w++) {
                assertThat(back.grid().get(back.windows().get(w).pick())).isEqualTo(r.grid().get(r.windows().get(w).pick()));
                assertThat(back.windows().get(w).test()).isEqualTo(r.windows().get(w).test());
            }
        }
    }
}
