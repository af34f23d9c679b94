package io.ratchet.reports;

import io.ratchet.backtest.entry.Entries;
import io.ratchet.backtest.sweep.SweepResult;
import io.ratchet.data.kline.Gap;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.engine.DetailIndex;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.TrailingConfig;
import java.util.List;

/**
 * What a report is made from: the data, the entries, and either a sweep (whose pick is
 * charted) or a single configuration (a backtest).
 *
 * @param sweep  null for a backtest report
 * @param config the configuration of a backtest report; ignored with a sweep (its pick is used)
 * @param detail lower-timeframe bars for {@code detail}, else null
 * @param accountSpec the account of a backtest report (a sweep's own is used with a sweep); null for the default
 * @param prints the bars' trades for {@code --intrabar trades} (the walk is then on them, {@code order} for bars without
 *               trades, and the report shows the fidelity gap), else null
 * @param sweepFidelity with a sweep on trades, every configuration's fidelity gap in grid order, if the sweep has them
 *               already; null otherwise (the report then walks them itself)
 */
public record ReportInput(KlineSeries series, String dataOrigin, List<Gap> gaps, Entries entries, String entriesLabel,
                          IntrabarOrder order, DetailIndex detail, SweepResult sweep, TrailingConfig config,
                          io.ratchet.backtest.account.AccountSpec accountSpec, io.ratchet.engine.TradePrints prints,
                          List<io.ratchet.backtest.FidelityGap> sweepFidelity) {

    public ReportInput {
        if (accountSpec == null) {
            accountSpec = io.ratchet.backtest.account.AccountSpec.DEFAULT;
        }
    }

    public ReportInput(KlineSeries series, String dataOrigin, List<Gap> gaps, Entries entries, String entriesLabel,
                       IntrabarOrder order, DetailIndex detail, SweepResult sweep, TrailingConfig config,
                       io.ratchet.backtest.account.AccountSpec accountSpec, io.ratchet.engine.TradePrints prints) {
        this(series, dataOrigin, gaps, entries, entriesLabel, order, detail, sweep, config, accountSpec, prints, null);
    }

    public ReportInput(KlineSeries series, String dataOrigin, List<Gap> gaps, Entries entries, String entriesLabel,
                       IntrabarOrder order, DetailIndex detail, SweepResult sweep, TrailingConfig config,
                       io.ratchet.backtest.account.AccountSpec accountSpec) {
        this(series, dataOrigin, gaps, entries, entriesLabel, order, detail, sweep, config, accountSpec, null, null);
    }

    public ReportInput(KlineSeries series, String dataOrigin, List<Gap> gaps, Entries entries, String entriesLabel,
                       IntrabarOrder order, DetailIndex detail, SweepResult sweep, TrailingConfig config) {
        this(series, dataOrigin, gaps, entries, entriesLabel, order, detail, sweep, config, null, null, null);
    }

    /** What the walk walked: {@code trades}, or the order's name. */
    public String intrabarId() {
        return prints != null ? "trades" : order.id();
    }

    public TrailingConfig pick() {
        return sweep != null ? sweep.bestConfig() : config;
    }
}
