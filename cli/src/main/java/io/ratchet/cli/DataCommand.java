package io.ratchet.cli;

import io.ratchet.data.config.JsonTrees;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import io.ratchet.data.read.KlineLoader;
import io.ratchet.data.read.ValidationReport;
import io.ratchet.data.rest.KlineDownloader;
import io.ratchet.data.rest.StoreDownload;
import io.ratchet.data.store.KlineStore;
import io.ratchet.data.store.StoredSeries;
import io.ratchet.data.store.TradeStore;
import io.ratchet.data.trades.TradeKlines;
import io.ratchet.data.trades.TradeLoader;
import io.ratchet.data.trades.TradeReport;
import io.ratchet.data.trades.TradeSeries;
import io.ratchet.data.rest.TradeDownloader;
import io.ratchet.data.read.KlineFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ratchet data}: the local kline store. */
@Command(name = "data",
        header = "Get klines and trades into the local store and see what it holds.", mixinStandardHelpOptions = true,
        description = "Get klines and trades (Binance aggTrades, as SYMBOL:trades) into the local store and see what it holds.",
        footer = {"", "Example:", "  ratchet data import sample-data/BTCUSDT-1h && ratchet data list"},
        subcommands = {DataCommand.Import.class, DataCommand.Download.class, DataCommand.ListCmd.class, DataCommand.Klines.class,
            DataCommand.Synth.class})
