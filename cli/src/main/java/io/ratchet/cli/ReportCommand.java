package io.ratchet.cli;

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
            "The data is read again from where the result says it came from, and must still be the same."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RESULTS.json", description = "A backtest or sweep result.")
    Path results;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The report folder (replaced whole).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = spec.commandLine().getOut();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(results));
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
        in.load(pw);
        JsonNode d = root.path("data");
        if (d.path("bars").asInt() != in.series.size() || d.path("from").asLong() != in.series.firstOpenTime()
                || d.path("to").asLong() != in.series.lastOpenTime()) {
            throw new UsageException(results + ": made on " + d.path("bars").asInt() + " bars (" + d.path("from").asLong() + " .. "
                    + d.path("to").asLong() + "), but " + in.origin + " now has " + in.series.size() + " bars (" + in.series.firstOpenTime()
                    + " .. " + in.series.lastOpenTime() + "): the data changed since; run the " + kind + " again");
        }
        Entries entries = in.entries();
        SweepResult sweep = null;
        TrailingConfig config = null;
        try {
            if (kind.equals("sweep")) {
                sweep = ResultJson.readSweep(root, results.toString());
            } else {
                config = TrailingConfigJson.fromNode(root.get("config"), results + " config");
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UsageException(results + ": " + e.getMessage());
        }
        pw.println("data:     " + in.dataLine());
        in.report(out, entries, sweep, config, pw);
        return 0;
    }
}
