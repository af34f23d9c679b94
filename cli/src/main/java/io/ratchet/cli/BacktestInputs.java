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
            description = "adverse-first (default, pessimistic), favourable-first, ohlc, detail (with --detail-data), "
                    + "or trades (each bar replaced by its trades, with --detail-data; bars without trades walk with ohlc).")
    String intrabar;

    @Option(names = "--detail-data", paramLabel = "FILE|DIR|SYMBOL:INTERVAL|SYMBOL:trades",
            description = "Lower-timeframe klines for --intrabar detail (e.g. 1m under 1h); for --intrabar trades, an aggTrades dump or SYMBOL:trades.")
    String detailData;

    /** The trades under the bars with {@code --intrabar trades}, else null. */
    io.ratchet.engine.TradePrints prints;

    /** Set by backtest, the one command that walks an entry from a time inside its bar (a live position replayed). */
    boolean exactEntriesAllowed;
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
        if (isTrades(intrabar)) {
            order = IntrabarOrder.OHLC;
            prints = loadTrades(detailData, data.store.open(), series, out::println);
        } else {
            order = IntrabarOrder.parse(intrabar);
        }
        if (prints != null) {
            // the trades are the detail
        } else if (order == IntrabarOrder.DETAIL) {
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
            throw new UsageException("--detail-data is used only with --intrabar detail or --intrabar trades");
        }
        if (!gaps.isEmpty()) {
            out.println("note: " + gaps.size() + (gaps.size() == 1 ? " gap" : " gaps") + " in the data (" + gaps.stream().mapToLong(io.ratchet.data.kline.Gap::missing).sum()
                    + " missing bars); a gap is walked as a jump at the next open");
        }
    }

    /** Whether {@code --intrabar} says {@code trades}. */
    static boolean isTrades(String intrabar) {
        return intrabar != null && "trades".equalsIgnoreCase(intrabar.trim());
    }

    /**
     * {@code --intrabar trades}: the trades under {@code series}' bars, from an aggTrades dump or
     * {@code SYMBOL:trades} in the store, for every command that walks trades (backtest, sweep,
     * forecast). Refused (exit 2, naming {@code --detail-data}) when missing, of another symbol, or
     * when no trade lies in any bar; {@code note} is told how many trades lie in the bars and how
     * many bars have none (those walk with ohlc).
     */
    static io.ratchet.engine.TradePrints loadTrades(String detailData, io.ratchet.data.store.KlineStore store, KlineSeries series,
                                                   java.util.function.Consumer<String> note) throws IOException {
        if (detailData == null) {
            throw new UsageException("--intrabar trades needs --detail-data: an aggTrades dump (BTCUSDT-aggTrades-2024-01.zip) or SYMBOL:trades from the store");
        }
        if (series.interval() == io.ratchet.data.kline.Interval.MONTH1) {
            throw new UsageException("--intrabar trades: months have no fixed length; use bars of 1w or shorter");
        }
        io.ratchet.data.trades.TradeSeries ts;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z0-9_]+):trades", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(detailData);
        if (m.matches() && !java.nio.file.Files.exists(java.nio.file.Path.of(detailData))) {
            String sym = m.group(1).toUpperCase(java.util.Locale.ROOT);
            io.ratchet.data.store.TradeStore st = new io.ratchet.data.store.TradeStore(store);
            ts = st.load(sym).orElseThrow(() -> new UsageException("--detail-data " + detailData + ": no " + sym + " trades in the store "
                    + st.root() + " (ratchet data import an aggTrades dump, or data download --trades)"));
        } else {
            java.util.List<java.nio.file.Path> files = io.ratchet.data.read.KlineFiles.expand(detailData);
            boolean named = files.stream().allMatch(f -> io.ratchet.data.trades.TradeLoader.symbolOf(f.getFileName().toString()) != null);
            ts = io.ratchet.data.trades.TradeLoader.load(files, named ? null : series.symbol(), detailData).series();
        }
        if (!ts.symbol().equals(series.symbol())) {
            throw new UsageException("--detail-data " + detailData + ": trades of " + ts.symbol() + ", but the bars are " + series.symbol());
        }
        int total = ts.size();
        String span = total == 0 ? "" : " (" + Fmt.time(ts.timeMillis(0)) + " .. " + Fmt.time(ts.timeMillis(total - 1)) + " UTC)";
        io.ratchet.engine.TradePrints prints = io.ratchet.backtest.Prints.of(series.bars(), series.interval().millis(), ts);
        ts = null; // the trades' other columns are not walked: let them go before the walk
        int inside = io.ratchet.data.kline.SeriesDigest.inside(prints, series.bars());
        int empty = 0;
        for (int i = series.bars().from(); i < series.bars().to(); i++) {
            empty += prints.end(i) == prints.start(i) ? 1 : 0;
        }
        if (inside == 0) {
            throw new UsageException("--detail-data " + detailData + ": none of its " + total + " trades" + span + " lies in the bars ("
                    + Fmt.time(series.firstOpenTime()) + " .. "
                    + Fmt.time(series.interval().next(series.lastOpenTime()) - 1) + " UTC): give the trades of the same time as --data, "
                    + "or cut --data to their time with --from/--to");
        }
        note.accept("trades:   " + inside + " of " + total + " trades lie in the bars; " + empty + " of " + series.size()
                + " bars have none and are walked with ohlc");
        return prints;
    }

    /** What --intrabar walked: {@code trades}, or the order's name. */
    String intrabarId() {
        return prints != null ? "trades" : order.id();
    }

    Entries entries() {
        Entries e = entries.resolve(series);
        if (e.size() == 0) {
            throw new UsageException("no entries: the entry option gave no position on this data");
        }
        if (e.anyExact() && (!exactEntriesAllowed || prints == null)) {
            throw new UsageException("--entries " + entries.entriesFile + ": rows with a price enter at that price and time, inside a bar; only "
                    + (exactEntriesAllowed ? "--intrabar trades" : "backtest --intrabar trades") + " walks what came after that time (a bar cannot say it)");
        }
        return e;
    }

    /** Stages the HTML report folder, with the account a backtest ran (a sweep carries its own); it is moved into place with the run's other outputs. */
    void report(io.ratchet.data.io.StagedOutputs outputs, java.nio.file.Path dir, io.ratchet.backtest.entry.Entries entries,
                io.ratchet.backtest.sweep.SweepResult sweep, io.ratchet.engine.TrailingConfig config,
                io.ratchet.backtest.account.AccountSpec account) throws IOException {
        report(outputs, dir, entries, sweep, config, account, null);
    }

    /** As the one above, with a sweep's fidelity gap per configuration (grid order) when it has them already; else the report walks them. */
    void report(io.ratchet.data.io.StagedOutputs outputs, java.nio.file.Path dir, io.ratchet.backtest.entry.Entries entries,
                io.ratchet.backtest.sweep.SweepResult sweep, io.ratchet.engine.TrailingConfig config,
                io.ratchet.backtest.account.AccountSpec account, java.util.List<io.ratchet.backtest.FidelityGap> sweepFidelity) throws IOException {
        io.ratchet.reports.ReportInput input = new io.ratchet.reports.ReportInput(series, origin, gaps, entries,
                this.entries.describe(entries), order, detail, sweep, config, account, prints, sweepFidelity);
        outputs.folder(dir, d -> io.ratchet.reports.ReportWriter.writeInto(input, d));
    }

    /** The files this run reads, which no output may overwrite. */
    RunOutputs inputsOf(RunOutputs outputs) {
        return outputs.dataInput("--data", data.data).dataInput("--detail-data", detailData).input("--entries", entries.entriesFile);
    }

    /**
     * Adds {@code data} (what was read) and {@code inputs} (how to read it again) to a result,
     * so that {@code ratchet report} can rebuild the charts later, from any folder.
     */
    void describe(com.fasterxml.jackson.databind.node.ObjectNode root) {
        com.fasterxml.jackson.databind.node.ObjectNode d = root.putObject("data");
        d.put("symbol", series.symbol());
        d.put("interval", series.interval().id());
        d.put("from", series.firstOpenTime());
        d.put("to", series.lastOpenTime());
        d.put("bars", series.size());
        d.put("sha256", io.ratchet.data.kline.SeriesDigest.sha256(series));
        d.put("source", origin);
        if (prints != null) {
            // What ratchet report checks the trades against when it reads them again: they are the walk.
            com.fasterxml.jackson.databind.node.ObjectNode t = d.putObject("trades");
            t.put("inBars", io.ratchet.data.kline.SeriesDigest.inside(prints, series.bars()));
            t.put("sha256", io.ratchet.data.kline.SeriesDigest.sha256(prints, series.bars()));
        }
        com.fasterxml.jackson.databind.node.ObjectNode i = root.putObject("inputs");
        i.put("data", absoluteIfFile(data.data));
        putText(i, "symbol", data.symbol);
        putText(i, "interval", data.interval);
        putText(i, "from", data.from);
        putText(i, "to", data.to);
        putText(i, "store", data.store.open().root().toAbsolutePath().toString());
        putText(i, "entriesFile", entries.entriesFile == null ? null : entries.entriesFile.toAbsolutePath().toString());
        if (entries.every != null) {
            i.put("entryEvery", entries.every);
        }
        putText(i, "entryRule", entries.rule);
        i.put("direction", entries.direction);
        i.put("intrabar", intrabarId());
        putText(i, "detailData", detailData == null ? null : absoluteIfFile(detailData));
    }

    /** The inverse of {@link #describe}: options as they were when the result was made. */
    static BacktestInputs fromJson(com.fasterxml.jackson.databind.JsonNode i) {
        BacktestInputs in = new BacktestInputs();
        in.data = new DataOptions();
        in.data.store = new StoreOption();
        in.entries = new EntryOptions();
        in.data.data = i.path("data").asText();
        in.data.symbol = text(i, "symbol");
        in.data.interval = text(i, "interval");
        in.data.from = text(i, "from");
        in.data.to = text(i, "to");
        String store = text(i, "store");
        in.data.store.store = store == null ? null : java.nio.file.Path.of(store);
        String ef = text(i, "entriesFile");
        in.entries.entriesFile = ef == null ? null : java.nio.file.Path.of(ef);
        in.entries.every = i.has("entryEvery") ? i.get("entryEvery").asInt() : null;
        in.entries.rule = text(i, "entryRule");
        in.entries.direction = i.path("direction").asText("long");
        in.intrabar = i.path("intrabar").asText("adverse-first");
        in.detailData = text(i, "detailData");
        return in;
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode n, String f) {
        return n.hasNonNull(f) ? n.get(f).asText() : null;
    }

    private static void putText(com.fasterxml.jackson.databind.node.ObjectNode n, String f, String v) {
        if (v != null) {
            n.put(f, v);
        }
    }

    private static String absoluteIfFile(String spec) {
        java.nio.file.Path p = java.nio.file.Path.of(spec);
        return java.nio.file.Files.exists(p) || io.ratchet.data.read.KlineFiles.isGlob(spec) ? p.toAbsolutePath().toString() : spec;
    }

    String dataLine() {
        return series.symbol() + " " + series.interval().id() + ", " + series.size() + " bars, " + Fmt.time(series.firstOpenTime())
                + " .. " + Fmt.time(series.lastOpenTime()) + " UTC (" + origin + ")";
    }
}
