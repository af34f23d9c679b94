package io.ratchet.reports;

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
import io.ratchet.engine.TrailingConfig;
import java.util.List;

/** A small sweep on seeded synthetic bars, with a symbol that tries to inject markup. */
final class Fixtures {
    static final String EVIL = "<script>alert(1)</script>";

    private Fixtures() {
    }

    static ReportInput sweepReport() {
        KlineSeries s = SyntheticKlines.randomWalk(EVIL, Interval.H1, 3000, 21);
        Entries e = Entries.every(12, 0, s.size(), Direction.LONG);
        List<TrailingConfig> grid = Sweep.grid(List.of(Mode.PROFIT_LOCK, Mode.PERCENT), GridSpec.parse("--trail", "0.1:0.5:0.1", false),
                new double[] {0, 0.01}, new double[] {Double.NaN, 0.03}, 0, 0.001, 0);
        SweepResult r = Sweep.run(s.bars(), e, grid, new Sweep.Options(IntrabarOrder.ADVERSE_FIRST, null, 1, RankBy.TOTAL_RETURN, 0.7, 0), null);
        return new ReportInput(s, "synthetic \"" + EVIL + "\"", s.gaps(), e, "every 12 bars", IntrabarOrder.ADVERSE_FIRST, null, r, null);
    }
}
