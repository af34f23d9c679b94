package io.ratchet.reports.chart;

/** A chart that draws itself on a new canvas of its size. */
public interface Chart {
    String title();

    int width();

    int height();

    Canvas draw();
}
