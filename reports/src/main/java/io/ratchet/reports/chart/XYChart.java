package io.ratchet.reports.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Series of (x, y) points on numeric or time axes: lines, steps, scatters and areas filled to
 * zero, drawn in the order added, with a legend below the plot. A NaN or infinite point is a gap.
 */
public final class XYChart extends Chart {
    /** How a series is drawn. */
    public enum Style { LINE, STEP, SCATTER, AREA }

    /** One series and its look; setters return it for chaining. */
    public static final class Series {
        final String name;
        final double[] x;
        final double[] y;
        Style style = Style.LINE;
        int line = 0xFF1E64C8;
        double width = 2;
        double[] dash;
        Marker marker = Marker.NONE;
        int markerColour = 0xFF1E64C8;
        double markerSize = 7;
        int fill;

        Series(String name, double[] x, double[] y) {
            if (x.length != y.length) {
                throw new IllegalArgumentException(name + ": " + x.length + " x values against " + y.length + " y values");
            }
            this.name = name;
            this.x = x;
            this.y = y;
        }

        public Series style(Style s) {
            style = s;
            return this;
        }

        public Series line(int argb, double pixels) {
            line = argb;
            width = pixels;
            return this;
        }

        public Series dashed() {
            dash = new double[] {6, 4};
            return this;
        }

        public Series marker(Marker m, int argb) {
            marker = m;
            markerColour = argb;
            return this;
        }

        public Series markerSize(double pixels) {
            markerSize = pixels;
            return this;
        }

        /** Filled between the line and zero (style AREA). */
        public Series fill(int argb) {
            fill = argb;
            return this;
        }
    }

    private final List<Series> series = new ArrayList<>();
    private boolean time;
    private boolean legend = true;

    public XYChart(int w, int h, String title, String xTitle, String yTitle) {
        super(w, h, title, xTitle, yTitle);
    }

    /** x values are epoch milliseconds, labelled as UTC times. */
    public XYChart timeAxis() {
        time = true;
        return this;
    }

    public XYChart legend(boolean shown) {
        legend = shown;
        return this;
    }

    public Series add(String name, double[] x, double[] y) {
        Series s = new Series(name, x, y);
        series.add(s);
        return s;
    }

    @Override
    public Canvas draw() {
        Canvas c = new Canvas(w, h, 0xFFFFFF);
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
                    x0 = Math.min(x0, s.x[i]);
                    x1 = Math.max(x1, s.x[i]);
                    y0 = Math.min(y0, s.y[i]);
                    y1 = Math.max(y1, s.y[i]);
                }
            }
            if (s.style == Style.AREA) {
                y0 = Math.min(y0, 0);
                y1 = Math.max(y1, 0);
            }
        }
        if (!(x0 <= x1)) {
            x0 = 0;
            x1 = 1;
            y0 = 0;
            y1 = 1;
        }
        if (x1 == x0) {
            double d = time ? 3_600_000 : Math.max(1e-9, Math.abs(x0) * 0.05);
            x0 -= d;
            x1 += d;
        } else if (!time) {
            double d = (x1 - x0) * 0.03;
            x0 -= d;
            x1 += d;
        }
        if (y1 == y0) {
            double d = Math.max(1e-9, Math.abs(y0) * 0.05);
            y0 -= d;
            y1 += d;
        } else {
            double d = (y1 - y0) * 0.05;
            y0 -= d;
            y1 += d;
        }
        List<Frame.Entry> entries = null;
        if (legend) {
            entries = new ArrayList<>();
            for (Series s : series) {
                boolean drawsLine = s.style != Style.SCATTER;
                entries.add(new Frame.Entry(s.name, drawsLine ? s.line : 0, s.width, s.dash, s.marker, s.markerColour, s.style == Style.AREA ? s.fill : 0));
            }
        }
        int plotHeight = Frame.plotHeight(w, h, entries);
        Ticks.Axis yt = Ticks.numbers(y0, y1, Math.max(2, plotHeight / 45));
        Frame f = new Frame(c, title, xTitle, yTitle, entries, Frame.widest(yt.label()), 0);
        Ticks.Axis xt = time ? Ticks.times((long) x0, (long) x1, f.right - f.left, Glyphs.SMALL)
                : Ticks.numbers(x0, x1, Math.max(2, (f.right - f.left) / 90));
        f.yGrid(yt, y0, y1);
        f.xGrid(xt, x0, x1, true);
        for (Series s : series) {
            draw(c, f, s, x0, x1, y0, y1);
        }
        f.finish();
        return c;
    }

    private static void draw(Canvas c, Frame f, Series s, double x0, double x1, double y0, double y1) {
        int n = s.x.length;
        double[] px = new double[n];
        double[] py = new double[n];
        for (int i = 0; i < n; i++) {
            boolean ok = Double.isFinite(s.x[i]) && Double.isFinite(s.y[i]);
            px[i] = ok ? f.px(s.x[i], x0, x1) : Double.NaN;
            py[i] = ok ? f.py(s.y[i], y0, y1) : Double.NaN;
        }
        switch (s.style) {
            case LINE -> c.polyline(px, py, n, s.width, s.dash, s.line);
            case STEP -> {
                double[] sx = new double[Math.max(0, 2 * n - 1)];
                double[] sy = new double[sx.length];
                for (int i = 0; i < n; i++) {
                    sx[2 * i] = px[i];
                    sy[2 * i] = py[i];
                    if (i + 1 < n) {
                        sx[2 * i + 1] = px[i + 1];
                        sy[2 * i + 1] = py[i];
                    }
                }
                c.polyline(sx, sy, sx.length, s.width, s.dash, s.line);
            }
            case AREA -> {
                double zero = f.py(0, y0, y1);
                int m = 0;
                double[] ax = new double[n + 2];
                double[] ay = new double[n + 2];
                for (int i = 0; i < n; i++) {
                    if (px[i] == px[i]) {
                        ax[m] = px[i];
                        ay[m++] = py[i];
                    }
                }
                if (m > 1) {
                    ax[m] = ax[m - 1];
                    ay[m++] = zero;
                    ax[m] = ax[0];
                    ay[m++] = zero;
                    c.polygon(ax, ay, m, s.fill);
                }
                c.polyline(px, py, n, s.width, s.dash, s.line);
            }
            case SCATTER -> {
            }
        }
        if (s.marker != Marker.NONE) {
            for (int i = 0; i < n; i++) {
                if (px[i] == px[i]) {
                    s.marker.draw(c, px[i], py[i], s.markerSize, s.markerColour);
                }
            }
        }
    }
}
