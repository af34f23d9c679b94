package io.ratchet.reports;

import io.ratchet.engine.LadderRow;
import io.ratchet.engine.Trade;
import io.ratchet.reports.chart.BarChart;
import io.ratchet.reports.chart.HeatChart;
import io.ratchet.reports.chart.Marker;
import io.ratchet.reports.chart.XYChart;
import java.util.ArrayList;
import java.util.List;

/** The report's charts, each a plain function of its data. */
final class Charts {
    static final int W = 900;
    static final int H = 460;
    static final int PRICE = 0xFF5A5A5A;
    static final int STOP = 0xFFC82828;
    static final int IS = 0xFF1E64C8;
    static final int OOS = 0xFFE68214;
    static final int GREY = 0xFF808080;
    static final int DRAWDOWN_FILL = 0x6EE65050;
    static final int DRAWDOWN_LINE = 0xFFC83C3C;

    private Charts() {
    }

    private static XYChart xy(String title, String x, String y) {
        return new XYChart(W, H, title, x, y);
    }

    /** Score against trail for one mode: the best in-sample score at each trail, and the same configurations out of sample. */
    static XYChart scoreVsTrail(String mode, String metric, double[] trail, double[] inSample, double[] outOfSample, double pickTrail, double pickScore) {
        XYChart c = xy(mode + ": " + metric + " against trail", "trail", metric);
        c.add("in sample (best at each trail)", trail, inSample).line(IS, 2).marker(Marker.CIRCLE, IS);
        if (outOfSample != null) {
            c.add("out of sample (same configurations)", trail, outOfSample).line(OOS, 2).dashed().marker(Marker.DIAMOND, OOS);
        }
        if (pickScore == pickScore) {
            c.add("the pick", new double[] {pickTrail}, new double[] {pickScore}).style(XYChart.Style.SCATTER).marker(Marker.SQUARE, 0xFF000000)
                    .markerSize(9);
        }
        return c;
    }

    /** Score over trail x activation for one mode (best over the other parameters). */
    static HeatChart heatmap(String mode, String metric, List<String> trails, List<String> activations, List<Number[]> cells, String pickLabel) {
        double[][] value = new double[trails.size()][activations.size()];
        for (double[] column : value) {
            java.util.Arrays.fill(column, Double.NaN);
        }
        for (Number[] cell : cells) {
            value[cell[0].intValue()][cell[1].intValue()] = cell[2].doubleValue();
        }
        // Diverging and centred on zero: white is break-even, red lost, green made money, however lopsided the grid.
        double limit = niceLimit(cells);
        // Values are legible only where a cell is wide enough for "−123.4"; beyond that the colour says it.
        boolean values = trails.size() <= 12 && activations.size() <= 14;
        return new HeatChart(W, H, mode + ": in-sample " + metric + " by trail and activation" + (pickLabel == null ? "" : "  (pick: " + pickLabel + ")"),
                "trail", "activation", trails.toArray(new String[0]), activations.toArray(new String[0]), value, -limit, limit,
                new int[] {0xBE1E2D, 0xF8F8F8, 0x14823C}, values ? valuePattern(limit) : null);
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above every |value|: the colour scale's ends, round in the legend. */
    static double niceLimit(List<Number[]> cells) {
        double m = 0;
        for (Number[] cell : cells) {
            m = Math.max(m, Math.abs(cell[2].doubleValue()));
        }
        if (!(m > 0) || Double.isInfinite(m)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(m)));
        for (double f : new double[] {1, 2, 5, 10}) {
            if (f * p >= m * (1 - 1e-12)) {
                return f * p;
            }
        }
        return 10 * p;
    }

    /** At most four digits in a cell, and a real minus sign (U+2212) so that adjacent negatives stay apart. */
    static String valuePattern(double limit) {
        String p = limit > 100 ? "0" : limit > 10 ? "0.0" : "0.00";
        return p + ";\u2212" + p;
    }

    /**
     * One trade: the price path, the stop as it ratcheted, the entry and the exit.
     *
     * @param zoomed the end of the trade only: no entry marker, which would stretch the time axis back to the entry
     */
    static XYChart trade(String title, String priceAxis, ReportWriter.PricePath price, List<Long> stopTime, List<Double> stop, Trade t,
                         double activationPrice, boolean zoomed) {
        XYChart c = xy(title, "time (UTC)", priceAxis).timeAxis();
        double[] time = price.time();
        c.add("price (close)", time, price.close()).line(PRICE, 1.3);
        long until = stopTime.isEmpty() ? t.exitTime() : stopTime.get(0);
        if (activationPrice == activationPrice) {
            // Until the price reaches this level the stop does not trail: without it, a trade whose stop came late looks stop-less.
            double since = zoomed ? time[0] : t.entryTime();
            c.add("activation level (trailing starts)", new double[] {since, until > since ? until : time[time.length - 1]},
                    new double[] {activationPrice, activationPrice}).line(0xFF7878C8, 2).dashed();
        }
        if (!stop.isEmpty()) {
            double[] st = new double[stopTime.size()];
            double[] sv = new double[stop.size()];
            for (int i = 0; i < st.length; i++) {
                st[i] = stopTime.get(i);
                sv[i] = stop.get(i);
            }
            c.add("stop", st, sv).style(XYChart.Style.STEP).line(STOP, 2.5).marker(Marker.CIRCLE, STOP).markerSize(6);
        }
        if (!zoomed) {
            c.add("entry", new double[] {t.entryTime()}, new double[] {t.entryPrice()}).style(XYChart.Style.SCATTER).marker(Marker.TRIANGLE_UP, IS)
                    .markerSize(10);
        }
        c.add("exit (" + t.exitReason() + ")", new double[] {t.exitTime()}, new double[] {t.exitPrice()}).style(XYChart.Style.SCATTER)
                .marker(Marker.TRIANGLE_DOWN, STOP).markerSize(10);
        return c;
    }

