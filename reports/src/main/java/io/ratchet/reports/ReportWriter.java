package io.ratchet.reports;

import io.ratchet.backtest.Backtest;
import io.ratchet.backtest.BacktestResult;
import io.ratchet.backtest.sweep.RankBy;
import io.ratchet.backtest.sweep.SweepResult;
import io.ratchet.backtest.sweep.Verdict;
import io.ratchet.data.io.AtomicFiles;
import io.ratchet.data.io.OwnedFolder;
import io.ratchet.data.io.StagedOutputs;
import io.ratchet.data.kline.Gap;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.engine.BarWalker;
import io.ratchet.engine.Bars;
import io.ratchet.engine.Direction;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.Mode;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.StopLadder;
import io.ratchet.engine.StopListener;
import io.ratchet.engine.Trade;
import io.ratchet.engine.TrailingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a report folder: {@code index.html} and its PNGs. The folder is assembled beside
 * the target and moved into place at the end ({@link StagedOutputs}), so a failed run leaves
 * the old report (or none), never half of a new one.
 */
public final class ReportWriter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final int TOP = 20;
    private static final double DAY = 86_400_000.0;

    private ReportWriter() {
    }

    /**
     * Writes the report into {@code out} and returns the path of its {@code index.html}. {@code out}
     * is replaced whole, so it must be new, empty, or an earlier report ({@link OwnedFolder}).
     */
    public static Path write(ReportInput in, Path out) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        OwnedFolder.checkReplaceable("report folder", target);
        try (StagedOutputs outputs = new StagedOutputs()) {
            outputs.folder(target, dir -> writeInto(in, dir));
            outputs.commit();
        }
        return target.resolve("index.html");
    }

    /** Writes {@code index.html} and its charts into {@code dir}, a folder being staged. */
    public static void writeInto(ReportInput in, Path dir) throws IOException {
        ReportModel page;
        try (ChartFiles pngs = new ChartFiles(dir)) {
            page = build(in, pngs);
            pngs.finish();
        }
        AtomicFiles.writeString(dir.resolve("index.html"), HtmlPage.render(page));
    }

    static ReportModel build(ReportInput in, ChartFiles pngs) throws IOException {
        KlineSeries s = in.series();
        TrailingConfig pick = in.pick();
        BacktestResult run = Backtest.run(s.bars(), in.entries(), pick, in.order(), in.detail(), in.prints());
        List<ReportModel.Fact> facts = new ArrayList<>();
        facts.add(new ReportModel.Fact("Data", s.symbol() + " " + s.interval().id()));
        facts.add(new ReportModel.Fact("Range (UTC)", TIME.format(Instant.ofEpochMilli(s.firstOpenTime())) + " .. "
                + TIME.format(Instant.ofEpochMilli(s.lastOpenTime()))));
        long missing = in.gaps().stream().mapToLong(Gap::missing).sum();
        facts.add(new ReportModel.Fact("Bars", String.format(Locale.ROOT, "%,d; %d gap%s (%d missing bar%s, walked as jumps)", s.size(), in.gaps().size(),
                in.gaps().size() == 1 ? "" : "s", missing, missing == 1 ? "" : "s")));
        facts.add(new ReportModel.Fact("Source", in.dataOrigin()));
        facts.add(new ReportModel.Fact("Entries", in.entriesLabel()));
        facts.add(new ReportModel.Fact("Intrabar order", in.prints() != null ? "trades (each bar replaced by its trades, each a print; "
                + "bars without trades walked with ohlc)" : in.order().id()));
        facts.add(new ReportModel.Fact(in.sweep() != null ? "Pick (best in sample)" : "Configuration", pick.label()));
        facts.add(new ReportModel.Fact("Costs", "fee " + pct(pick.fee(), 3) + " per side, slippage " + pct(pick.slippage(), 3) + " per exit"));
        RunSummary sum = run.summary();
        facts.add(new ReportModel.Fact(in.sweep() != null ? "Pick over the whole range" : "Over the whole range", summaryText(sum)));

        String verdict;
        String verdictClass;
        List<ReportModel.Section> sections = new ArrayList<>();
        if (in.sweep() != null) {
            SweepResult r = in.sweep();
            facts.add(new ReportModel.Fact("Grid", r.grid().size() + " configurations, ranked by " + human(r.rankBy())
                    + (r.splitTime() > 0 ? ", in sample before " + TIME.format(Instant.ofEpochMilli(r.splitTime())) + " UTC"
                    : !r.windows().isEmpty() ? ", " + r.windows().size() + " walk-forward windows" : "")));
            Verdict v = Verdict.of(r);
            verdict = v != null ? v.text() : "No out-of-sample check in this sweep: the ranking is fitted to this history. "
                    + "Run the sweep with --split 0.7 or --walk-forward K before trusting the pick.";
            verdictClass = v != null ? v.outcome().name().toLowerCase(Locale.ROOT) : "none";
            sections.add(sweepSection(in, r, pngs));
            ReportModel.Section gaps = FidelityReport.sweepSection(in, r); // on trades: what bars would have said, per configuration
            if (gaps != null) {
                sections.add(gaps);
            }
            if (!r.windows().isEmpty()) {
                sections.add(walkForwardSection(r));
            }
        } else {
            verdict = null;
            verdictClass = "none";
        }
        sections.add(tradesSection(in, run, pngs));
        sections.add(runSection(run, pngs));
        ReportModel.Section fidelity = FidelityReport.section(in, pick, pngs); // --intrabar trades: what bars would have said
        if (fidelity != null) {
            sections.add(fidelity);
        }
        sections.addAll(AccountReport.sections(in, run, pngs));
        sections.add(forecastSection(pick, pngs));
        String title = "Ratchet " + (in.sweep() != null ? "sweep" : "backtest") + ": " + s.symbol() + " " + s.interval().id();
        return new ReportModel(title, facts, verdict, verdictClass, sections);
    }

    private static ReportModel.Section sweepSection(ReportInput in, SweepResult r, ChartFiles pngs) throws IOException {
        RankBy by = r.rankBy();
        boolean pctMetric = by != RankBy.PROFIT_FACTOR && !by.account();
        String metric = human(by) + (pctMetric ? ", %" : "");
        List<ReportModel.Figure> figs = new ArrayList<>();
        TrailingConfig pick = r.bestConfig();
        for (Mode mode : Mode.values()) {
            // Best in-sample configuration at each trail, and at each (trail, activation).
            TreeMap<Double, Integer> bestAtTrail = new TreeMap<>();
            Map<List<Double>, Integer> bestAtCell = new LinkedHashMap<>();
            TreeSet<Double> acts = new TreeSet<>();
            for (int c = 0; c < r.grid().size(); c++) {
                TrailingConfig k = r.grid().get(c);
                if (k.mode() != mode) {
                    continue;
                }
                acts.add(k.activation());
                int cc = c;
                bestAtTrail.merge(k.trail(), c, (a, b) -> r.compareInSample(a, b) <= 0 ? a : b);
                bestAtCell.merge(List.of(k.trail(), k.activation()), cc, (a, b) -> r.compareInSample(a, b) <= 0 ? a : b);
            }
            if (bestAtTrail.isEmpty()) {
                continue;
            }
            // In and out of sample cover periods of different length: they are compared per trade, not by totals.
            double[] trails = bestAtTrail.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] is = new double[trails.length];
            double[] oos = r.hasOutOfSample() ? new double[trails.length] : null;
            int k = 0;
            for (int c : bestAtTrail.values()) {
                is[k] = 100 * r.inSample()[c].meanReturn();
                if (oos != null) {
                    oos[k] = 100 * r.outOfSample()[c].meanReturn();
                }
                k++;
            }
            boolean pickHere = pick.mode() == mode;
            String file = "sweep-" + mode.id() + ".png";
            pngs.png(Charts.scoreVsTrail(mode.id(), "mean net return per trade, %", trails, clean(is), oos == null ? null : clean(oos), pick.trail(),
                    pickHere ? 100 * r.inSample()[r.best()].meanReturn() : Double.NaN), file);
            figs.add(new ReportModel.Figure(file, mode.id() + ": mean net return per trade of the best configuration (by in-sample " + human(by)
                    + ") at each trail" + (oos != null ? ", in sample (solid) and the same configuration out of sample (dashed)" : "")
                    + (pickHere ? "; the square is the pick" : "") + "."));
            List<String> tLabels = new ArrayList<>();
            for (double t : trails) {
                tLabels.add(plain(t));
            }
            List<String> aLabels = new ArrayList<>();
            List<Double> actList = new ArrayList<>(acts);
            for (double a : actList) {
                aLabels.add(plain(a));
            }
            List<Number[]> cells = new ArrayList<>();
            for (Map.Entry<List<Double>, Integer> e : bestAtCell.entrySet()) {
                double v = scale(r.score(e.getValue()), pctMetric);
                if (v == v && !Double.isInfinite(v)) {
                    cells.add(new Number[] {java.util.Arrays.binarySearch(trails, e.getKey().get(0)), actList.indexOf(e.getKey().get(1)), v});
                }
            }
            if (!cells.isEmpty()) {
                String hm = "heatmap-" + mode.id() + ".png";
                pngs.png(Charts.heatmap(mode.id(), metric, tLabels, aLabels, cells, pickHere ? pick.label() : null), hm);
                figs.add(new ReportModel.Figure(hm, mode.id() + ": in-sample " + human(by) + " over trail and activation (best initial stop in each cell)."));
            }
        }
        long first = in.series().firstOpenTime();
        long end = in.series().lastOpenTime() + in.series().interval().millis();
        double isDays;
        double oosDays;
        if (r.splitTime() > 0) {
            isDays = (r.splitTime() - first) / DAY;
            oosDays = (end - r.splitTime()) / DAY;
        } else if (!r.windows().isEmpty()) {
            isDays = r.windows().stream().mapToLong(w -> w.trainTo() - w.trainFrom()).sum() / DAY;
            oosDays = r.windows().stream().mapToLong(w -> w.testTo() - w.testFrom()).sum() / DAY;
        } else {
            isDays = (end - first) / DAY;
            oosDays = Double.NaN;
        }
        int shown = Math.min(TOP, r.ranking().length);
        return new ReportModel.Section("sweep", "Sweep: the top " + shown + " of " + r.ranking().length,
                "Ranked by in-sample " + human(by) + "; click a column to sort. Returns are net of fees. The per-trade columns are per unit "
                        + "stake; \"per day\" is the total return of the part divided by its length in days, so the two parts compare. "
                        + "Sharpe, account return and account max drawdown are the account's, each part from its own start.",
                SweepTableHtml.of(r, shown, isDays, oosDays), figs);
    }

    /** Each window's pick and how it did on the window after it: the test a tuning procedure must pass. */
    private static ReportModel.Section walkForwardSection(SweepResult r) throws IOException {
        HtmlTable t = new HtmlTable("train (UTC)", "pick", "test (UTC)", "train total", "test trades", "test mean", "test total");
        for (io.ratchet.backtest.sweep.Window w : r.windows()) {
            t.row(TIME.format(Instant.ofEpochMilli(w.trainFrom())) + " .. " + TIME.format(Instant.ofEpochMilli(w.trainTo() - 1)),
                    r.grid().get(w.pick()).label(),
                    TIME.format(Instant.ofEpochMilli(w.testFrom())) + " .. " + TIME.format(Instant.ofEpochMilli(w.testTo() - 1)),
                    pct(w.train().totalReturn(), 2), Integer.toString(w.test().trades()), pct(w.test().meanReturn(), 3), pct(w.test().totalReturn(), 2));
        }
        return new ReportModel.Section("walk-forward", "Walk-forward", "Each window's best configuration (by " + human(r.rankBy())
                + "), tested on the window after it. Pooled over the test windows: " + summaryText(r.walkForward()) + ".", t.html(), List.of());
    }

    private static ReportModel.Section tradesSection(ReportInput in, BacktestResult run, ChartFiles pngs) throws IOException {
        List<Trade> trades = run.trades();
        List<ReportModel.Figure> figs = new ArrayList<>();
        if (trades.isEmpty()) {
            return new ReportModel.Section("trades", "Trades", "No trades.", null, figs);
        }
        List<Trade> sorted = trades.stream().sorted(Comparator.comparingDouble(Trade::netReturn)).toList();
        Trade best = sorted.get(sorted.size() - 1);
        Trade worst = sorted.get(0);
        Trade typical = sorted.get(sorted.size() / 2);
        Map<String, Trade> chosen = new LinkedHashMap<>();
        chosen.put("best", best);
        chosen.put("typical", typical);
        chosen.put("worst", worst);
        HtmlTable table = new HtmlTable("trade", "entry (UTC)", "direction", "entry price", "exit (UTC)", "exit price", "exit reason", "net return",
                "best open profit");
        PriceFormat price = PriceFormat.of(in.series());
        for (Map.Entry<String, Trade> e : chosen.entrySet()) {
            Trade t = e.getValue();
            table.row(e.getKey(), TIME.format(Instant.ofEpochMilli(t.entryTime())), t.direction().id(), price.format(t.entryPrice()),
                    TIME.format(Instant.ofEpochMilli(t.exitTime())), price.format(t.exitPrice()), t.exitReason().name(),
                    SweepTableHtml.pct(t.netReturn(), 2), SweepTableHtml.pct(t.maxFavourableExcursion(), 2));
            String file = "trade-" + e.getKey() + ".png";
            TradeCharts tc = tradeCharts(in, run.config(), t, e.getKey());
            List<io.ratchet.reports.chart.XYChart> charts = tc.charts();
            pngs.png(charts.get(0), file);
            figs.add(new ReportModel.Figure(file, "The " + e.getKey() + " trade: price, "
                    + (tc.hadStop() && t.exitTime() == t.entryTime() ? "entry and exit; it opened and closed in one bar, its stop set and hit "
                    + "inside it, so the stop has no length of time to draw"
                    : tc.hadStop() ? "the stop as it ratcheted (red step line), entry and exit" : "entry and exit; it never had a stop (no initial stop, "
                    + "and the price never reached the activation level)")
                    + (tc.hadStop() && run.config().activation() > 0 ? "; the stop trails once the price reaches the activation level (dashed)" : "")
                    + (in.prints() != null ? "; the price is the trades the walk used (each a print)."
                    : in.order() == IntrabarOrder.DETAIL ? "; the price is the lower-timeframe path the walk used." : ".")));
            if (charts.size() > 1) {
                String zoom = "trade-" + e.getKey() + "-stop.png";
                pngs.png(charts.get(1), zoom);
                figs.add(new ReportModel.Figure(zoom, "The " + e.getKey() + " trade's stop lived only at its end: that end, enlarged."));
            }
        }
        return new ReportModel.Section("trades", "Trades of the " + (in.sweep() != null ? "pick" : "configuration"),
                trades.size() + " trades; the best, a typical (median) and the worst one.", table.html(), figs);
    }

    /**
     * The trade's chart over its whole life; and where the stop lived only at the end of it (it
     * starts to trail late, after the activation level), a second chart of that end, so that
     * the stop is seen moving and not as a dot beside the exit.
     */
    private static TradeCharts tradeCharts(ReportInput in, TrailingConfig config, Trade t, String which) {
        List<Long> stopTime = new ArrayList<>();
        List<Double> stop = new ArrayList<>();
        StopListener rec = new StopListener() {
            @Override
            public void onStopMoved(long time, double price, double oldStop, double newStop) {
                stopTime.add(time);
                stop.add(newStop);
            }

            @Override
            public void onStopHit(long time, double price, double trigger) {
            }
        };
        Bars b = in.series().bars();
        int i = b.indexOf(t.entryTime());
        BarWalker w = new BarWalker(config, in.order(), in.detail(), in.prints(), rec);
        int j = w.walk(b, i, t.direction());
        if (!stop.isEmpty()) {
            stopTime.add(t.exitTime());
            stop.add(stop.get(stop.size() - 1));
        }
        long from = b.openTime()[Math.max(b.from(), i - 3)];
        long to = b.openTime()[Math.min(b.to() - 1, j + 3)] + 1;
        String title = which + " trade: " + t.direction().id() + " " + TIME.format(Instant.ofEpochMilli(t.entryTime())) + " -> "
                + TIME.format(Instant.ofEpochMilli(t.exitTime())) + ", " + SweepTableHtml.pct(t.netReturn(), 2);
        double activation = config.activation() > 0 ? t.entryPrice() * (1 + t.direction().sign() * config.activation()) : Double.NaN;
        String axis = PriceFormat.of(in.series()).axis();
        List<io.ratchet.reports.chart.XYChart> charts = new ArrayList<>();
        charts.add(Charts.trade(title, axis, pricePath(in, from, to, t), stopTime, stop, t, activation, false));
        long life = t.exitTime() - (stop.isEmpty() ? t.exitTime() : stopTime.get(0));
        if (!stop.isEmpty() && life < 0.25 * (t.exitTime() - t.entryTime())) {
            long bar = in.series().interval().millis();
            long zoomFrom = Math.max(t.entryTime(), stopTime.get(0) - Math.max(life / 2, 6 * bar));
            long zoomTo = Math.min(to, t.exitTime() + 3 * bar + 1);
            charts.add(Charts.trade(which + " trade, its last " + TIME.format(Instant.ofEpochMilli(zoomFrom)) + " .. "
                    + TIME.format(Instant.ofEpochMilli(t.exitTime())) + ": the stop as it ratcheted", axis, pricePath(in, zoomFrom, zoomTo, t),
                    stopTime, stop, t, activation, true));
        }
        return new TradeCharts(charts, !stop.isEmpty());
    }

    /** A trade's charts, and whether it ever had a stop (the captions say so when it did not). */
    record TradeCharts(List<io.ratchet.reports.chart.XYChart> charts, boolean hadStop) {
    }

    /** The price the walk saw between two times: the bars, or the lower-timeframe bars under --intrabar detail. */
    private static ReportWriter.PricePath pricePath(ReportInput in, long from, long to, Trade t) {
        if (in.prints() != null) {
            return FidelityReport.printPath(in, from, to, t);
        }
        Bars b = in.series().bars();
        Bars path = in.order() == IntrabarOrder.DETAIL && in.detail() != null ? in.detail().detail() : b;
        int a = path.ceilingIndex(from);
        int z = path.ceilingIndex(to);
        if (z <= a) {
            return new PricePath(new double[] {t.entryTime()}, new double[] {t.entryPrice()});
        }
        double[] time = new double[z - a];
        double[] close = new double[z - a];
        for (int k = a; k < z; k++) {
            time[k - a] = path.openTime()[k];
            close[k - a] = path.close()[k];
        }
        int[] keep = Decimate.line(time, close, Decimate.COLUMNS);
        return new PricePath(Decimate.pick(time, keep), Decimate.pick(close, keep));
    }

    /** Times and closes of a price line. */
    record PricePath(double[] time, double[] close) {
    }

    private static ReportModel.Section runSection(BacktestResult run, ChartFiles pngs) throws IOException {
        List<Trade> byExit = run.trades().stream()
                .sorted(Comparator.comparingLong(Trade::exitTime).thenComparingLong(Trade::entryTime)).toList();
        pngs.png(Charts.equity(byExit), "equity.png");
        pngs.png(Charts.histogram(run.trades().stream().map(t -> 100 * t.netReturn()).toList()), "returns.png");
        pngs.png(Charts.mfe(run.trades()), "mfe.png");
        return new ReportModel.Section("run", "The run", summaryText(run.summary()), null, List.of(
                new ReportModel.Figure("equity.png", "Per trade (not an account): the running sum of unit-stake net returns in order of exit, its fall from the high shaded; the account is below."),
                new ReportModel.Figure("returns.png", "Distribution of net returns per trade."),
                new ReportModel.Figure("mfe.png", "Best open profit (MFE) against the net return kept: the gap to the diagonal is what the trail gave back, fees included.")));
    }

    private static ReportModel.Section forecastSection(TrailingConfig pick, ChartFiles pngs) throws IOException {
        double target = 110;
        pngs.png(Charts.ladder("stop ladder of " + pick.label() + ": a long from 100 to 110", StopLadder.of(pick, Direction.LONG, 100, target, 20), 100),
                "ladder.png");
        return new ReportModel.Section("forecast", "Forecast", "Where the stop of this configuration sits as a long entered at 100 moves to 110 "
                + "(ratchet forecast shows the same ladder as a table, with its odds on history).", null,
                List.of(new ReportModel.Figure("ladder.png", "The stop ladder: the stop (step line) at each price reached; it never loosens.")));
    }

    /** "total return" for totalReturn: the report speaks to a reader, not to the option parser. */
    static String human(RankBy by) {
        return by.id().replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
    }

    private static String summaryText(RunSummary s) {
        return String.format(Locale.ROOT, "per trade (unit stake each, summed): %d trades, win rate %s, mean %s, total %s, profit factor %s, largest fall of the sum %s", s.trades(),
                pct(s.winRate(), 1), pct(s.meanReturn(), 3), pct(s.totalReturn(), 2),
                s.profitFactor() == s.profitFactor() ? String.format(Locale.ROOT, "%.2f", s.profitFactor()) : "none (no losses)", pct(s.maxDrawdown(), 2).replace("%", " points"));
    }

    private static String pct(double v, int decimals) {
        return v != v ? "-" : String.format(Locale.ROOT, "%." + decimals + "f%%", 100 * v);
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static double scale(double v, boolean percent) {
        return percent ? 100 * v : v;
    }

    /** An undefined or infinite score is a gap in the line, not a point at zero. */
    private static double[] clean(double[] a) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            if (Double.isInfinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }
}
