package io.ratchet.backtest.sweep;

import io.ratchet.backtest.account.AccountFigures;
import io.ratchet.data.io.AtomicFiles;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.TrailingConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep as a table of text cells, one row per configuration in ranking order: {@code mode,
 * trail, activation, initialStop}, then the summary fields by their JSON names, prefixed
 * {@code is_} and {@code oos_} when there is an out-of-sample part, then the account's
 * headline figures. Numbers are written as Java prints a double (what every CSV reader
 * parses back to the same value); an undefined one is an empty field.
 */
public final class SweepTable {
    public static final String[] SUMMARY_FIELDS = {"trades", "winRate", "meanReturn", "totalReturn", "profitFactor", "maxDrawdown"};
    private static final String[] ACCOUNT_FIELDS = {"sharpe", "returnPct", "maxDrawdownPct", "exposurePct"};

    private final List<String> names = new ArrayList<>();
    private final List<String[]> columns = new ArrayList<>();
    private final int rows;

    private SweepTable(int rows) {
        this.rows = rows;
    }

    public List<String> columnNames() {
        return List.copyOf(names);
    }

    public int rowCount() {
        return rows;
    }

    /** The text of one cell ("" for an undefined number). */
    public String cell(int row, String column) {
        int c = names.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("no column " + column + " (columns: " + names + ")");
        }
        return columns.get(c)[row];
    }

    public static SweepTable of(SweepResult r) {
        int[] ranking = r.ranking();
        SweepTable t = new SweepTable(ranking.length);
        String[] mode = t.column("mode");
        String[] trail = t.column("trail");
        String[] activation = t.column("activation");
        String[] initialStop = t.column("initialStop");
        for (int k = 0; k < ranking.length; k++) {
            TrailingConfig c = r.grid().get(ranking[k]);
            mode[k] = c.mode().id();
            trail[k] = number(c.trail());
            activation[k] = number(c.activation());
            initialStop[k] = c.hasInitialStop() ? number(c.initialStop()) : "";
        }
        if (r.hasOutOfSample()) {
            t.summaries("is_", r.inSample(), ranking);
            t.summaries("oos_", r.outOfSample(), ranking);
            t.accounts("is_", r.inSampleAccount(), ranking);
            t.accounts("oos_", r.outOfSampleAccount(), ranking);
        } else {
            t.summaries("", r.inSample(), ranking);
            t.accounts("", r.inSampleAccount(), ranking);
        }
        return t;
    }

    private String[] column(String name) {
        String[] cells = new String[rows];
        names.add(name);
        columns.add(cells);
        return cells;
    }

    /** The account's headline figures after the per-trade statistics (rounded to 4 decimals: they are percentages and ratios). */
    private void accounts(String prefix, AccountFigures[] a, int[] ranking) {
        if (a == null) {
            return;
        }
        String[][] cols = new String[ACCOUNT_FIELDS.length][];
        for (int f = 0; f < cols.length; f++) {
            cols[f] = column(prefix + ACCOUNT_FIELDS[f]);
        }
        for (int k = 0; k < ranking.length; k++) {
            AccountFigures x = a[ranking[k]];
            double[] v = {x.sharpe(), x.returnPct(), x.maxDrawdownPct(), x.exposurePct()};
            for (int f = 0; f < cols.length; f++) {
                cols[f][k] = Double.isFinite(v[f]) ? number(Math.round(v[f] * 1e4) / 1e4) : "";
            }
        }
    }

    private void summaries(String prefix, RunSummary[] s, int[] ranking) {
        String[] trades = column(prefix + SUMMARY_FIELDS[0]);
        String[][] cols = new String[SUMMARY_FIELDS.length - 1][];
        for (int f = 0; f < cols.length; f++) {
            cols[f] = column(prefix + SUMMARY_FIELDS[f + 1]);
        }
        for (int k = 0; k < ranking.length; k++) {
            RunSummary x = s[ranking[k]];
            trades[k] = Integer.toString(x.trades());
            double[] v = {x.winRate(), x.meanReturn(), x.totalReturn(), x.profitFactor(), x.maxDrawdown()};
            for (int f = 0; f < cols.length; f++) {
                cols[f][k] = v[f] == v[f] ? number(v[f]) : "";
            }
        }
    }

    private static String number(double v) {
        return Double.toString(v);
    }

    /** Writes the table as CSV, atomically. */
    public static void writeCsv(SweepTable t, Path file) throws IOException {
        AtomicFiles.write(file, out -> writeCsv(t, out));
    }

    /** Writes the table as CSV to a stream (no cell holds a comma, a quote or a line break: modes, numbers, blanks). */
    public static void writeCsv(SweepTable t, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(String.join(",", t.names));
        w.write('\n');
        StringBuilder line = new StringBuilder();
        for (int row = 0; row < t.rows; row++) {
            line.setLength(0);
            for (int c = 0; c < t.columns.size(); c++) {
                if (c > 0) {
                    line.append(',');
                }
                line.append(t.columns.get(c)[row]);
            }
            w.write(line.append('\n').toString());
        }
        w.flush();
    }
}
