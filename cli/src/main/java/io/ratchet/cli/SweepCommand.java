package io.ratchet.cli;

import io.ratchet.backtest.ResultJson;
import io.ratchet.backtest.entry.Entries;
import io.ratchet.backtest.sweep.GridSpec;
import io.ratchet.backtest.sweep.RankBy;
import io.ratchet.backtest.sweep.Sweep;
import io.ratchet.backtest.sweep.SweepResult;
import io.ratchet.backtest.sweep.SweepTable;
import io.ratchet.backtest.sweep.Verdict;
import io.ratchet.backtest.sweep.Window;
import io.ratchet.backtest.sweep.Workers;
import io.ratchet.data.io.StagedOutputs;
import io.ratchet.engine.Mode;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.TrailingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ratchet sweep}: score a grid of trailing configurations, in and out of sample. */
@Command(name = "sweep",
        header = "Score a grid of trailing configurations, in and out of sample.", mixinStandardHelpOptions = true,
        description = {"Score every combination of a grid of trailing parameters over history (one pass over the bars",
            "serves all of them), rank them, and check the pick out of sample."},
        footer = {"", "Ranges: from:to:step includes both ends (0.05:0.95:0.05 is 19 values); a,b,c lists values.", "",
            "Example:", "  ratchet sweep --data sample-data/BTCUSDT-1h --mode profit-lock,percent --trail 0.05:0.5:0.05 \\",
            "      --initial-stop none,0.02,0.05 --entry-every 24 --split 0.7 --export-best best.json"})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BacktestInputs in;

    @Mixin
    AccountOptions account;

    @Option(names = "--mode", paramLabel = "MODES", defaultValue = "profit-lock,percent", description = "Comma list. Default: ${DEFAULT-VALUE}.")
    String modes;

    @Option(names = "--trail", paramLabel = "[MODE=]RANGE", required = true,
            description = "from:to:step or a comma list, for every mode; or MODE=RANGE, repeated, for each mode its own "
                + "(profit-lock keeps a share of profit, percent is a distance: their scales differ).")
    List<String> trails;

    @Option(names = "--activation", paramLabel = "RANGE", defaultValue = "0", description = "from:to:step or a comma list. Default: ${DEFAULT-VALUE}.")
    String activations;

    @Option(names = "--initial-stop", paramLabel = "RANGE", defaultValue = "none", description = "from:to:step, a comma list, 'none'. Default: ${DEFAULT-VALUE}.")
    String initialStops;

    @Option(names = "--max-bars", paramLabel = "N", defaultValue = "0", description = "Time exit after N bars; 0 for none.")
    int maxBars;

    @Option(names = "--fee", paramLabel = "F", defaultValue = "0.001", description = "Fee per side. Default: ${DEFAULT-VALUE}.")
    double fee;

    @Option(names = "--slippage", paramLabel = "S", defaultValue = "0", description = "Slippage per exit fill. Default: ${DEFAULT-VALUE}.")
    double slippage;

    @Option(names = "--rank-by", paramLabel = "FIELD", defaultValue = "sharpe",
            description = {"Account figures: sharpe, sortino, calmar, returnPct, maxDrawdownPct (lower is better).",
                "Per-trade unit-stake statistics: totalReturn, meanReturn, profitFactor, winRate, maxDrawdown (lower is better).",
                "Default: ${DEFAULT-VALUE} (the account's daily Sharpe: return per unit of the equity's risk)."})
    String rankBy;

    @Option(names = "--split", paramLabel = "F", description = "Score on the first F of time (in sample) and again on the rest (out of sample).")
    Double split;

    @Option(names = "--walk-forward", paramLabel = "K", description = "K windows over K+1 parts of time: train, then test on the next part.")
    Integer walkForward;

    @Option(names = "--anchored", description = "With --walk-forward: train on everything before each test part (default: rolling, the part before).")
    boolean anchored;

    @Option(names = "--pbo-blocks", paramLabel = "S", defaultValue = "16",
            description = "Blocks of time for the probability of backtest overfitting (CSCV; even, 2..24). Default: ${DEFAULT-VALUE}.")
    int pboBlocks;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: all cores, or one fewer in a small sweep "
            + "(under about 8 million configuration-entry pairs), which leaves a core to the JIT compiler.")
    Integer threads;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Rows to print. Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--out", paramLabel = "FILE", description = "Every configuration and its scores as CSV.")
    Path out;

    @Option(names = "--json", paramLabel = "FILE", description = "The sweep as JSON (what ratchet report reads).")
    Path json;

    @Option(names = "--export-best", paramLabel = "FILE",
            description = "The pick (best in sample) as the configuration file ratchet live --config loads, with its verdict and evidence. "
                + "Written only if the verdict holds or weakens, unless --export-anyway.")
    Path exportBest;

    @Option(names = "--export-anyway", description = "Write --export-best even when the verdict says not to trade the pick, or there is no out-of-sample check.")
    boolean exportAnyway;

    @Option(names = "--report", paramLabel = "DIR", description = "Write an HTML report with PNG charts into DIR (opens offline).")
    Path report;

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = spec.commandLine().getOut();
        List<TrailingConfig> grid = grid();
        RankBy rank = parse(() -> RankBy.parse(rankBy));
        if (threads != null && threads < 1) {
            throw new UsageException("--threads: must be at least 1");
        }
        if (split != null && walkForward != null) {
            throw new UsageException("give --split or --walk-forward, not both");
        }
        if (walkForward != null && walkForward < 1) {
            throw new UsageException("--walk-forward: must be at least 1 window, got " + walkForward + " (leave it out for no walk-forward)");
        }
        if (top < 1) {
            throw new UsageException("--top: must be at least 1 row, got " + top + " (--out FILE writes every configuration)");
        }
        if (exportAnyway && exportBest == null) {
            throw new UsageException("--export-anyway is used only with --export-best FILE");
        }
        in.inputsOf(new RunOutputs().file("--out", out, OutputKinds.SWEEP_TABLE).file("--json", json, OutputKinds.SWEEP_JSON)
                .file("--export-best", exportBest, OutputKinds.PICK).file("--equity", account.equity, OutputKinds.EQUITY)
                .folder("--report", report)).check();
        in.load(pw);
        Entries entries = in.entries();
        int nThreads = threads != null ? threads
                : Workers.forSweep(Runtime.getRuntime().availableProcessors(), in.series.bars().size(), entries.size(), grid.size());
        io.ratchet.backtest.account.AccountSpec acct = account.spec();
        Sweep.Options opts = parse(() -> new Sweep.Options(in.order, in.detail, nThreads, rank, split == null ? Double.NaN : split,
                walkForward == null ? 0 : walkForward, anchored, acct, pboBlocks, in.prints));
        pw.println("data:     " + in.dataLine());
        pw.println("entries:  " + in.entries.describe(entries));
        pw.println("grid:     " + grid.size() + " configurations, intrabar " + in.intrabarId() + ", fee " + Fmt.plain(fee)
                + ", ranked by " + rank.id() + (rank == RankBy.DEFAULT ? " (the account's daily Sharpe ratio, the default)" : "") + " on "
                + (opts.split() == opts.split() ? "in-sample" : opts.walkForward() > 0 ? "each train range; the pick to trade next on the latest"
                : "the whole range"));
        pw.println(AccountText.options(acct));
        long started = System.nanoTime();
        AtomicLong done = new AtomicLong();
        SweepResult r;
        try (ProgressMonitor mon = ProgressMonitor.start("sweep", entries.size(), "entries", done)) {
            r = parse(() -> Sweep.run(in.series.bars(), entries, grid, opts, done));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (Double.isNaN(r.score(r.best()))) {
            pw.println("note: no configuration has a defined " + rank.id() + " (no position taken): the ranking is in grid order");
        }
        pw.printf("scored:   %d configurations x %d entries in %.2f s%n", grid.size(), entries.size(), seconds);
        // --intrabar trades: every configuration's fidelity gap, on the whole range (three kernel passes over the grid).
        List<io.ratchet.backtest.FidelityGap> fidelity = null;
        if (in.prints != null) {
            long t0 = System.nanoTime();
            AtomicLong walked = new AtomicLong();
            try (ProgressMonitor mon = ProgressMonitor.start("fidelity", io.ratchet.backtest.FidelityGap.gridSteps(entries.size(), grid.size()),
                    "entries", walked)) {
                fidelity = io.ratchet.backtest.FidelityGap.on(in.series.bars(), in.series.interval().millis(), in.prints)
                        .grid(entries, grid.toArray(new TrailingConfig[0]), acct, nThreads, walked);
            }
            pw.printf("fidelity: the same %d configurations walked again with adverse-first on the bars and detail on 1m in %.2f s%n", grid.size(),
                    (System.nanoTime() - t0) / 1e9);
        }
        pw.println();
        printTop(pw, r);
        if (fidelity != null) {
            pw.println();
            FidelityText.table(pw, r.grid(), r.ranking(), top, fidelity, in.series.interval().id());
        }
        Verdict v = Verdict.of(r);
        pw.println();
        pw.println("pick:     " + r.bestConfig().label() + " (best " + rank.id() + (r.hasOutOfSample() ? " in sample)" : ")"));
        if (r.hasOutOfSample()) {
            pw.print("  in sample:      ");
            BacktestCommand.printSummary(pw, r.inSample()[r.best()]);
            AccountText.print(pw, "                  ", r.inSampleAccount(r.best()));
            pw.print("  out of sample:  ");
            BacktestCommand.printSummary(pw, r.outOfSample()[r.best()]);
            AccountText.print(pw, "                  ", r.outOfSampleAccount(r.best()), !r.windows().isEmpty());
        } else {
            pw.print("  ");
            BacktestCommand.printSummary(pw, r.inSample()[r.best()]);
            AccountText.print(pw, "  ", r.inSampleAccount(r.best()));
        }
        if (!r.windows().isEmpty()) {
            pw.println();
            pw.println("walk-forward: each window's pick, tested on the window after it");
            for (Window w : r.windows()) {
                pw.printf("  train %s .. %s  pick %-28s test %s .. %s  trades %4d  total %s  account %s, Sharpe %s%n", Fmt.time(w.trainFrom()).substring(0, 10),
                        Fmt.time(w.trainTo() - 1).substring(0, 10), r.grid().get(w.pick()).label(), Fmt.time(w.testFrom()).substring(0, 10),
                        Fmt.time(w.testTo() - 1).substring(0, 10), w.test().trades(), Fmt.pct(w.test().totalReturn(), 2),
                        AccountText.signed(w.testAccount().returnPct()), AccountText.num(w.testAccount().sharpe()));
            }
            pw.print("  pooled test parts (out of sample): ");
            BacktestCommand.printSummary(pw, r.walkForward());
            AccountText.print(pw, "                  ", r.walkForwardAccount(), true);
        }
        pw.println();
        AccountText.neighbourhood(pw, r);
        if (v != null) {
            pw.println();
            pw.println("verdict:  " + v.text());
        } else if (r.robustness() != null) {
            pw.println();
            pw.println("trust:    " + Verdict.trust(r.robustness()) + " No out-of-sample check: give --split F or --walk-forward K.");
        }
        // The pick's trades on the whole range, walked again by the kernel (the engine's trades, bit for bit): the sweep kept none.
        io.ratchet.backtest.sweep.Trades whole = io.ratchet.backtest.sweep.SweepKernel.trades(in.series.bars(), entries, r.bestConfig(), in.order,
                in.detail, in.prints);
        long sameBar = java.util.stream.IntStream.range(0, whole.size()).filter(k -> whole.exitBar(k) == whole.entryBar(k)).count();
        if (in.order != io.ratchet.engine.IntrabarOrder.DETAIL && in.prints == null && sameBar * 2 > whole.size()) {
            // A stop that closes most trades inside their entry bar is scored on the four-point order of that bar,
            // which klines do not record: the figures are as good as that assumption.
            pw.printf(java.util.Locale.ROOT, "  warning: %d of the pick's %d trades exit in their entry bar: its result rests on the order of "
                    + "prices inside a bar, which klines do not show; check it with --intrabar detail --detail-data (lower-timeframe klines).%n",
                    sameBar, whole.size());
        }
        io.ratchet.backtest.account.Account.Run pickRun = account.equity == null ? null : io.ratchet.backtest.account.Account.run(in.series.bars(),
                whole, acct);
        boolean exportRefused = exportBest != null && !exportAnyway && !ExportedPick.tradable(v);
        java.util.List<String> wrote = new ArrayList<>();
        try (StagedOutputs outputs = new StagedOutputs()) {
            if (out != null) {
                outputs.file(out, OutputKinds.SWEEP_TABLE, o -> SweepTable.writeCsv(SweepTable.of(r), o));
                wrote.add("wrote " + out);
            }
            // Built only when written: the data's digest reads every bar.
            com.fasterxml.jackson.databind.node.ObjectNode root = json != null || (exportBest != null && !exportRefused) ? ResultJson.sweep(r) : null;
            if (root != null) {
                root.put("intrabar", in.intrabarId());
                in.describe(root);
                if (fidelity != null) {
                    root.put("fidelityDefinition", io.ratchet.backtest.FidelityJson.DEFINITION);
                    root.set("fidelity", io.ratchet.backtest.FidelityJson.grid(r.grid(), r.ranking(), fidelity));
                }
            }
            if (json != null) {
                outputs.file(json, OutputKinds.SWEEP_JSON, o -> o.write((Json.pretty(root) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                wrote.add("wrote " + json);
            }
            if (exportBest != null && !exportRefused) {
                String pick = ExportedPick.json(r, v, (com.fasterxml.jackson.databind.node.ObjectNode) root.get("data"));
                outputs.file(exportBest, OutputKinds.PICK, o -> o.write(pick.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                wrote.add("wrote " + exportBest + " (ratchet live --config " + exportBest + ")");
            }
            if (pickRun != null) {
                account.writeEquity(outputs, pickRun, wrote);
            }
            if (report != null) {
                in.report(outputs, report, entries, r, null, acct, fidelity);
                wrote.add("report:   " + report.toAbsolutePath().normalize().resolve("index.html"));
            }
            outputs.commit();
        }
        wrote.forEach(pw::println);
        if (exportRefused) {
            throw new UsageException(ExportedPick.refusal(exportBest, v));
        }
        return 0;
    }

    private void printTop(PrintWriter pw, SweepResult r) {
        boolean oos = r.hasOutOfSample();
        String head = String.format("%4s  %-36s %7s %9s %9s %7s  %7s %9s %7s", "#", "configuration", "trades", "mean", "total", "pf",
                "sharpe", "return", "maxDD");
        if (oos) {
            head += String.format("  | %7s %9s %9s  %7s %9s %7s", "oos tr", "oos mean", "oos total", "sharpe", "return", "maxDD");
        }
        pw.println(head);
        pw.println("-".repeat(head.length()));
        int n = Math.min(top, r.ranking().length);
        for (int k = 0; k < n; k++) {
            int c = r.ranking()[k];
            RunSummary s = r.inSample()[c];
            var a = r.inSampleAccount(c);
            String line = String.format("%4d  %-36s %7d %9s %9s %7s  %7s %9s %7s", k + 1, r.grid().get(c).label(), s.trades(), Fmt.pct(s.meanReturn(), 3),
                    Fmt.pct(s.totalReturn(), 2), pf(s), AccountText.num(a.sharpe()), AccountText.signed(a.returnPct()),
                    String.format(java.util.Locale.ROOT, "%.1f%%", a.maxDrawdownPct()));
            if (oos) {
                RunSummary o = r.outOfSample()[c];
                var b = r.outOfSampleAccount(c);
                line += String.format("  | %7d %9s %9s  %7s %9s %7s", o.trades(), Fmt.pct(o.meanReturn(), 3), Fmt.pct(o.totalReturn(), 2),
                        AccountText.num(b.sharpe()), AccountText.signed(b.returnPct()), String.format(java.util.Locale.ROOT, "%.1f%%", b.maxDrawdownPct()));
            }
            pw.println(line);
        }
        if (r.ranking().length > n) {
            pw.println("  ... " + (r.ranking().length - n) + " more (--top N, or --out FILE for all)");
        }
        pw.println("  trades, mean, total, pf: per-trade statistics, unit stake each, summed; sharpe, return, maxDD: the account"
                + (r.windows().isEmpty() ? "" : "; in sample is the latest training range, out of sample the test parts pooled"));
    }

    /** No losing trade: said so, never a number that looks infinitely good. */
    static String pf(RunSummary s) {
        return s.trades() == 0 ? "-" : s.profitFactor() != s.profitFactor() ? (s.winRate() > 0 ? "no loss" : "-") : Fmt.num(s.profitFactor(), 2);
    }

    private List<TrailingConfig> grid() {
        java.util.Map<Mode, double[]> perMode = new java.util.LinkedHashMap<>();
        double[] shared = null;
        for (String t : trails) {
            int eq = t.indexOf('=');
            if (eq > 0) {
                perMode.put(Mode.parse(t.substring(0, eq)), parse(() -> GridSpec.parse("--trail", t.substring(eq + 1), false)));
            } else {
                double[] v = parse(() -> GridSpec.parse("--trail", t, false));
                shared = v;
            }
        }
        List<Mode> ms = new ArrayList<>();
        for (String m : modes.split(",")) {
            ms.add(Mode.parse(m));
        }
        if (modes.equals("profit-lock,percent") && shared == null) {
            ms = new ArrayList<>(perMode.keySet()); // only the modes given a trail
        }
        double[] a = parse(() -> GridSpec.parse("--activation", activations, false));
        double[] s = parse(() -> GridSpec.parse("--initial-stop", initialStops, true));
        List<TrailingConfig> g = new ArrayList<>();
        for (Mode m : ms) {
            double[] t = perMode.containsKey(m) ? perMode.get(m) : shared;
            if (t == null) {
                throw new UsageException("--trail: no range for mode " + m.id() + " (give --trail " + m.id() + "=RANGE or a shared --trail RANGE)");
            }
            g.addAll(Sweep.grid(List.of(m), t, a, s, maxBars, fee, slippage));
        }
        if (g.size() > 1_000_000) {
            throw new UsageException("the grid has " + g.size() + " configurations; at most 1,000,000");
        }
        return g;
    }

    private static <T> T parse(java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (io.ratchet.engine.InvalidConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