final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static void printSummary(PrintWriter out, KlineSeries s, ValidationReport report, KlineStore store) {
        out.printf("%s %s: %d bars, %s .. %s (UTC), in %s%n", s.symbol(), s.interval().id(), s.size(),
                Fmt.time(s.firstOpenTime()), Fmt.time(s.lastOpenTime()), store.file(s.symbol(), s.interval()));
        if (report != null) {
            out.println("  read: " + report.summary());
            if (!report.gaps().isEmpty()) {
                out.print(report.gapList(10));
            }
        }
    }

    static void printTrades(PrintWriter out, TradeSeries s, TradeReport report, TradeStore store) throws IOException {
        Path f = store.file(s.symbol());
        long bytes = Files.size(f);
        out.printf(java.util.Locale.ROOT, "%s:trades: %d trades, ids %d .. %d, %s .. %s (UTC), in %s (%.3f bytes a trade)%n", s.symbol(),
                s.size(), s.firstId(), s.lastId(), Fmt.time(s.timeMillis(0)), Fmt.time(s.timeMillis(s.size() - 1)), f,
                bytes / (double) s.size());
        if (report != null) {
            out.println("  read: " + report.summary());
        }
        java.util.List<io.ratchet.data.trades.TradeGap> gaps = s.gaps();
        if (!gaps.isEmpty()) {
            long missing = gaps.stream().mapToLong(io.ratchet.data.trades.TradeGap::missing).sum();
            out.println("  stored: " + gaps.size() + (gaps.size() == 1 ? " gap" : " gaps") + " in ids (" + missing + " missing ids):");
            out.print(TradeReport.gapList(gaps, 10));
        }
    }

    /** Whether the files of one input are aggTrades dumps (all) or klines (none); a mix is an error. */
    static boolean tradesInput(String in, java.util.List<Path> files) {
        int trades = 0;
        for (Path f : files) {
            if (TradeLoader.isAggTrades(f)) {
                trades++;
            }
        }
        if (trades > 0 && trades < files.size()) {
            throw new UsageException(in + ": holds both aggTrades dumps and kline files; import them as separate inputs");
        }
        return trades > 0;
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Validate kline files or Binance aggTrades dumps and add them to the store (a folder or glob is one series).",
                "aggTrades dumps (spot's 8 columns or USD-M futures' 7, ms or us, monthly and daily files alike) are stored as SYMBOL:trades;",
                "gaps in their ids are listed.",
                "--symbol and --interval are for files whose name does not say them; a value that contradicts the name or the bars is an error."},
            footer = {"", "Examples:", "  ratchet data import sample-data/BTCUSDT-1m-2021-04-20_2021-05-20.zip",
                "  ratchet data import 'dumps/BTCUSDT-aggTrades-2024-*.zip'",
                "  ratchet data import 'dumps/ETHUSDT-1h-2024-*.zip'", "  ratchet data import export.csv --symbol BTCUSDT --interval 1h"})
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE|DIR|GLOB", description = "Binance dumps (.csv/.zip), freqtrade .json, folders or globs.")
        List<String> inputs;

        @Option(names = "--symbol", description = "Symbol, where the file names do not say it.")
        String symbol;

        @Option(names = "--interval", description = "Interval, where the file names do not say it.")
        String interval;

        @Mixin
        StoreOption store;

        @Override
        public Integer call() throws IOException {
            KlineStore st = store.open();
            PrintWriter out = spec.commandLine().getOut();
            Interval iv = interval == null ? null : DataOptions.parseInterval(interval);
            for (String in : inputs) {
                java.util.List<Path> files = KlineFiles.expand(in);
                if (tradesInput(in, files)) {
                    if (interval != null) {
                        throw new UsageException("--interval: " + in + " holds trades, which have no interval; leave --interval out");
                    }
                    TradeStore ts = new TradeStore(st);
                    TradeLoader.Loaded t = TradeLoader.load(files, symbol == null ? null : symbol.toUpperCase(java.util.Locale.ROOT), in);
                    TradeLoader.Loaded merged = ts.merge(t.series(), in);
                    out.println("imported " + in);
                    printTrades(out, merged.series(), t.report(), ts);
                    continue;
                }
                KlineLoader.Loaded loaded = KlineLoader.load(in, symbol == null ? null : symbol.toUpperCase(java.util.Locale.ROOT), iv);
                KlineLoader.Loaded merged = st.merge(loaded.series(), in);
                out.println("imported " + in);
                printSummary(out, merged.series(), loaded.report(), st);
            }
            return 0;
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = {"Download klines over Binance's REST API into the store, 1000 bars a call, staying under the",
                "request-weight limit. A second run resumes where the store ends.",
                "With --trades, aggregate trades (GET /api/v3/aggTrades by fromId, 1000 a call) into SYMBOL:trades, resuming after the",
                "last stored id (--from is needed only when none are stored)."},
            footer = {"", "Examples:", "  ratchet data download --symbol BTCUSDT --interval 1h --from 2024-01-01 --to 2024-02-01",
                "  ratchet data download --trades --symbol BTCUSDT --from 2024-01-01 --to 2024-01-02"})
    static final class Download implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--symbol", required = true, description = "e.g. BTCUSDT")
        String symbol;

        @Option(names = "--interval", description = "e.g. 1m, 1h (klines; not with --trades)")
        String interval;

        @Option(names = "--trades", description = "Aggregate trades instead of klines, into SYMBOL:trades.")
        boolean trades;

        @Option(names = "--from", description = "UTC date or time, inclusive (with --trades: only where no trades are stored yet).")
        String from;

        @Option(names = "--to", description = "UTC date or time, exclusive. Default: now.")
        String to;

        @Option(names = "--base-url", defaultValue = "https://api.binance.com", description = "Any Binance-compatible server. Default: ${DEFAULT-VALUE}.")
        URI baseUrl;

        @Mixin
        StoreOption store;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (trades) {
                return trades();
            }
            if (interval == null) {
                throw new UsageException("--interval is required for klines (e.g. --interval 1m), or give --trades");
            }
            if (from == null) {
                throw new UsageException("--from is required for klines (a UTC date or time, e.g. --from 2024-01-01)");
            }
            Interval iv = DataOptions.parseInterval(interval);
            String sym = symbol.toUpperCase(java.util.Locale.ROOT);
            long f = Times.parse("--from", from);
            long t = to == null ? System.currentTimeMillis() : Times.parse("--to", to);
            if (t <= f) {
                throw new UsageException("--to must be after --from");
            }
            KlineStore st = store.open();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            long start = StoreDownload.resumeFrom(st, sym, iv, f, t);
            if (start > f) {
                out.println("resuming at " + Fmt.time(start) + " (the store holds the bars before)");
            }
            long expected = Math.max(1, (t - start) / iv.millis());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            try (Progress bar = Progress.start("download " + sym + " " + iv.id(), expected, "bars")) {
                KlineDownloader d = new KlineDownloader(baseUrl, http, Clock.systemUTC(), Thread::sleep, new KlineDownloader.Listener() {
                    @Override
                    public void onPage(int barsSoFar, long lastOpenTime) {
                        bar.stepTo(barsSoFar);
                    }

                    @Override
                    public void onWait(String reason, long millis) {
                        err.println("waiting " + (millis / 1000.0) + " s: " + reason);
                        err.flush();
                    }

                    @Override
                    public void onCheckpoint(KlineSeries soFar) throws IOException {
                        st.merge(soFar, "download " + sym + " " + iv.id());
                    }
                });
                StoreDownload.Result result = StoreDownload.run(st, d::download, sym, iv, f, t);
                bar.close();
                KlineSeries all = result.stored();
                if (all == null) {
                    out.println("no closed bars between " + Fmt.time(f) + " and " + Fmt.time(t));
                    return 0;
                }
                out.println("downloaded " + result.fetched() + " bars from " + baseUrl);
                printSummary(out, all, null, st);
                List<io.ratchet.data.kline.Gap> gaps = all.between(f, t).gaps();
                if (!gaps.isEmpty()) {
                    long missing = gaps.stream().mapToLong(io.ratchet.data.kline.Gap::missing).sum();
                    out.println("  " + gaps.size() + " gaps in the range, " + missing + " bars the exchange does not have");
                }
            }
            return 0;
        }

        private Integer trades() throws IOException, InterruptedException {
            if (interval != null) {
                throw new UsageException("--interval: trades have no interval; leave it out with --trades");
            }
            String sym = symbol.toUpperCase(java.util.Locale.ROOT);
            long f = from == null ? Long.MIN_VALUE : Times.parse("--from", from);
            long t = to == null ? Long.MAX_VALUE : Times.parse("--to", to);
            if (from != null && t <= f) {
                throw new UsageException("--to must be after --from");
            }
            KlineStore st = store.open();
            TradeStore ts = new TradeStore(st);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            KlineDownloader transport = new KlineDownloader(baseUrl, http, Clock.systemUTC(), Thread::sleep, new KlineDownloader.Listener() {
                @Override
                public void onPage(int barsSoFar, long lastOpenTime) {
                }

                @Override
                public void onWait(String reason, long millis) {
                    err.println("waiting " + (millis / 1000.0) + " s: " + reason);
                    err.flush();
                }
            });
            try (Progress bar = Progress.start("download " + sym + " aggTrades", 0, "trades")) {
                TradeDownloader.Result r = new TradeDownloader(transport, (soFar, lastId) -> bar.stepTo(soFar)).run(ts, sym, f, t);
                bar.close();
                if (r.resumed() != null) {
                    out.println("resuming at id " + r.resumed() + " (the store holds the trades before)");
                }
                out.println("downloaded " + r.fetched() + " trades from " + baseUrl);
                if (r.stored() != null && !r.stored().isEmpty()) {
                    printTrades(out, r.stored(), null, ts);
                }
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "What the store holds: symbol, interval, range, bars, gaps.",
            footer = {"", "Examples:", "  ratchet data list", "  ratchet data list --json --store /tmp/klines"})
    static final class ListCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "A JSON list of {symbol, interval, from, to, bars, gaps}; times are epoch ms of the first and last bar's open.")
        boolean json;

        @Mixin
        StoreOption store;

        @Override
        public Integer call() throws IOException {
            KlineStore st = store.open();
            List<StoredSeries> list = st.list();
            List<TradeStore.Stored> trades = new TradeStore(st).list();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode arr = JsonTrees.array();
                for (StoredSeries s : list) {
                    ObjectNode o = arr.addObject();
                    o.put("symbol", s.symbol());
                    o.put("interval", s.interval());
                    o.put("from", s.from());
                    o.put("to", s.to());
                    o.put("bars", s.bars());
                    o.put("gaps", s.gaps());
                }
                for (TradeStore.Stored s : trades) {
                    ObjectNode o = arr.addObject();
                    o.put("symbol", s.symbol());
                    o.put("interval", "trades");
                    o.put("from", s.firstTime());
                    o.put("to", s.lastTime());
                    o.put("trades", s.trades());
                    o.put("firstId", s.firstId());
                    o.put("lastId", s.lastId());
                    o.put("gaps", s.gaps());
                }
                out.println(Json.pretty(arr));
                return 0;
            }
            if (list.isEmpty() && trades.isEmpty()) {
                out.println("the store " + st.root() + " is empty (ratchet data import FILE, or ratchet data download)");
                return 0;
            }
            out.printf("%-14s %-8s %-17s %-17s %10s %6s %10s%n", "symbol", "interval", "from (UTC)", "to (UTC)", "bars", "gaps", "missing");
            for (StoredSeries s : list) {
                out.printf("%-14s %-8s %-17s %-17s %10d %6d %10d%n", s.symbol(), s.interval(), Fmt.time(s.from()), Fmt.time(s.to()),
                        s.bars(), s.gaps(), s.missingBars());
            }
            for (TradeStore.Stored s : trades) {
                out.printf("%-14s %-8s %-17s %-17s %10d %6d %10d  trades, ids %d .. %d%n", s.symbol(), "trades", Fmt.time(s.firstTime()),
                        Fmt.time(s.lastTime()), s.trades(), s.gaps(), s.missingIds(), s.firstId(), s.lastId());
            }
            out.println("store: " + st.root());
            return 0;
        }
    }

    @Command(name = "klines", mixinStandardHelpOptions = true,
            description = {"Build klines from stored trades, as Binance builds them: a bar holds the trades whose time lies in it; open is its",
                "first trade, high and low the extremes, close the last, volume the sum of quantities. A bar with no trade is flat at the",
                "close before, volume 0. The bars are added to SYMBOL:INTERVAL in the store; where it holds bars already (Binance's, say),",
                "they must be equal, or nothing is written. The first and last bar are only as complete as the stored trades."},
            footer = {"", "Example:", "  ratchet data klines --from-trades BTCUSDT --interval 1m"})
    static final class Klines implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--from-trades", required = true, paramLabel = "SYMBOL", description = "The stored trades (SYMBOL or SYMBOL:trades).")
        String symbol;

        @Option(names = "--interval", required = true, description = "e.g. 1m, 1h")
        String interval;

        @Mixin
        StoreOption store;

        @Override
        public Integer call() throws IOException {
            Interval iv = DataOptions.parseInterval(interval);
            String sym = symbol.toUpperCase(java.util.Locale.ROOT).replaceAll(":TRADES$", "");
            KlineStore st = store.open();
            TradeStore ts = new TradeStore(st);
            TradeSeries trades = ts.load(sym).orElseThrow(() -> new UsageException("--from-trades " + symbol + ": no " + sym
                    + " trades in the store " + st.root() + " (ratchet data import an aggTrades dump, or data download --trades)"));
            KlineSeries k = TradeKlines.build(trades, iv);
            long before = st.load(sym, iv).map(KlineSeries::size).orElse(0);
            KlineLoader.Loaded merged = st.merge(k, sym + ":trades");
            PrintWriter out = spec.commandLine().getOut();
            long same = k.size() - (merged.series().size() - before);
            out.println("built " + k.size() + " " + iv.id() + " bars from " + trades.size() + " trades" + (same > 0 ? " (" + same
                    + " equal to bars stored before)" : ""));
            printSummary(out, merged.series(), null, st);
            return 0;
        }
    }

    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = {"Store a seeded random-walk series (for benchmarks and trials at any size). Same seed, same bars.",
                "With --trades-in KLINES: invented trades (prints) inside each bar of real or stored klines, stored as SYN...:trades, "
                    + "for trying the tick-exact walk (--intrabar trades) where no real aggTrades are at hand. They are synthetic: each bar "
                    + "gets --per-bar prints at random times inside it, first at its open, last at its close, through its high and its low, "
                    + "so klines built from them (data klines --from-trades) are the bars' OHLC exactly; the path between is invented.",
                "With --trades N: N BTCUSDT-like aggregate trades of a seeded random walk (ticks of 0.01 near 42,000, a few ms apart, a gap",
                "in ids now and then), stored as SYN...:trades; build bars over them with data klines --from-trades SYMBOL --interval 1m."},
            footer = {"", "Examples:", "  ratchet data synth --symbol SYNUSDT --interval 1m --bars 525600 --seed 7",
                "  ratchet data synth --trades-in sample-data/ETHUSDT-1m-2022-08-14.zip",
                "  ratchet data synth --symbol SYN --trades 50000000 && ratchet data klines --from-trades SYN --interval 1h"})
    static final class Synth implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--symbol", description = "Default: SYN; with --trades-in, SYN and the bars' symbol (SYNBTCUSDT). Synthetic trades "
                + "need a symbol starting with SYN.")
        String symbol;

        @Option(names = "--interval", description = "Bars only. Default: 1m.")
        String interval;

        @Option(names = "--bars", description = "How many bars (525600 is a year of 1m).")
        Integer bars;

        @Option(names = "--trades-in", paramLabel = "FILE|DIR|SYMBOL:INTERVAL", description = "Klines to invent trades inside (synthetic prints).")
        String tradesIn;

        @Option(names = "--per-bar", defaultValue = "20", description = "With --trades-in: prints per bar, at least 4. Default: ${DEFAULT-VALUE}.")
        int perBar;

        @Option(names = "--trades", paramLabel = "N", description = "N trades of a seeded random walk (ticks of 0.01 near 42,000, ms apart; "
                + "50000000 is a busy fortnight: about 3.9 M a day).")
        Integer trades;

        @Option(names = "--tick-step", paramLabel = "K", defaultValue = "100",
                description = "With --trades: each trade moves the price by up to K ticks of 0.01 either way (100: about 2.7%% a day, "
                    + "as BTCUSDT moves). Default: ${DEFAULT-VALUE}.")
        int tickStep;

        @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--from", defaultValue = "2024-01-01", description = "Time of the first bar (or trade; not with --trades-in). Default: ${DEFAULT-VALUE}.")
        String from;

        @Mixin
        StoreOption store;

        @Override
        public Integer call() throws IOException {
            int modes = (bars != null ? 1 : 0) + (tradesIn != null ? 1 : 0) + (trades != null ? 1 : 0);
            if (modes != 1) {
                throw new UsageException(modes == 0 ? "give --bars N (klines), --trades-in KLINES or --trades N (synthetic trades)"
                        : "--bars, --trades-in and --trades are alternatives: give one");
            }
            KlineStore st = store.open();
            PrintWriter out = spec.commandLine().getOut();
            if (bars != null) {
                if (bars < 1) {
                    throw new UsageException("--bars: must be at least 1, got " + bars);
                }
                KlineSeries s = SyntheticKlines.randomWalk((symbol == null ? "SYN" : symbol).toUpperCase(java.util.Locale.ROOT),
                        DataOptions.parseInterval(interval == null ? "1m" : interval), bars, seed, Times.parse("--from", from), 30_000.0);
                st.save(s);
                printSummary(out, s, null, st);
                return 0;
            }
            TradeSeries ts;
            String what;
            if (tradesIn != null) {
                if (perBar < 4) {
                    throw new UsageException("--per-bar: at least 4 (open, high, low, close), got " + perBar);
                }
                KlineSeries k = io.ratchet.data.kline.KlineSource.resolve(tradesIn, st, null, null, Long.MIN_VALUE, Long.MAX_VALUE).series();
                if (k.interval() == Interval.MONTH1) {
                    throw new UsageException("--trades-in: bars of 1M have no fixed length; use 1w or shorter");
                }
                String sym = synthSymbol(symbol != null ? symbol : k.symbol().startsWith("SYN") ? k.symbol() : "SYN" + k.symbol());
                ts = io.ratchet.data.trades.SyntheticTrades.inKlines(k, sym, perBar, seed);
                what = "synthetic: " + perBar + " invented prints inside each of the " + k.size() + " " + k.interval().id() + " bars of " + k.symbol()
                        + " (" + tradesIn + "), through each bar's open, high, low and close; not real trades";
            } else {
                if (trades < 1) {
                    throw new UsageException("--trades: must be at least 1, got " + trades);
                }
                if (interval != null) {
                    throw new UsageException("--interval: trades have no interval; leave it out with --trades (data klines --from-trades SYMBOL "
                            + "--interval 1m builds bars)");
                }
                if (tickStep < 0 || tickStep > 1_000_000) {
                    throw new UsageException("--tick-step: from 0 to 1000000 ticks, got " + tickStep);
                }
                ts = io.ratchet.data.trades.SyntheticTrades.randomWalk(synthSymbol(symbol != null ? symbol : "SYN"), trades, seed,
                        Times.parse("--from", from), tickStep);
                what = "synthetic: a seeded random walk of " + trades + " trades; not real trades";
            }
            TradeStore tstore = new TradeStore(st);
            tstore.save(ts);
            printTrades(out, ts, null, tstore);
            out.println("  " + what);
            return 0;
        }

        /** Synthetic trades carry a SYN symbol, so that they are never taken for a real market's. */
        private static String synthSymbol(String s) {
            String u = s.toUpperCase(java.util.Locale.ROOT);
            if (!u.startsWith("SYN")) {
                throw new UsageException("--symbol " + s + ": synthetic trades are stored under a symbol starting with SYN (like SYN" + u
                        + "), so that they are never taken for real trades");
            }
            return u;
        }
    }
}
