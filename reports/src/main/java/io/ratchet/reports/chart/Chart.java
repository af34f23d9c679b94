package io.ratchet.reports.chart;

/** A chart of a size, with a title and axis titles, that draws itself on a new canvas. */
public abstract class Chart {
    final int w;
    final int h;
    final String title;
    final String xTitle;
    final String yTitle;

    Chart(int w, int h, String title, String xTitle, String yTitle) {
        this.w = w;
        this.h = h;
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    public final String title() {
        return title;
    }

    public final int width() {
        return w;
    }

    public final int height() {
        return h;
    }

    public abstract Canvas draw();
}
