package io.ratchet.reports;

import io.ratchet.engine.LadderRow;
import io.ratchet.engine.Trade;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, each a plain function of its data. */
final class Charts {
    static final int W = 900;
    static final int H = 460;
    private static final Color PRICE = new Color(90, 90, 90);
    private static final Color STOP = new Color(200, 40, 40);
    private static final Color IS = new Color(30, 100, 200);
    private static final Color OOS = new Color(230, 130, 20);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    private Charts() {
    }

    private static XYChart xy(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        c.getStyler().setMarkerSize(6);
        return c;
    }

    /** Score against trail for one mode: the best in-sample score at each trail, and the same configurations out of sample. */
    static XYChart scoreVsTrail(String mode, String metric, double[] trail, double[] inSample, double[] outOfSample, double pickTrail, double pickScore) {
        XYChart c = xy(mode + ": " + metric + " against trail", "trail", metric);
        XYSeries a = c.addSeries("in sample (best at each trail)", trail, inSample);
        a.setLineColor(IS);
        a.setMarkerColor(IS);
        a.setMarker(SeriesMarkers.CIRCLE);
        if (outOfSample != null) {
            XYSeries b = c.addSeries("out of sample (same configurations)", trail, outOfSample);
            b.setLineColor(OOS);
            b.setMarkerColor(OOS);
            b.setLineStyle(DASHED);
            b.setMarker(SeriesMarkers.DIAMOND);
        }
        if (pickScore == pickScore) {
            XYSeries p = c.addSeries("the pick", new double[] {pickTrail}, new double[] {pickScore});
            p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            p.setMarker(SeriesMarkers.SQUARE);
            p.setMarkerColor(Color.BLACK);
        }
        return c;
    }

