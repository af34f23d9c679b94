package io.ratchet.cli;

import io.ratchet.backtest.entry.Entries;
import io.ratchet.backtest.entry.EntryCsv;
import io.ratchet.backtest.entry.EntryRule;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.engine.Bars;
import io.ratchet.engine.Direction;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where positions open: an entries file, every N-th bar, or a ta4j rule. */
final class EntryOptions {
    @Option(names = "--entries", paramLabel = "FILE", description = "CSV of time,direction (epoch ms of a bar's open; one position per row); "
            + "backtest --intrabar trades also takes time,direction,price: an entry at that price and ms, as ratchet live status --export writes.")
    Path entriesFile;

    @Option(names = "--entry-every", paramLabel = "N", description = "Enter at every N-th bar. Default: every bar, when no other entry option is given.")
    Integer every;

    @Option(names = "--entry-rule", paramLabel = "RULE", description = "A ta4j rule, entering at the next bar's open: " + EntryRule.SYNTAX + ".")
    String rule;

    @Option(names = "--direction", paramLabel = "long|short", defaultValue = "long", description = "Direction for --entry-every and --entry-rule. Default: ${DEFAULT-VALUE}.")
    String direction;

    Entries resolve(KlineSeries series) {
        int given = (entriesFile != null ? 1 : 0) + (every != null ? 1 : 0) + (rule != null ? 1 : 0);
        if (given > 1) {
            throw new UsageException("give one of --entries, --entry-every, --entry-rule");
        }
        Bars bars = series.bars();
        Direction dir = Direction.parse(direction);
        if (entriesFile != null) {
            return EntryCsv.read(entriesFile, bars, series.interval() == io.ratchet.data.kline.Interval.MONTH1 ? 0 : series.interval().millis());
        }
        if (rule != null) {
            return EntryRule.entries(rule, series, dir);
        }
        int n = every == null ? 1 : every;
        if (n < 1) {
            throw new UsageException("--entry-every: must be at least 1, got " + n);
        }
        return Entries.every(n, bars.from(), bars.to(), dir);
    }

    String describe(Entries e) {
        if (entriesFile != null) {
            return e.size() + " from " + entriesFile;
        }
        if (rule != null) {
            return e.size() + " by rule " + rule + " (" + direction + ")";
        }
        return e.size() + " (" + direction + ", every " + (every == null ? "bar" : every + " bars") + ")";
    }
}
