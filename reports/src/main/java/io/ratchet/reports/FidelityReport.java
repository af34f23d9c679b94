package io.ratchet.reports;

import io.ratchet.backtest.FidelityGap;
import io.ratchet.backtest.FidelityJson;
import io.ratchet.backtest.account.AccountSpec;
import io.ratchet.backtest.sweep.SweepResult;
import io.ratchet.engine.Trade;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.reports.chart.Marker;
import io.ratchet.reports.chart.XYChart;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's fidelity section for a tick-exact run ({@code --intrabar trades}): the same
 * entries walked on the trades, with {@code adverse-first} on the bars and with {@code detail} on
 * 1m bars built from the trades ({@link FidelityGap}), as a table, the widest single gaps in
 * words, and two charts: the running sum of the three walks, and each trade's return on the bars
 * against its return on the trades.
 */
final class FidelityReport {
    static final String CUMULATIVE = "fidelity-cumulative.png";
    static final String PER_TRADE = "fidelity-per-trade.png";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final int TRADES = 0xFF141414;
    private static final int ADVERSE = 0xFFC82828;
    private static final int DETAIL = 0xFF1E64C8;

    private FidelityReport() {
    }

    /** The section, or null when the run did not walk trades. */
    static ReportModel.Section section(ReportInput in, TrailingConfig config, ChartFiles pngs) throws IOException {
        if (in.prints() == null) {
            return null;
        }
        FidelityGap g = FidelityGap.of(in.series().bars(), in.series().interval().millis(), in.prints(), in.entries(), config, in.accountSpec());
        return section(in, g, pngs);
    }

    static ReportModel.Section section(ReportInput in, FidelityGap g, ChartFiles pngs) throws IOException {
        String interval = in.series().interval().id();
        pngs.png(cumulative(g, interval), CUMULATIVE);
        pngs.png(perTrade(g, interval), PER_TRADE);
        PriceFormat price = PriceFormat.of(in.series());
        StringBuilder text = new StringBuilder(headline(g)).append(' ');
        text.append("The same ").append(g.trades().trades().size()).append(" entries, the same configuration, walked three ways by the engine: on the trades "
                + "(each a print; a stop hit exits at the price of the trade through it), with adverse-first on the ").append(interval)
                .append(" bars, and with detail on ").append(g.detailBars() != null ? g.detailBars() : "1m bars (none here: the bars are shorter than 1m)")
                .append(". ").append(capital(FidelityJson.DEFINITION)).append(". The second table: for each bar walk, the entry whose "
                        + "net return differs most from the trades'.");
        List<ReportModel.Figure> figs = List.of(
                new ReportModel.Figure(CUMULATIVE, "The running sum of net returns per trade (unit stake each) in order of entry, on each walk: "
                        + "where a bar walk's line leaves the trades' line, the bars said something the trades did not."),
                new ReportModel.Figure(PER_TRADE, "Each trade's net return on the bars against its return on the trades: on the diagonal the walks "
                        + "agree; above it the bars flatter the trade, below it they are harsher."));
        return new ReportModel.Section("fidelity", "Fidelity: trades against bars", text.toString(), table(g, interval) + widest(g, price), figs);
    }

    /** Rows of the per-configuration table at most; the sweep's {@code --json} has every one. */
    static final int GRID_ROWS = 1000;