    /** Running sum of net returns by exit time, with the drawdown below it shaded. */
    static XYChart equity(List<Trade> byExit) {
        XYChart c = xy("per trade: running sum of net returns (unit stake each), its fall from the high shaded", "exit time (UTC)", "sum of returns, points")
                .timeAxis();
        int n = byExit.size();
        double[] time = new double[Math.max(1, n)];
        double[] sumPct = new double[time.length];
        double[] fallPct = new double[time.length];
        double sum = 0;
        double high = 0;
        for (int i = 0; i < n; i++) {
            Trade tr = byExit.get(i);
            sum += tr.netReturn();
            high = Math.max(high, sum);
            time[i] = tr.exitTime();
            sumPct[i] = 100 * sum;
            fallPct[i] = 100 * (sum - high);
        }
        int[] keepSum = Decimate.line(time, sumPct, Decimate.COLUMNS);
        int[] keepFall = Decimate.line(time, fallPct, Decimate.COLUMNS);
        c.add("drawdown", Decimate.pick(time, keepFall), Decimate.pick(fallPct, keepFall)).style(XYChart.Style.AREA).fill(DRAWDOWN_FILL)
                .line(DRAWDOWN_LINE, 1.3);
        c.add("running sum", Decimate.pick(time, keepSum), Decimate.pick(sumPct, keepSum)).line(IS, 1.6); // not an account's equity
        return c;
    }

    static BarChart histogram(List<Double> returnsPct) {
        List<Double> data = returnsPct.isEmpty() ? List.of(0.0) : returnsPct;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : data) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (max <= min) {
            max = min + 1;
        }
        int bins = 30;
        double width = (max - min) / bins;
        double[] counts = new double[bins];
        for (double v : data) {
            counts[Math.min(bins - 1, (int) ((v - min) / width))]++;
        }
        String[] labels = new String[bins];
        int decimals = width >= 1 ? 1 : width >= 0.1 ? 2 : 3;
        for (int b = 0; b < bins; b++) {
            labels[b] = String.format(java.util.Locale.ROOT, "%." + decimals + "f", min + (b + 0.5) * width).replace('-', '\u2212');
        }
        return new BarChart(W, H, "trade net returns", "net return, % (bin centres)", "trades", labels).add("trades", counts, IS);
    }

    /** Best open profit against what the trade kept: points on the diagonal kept it all. */
    static XYChart mfe(List<Trade> trades) {
        XYChart c = xy("what the trail kept: best open profit (MFE) against net return", "MFE, %", "net return, %");
        double[] x = new double[trades.size()];
        double[] y = new double[trades.size()];
        double hi = 0.1;
        for (int i = 0; i < x.length; i++) {
            x[i] = 100 * trades.get(i).maxFavourableExcursion();
            y[i] = 100 * trades.get(i).netReturn();
            hi = Math.max(hi, x[i]);
        }
        if (x.length == 0) {
            x = new double[] {0};
            y = new double[] {0};
        }
        int[] keep = Decimate.scatter(x, y, Decimate.COLUMNS, Decimate.ROWS);
        x = Decimate.pick(x, keep);
        y = Decimate.pick(y, keep);
        c.add("trades", x, y).style(XYChart.Style.SCATTER).marker(Marker.CIRCLE, 0x8C1E64C8);
        c.add("kept everything", new double[] {0, hi}, new double[] {0, hi}).line(GREY, 1.5).dashed();
        return c;
    }

    /** The forecast ladder: the stop at each price level on the way to the target. */
    static XYChart ladder(String title, List<LadderRow> rows, double entry) {
        XYChart c = xy(title, "price reached", "price / stop");
        double[] price = rows.stream().mapToDouble(LadderRow::price).toArray();
        c.add("price", price, price).line(PRICE, 1.5);
        List<Double> sx = new ArrayList<>();
        List<Double> sy = new ArrayList<>();
        for (LadderRow r : rows) {
            if (r.stop() == r.stop()) {
                sx.add(r.price());
                sy.add(r.stop());
            }
        }
        if (!sx.isEmpty()) {
            c.add("stop", sx.stream().mapToDouble(Double::doubleValue).toArray(), sy.stream().mapToDouble(Double::doubleValue).toArray())
                    .style(XYChart.Style.STEP).line(STOP, 2).marker(Marker.CIRCLE, STOP).markerSize(6);
        }
        c.add("entry", new double[] {price[0], price[price.length - 1]}, new double[] {entry, entry}).line(0xFFB4B4B4, 1.5).dashed();
        return c;
    }
}
