package io.ratchet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ratchet.backtest.Backtest;
import io.ratchet.backtest.BacktestResult;
import io.ratchet.backtest.ResultJson;
import io.ratchet.backtest.entry.Entries;
import io.ratchet.data.io.StagedOutputs;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.Trade;
import io.ratchet.engine.TrailingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ratchet backtest}: one configuration over history. */
@Command(name = "backtest",
        header = "Replay klines through the trailing engine for every entry and score the run.", mixinStandardHelpOptions = true,
        description = "Replay klines through the trailing engine for every entry and score the run.",
        footer = {"", "Example:", "  ratchet backtest --data sample-data/BTCUSDT-1h --mode profit-lock --trail 0.5 --initial-stop 0.03 --entry-every 24"})
final class BacktestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BacktestInputs in;

    @Mixin
    TrailingOptions trailing;

    @Mixin
    AccountOptions account;

    @Option(names = "--json", paramLabel = "FILE", description = "Write {config, summary, trades} as JSON.")
    Path json;

    @Option(names = "--trades", paramLabel = "FILE", description = "Write every trade as CSV.")
    Path tradesCsv;

    @Option(names = "--report", paramLabel = "DIR", description = "Write an HTML report with PNG charts into DIR (opens offline).")
    Path report;

    @Option(names = "--stops", paramLabel = "FILE", description = "Write every position's stop as CSV: its entry stop, each move and the exit "
            + "(entry_time,direction,event,time,price,stop,extreme,trigger), as ratchet live status --export writes a live position's.")
    Path stopsCsv;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        TrailingConfig config = trailing.toConfig();
        in.inputsOf(new RunOutputs().file("--json", json, OutputKinds.BACKTEST_JSON).file("--trades", tradesCsv, OutputKinds.TRADES)
                .file("--stops", stopsCsv, OutputKinds.STOPS).file("--equity", account.equity, OutputKinds.EQUITY)
                .folder("--report", report)
                .input("--config", trailing.configFile)).check();
        in.exactEntriesAllowed = true;
        in.load(out);
        Entries entries = in.entries();
        io.ratchet.backtest.account.AccountSpec acct = account.spec();
        BacktestResult r = Backtest.run(in.series.bars(), entries, config, in.order, in.detail, in.prints);
        io.ratchet.backtest.account.Account.Run run = io.ratchet.backtest.account.Account.run(in.series.bars(),
                io.ratchet.backtest.account.Positions.of(in.series.bars(), r.trades(), config), acct);
        out.println("data:     " + in.dataLine());
        out.println("config:   " + config.label() + ", fee " + Fmt.plain(config.fee()) + ", slippage " + Fmt.plain(config.slippage())
                + ", intrabar " + in.intrabarId());
        out.println("entries:  " + in.entries.describe(entries));
        out.println(AccountText.options(acct));
        out.println();
        printSummary(out, r.summary());
        printEndExits(out, r.trades());
        AccountText.print(out, "", run.figures());
        if (r.detailEffect() != null) {
            io.ratchet.backtest.DetailEffect d = r.detailEffect();
            if (d.covered() == d.trades()) {
                out.printf("detail:   the lower timeframe changed %d of %d exits (%.1f%%) against adverse-first; total return %+.2f%% points%n",
                        d.changed(), d.trades(), 100 * d.changedShare(), 100 * d.returnDelta());
            } else {
                // Bars without lower-timeframe bars are walked in the ohlc order: a change there is that order's, not the lower timeframe's.
                out.printf("detail:   %d of %d exits differ from adverse-first (total return %+.2f%% points), but only %d of the trades had "
                        + "lower-timeframe bars at every bar they were open: the lower timeframe changed %d of those (%.1f%%). The other %d were "
                        + "walked in the ohlc order where --detail-data has no bars, and %d of their exits differ for that reason, at least in "
                        + "part; give lower-timeframe bars for the whole range to measure them%n",
                        d.changed(), d.trades(), 100 * d.returnDelta(), d.covered(), d.changedCovered(),
                        d.covered() == 0 ? 0.0 : 100.0 * d.changedCovered() / d.covered(), d.trades() - d.covered(), d.changed() - d.changedCovered());
            }
        }
        // --intrabar trades: what bars would have said about the same entries (the fidelity gap).
        io.ratchet.backtest.FidelityGap gap = in.prints == null ? null
                : io.ratchet.backtest.FidelityGap.of(in.series.bars(), in.series.interval().millis(), in.prints, entries, config, acct);
        if (gap != null) {
            FidelityText.print(out, gap, in.series.interval().id(), Fmt.priceDecimals(in.series.close(0)));
        }
        int dp = Fmt.priceDecimals(in.series.close(0));
        out.println();
        out.println("first trades:");
        printTrades(out, r.trades().subList(0, Math.min(5, r.trades().size())), dp);
        out.println("worst trades:");
        printTrades(out, r.trades().stream().sorted(Comparator.comparingDouble(Trade::netReturn)).limit(5).toList(), dp);
        List<String> wrote = new java.util.ArrayList<>();
        try (StagedOutputs outputs = new StagedOutputs()) {
            if (json != null) {
                ObjectNode root = ResultJson.backtest(r, acct, run);
                root.put("intrabar", in.intrabarId());
                in.describe(root);
                if (gap != null) {
                    root.set("fidelity", io.ratchet.backtest.FidelityJson.of(gap));
                }
                outputs.file(json, OutputKinds.BACKTEST_JSON, o -> o.write((Json.pretty(root) + "\n").getBytes(StandardCharsets.UTF_8)));
                wrote.add("wrote " + json);
            }
            if (tradesCsv != null) {
                outputs.file(tradesCsv, OutputKinds.TRADES, o -> {
                    StringBuilder sb = new StringBuilder("entryTime,direction,entryPrice,exitTime,exitPrice,exitReason,netReturn,peak,account\n");
                    for (int k = 0; k < r.trades().size(); k++) {
                        Trade t = r.trades().get(k);
                        sb.append(t.entryTime()).append(',').append(t.direction().id()).append(',').append(Fmt.plain(t.entryPrice())).append(',')
                                .append(t.exitTime()).append(',').append(Fmt.plain(t.exitPrice())).append(',').append(t.exitReason()).append(',')
                                .append(t.netReturn()).append(',').append(Fmt.plain(t.peak())).append(',').append(run.taken()[k] ? "taken" : "skipped")
                                .append('\n');
                    }
                    o.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                });
                wrote.add("wrote " + tradesCsv);
            }
            if (stopsCsv != null) {
                String csv = io.ratchet.backtest.StopTrace.csv(io.ratchet.backtest.StopTrace.of(in.series.bars(), entries, config, in.order, in.detail,
                        in.prints));
                outputs.file(stopsCsv, OutputKinds.STOPS, o -> o.write(csv.getBytes(StandardCharsets.UTF_8)));
                wrote.add("wrote " + stopsCsv);
            }
            account.writeEquity(outputs, run, wrote);
            if (report != null) {
                in.report(outputs, report, entries, null, config, acct);
                wrote.add("report:   " + report.toAbsolutePath().normalize().resolve("index.html"));
            }
            outputs.commit();
        }
        wrote.forEach(out::println);
        return 0;
    }

    /** Trades the data ended, said in words: their return is the last close's, not a stop's. */
    static void printEndExits(PrintWriter out, List<Trade> trades) {
        int n = 0;
        int losing = 0;
        double sum = 0;
        for (Trade t : trades) {
            if (t.exitReason() == io.ratchet.engine.ExitReason.END) {
                n++;
                sum += t.netReturn();
                losing += t.netReturn() < 0 ? 1 : 0;
            }
        }
        if (n > 0) {
            out.printf(java.util.Locale.ROOT, "  %d %s still open at the end of the data (END, valued at the last close, %d of them losing): "
                    + "%s together%n", n, n == 1 ? "position was" : "positions were", losing, Fmt.pct(sum, 2));
        }
    }

    static void printSummary(PrintWriter out, RunSummary s) {
        out.printf("per trade (unit stake each, summed): trades %d   win rate %s   mean %s   total %s   profit factor %s   largest fall of the sum %s%n",
                s.trades(), Fmt.pct(s.winRate(), 1).replace("+", ""), Fmt.pct(s.meanReturn(), 3), Fmt.pct(s.totalReturn(), 2),
                s.profitFactor() != s.profitFactor() ? (s.trades() > 0 && s.winRate() > 0 ? "none (no losing trade)" : "-") : Fmt.num(s.profitFactor(), 2),
                Fmt.points(s.maxDrawdown()));
    }

    static void printTrades(PrintWriter out, List<Trade> trades, int dp) {
        out.printf("  %-17s %-5s %14s  %-17s %14s %-5s %9s%n", "entry (UTC)", "dir", "entry", "exit (UTC)", "exit", "why", "net");
        for (Trade t : trades) {
            out.printf("  %-17s %-5s %14s  %-17s %14s %-5s %9s%n", Fmt.time(t.entryTime()), t.direction().id(), Fmt.price(t.entryPrice(), dp),
                    Fmt.time(t.exitTime()), Fmt.price(t.exitPrice(), dp), t.exitReason(), Fmt.pct(t.netReturn(), 2));
        }
    }
}
