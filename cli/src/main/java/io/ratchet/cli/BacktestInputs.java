package io.ratchet.cli;

import io.ratchet.backtest.entry.Entries;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.KlineSource;
import io.ratchet.engine.DetailIndex;
import io.ratchet.engine.IntrabarOrder;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What backtest, sweep and forecast-on-history share: data, entries, intrabar order, detail data. */
final class BacktestInputs {
    @Mixin
    DataOptions data;

    @Mixin
    EntryOptions entries;

    @Option(names = "--intrabar", paramLabel = "ORDER", defaultValue = "adverse-first",
            description = "adverse-first (default, pessimistic), favourable-first, ohlc, or detail (with --detail-data).")
    String intrabar;

    @Option(names = "--detail-data", paramLabel = "FILE|DIR|SYMBOL:INTERVAL", description = "Lower-timeframe klines for --intrabar detail (e.g. 1m under 1h).")
    String detailData;

    KlineSeries series;
    String origin;
    java.util.List<io.ratchet.data.kline.Gap> gaps;
    IntrabarOrder order;
    DetailIndex detail;

    void load(PrintWriter out) throws IOException {
        KlineSource.Resolved r = data.resolve();
        series = r.series();
        origin = r.origin();
        gaps = series.gaps();
        order = IntrabarOrder.parse(intrabar);
        if (order == IntrabarOrder.DETAIL) {
            if (detailData == null) {
                throw new UsageException("--intrabar detail needs --detail-data (lower-timeframe klines)");
            }
            KlineSource.Resolved d = KlineSource.resolve(detailData, data.store.open(), series.symbol(), null, Long.MIN_VALUE, Long.MAX_VALUE);
            if (d.series().interval().millis() >= series.interval().millis()) {
                throw new UsageException("--detail-data: its interval " + d.series().interval().id() + " is not shorter than "
                        + series.interval().id());
            }
            detail = DetailIndex.of(series.bars(), series.interval().millis(), d.series().bars());
        } else if (detailData != null) {
            throw new UsageException("--detail-data is used only with --intrabar detail");
        }
        if (!gaps.isEmpty()) {
            out.println("note: " + gaps.size() + " gaps in the data (" + gaps.stream().mapToLong(io.ratchet.data.kline.Gap::missing).sum()
                    + " missing bars); a gap is walked as a jump at the next open");
        }
    }

    Entries entries() {
        Entries e = entries.resolve(series);
        if (e.size() == 0) {
            throw new UsageException("no entries: the entry option gave no position on this data");
        }
        return e;
    }

    /** Writes the HTML report and says where it is. */
    void report(java.nio.file.Path dir, io.ratchet.backtest.entry.Entries entries, io.ratchet.backtest.sweep.SweepResult sweep,
                io.ratchet.engine.TrailingConfig config, PrintWriter out) throws IOException {
        java.nio.file.Path index = io.ratchet.reports.ReportWriter.write(new io.ratchet.reports.ReportInput(series, origin, gaps, entries,
                this.entries.describe(entries), order, detail, sweep, config), dir);
        out.println("report:   " + index);
    }

    String dataLine() {
        return series.symbol() + " " + series.interval().id() + ", " + series.size() + " bars, " + Fmt.time(series.firstOpenTime())
                + " .. " + Fmt.time(series.lastOpenTime()) + " UTC (" + origin + ")";
    }
}
