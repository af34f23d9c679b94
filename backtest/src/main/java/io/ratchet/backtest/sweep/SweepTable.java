package io.ratchet.backtest.sweep;

import io.ratchet.data.io.AtomicFiles;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.TrailingConfig;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * A sweep as a tablesaw table, one row per configuration in ranking order: {@code mode,
 * trail, activation, initialStop}, then the summary fields by their JSON names, prefixed
 * {@code is_} and {@code oos_} when there is an out-of-sample part.
 */
public final class SweepTable {
    public static final String[] SUMMARY_FIELDS = {"trades", "winRate", "meanReturn", "totalReturn", "profitFactor", "maxDrawdown"};

    private SweepTable() {
    }

    public static Table of(SweepResult r) {
        int n = r.ranking().length;
        StringColumn mode = StringColumn.create("mode");
        DoubleColumn trail = DoubleColumn.create("trail");
        DoubleColumn activation = DoubleColumn.create("activation");
        DoubleColumn initialStop = DoubleColumn.create("initialStop");
        for (int k = 0; k < n; k++) {
            TrailingConfig c = r.grid().get(r.ranking()[k]);
            mode.append(c.mode().id());
            trail.append(c.trail());
            activation.append(c.activation());
            if (c.hasInitialStop()) {
                initialStop.append(c.initialStop());
            } else {
                initialStop.appendMissing();
            }
        }
        Table t = Table.create("sweep", mode, trail, activation, initialStop);
        if (r.hasOutOfSample()) {
            addSummaries(t, "is_", r.inSample(), r.ranking());
            addSummaries(t, "oos_", r.outOfSample(), r.ranking());
            addAccounts(t, "is_", r.inSampleAccount(), r.ranking());
            addAccounts(t, "oos_", r.outOfSampleAccount(), r.ranking());
        } else {
            addSummaries(t, "", r.inSample(), r.ranking());
            addAccounts(t, "", r.inSampleAccount(), r.ranking());
        }
        return t;
    }

    /** The account's headline figures after the per-trade statistics (rounded to 4 decimals: they are percentages and ratios). */
    private static void addAccounts(Table t, String prefix, io.ratchet.backtest.account.AccountFigures[] a, int[] ranking) {
        if (a == null) {
            return;
        }
        String[] names = {"sharpe", "returnPct", "maxDrawdownPct", "exposurePct"};
        DoubleColumn[] cols = new DoubleColumn[names.length];
        for (int f = 0; f < names.length; f++) {
            cols[f] = DoubleColumn.create(prefix + names[f]);
        }
        for (int idx : ranking) {
            double[] v = {a[idx].sharpe(), a[idx].returnPct(), a[idx].maxDrawdownPct(), a[idx].exposurePct()};
            for (int f = 0; f < names.length; f++) {
                if (v[f] == v[f] && !Double.isInfinite(v[f])) {
                    cols[f].append(Math.round(v[f] * 1e4) / 1e4);
                } else {
                    cols[f].appendMissing();
                }
            }
        }
        t.addColumns(cols);
    }

    private static void addSummaries(Table t, String prefix, RunSummary[] s, int[] ranking) {
        IntColumn trades = IntColumn.create(prefix + "trades");
        DoubleColumn[] cols = new DoubleColumn[5];
        for (int f = 0; f < 5; f++) {
            cols[f] = DoubleColumn.create(prefix + SUMMARY_FIELDS[f + 1]);
        }
        for (int idx : ranking) {
            RunSummary x = s[idx];
            trades.append(x.trades());
            double[] v = {x.winRate(), x.meanReturn(), x.totalReturn(), x.profitFactor(), x.maxDrawdown()};
            for (int f = 0; f < 5; f++) {
                if (v[f] == v[f]) {
                    cols[f].append(v[f]);
                } else {
                    cols[f].appendMissing();
                }
            }
        }
        t.addColumns(trades);
        t.addColumns(cols);
    }

    /** Writes the table as CSV, atomically (missing values as empty fields). */
    public static void writeCsv(Table t, Path file) throws IOException {
        AtomicFiles.write(file, out -> writeCsv(t, out));
    }

    /** Writes the table as CSV to a stream (missing values as empty fields). */
    public static void writeCsv(Table t, java.io.OutputStream out) throws IOException {
        OutputStreamWriter w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        t.write().csv(CsvWriteOptions.builder(w).build());
        w.flush();
    }
}
