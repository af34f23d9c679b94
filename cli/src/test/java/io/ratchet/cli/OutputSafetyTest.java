package io.ratchet.cli;

import io.ratchet.data.config.JsonTrees;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ratchet.data.config.TrailingConfigJson;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a run writes, and what it must leave alone. */
class OutputSafetyTest {
    static final Path H1 = Path.of("..", "sample-data", "BTCUSDT-1h");

    @TempDir
    Path dir;

    private Path copyOfTheData() throws Exception {
        Path data = dir.resolve("data/BTCUSDT-1h");
        Files.createDirectories(data);
        try (Stream<Path> s = Files.list(H1)) {
            for (Path f : s.toList()) {
                Files.copy(f, data.resolve(f.getFileName()));
            }
        }
        return data;
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aReportIsNeverWrittenOverTheDataOrAFileItDidNotWrite() throws Exception {
        Path data = copyOfTheData();
        List<String> before = names(data);
        CliRun r = CliRun.of("backtest", "--data", data.toString(), "--mode", "percent", "--trail", "0.03", "--entry-every", "24",
                "--report", data.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(names(data)).isEqualTo(before);

        // "--report ." in the folder that holds the data: the folder holds the input.
        CliRun parent = CliRun.of("backtest", "--data", data.toString(), "--mode", "percent", "--trail", "0.03", "--entry-every", "24",
                "--report", data.getParent().toString());
        assertThat(parent.exit()).isEqualTo(2);
        assertThat(parent.err()).contains("holds the input of --data");
        assertThat(names(data)).isEqualTo(before);

        Path config = dir.resolve("live-config.json");
        Files.writeString(config, "{\"mode\": \"percent\", \"trail\": 0.03}");
        CliRun f = CliRun.of("report", dir.resolve("missing.json").toString(), "--out", config.toString());
        assertThat(f.exit()).isEqualTo(2);
        assertThat(config).hasContent("{\"mode\": \"percent\", \"trail\": 0.03}");
    }

    @Test
    void aFileOutputReplacesOnlyAFileRatchetWroteForIt() throws Exception {
        Path pick = dir.resolve("best.json");
        Path json = dir.resolve("sweep.json");
        Path table = dir.resolve("all.csv");
        Path equity = dir.resolve("equity.csv");
        String[] sweep = {"sweep", "--data", H1.toString(), "--trail", "profit-lock=0.2:0.8:0.2", "--entry-every", "24", "--split", "0.7",
                "--export-anyway", "--export-best", pick.toString(), "--json", json.toString(), "--out", table.toString(), "--equity", equity.toString()};
        Path trades = dir.resolve("trades.csv");
        Path stops = dir.resolve("stops.csv");
        Path run = dir.resolve("run.json");
        Path btEquity = dir.resolve("bt-equity.csv");
        String[] backtest = {"backtest", "--data", H1.toString(), "--mode", "percent", "--trail", "0.03", "--entry-every", "24",
                "--json", run.toString(), "--trades", trades.toString(), "--stops", stops.toString(), "--equity", btEquity.toString()};
        // Twice onto the same paths: the second run replaces what the first wrote.
        for (int i = 0; i < 2; i++) {
            CliRun s = CliRun.of(sweep);
            assertThat(s.exit()).as(s.err()).isZero();
            CliRun b = CliRun.of(backtest);
            assertThat(b.exit()).as(b.err()).isZero();
        }
        assertThat(pick).content().startsWith("{\n  \"writtenBy\" : \"ratchet\",\n  \"mode\" : \"profit-lock\"");
        assertThat(TrailingConfigJson.read(pick).mode()).isEqualTo(Mode.PROFIT_LOCK); // the stamp is read back as provenance
        assertThat(json).content().startsWith("{\n  \"writtenBy\" : \"ratchet\",\n  \"kind\" : \"sweep\"");
        assertThat(run).content().startsWith("{\n  \"writtenBy\" : \"ratchet\",\n  \"kind\" : \"backtest\"");

        // Each output in turn onto a file someone else wrote: refused before anything is written, named, and left as it was.
        String[][] cases = {
                {"--export-best", pick.toString(), "{\"mode\": \"percent\", \"trail\": 0.02}", "an exported pick"},
                {"--json", json.toString(), "{\"kind\": \"sweep\", \"mine\": true}", "a sweep result"},
                {"--out", table.toString(), "date,close\n2021-01-01,29000\n", "a sweep table"},
                {"--equity", equity.toString(), "# My portfolio\n", "an equity curve"}};
        for (String[] c : cases) {
            Path target = Path.of(c[1]);
            Files.writeString(target, c[2]);
            Path other = c[0].equals("--out") ? pick : table;
            Object otherBefore = Files.readAttributes(other, java.nio.file.attribute.BasicFileAttributes.class).fileKey(); // a replaced file is a new inode
            CliRun r = CliRun.of(sweep);
            assertThat(r.exit()).as(c[0]).isEqualTo(2);
            assertThat(r.err()).contains(c[0] + " " + target + ": the file exists and is not " + c[3] + " Ratchet wrote")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(target).hasContent(c[2]);
            assertThat(Files.readAttributes(other, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).as("the run's other outputs untouched")
                    .isNotNull().isEqualTo(otherBefore);
            Files.delete(target);
            assertThat(CliRun.of(sweep).exit()).isZero();
        }
        String[][] bt = {
                {"--json", run.toString(), "notes", "a backtest result"},
                {"--trades", trades.toString(), "entryTime;direction\n", "a list of trades"},
                {"--stops", stops.toString(), "", null}, // empty: nothing to lose, so written
                {"--equity", btEquity.toString(), "time,value\n", "an equity curve"}};
        for (String[] c : bt) {
            Path target = Path.of(c[1]);
            Files.writeString(target, c[2]);
            CliRun r = CliRun.of(backtest);
            if (c[3] == null) {
                assertThat(r.exit()).as(r.err()).isZero();
                assertThat(target).content().startsWith("entry_time,direction,event,time,");
                continue;
            }
            assertThat(r.exit()).as(c[0]).isEqualTo(2);
            assertThat(r.err()).contains(c[0] + " " + target + ": the file exists and is not " + c[3] + " Ratchet wrote");
            assertThat(target).hasContent(c[2]);
            Files.delete(target);
        }
    }

    @Test
    void anOutputThatCannotBeWrittenLeavesTheEarlierOnesAsTheyWere() throws Exception {
        Path best = dir.resolve("best.json");
        Files.writeString(best, "yesterday's pick");
        Path csv = dir.resolve("all.csv");
        Files.writeString(dir.resolve("blocker"), "a file where the report's folder would be");
        CliRun r = CliRun.of("sweep", "--data", H1.toString(), "--trail", "profit-lock=0.2:0.8:0.2", "--entry-every", "24", "--split", "0.7",
                "--out", csv.toString(), "--export-best", best.toString(), "--export-anyway", "--report", dir.resolve("blocker/report").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--report " + dir.resolve("blocker/report")).contains(dir.resolve("blocker") + " is a file, not a folder");
        assertThat(best).hasContent("yesterday's pick");
        assertThat(csv).doesNotExist();
        assertThat(names(dir)).containsExactly("best.json", "blocker");
    }

    @Test
    void aPickTheVerdictRejectsIsExportedOnlyWhenForced() throws Exception {
        Path best = dir.resolve("best.json");
        Path json = dir.resolve("sweep.json");
        String[] noEdge = {"sweep", "--data", H1.toString(), "--trail", "percent=0.01,0.02", "--entry-every", "24", "--split", "0.5",
            "--json", json.toString(), "--export-best", best.toString()};
        CliRun refused = CliRun.of(noEdge);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("--export-best " + best).contains("not written").contains("the verdict is no edge")
                .contains("--export-anyway");
        assertThat(best).doesNotExist();
        assertThat(json).exists(); // the run's other outputs are its record, refused pick or not

        String[] forced = Stream.concat(Stream.of(noEdge), Stream.of("--export-anyway")).toArray(String[]::new);
        CliRun written = CliRun.of(forced);
        assertThat(written.exit()).as(written.err()).isZero();
        JsonNode root = JsonTrees.reader().readTree(best.toFile());
        assertThat(root.get("verdict").get("outcome").asText()).isEqualTo("no_edge");
        assertThat(root.get("verdict").get("exportedAnyway").asBoolean()).isTrue();
        assertThat(TrailingConfigJson.read(best)).isEqualTo(new TrailingConfig(Mode.PERCENT, 0.02, 0, Double.NaN, 0, 0.001, 0));

        CliRun none = CliRun.of("sweep", "--data", H1.toString(), "--trail", "percent=0.01,0.02", "--entry-every", "24",
                "--export-best", dir.resolve("unchecked.json").toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("no out-of-sample check").contains("--export-anyway");
        assertThat(dir.resolve("unchecked.json")).doesNotExist();
    }

    @Test
    void anExportedPickCarriesItsVerdictAndEvidenceAndLivePrintsThem() throws Exception {
        Path best = dir.resolve("best.json");
        CliRun r = CliRun.of("sweep", "--data", H1.toString(), "--trail", "profit-lock=0.1:0.9:0.1", "--trail", "percent=0.01:0.1:0.01",
                "--activation", "0,0.01,0.02", "--initial-stop", "none,0.03", "--entry-every", "24", "--split", "0.7", "--export-best", best.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = JsonTrees.reader().readTree(best.toFile());
        // The README's first sweep, ranked by the account's Sharpe: its pick holds out of sample (256 trades in sample, 109 after).
        assertThat(root.get("mode").asText()).isEqualTo("profit-lock");
        assertThat(root.get("verdict").get("outcome").asText()).isEqualTo("holds");
        assertThat(root.get("verdict").get("outOfSampleRank").asInt()).isEqualTo(1);
        assertThat(root.get("verdict").get("exportedAnyway").asBoolean()).isFalse();
        assertThat(root.get("evidence").get("inSample").get("trades").asInt()).isEqualTo(256);
        assertThat(root.get("evidence").get("outOfSample").get("trades").asInt()).isEqualTo(109);
        assertThat(root.get("evidence").get("data").get("sha256").asText()).hasSize(64);
        assertThat(TrailingConfigJson.read(best)).isEqualTo(new TrailingConfig(Mode.PROFIT_LOCK, 0.9, 0, Double.NaN, 0, 0.001, 0));

        // live prints it on loading the file (here it then stops: --exchange sim without --base-url).
        CliRun live = CliRun.of("live", "--config", best.toString(), "--exchange", "sim");
        assertThat(live.exit()).isEqualTo(2);
        assertThat(live.out()).contains("verdict holds").contains("held up out of sample")
                .containsPattern("in sample: +256 trades, mean \\+0\\.460%").containsPattern("out of sample: +109 trades, mean \\+0\\.457%")
                // the per-trade fall is said as what it is; the account's drawdown beside it, with the Sharpe the pick was ranked by
                .contains("largest fall of the sum 0.47 points (per trade, unit stake each)").doesNotContain("total +117.83%, max drawdown")
                .contains("account: return +12.48%, max drawdown 0.47%, Sharpe 13.92").contains("account: return +5.10%, max drawdown 0.06%, Sharpe 11.92");
        assertThat(root.get("evidence").get("outOfSample").get("account").get("sharpe").asDouble()).isBetween(11.915, 11.925);
    }

    @Test
    void aReportOfDataEditedSinceTheRunIsRefused() throws Exception {
        Path data = copyOfTheData();
        Path json = dir.resolve("bt.json");
        CliRun b = CliRun.of("backtest", "--data", data.toString(), "--mode", "percent", "--trail", "0.03", "--entry-every", "24", "--json", json.toString());
        assertThat(b.exit()).as(b.err()).isZero();
        Path file = data.resolve("BTCUSDT-1h-2021-06.csv");
        List<String> lines = Files.readAllLines(file);
        String[] f = lines.get(100).split(",");
        assertThat(f[4]).isNotEqualTo(f[1]);
        f[4] = f[1]; // close := open: still a valid bar, same count and range, another price
        lines.set(100, String.join(",", f));
        Files.write(file, lines);
        CliRun r = CliRun.of("report", json.toString(), "--out", dir.resolve("rep").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bt.json").contains("sha256").contains("the data changed since");
        assertThat(dir.resolve("rep")).doesNotExist();
    }

    private static String runBoom(Runnable boom, String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.addSubcommand("boom", boom);
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute(args)).isEqualTo(1);
        return err.toString();
    }

    @Test
    void anUnexpectedFailureIsOneLineUnlessDebug() {
        @CommandLine.Command(name = "boom")
        class Boom implements Runnable {
            @Override
            public void run() {
                throw new IllegalStateException("kaput");
            }
        }
        String plain = runBoom(new Boom(), "boom");
        assertThat(plain).contains("unexpected failure: java.lang.IllegalStateException: kaput").contains("run again with --debug")
                .doesNotContain("\tat ");
        String debug = runBoom(new Boom(), "boom", "--debug");
        assertThat(debug).contains("unexpected failure: java.lang.IllegalStateException: kaput").contains("\tat ");
    }
}
