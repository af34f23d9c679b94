package io.ratchet.cli;

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
        header = "Get klines into the local store and see what it holds.", mixinStandardHelpOptions = true,
        description = "Get klines into the local store and see what it holds.",
        footer = {"", "Example:", "  ratchet data import sample-data/BTCUSDT-1h && ratchet data list"},
        subcommands = {DataCommand.Import.class, DataCommand.Download.class, DataCommand.ListCmd.class, DataCommand.Synth.class})
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

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Validate kline files and add them to the store (a folder or glob is one series).",
                "--symbol and --interval are for files whose name does not say them; a value that contradicts the name or the bars is an error."},
            footer = {"", "Examples:", "  ratchet data import sample-data/BTCUSDT-1m-2021-04-20_2021-05-20.zip",
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
                "request-weight limit. A second run resumes where the store ends."},
            footer = {"", "Example:", "  ratchet data download --symbol BTCUSDT --interval 1h --from 2024-01-01 --to 2024-02-01"})
    static final class Download implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--symbol", required = true, description = "e.g. BTCUSDT")
        String symbol;

        @Option(names = "--interval", required = true, description = "e.g. 1m, 1h")
        String interval;

        @Option(names = "--from", required = true, description = "UTC date or time, inclusive.")
        String from;

        @Option(names = "--to", description = "UTC date or time, exclusive. Default: now.")
        String to;

        @Option(names = "--base-url", defaultValue = "https://api.binance.com", description = "Any Binance-compatible server. Default: ${DEFAULT-VALUE}.")
        URI baseUrl;

        @Mixin
        StoreOption store;

        @Override
        public Integer call() throws IOException, InterruptedException {
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
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode arr = Json.MAPPER.createArrayNode();
                for (StoredSeries s : list) {
                    ObjectNode o = arr.addObject();
                    o.put("symbol", s.symbol());
                    o.put("interval", s.interval());
                    o.put("from", s.from());
                    o.put("to", s.to());
                    o.put("bars", s.bars());
                    o.put("gaps", s.gaps());
                }
                out.println(Json.pretty(arr));
                return 0;
            }
            if (list.isEmpty()) {
                out.println("the store " + st.root() + " is empty (ratchet data import FILE, or ratchet data download)");
                return 0;
            }
            out.printf("%-14s %-8s %-17s %-17s %10s %6s %10s%n", "symbol", "interval", "from (UTC)", "to (UTC)", "bars", "gaps", "missing");
            for (StoredSeries s : list) {
                out.printf("%-14s %-8s %-17s %-17s %10d %6d %10d%n", s.symbol(), s.interval(), Fmt.time(s.from()), Fmt.time(s.to()),
                        s.bars(), s.gaps(), s.missingBars());
            }
            out.println("store: " + st.root());
            return 0;
        }
    }

    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = "Store a seeded random-walk series (for benchmarks and trials at any size). Same seed, same bars.",
            footer = {"", "Example:", "  ratchet data synth --symbol SYNUSDT --interval 1m --bars 525600 --seed 7"})
    static final class Synth implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--symbol", defaultValue = "SYN", description = "Default: ${DEFAULT-VALUE}.")
        String symbol;

        @Option(names = "--interval", defaultValue = "1m", description = "Default: ${DEFAULT-VALUE}.")
        String interval;

        @Option(names = "--bars", required = true, description = "How many bars (525600 is a year of 1m).")
        int bars;

        @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--from", defaultValue = "2024-01-01", description = "Open time of the first bar. Default: ${DEFAULT-VALUE}.")
        String from;

        @Mixin
        StoreOption store;

        @Override
        public Integer call() throws IOException {
            if (bars < 1) {
                throw new UsageException("--bars: must be at least 1, got " + bars);
            }
            KlineStore st = store.open();
            KlineSeries s = SyntheticKlines.randomWalk(symbol.toUpperCase(java.util.Locale.ROOT), DataOptions.parseInterval(interval),
                    bars, seed, Times.parse("--from", from), 30_000.0);
            st.save(s);
            printSummary(spec.commandLine().getOut(), s, null, st);
            return 0;
        }
    }
}