    /**
     * A sweep on trades: every configuration's gap, in the sweep's ranking, as one sortable table
     * beside the sweep's; null when the sweep did not walk trades. The figures are the sweep's own
     * when it passed them ({@link ReportInput#sweepFidelity}), else walked here, as the sweep does.
     */
    static ReportModel.Section sweepSection(ReportInput in, SweepResult r) throws IOException {
        if (in.prints() == null) {
            return null;
        }
        List<FidelityGap> gaps = in.sweepFidelity();
        if (gaps == null) {
            AccountSpec spec = r.account() != null ? r.account() : in.accountSpec();
            gaps = FidelityGap.on(in.series().bars(), in.series().interval().millis(), in.prints())
                    .grid(in.entries(), r.grid().toArray(new TrailingConfig[0]), spec, Runtime.getRuntime().availableProcessors(), null);
        }
        String interval = in.series().interval().id();
        FidelityGap first = gaps.get(r.ranking()[0]);
        HtmlTable table = new HtmlTable("#", "configuration", "on trades: total", "adverse-first: total", "exits that differ", "in another bar",
                "total minus trades", "account minus trades", "detail on 1m: total", "exits that differ", "in another bar", "total minus trades",
                "account minus trades").css("sortable fidelity-grid");
        int shown = Math.min(GRID_ROWS, r.ranking().length);
        for (int k = 0; k < shown; k++) {
            int c = r.ranking()[k];
            FidelityGap g = gaps.get(c);
            List<String> cells = new ArrayList<>(List.of(Integer.toString(k + 1), r.grid().get(c).label(), pctSigned(g.trades().summary().totalReturn())));
            cells.addAll(cells(g.adverseFirst()));
            cells.addAll(cells(g.detail()));
            table.row(cells.toArray(new String[0]));
        }
        String text = "Every configuration of the grid, ranked as in the sweep, on the whole range: the same entries walked on the trades, "
                + "with adverse-first on the " + interval + " bars, and with detail on "
                + (first.detailBars() != null ? first.detailBars() : "1m bars (none here: the bars are shorter than 1m)") + ". "
                + capital(FidelityJson.DEFINITION) + "; exits that differ are counted of each configuration's " + first.trades().summary().trades()
                + " trades, totals are summed net returns per unit stake (in points), the account's return in % points."
                + (shown < r.ranking().length ? " The first " + shown + " of " + r.ranking().length + " configurations; sweep --json has every one." : "")
                + " The pick's own gap, trade by trade, is in \"Fidelity: trades against bars\" below.";
        return new ReportModel.Section("sweep-fidelity", "Fidelity of every configuration: trades against bars", text, table.html(), List.of());
    }

    private static List<String> cells(FidelityGap.Comparison c) {
        if (c == null) {
            return List.of("-", "-", "-", "-", "-");
        }
        return List.of(pctSigned(c.walk().summary().totalReturn()), String.format(Locale.ROOT, "%d of %d", c.differ(), c.exits()),
                Integer.toString(c.inAnotherBar()), String.format(Locale.ROOT, "%+.2f points", 100 * c.totalReturnDelta()),
                c.accountReturnPctDelta() == c.accountReturnPctDelta() ? String.format(Locale.ROOT, "%+.2f points", c.accountReturnPctDelta()) : "-");
    }

    /** "Bars would have said: adverse-first +3.10% total (41 of 365 exits differ), detail on 1m +1.20% (12 differ); the trades walked: -0.40%." */
    static String headline(FidelityGap g) {
        StringBuilder sb = new StringBuilder("Bars would have said: adverse-first ").append(pctSigned(g.adverseFirst().walk().summary().totalReturn()))
                .append(" total (").append(g.adverseFirst().differ()).append(" of ").append(g.adverseFirst().exits()).append(" exits differ, ").append(g.adverseFirst().inAnotherBar()).append(" in another bar)");
        if (g.detail() != null) {
            sb.append(", detail on 1m ").append(pctSigned(g.detail().walk().summary().totalReturn())).append(" (").append(g.detail().differ())
                    .append(" differ, ").append(g.detail().inAnotherBar()).append(" in another bar)");
        }
        return sb.append("; the trades walked: ").append(pctSigned(g.trades().summary().totalReturn())).append('.').toString();
    }