    /** Score over trail x activation for one mode (best over the other parameters). */
    static HeatMapChart heatmap(String mode, String metric, List<String> trails, List<String> activations, List<Number[]> cells, String pickLabel) {
        HeatMapChart c = new HeatMapChartBuilder().width(W).height(H).title(mode + ": in-sample " + metric + " by trail and activation"
                + (pickLabel == null ? "" : "  (pick: " + pickLabel + ")")).xAxisTitle("trail").yAxisTitle("activation").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        // Values are legible only where a cell is wide enough for "−123.4"; beyond that the colour says it.
        c.getStyler().setShowValue(trails.size() <= 12 && activations.size() <= 14);
        c.getStyler().setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        // Diverging and centred on zero: white is break-even, red lost, green made money, however lopsided the grid.
        double limit = niceLimit(cells);
        c.getStyler().setHeatMapValueDecimalPattern(valuePattern(limit));
        c.getStyler().setMin(-limit);
        c.getStyler().setMax(limit);
        c.getStyler().setRangeColors(new Color[] {new Color(190, 30, 45), new Color(248, 248, 248), new Color(20, 130, 60)});
        c.addSeries(metric, trails, activations, cells);
        return c;
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

    /** One trade: the price path, the stop as it ratcheted, the entry and the exit. */
    /** @param zoomed the end of the trade only: no entry marker, which would stretch the time axis back to the entry */
    static XYChart trade(String title, String priceAxis, ReportWriter.PricePath price, List<Date> stopTime, List<Double> stop, Trade t,
                         double activationPrice, boolean zoomed) {
        XYChart c = xy(title, "time (UTC)", priceAxis);
        c.getStyler().setDatePattern("MM-dd HH:mm");
        List<Date> time = price.time();
        XYSeries p = c.addSeries("price (close)", time, price.close());
        p.setLineColor(PRICE);
        p.setLineWidth(1.2f);
        p.setMarker(SeriesMarkers.NONE);
        Date until = stopTime.isEmpty() ? new Date(t.exitTime()) : stopTime.get(0);
        if (activationPrice == activationPrice) {
            // Until the price reaches this level the stop does not trail: without it, a trade whose stop came late looks stop-less.
            Date since = zoomed ? time.get(0) : new Date(t.entryTime());
            XYSeries a = c.addSeries("activation level (trailing starts)", List.of(since, until.after(since) ? until : time.get(time.size() - 1)),
                    List.of(activationPrice, activationPrice));
            a.setLineColor(new Color(120, 120, 200));
            a.setLineStyle(DASHED);
            a.setMarker(SeriesMarkers.NONE);
        }
        if (!stop.isEmpty()) {
            XYSeries s = c.addSeries("stop", stopTime, stop);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            s.setLineColor(STOP);
            s.setLineWidth(3f);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(STOP);
        }
        if (!zoomed) {
            XYSeries e = c.addSeries("entry", List.of(new Date(t.entryTime())), List.of(t.entryPrice()));
            e.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            e.setMarker(SeriesMarkers.TRIANGLE_UP);
            e.setMarkerColor(IS);
        }
        XYSeries x = c.addSeries("exit (" + t.exitReason() + ")", List.of(new Date(t.exitTime())), List.of(t.exitPrice()));
        x.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        x.setMarker(SeriesMarkers.TRIANGLE_DOWN);
        x.setMarkerColor(STOP);
        return c;
    }

    /** Running sum of net returns by exit time, with the drawdown below it shaded. */
    static XYChart equity(List<Trade> byExit) {
        XYChart c = xy("per trade: running sum of net returns (unit stake each), its fall from the high shaded", "exit time (UTC)", "sum of returns, points");
        c.getStyler().setDatePattern("yyyy-MM-dd");
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
        List<Date> t = Decimate.dates(time, keepFall);
        List<Double> dd = Decimate.values(fallPct, keepFall);
        XYSeries d = c.addSeries("drawdown", t, dd);
        d.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        d.setFillColor(new Color(230, 80, 80, 110));
        d.setLineColor(new Color(200, 60, 60));
        d.setMarker(SeriesMarkers.NONE);
        XYSeries e = c.addSeries("equity", Decimate.dates(time, keepSum), Decimate.values(sumPct, keepSum));
        e.setLineColor(IS);
        e.setMarker(SeriesMarkers.NONE);
        return c;
    }

    static CategoryChart histogram(List<Double> returnsPct) {
        CategoryChart c = new CategoryChartBuilder().width(W).height(H).title("trade net returns").xAxisTitle("net return, %").yAxisTitle("trades").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisDecimalPattern("0.0");
        c.getStyler().setXAxisLabelRotation(45);
        c.getStyler().setAvailableSpaceFill(0.98);
        List<Double> data = returnsPct.isEmpty() ? List.of(0.0) : returnsPct;
        double min = data.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = data.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (max <= min) {
            max = min + 1;
        }
        Histogram h = new Histogram(data, 30, min, max);
        c.addSeries("trades", h.getxAxisData(), h.getyAxisData()).setFillColor(IS);
        return c;
    }

    /** Best open profit against what the trade kept: points on the diagonal kept it all. */
    static XYChart mfe(List<Trade> trades) {
        XYChart c = xy("what the trail kept: best open profit (MFE) against net return", "MFE, %", "net return, %");
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
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
        XYSeries s = c.addSeries("trades", x, y);
        s.setMarkerColor(new Color(30, 100, 200, 140));
        s.setMarker(SeriesMarkers.CIRCLE);
        XYSeries d = c.addSeries("kept everything", new double[] {0, hi}, new double[] {0, hi});
        d.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        d.setLineColor(Color.GRAY);
        d.setLineStyle(DASHED);
        d.setMarker(SeriesMarkers.NONE);
        return c;
    }

    /** The forecast ladder: the stop at each price level on the way to the target. */
    static XYChart ladder(String title, List<LadderRow> rows, double entry) {
        XYChart c = xy(title, "price reached", "price / stop");
        double[] price = rows.stream().mapToDouble(LadderRow::price).toArray();
        XYSeries p = c.addSeries("price", price, price);
        p.setLineColor(PRICE);
        p.setMarker(SeriesMarkers.NONE);
        List<Double> sx = new ArrayList<>();
        List<Double> sy = new ArrayList<>();
        for (LadderRow r : rows) {
            if (r.stop() == r.stop()) {
                sx.add(r.price());
                sy.add(r.stop());
            }
        }
        if (!sx.isEmpty()) {
            XYSeries s = c.addSeries("stop", sx, sy);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            s.setLineColor(STOP);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(STOP);
        }
        XYSeries e = c.addSeries("entry", new double[] {price[0], price[price.length - 1]}, new double[] {entry, entry});
        e.setLineColor(Color.LIGHT_GRAY);
        e.setLineStyle(DASHED);
        e.setMarker(SeriesMarkers.NONE);
        return c;
    }
}
