package io.ratchet.reports.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Bars over labelled categories, from zero up; several series are drawn over one another at the
 * same places (a histogram split by colour), in the order added. Labels that would touch are
 * thinned out evenly; every one drawn is centred under its bar.
 */
public final class BarChart extends Chart {
    private record Bars(String name, double[] value, int colour) {
    }

    private final String[] categories;
    private final List<Bars> series = new ArrayList<>();
    private boolean legendInside;

    public BarChart(int w, int h, String title, String xTitle, String yTitle, String[] categories) {
        super(w, h, title, xTitle, yTitle);
        this.categories = categories.clone();
    }

    public BarChart add(String name, double[] value, int argb) {
        if (value.length != categories.length) {
            throw new IllegalArgumentException(name + ": " + value.length + " values for " + categories.length + " categories");
        }
        series.add(new Bars(name, value.clone(), argb));
        return this;
    }

    /** A legend in the plot's top-left corner (none otherwise). */
    public BarChart legendInside() {
        legendInside = true;
        return this;
    }

    @Override
    public Canvas draw() {
        Canvas c = new Canvas(w, h, 0xFFFFFF);
        double top = 0;
        for (Bars b : series) {
            for (double v : b.value) {
                if (Double.isFinite(v)) {
                    top = Math.max(top, v);
                }
            }
        }
        double y1 = top > 0 ? top * 1.06 : 1;
        int plotHeight = Frame.plotHeight(w, h, null);
        Ticks.Axis yt = Ticks.numbers(0, y1, Math.max(2, plotHeight / 45));
        Frame f = new Frame(c, title, xTitle, yTitle, null, Frame.widest(yt.label()), 0);
        f.yGrid(yt, 0, y1);
        int n = categories.length;
        double slot = (double) (f.right - f.left) / Math.max(1, n);
        double gap = slot > 6 ? Math.min(4, slot * 0.1) : 0;
        for (Bars b : series) {
            for (int k = 0; k < n; k++) {
                double v = b.value[k];
                if (Double.isFinite(v) && v > 0) {
                    double x = f.left + k * slot;
                    c.fillRect(x + gap / 2, f.py(v, 0, y1), x + slot - gap / 2, f.bottom, b.colour);
                }
            }
        }
        f.categories(categories, f.left + 0.5 * slot, slot);
        f.finish();
        if (legendInside && !series.isEmpty()) {
            List<Frame.Entry> e = new ArrayList<>();
            for (Bars b : series) {
                e.add(new Frame.Entry(b.name, 0, 0, null, Marker.NONE, 0, b.colour));
            }
            f.legendInside(e);
        }
        return c;
    }
}