    /** The widest single gap of each bar walk: which entry, and its exit on both walks. */
    private static String widest(FidelityGap g, PriceFormat price) throws IOException {
        HtmlTable table = new HtmlTable("widest gap against", "entry", "entered (UTC)", "exit on the trades", "exit on the bars", "bars minus trades")
                .css("fidelity-widest");
        List<FidelityGap.Comparison> rows = new ArrayList<>();
        rows.add(g.adverseFirst());
        if (g.detail() != null) {
            rows.add(g.detail());
        }
        for (FidelityGap.Comparison c : rows) {
            FidelityGap.Difference d = c.worst();
            if (d == null) {
                table.row(c.walk().name(), "-", "-", "no exit differs", "-", "-");
                continue;
            }
            Trade a = d.onTrades();
            Trade b = d.onBars();
            table.row(c.walk().name(), "#" + (d.entry() + 1) + ", " + a.direction().id() + " at " + price.format(a.entryPrice()),
                    TIME.format(Instant.ofEpochMilli(a.entryTime())),
                    price.format(a.exitPrice()) + ", " + a.exitReason() + " " + MS.format(Instant.ofEpochMilli(a.exitTime())) + ", " + pctSigned(a.netReturn()),
                    price.format(b.exitPrice()) + ", " + b.exitReason() + " in the bar of " + TIME.format(Instant.ofEpochMilli(b.exitTime())) + ", "
                            + pctSigned(b.netReturn()),
                    String.format(Locale.ROOT, "%+.2f points", 100 * d.returnDelta()));
        }
        return table.html();
    }

    private static String table(FidelityGap g, String interval) throws IOException {
        HtmlTable table = new HtmlTable("walk", "total", "mean per trade", "account", "exits that differ", "in another bar",
                "same bar, other price or reason", "total minus trades", "account minus trades").css("sortable fidelity");
        FidelityGap.Walk t = g.trades();
        table.row("trades (tick-exact)", pctSigned(t.summary().totalReturn()), pctSigned3(t.summary().meanReturn()), accountPct(t.accountReturnPct()),
                "-", "-", "-", "-", "-");
        List<FidelityGap.Comparison> rows = new ArrayList<>();
        rows.add(g.adverseFirst());
        if (g.detail() != null) {
            rows.add(g.detail());
        }
        for (FidelityGap.Comparison c : rows) {
            table.row(c == g.adverseFirst() ? "adverse-first on the " + interval + " bars" : "detail on " + g.detailBars(),
                    pctSigned(c.walk().summary().totalReturn()), pctSigned3(c.walk().summary().meanReturn()), accountPct(c.walk().accountReturnPct()),
                    String.format(Locale.ROOT, "%d of %d (%.1f%%)", c.differ(), c.exits(), 100 * c.differShare()), Integer.toString(c.inAnotherBar()),
                    Integer.toString(c.sameBarOtherwise()), String.format(Locale.ROOT, "%+.2f points", 100 * c.totalReturnDelta()),
                    c.accountReturnPctDelta() == c.accountReturnPctDelta() ? String.format(Locale.ROOT, "%+.2f points", c.accountReturnPctDelta()) : "-");
        }
        return table.html();
    }

    private static XYChart chart(String title, String x, String y) {
        return new XYChart(Charts.W, Charts.H, title, x, y);
    }

    /** The running sum of each walk's net returns, in entry order (the gap as it builds up). */
    static XYChart cumulative(FidelityGap g, String interval) {
        XYChart c = chart("the same entries on three walks: running sum of net returns", "entry time (UTC)", "sum of returns, points").timeAxis();
        line(c, "trades (tick-exact)", g.trades(), TRADES, false);
        line(c, "adverse-first on the " + interval + " bars", g.adverseFirst().walk(), ADVERSE, true);
        if (g.detail() != null) {
            line(c, "detail on 1m", g.detail().walk(), DETAIL, false);
        }
        return c;
    }

