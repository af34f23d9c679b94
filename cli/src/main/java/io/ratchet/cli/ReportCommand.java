package io.ratchet.cli;

import io.ratchet.data.config.JsonTrees;
import com.fasterxml.jackson.databind.JsonNode;
import io.ratchet.backtest.ResultJson;
import io.ratchet.backtest.entry.Entries;
import io.ratchet.backtest.sweep.SweepResult;
import io.ratchet.data.config.TrailingConfigJson;
import io.ratchet.engine.TrailingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import io.ratchet.data.io.StagedOutputs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ratchet report}: the HTML report of a saved backtest or sweep. */
@Command(name = "report",
        header = "Write the HTML report of a saved backtest or sweep.", mixinStandardHelpOptions = true,
        description = {"Write the HTML report (with PNG charts) of a result saved with backtest --json or sweep --json.",
            "The data is read again from where the result says it came from, and must still be the same (its SHA-256 is in the result)."},
        footer = {"", "Example:", "  ratchet sweep --data sample-data/BTCUSDT-1h --trail percent=0.01:0.05:0.01 --entry-every 24 --split 0.7 --json sweep.json",
            "  ratchet report sweep.json --out report"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RESULTS.json", description = "A backtest or sweep result.")
    Path results;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The report folder: new, empty, or an earlier report (it is replaced whole).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = spec.commandLine().getOut();
        new RunOutputs().input("RESULTS.json", results).folder("--out", out).check();
        JsonNode root;
        try {
            root = JsonTrees.reader().readTree(Files.readString(results));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UsageException(results + ": not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageException(results + ": no such file");
        }
        String kind = root.path("kind").asText();
        if (!kind.equals("sweep") && !kind.equals("backtest")) {
            throw new UsageException(results + ": field \"kind\": expected \"backtest\" or \"sweep\" (write it with backtest --json or sweep --json)");
        }
        if (!root.has("inputs")) {
            throw new UsageException(results + ": field \"inputs\" is missing: it says where the data came from");
        }
        BacktestInputs in = BacktestInputs.fromJson(root.get("inputs"));
        in.inputsOf(new RunOutputs().input("RESULTS.json", results).folder("--out", out)).check();
        in.exactEntriesAllowed = kind.equals("backtest");
        try {
            in.load(pw);
        } catch (UsageException | io.ratchet.data.read.KlineFormatException | io.ratchet.data.read.KlineDataException e) {
            // The options named in the message are the ones the result was made with, stored in its "inputs".
            throw new UsageException(results + ": the data named in its \"inputs\" cannot be read again as it was (" + e.getMessage()
                    + "); restore it, or run the " + kind + " again");
        }
        JsonNode d = root.path("data");
        if (!d.hasNonNull("sha256")) {
            throw new UsageException(results + ": field \"data.sha256\" is missing (a result from an older Ratchet): without it the data "
                    + "cannot be checked; run the " + kind + " again with --json");
        }
        String now = io.ratchet.data.kline.SeriesDigest.sha256(in.series);
        if (!now.equals(d.get("sha256").asText()) || d.path("bars").asInt() != in.series.size() || d.path("from").asLong() != in.series.firstOpenTime()
                || d.path("to").asLong() != in.series.lastOpenTime()) {
            throw new UsageException(results + ": made on " + d.path("bars").asInt() + " bars (" + Fmt.time(d.path("from").asLong()) + " .. "
                    + Fmt.time(d.path("to").asLong()) + ", sha256 " + abbrev(d.get("sha256").asText()) + "), but " + in.origin + " now has "
                    + in.series.size() + " bars (" + Fmt.time(in.series.firstOpenTime()) + " .. " + Fmt.time(in.series.lastOpenTime())
                    + ", sha256 " + abbrev(now) + "): the data changed since; run the " + kind + " again");
        }
        if (in.prints != null) {
            checkTrades(in, d.path("trades"), kind);
        }
        Entries entries = in.entries();
        SweepResult sweep = null;
        TrailingConfig config = null;
        io.ratchet.backtest.account.AccountSpec account = null;
        try {
            if (kind.equals("sweep")) {
                sweep = ResultJson.readSweep(root, results.toString());
            } else {
                config = TrailingConfigJson.fromNode(root.get("config"), results + " config");
                account = io.ratchet.backtest.AccountJson.readSpec(root.get("accountOptions"));
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UsageException(results + ": " + e.getMessage());
        }
        pw.println("data:     " + in.dataLine());
        try (StagedOutputs outputs = new StagedOutputs()) {
            in.report(outputs, out, entries, sweep, config, account);
            outputs.commit();
        }
        pw.println("report:   " + out.toAbsolutePath().normalize().resolve("index.html"));
        return 0;
    }

    /**
     * A result of {@code --intrabar trades} was walked on the trades: they are checked as the bars
     * are, by a SHA-256 of every trade that lies in the bars (time and price) and their count.
     */
    private void checkTrades(BacktestInputs in, JsonNode t, String kind) {
        if (!t.hasNonNull("sha256")) {
            throw new UsageException(results + ": field \"data.trades.sha256\" is missing (a result from an older Ratchet): without it the "
                    + "trades it was walked on (" + in.detailData + ") cannot be checked; run the " + kind + " again with --json");
        }
        String now = io.ratchet.data.kline.SeriesDigest.sha256(in.prints, in.series.bars());
        int inBars = io.ratchet.data.kline.SeriesDigest.inside(in.prints, in.series.bars());
        if (!now.equals(t.get("sha256").asText()) || inBars != t.path("inBars").asInt()) {
            throw new UsageException(results + ": walked on " + t.path("inBars").asInt() + " trades in the bars (sha256 " + abbrev(t.get("sha256").asText())
                    + "), but " + in.detailData + " now has " + inBars + " there (sha256 " + abbrev(now) + "): the trades changed since; run the "
                    + kind + " again");
        }
    }

    private static String abbrev(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "..." : sha;
    }
}
