package io.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad values for every command, as a new user types them: each row is a command line, the
 * exit code it must end with (2 bad input, 1 runtime failure, 0 where the input is fine after
 * all), and what the message must name. No row may print a stack trace.
 */
class BadInputTableTest {
    static final String H1 = Path.of("..", "sample-data", "BTCUSDT-1h").toAbsolutePath().normalize().toString();
    static final long HOUR = 3_600_000L;

    @TempDir
    static Path root;

    static int deadPort;

    record Case(String name, int exit, List<String> says, String... args) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void files() throws IOException {
        Klines.write(root.resolve("BTCUSDT-1h-empty.csv"), "");
        Klines.write(root.resolve("BTCUSDT-1h-header.csv"), Klines.HEADER + "\n\n");
        Klines.write(root.resolve("bom/BTCUSDT-1h-2021-01.csv"), "\uFEFF" + Klines.HEADER + "\n" + Klines.csv(30, HOUR, "\n"));
        Klines.write(root.resolve("crlf/BTCUSDT-1h-2021-01.csv"), Klines.HEADER + "\r\n" + Klines.csv(30, HOUR, "\r\n"));
        Klines.write(root.resolve("named1h/BTCUSDT-1h-2021-01.csv"), Klines.csv(30, HOUR, "\n"));
        Klines.write(root.resolve("minutes/BTCUSDT-1h-2021-01.csv"), Klines.csv(30, 60_000L, "\n"));
        Klines.write(root.resolve("data50/BTCUSDT-1h-2021-01.csv"), Klines.csv(50, HOUR, "\n"));
        Klines.write(root.resolve("none.json"), "{\"mode\": \"percent\", \"trail\": 0.03, \"initialStop\": \"none\"}");
        Klines.write(root.resolve("dup.json"), "{\"mode\": \"percent\",\n \"trail\": 0.03,\n \"trail\": 0.3}");
        Files.write(root.resolve("bomconfig.json"), ("\uFEFF{\"mode\": \"percent\", \"trail\": 0.03}").getBytes(StandardCharsets.UTF_8));
        Klines.write(root.resolve("notmine/notes.txt"), "mine");
        Klines.write(root.resolve("live-config.json"), "{\"mode\": \"percent\", \"trail\": 0.03}");
        Klines.write(root.resolve("afile"), "a file");
        Klines.write(root.resolve("entries.csv"), "\uFEFFtime,direction\r\n1609459200000,long\r\n1609545600000,short\r\n");
        Klines.write(root.resolve("BTCUSDT-1h-zw.csv"), "\u200Bopen_time,open\n");
        Klines.write(root.resolve("old.json"), "{\"kind\": \"sweep\", \"inputs\": {\"data\": \"" + H1 + "\", \"entryEvery\": 24},"
                + " \"data\": {\"bars\": 8747}}");
        // aggTrades dumps in the official spot layout (no header, ms): of 2020, before the sample's bars; and of another symbol.
        Klines.write(root.resolve("trades2020/BTCUSDT-aggTrades-2020-01.csv"), "1,7200.00000000,0.10000000,1,1,1577836800000,True,True\n"
                + "2,7201.50000000,0.20000000,2,2,1577836800007,False,True\n3,7199.00000000,0.05000000,3,3,1577836801000,True,True\n");
        Klines.write(root.resolve("eth/ETHUSDT-aggTrades-2021-01.csv"), "1,730.00000000,1.00000000,1,1,1609459200000,True,True\n");
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort(); // closed again at once: nothing listens there
        }
    }

    static String p(String rel) {
        return root.resolve(rel).toString();
    }

    static String store(String name) {
        return p("store-" + name);
    }

    static String[] backtest(String... more) {
        return Stream.concat(Stream.of("backtest", "--data", H1, "--mode", "percent", "--trail", "0.03", "--entry-every", "24"), Stream.of(more))
                .toArray(String[]::new);
    }

    static String[] sweep(String... more) {
        return Stream.concat(Stream.of("sweep", "--data", H1, "--trail", "percent=0.02,0.05", "--entry-every", "24"), Stream.of(more))
                .toArray(String[]::new);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // data import: the file's own shape
                new Case("import an empty dump", 2, List.of("BTCUSDT-1h-empty.csv", "no klines", "an empty file"),
                        "data", "import", p("BTCUSDT-1h-empty.csv"), "--store", store("empty")),
                new Case("import a header-only dump", 2, List.of("BTCUSDT-1h-header.csv", "no klines", "only a header"),
                        "data", "import", p("BTCUSDT-1h-header.csv"), "--store", store("header")),
                new Case("import a dump that starts with a BOM", 0, List.of("imported", "BTCUSDT 1h: 30 bars"),
                        "data", "import", p("bom"), "--store", store("bom")),
                new Case("import a dump with CRLF line ends", 0, List.of("imported", "BTCUSDT 1h: 30 bars"),
                        "data", "import", p("crlf"), "--store", store("crlf")),
                new Case("an invisible character is shown, not printed", 2, List.of("BTCUSDT-1h-zw.csv", "line 1", "'\\u200Bopen_time,open'"),
                        "data", "import", p("BTCUSDT-1h-zw.csv"), "--store", store("zw")),
                new Case("--interval contradicts the file name", 2, List.of("BTCUSDT-1h-2021-01.csv", "says interval 1h", "--interval 1m"),
                        "data", "import", p("named1h"), "--interval", "1m", "--store", store("iv")),
                new Case("--symbol contradicts the file name", 2, List.of("BTCUSDT-1h-2021-01.csv", "says symbol BTCUSDT", "--symbol ETHUSDT"),
                        "data", "import", p("named1h"), "--symbol", "ETHUSDT", "--store", store("sym")),
                new Case("the bars contradict the file name", 2, List.of("BTCUSDT-1h-2021-01.csv", "line 1", "1m long", "the file name says 1h"),
                        "data", "import", p("minutes"), "--store", store("bars")),
                new Case("--data an empty dump", 2, List.of("BTCUSDT-1h-empty.csv", "no klines"), backtestOn(p("BTCUSDT-1h-empty.csv"))),
                new Case("data download from a dead server", 1, List.of("http://127.0.0.1:" + deadPort + "/api/v3/klines", "connection refused"),
                        "data", "download", "--symbol", "BTCUSDT", "--interval", "1h", "--from", "2021-01-01", "--to", "2021-01-02",
                        "--base-url", "http://127.0.0.1:" + deadPort, "--store", store("dl")),
                new Case("data list --store onto a file", 2, List.of("--store " + p("afile"), "is a file, not a folder"),
                        "data", "list", "--store", p("afile")),
                new Case("an error names the whole command", 2, List.of("ratchet data import: "), "data", "import", p("BTCUSDT-1h-empty.csv"),
                        "--store", store("name")),
                new Case("report of a result without the data's digest", 2, List.of("old.json", "data.sha256", "run the sweep again"),
                        "report", p("old.json"), "--out", p("old-report")),
                new Case("data synth --bars 0", 2, List.of("--bars", "at least 1"), "data", "synth", "--bars", "0", "--store", store("synth")),
                new Case("data synth --trades 0", 2, List.of("--trades", "at least 1"), "data", "synth", "--trades", "0", "--store", store("synth")),
                new Case("data synth --bars and --trades", 2, List.of("--bars, --trades-in and --trades are alternatives"), "data", "synth", "--bars", "10", "--trades", "10",
                        "--store", store("synth")),
                new Case("data synth neither --bars nor --trades", 2, List.of("--bars N", "--trades N"), "data", "synth", "--store", store("synth")),
                new Case("data synth --trades with --interval", 2, List.of("--interval", "trades have no interval", "data klines --from-trades"),
                        "data", "synth", "--trades", "10", "--interval", "1h", "--store", store("synth")),
                // --intrabar trades: the same checks on backtest, sweep and forecast
                new Case("sweep --intrabar trades without --detail-data", 2, List.of("--intrabar trades needs --detail-data", "aggTrades dump"),
                        sweep("--intrabar", "trades")),
                new Case("sweep --intrabar trades on trades outside the bars", 2, List.of("--detail-data " + p("trades2020"),
                        "none of its 3 trades (2020-01-01 00:00 .. 2020-01-01 00:00 UTC) lies in the bars (2021-01-01 00:00 ..", "--from/--to"),
                        sweep("--intrabar", "trades", "--detail-data", p("trades2020"))),
                new Case("backtest --intrabar trades on trades outside the bars", 2, List.of("--detail-data " + p("trades2020"), "none of its 3 trades"),
                        backtest("--intrabar", "trades", "--detail-data", p("trades2020"))),
                new Case("sweep --intrabar trades of another symbol", 2, List.of("--detail-data", "trades of ETHUSDT, but the bars are BTCUSDT"),
                        sweep("--intrabar", "trades", "--detail-data", p("eth"))),
                new Case("sweep --intrabar trades from a store without them", 2, List.of("--detail-data BTCUSDT:trades", "no BTCUSDT trades in the store",
                        "data import"), sweep("--intrabar", "trades", "--detail-data", "BTCUSDT:trades", "--store", store("notrades"))),
                new Case("sweep --detail-data without --intrabar", 2, List.of("--detail-data is used only with --intrabar detail or --intrabar trades"),
                        sweep("--detail-data", p("eth"))),
                new Case("forecast --intrabar trades without --detail-data", 2, List.of("--intrabar trades needs --detail-data"),
                        "forecast", "--entry", "100", "--target", "110", "--mode", "percent", "--trail", "0.03", "--data", H1, "--intrabar", "trades"),
                new Case("forecast --intrabar trades on trades outside the bars", 2, List.of("--detail-data " + p("trades2020"), "none of its 3 trades"),
                        "forecast", "--entry", "100", "--target", "110", "--mode", "percent", "--trail", "0.03", "--data", H1, "--intrabar", "trades",
                        "--detail-data", p("trades2020")),
                new Case("forecast --intrabar trades of another symbol", 2, List.of("trades of ETHUSDT, but the bars are BTCUSDT"),
                        "forecast", "--entry", "100", "--target", "110", "--mode", "percent", "--trail", "0.03", "--data", H1, "--intrabar", "trades",
                        "--detail-data", p("eth")),
                new Case("forecast --intrabar trades without --data", 2, List.of("--intrabar trades is for the odds on history", "--data"),
                        "forecast", "--entry", "100", "--target", "110", "--mode", "percent", "--trail", "0.03", "--intrabar", "trades",
                        "--detail-data", p("eth")),
                new Case("forecast --detail-data without --intrabar trades", 2, List.of("--detail-data is used only with --intrabar trades"),
                        "forecast", "--entry", "100", "--target", "110", "--mode", "percent", "--trail", "0.03", "--data", H1, "--detail-data", p("eth")),
                // sweep: counts and splits
                new Case("sweep --walk-forward 0", 2, List.of("--walk-forward", "at least 1", "got 0"), sweep("--walk-forward", "0")),
                new Case("sweep --walk-forward 100 on 50 bars", 2, List.of("--walk-forward 100", "50 bars are too few for 101 parts"),
                        "sweep", "--data", p("data50"), "--trail", "percent=0.02", "--entry-every", "1", "--walk-forward", "100"),
                new Case("sweep --top -5", 2, List.of("--top", "at least 1", "got -5"), sweep("--top", "-5")),
                new Case("sweep --top 0", 2, List.of("--top", "got 0"), sweep("--top", "0")),
                new Case("sweep --split 0.999 leaves no out-of-sample entry", 2, List.of("--split 0.999", "out-of-sample part", "no entry"),
                        sweep("--split", "0.999")),
                new Case("sweep --split 0.00001 leaves no in-sample entry", 2, List.of("--split 0.00001", "in-sample part", "no entry"),
                        sweep("--split", "0.00001")),
                new Case("sweep --split 1", 2, List.of("--split", "(0, 1)"), sweep("--split", "1")),
                new Case("sweep --threads 0", 2, List.of("--threads", "at least 1"), sweep("--threads", "0")),
                new Case("--export-anyway without --export-best", 2, List.of("--export-anyway", "--export-best"), sweep("--export-anyway")),
                new Case("backtest --entry-every 0", 2, List.of("--entry-every", "at least 1"),
                        "backtest", "--data", H1, "--mode", "percent", "--trail", "0.03", "--entry-every", "0"),
                new Case("backtest --max-bars -3", 2, List.of("--max-bars", "got -3"), backtest("--max-bars", "-3")),
                new Case("backtest --fee -1", 2, List.of("--fee", "[0, 0.1]"), backtest("--fee", "-1")),
                new Case("an entries file saved with a BOM and CRLF", 0, List.of("entries:  2"), "backtest", "--data", H1, "--mode", "percent",
                        "--trail", "0.03", "--entries", p("entries.csv")),
                // forecast
                new Case("forecast --entry 0", 2, List.of("entry", "0"), "forecast", "--entry", "0", "--target", "110", "--mode", "percent", "--trail", "0.03"),
                new Case("forecast --steps 0", 2, List.of("--steps", "0"), "forecast", "--entry", "100", "--target", "110", "--mode", "percent",
                        "--trail", "0.03", "--steps", "0"),
                new Case("forecast --format xml", 2, List.of("--format", "xml"), "forecast", "--entry", "100", "--target", "110", "--mode", "percent",
                        "--trail", "0.03", "--format", "xml"),
                // ports
                new Case("sim-exchange --port 99999", 2, List.of("--port", "99999", "1 to 65535"), "sim-exchange", "--random-walk", "500", "--port", "99999"),
                new Case("sim-exchange --port -1", 2, List.of("--port", "-1", "1 to 65535"), "sim-exchange", "--random-walk", "500", "--port", "-1"),
                new Case("live --api-port 70000", 2, List.of("--api-port", "70000", "1 to 65535"),
                        "live", "--exchange", "sim", "--base-url", "http://127.0.0.1:" + deadPort, "--api-port", "70000"),
                // live feed
                new Case("live --feed websocket", 2, List.of("--feed", "websocket", "stream, poll"),
                        "live", "--exchange", "sim", "--base-url", "http://127.0.0.1:" + deadPort, "--feed", "websocket"),
                new Case("live --poll-every 0", 2, List.of("--poll-every", "at least 1"),
                        "live", "--exchange", "sim", "--base-url", "http://127.0.0.1:" + deadPort, "--feed", "poll", "--poll-every", "0"),
                new Case("live --poll-every as long as --stale-after", 2, List.of("--poll-every", "less than --stale-after (30 s)"),
                        "live", "--exchange", "sim", "--base-url", "http://127.0.0.1:" + deadPort, "--feed", "poll", "--poll-every", "30"),
                // configuration files
                new Case("\"initialStop\": \"none\" as the README says", 0, List.of("config:   percent 0.03,"), backtest("--config", p("none.json")).clone()),
                new Case("a key given twice in a config", 2, List.of("dup.json", "line 3", "Duplicate field 'trail'"), backtest("--config", p("dup.json"))),
                new Case("a config saved with a BOM", 0, List.of("config:   percent 0.03,"), backtest("--config", p("bomconfig.json"))),
                // outputs
                new Case("--report a folder of someone else's files", 2, List.of("--report " + p("notmine"), "did not write", "new or empty folder"),
                        backtest("--report", p("notmine"))),
                new Case("--report onto a file", 2, List.of("--report " + p("live-config.json"), "is a file, not a folder"),
                        backtest("--report", p("live-config.json"))),
                new Case("--report under a file", 2, List.of("--report " + p("afile/report"), p("afile") + " is a file, not a folder"),
                        backtest("--report", p("afile/report"))),
                new Case("--report the data folder", 2, List.of("--report " + H1, "is the input of --data"), backtest("--report", H1)),
                new Case("--json into the data folder", 2, List.of("--json " + H1, "inside the input of --data"), backtest("--json", H1 + "/run.json")),
                new Case("--json in a folder that does not exist", 2, List.of("--json", p("nowhere"), "does not exist"),
                        backtest("--json", p("nowhere/run.json"))),
                new Case("--json onto a folder", 2, List.of("--json " + p("notmine"), "is a folder"), backtest("--json", p("notmine"))),
                new Case("--json and --trades the same file", 2, List.of(p("same.csv"), "also the output of"),
                        backtest("--json", p("same.csv"), "--trades", p("same.csv"))),
                new Case("--trades onto the --config it reads", 2, List.of("--trades", "the input of --config"),
                        backtest("--config", p("live-config.json"), "--trades", p("live-config.json"))),
                new Case("report --out someone else's folder", 2, List.of("--out " + p("notmine"), "did not write"),
                        "report", p("live-config.json"), "--out", p("notmine")));
    }

    static String[] backtestOn(String data) {
        return new String[] {"backtest", "--data", data, "--mode", "percent", "--trail", "0.03", "--entry-every", "24"};
    }

    @org.junit.jupiter.api.Test
    void aPortInUseIsARuntimeFailureNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            CliRun r = CliRun.of("sim-exchange", "--random-walk", "500", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()).contains("--port 0").doesNotContain("\tat ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBadValueIsNamedWithTheRightExitCode(Case c) {
        CliRun r = CliRun.of(c.args());
        String all = r.out() + r.err();
        assertThat(r.exit()).as(c.name() + "\n" + all).isEqualTo(c.exit());
        for (String s : c.says()) {
            assertThat(all).as(c.name()).contains(s);
        }
        assertThat(r.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
    }
}