    private static void line(XYChart c, String name, FidelityGap.Walk w, int colour, boolean dashed) {
        int n = w.trades().size();
        double[] time = new double[Math.max(1, n)];
        double[] sumPct = new double[time.length];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += w.trades().get(k).netReturn();
            time[k] = w.trades().get(k).entryTime();
            sumPct[k] = 100 * sum;
        }
        int[] keep = Decimate.line(time, sumPct, Decimate.COLUMNS);
        XYChart.Series s = c.add(name, Decimate.pick(time, keep), Decimate.pick(sumPct, keep)).line(colour, 2);
        if (dashed) {
            s.dashed();
        }
    }

    /** Each trade: x its return on the trades, y on a bar walk; the diagonal is agreement. */
    static XYChart perTrade(FidelityGap g, String interval) {
        XYChart c = chart("each trade: net return on the bars against on the trades", "net return on the trades, %", "net return on the bars, %");
        double lo = 0;
        double hi = 0;
        List<FidelityGap.Comparison> rows = new ArrayList<>();
        rows.add(g.adverseFirst());
        if (g.detail() != null) {
            rows.add(g.detail());
        }
        for (FidelityGap.Comparison cmp : rows) {
            int n = cmp.exits();
            double[] x = new double[Math.max(1, n)];
            double[] y = new double[Math.max(1, n)];
            for (int k = 0; k < n; k++) {
                x[k] = 100 * g.trades().trades().get(k).netReturn();
                y[k] = 100 * cmp.walk().trades().get(k).netReturn();
                lo = Math.min(lo, Math.min(x[k], y[k]));
                hi = Math.max(hi, Math.max(x[k], y[k]));
            }
            int[] keep = Decimate.scatter(x, y, Decimate.COLUMNS, Decimate.ROWS);
            x = Decimate.pick(x, keep);
            y = Decimate.pick(y, keep);
            boolean adverse = cmp == g.adverseFirst();
            c.add(adverse ? "adverse-first on the " + interval + " bars" : "detail on 1m", x, y).style(XYChart.Style.SCATTER)
                    .marker(adverse ? Marker.CIRCLE : Marker.DIAMOND, adverse ? 0x96C82828 : 0x961E64C8).markerSize(6);
        }
        if (hi <= lo) {
            hi = lo + 1;
        }
        c.add("walks agree", new double[] {lo, hi}, new double[] {lo, hi}).line(Charts.GREY, 1.5).dashed();
        return c;
    }

    /**
     * The price a tick-exact walk saw between two times: each bar's trades, and the close of a
     * bar without trades, which was walked with ohlc; thinned per pixel column as every long
     * line is ({@link Decimate}), so the print that crossed the stop is drawn.
     */
    static ReportWriter.PricePath printPath(ReportInput in, long from, long to, Trade t) {
        io.ratchet.engine.Bars b = in.series().bars();
        io.ratchet.engine.TradePrints p = in.prints();
        int a = b.ceilingIndex(from);
        int z = b.ceilingIndex(to);
        int count = 0;
        for (int i = a; i < z; i++) {
            count += Math.max(1, p.end(i) - p.start(i));
        }
        if (count == 0) {
            return new ReportWriter.PricePath(new double[] {t.entryTime()}, new double[] {t.entryPrice()});
        }
        double[] time = new double[count];
        double[] price = new double[count];
        int n = 0;
        for (int i = a; i < z; i++) {
            if (p.end(i) == p.start(i)) {
                time[n] = b.openTime()[i];
                price[n++] = b.close()[i];
                continue;
            }
            for (int k = p.start(i); k < p.end(i); k++) {
                time[n] = p.time(k);
                price[n++] = p.price(k);
            }
        }
        int[] keep = Decimate.line(time, price, Decimate.COLUMNS);
        return new ReportWriter.PricePath(Decimate.pick(time, keep), Decimate.pick(price, keep));
    }

    private static String pctSigned(double f) {
        return f != f ? "-" : String.format(Locale.ROOT, "%+.2f%%", 100 * f);
    }

    private static String pctSigned3(double f) {
        return f != f ? "-" : String.format(Locale.ROOT, "%+.3f%%", 100 * f);
    }

    private static String accountPct(double pct) {
        return pct != pct ? "-" : String.format(Locale.ROOT, "%+.2f%%", pct);
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
