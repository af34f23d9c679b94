package io.ratchet.reports.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XYChartTest {
    private static boolean columnHas(Canvas c, int x, int rgb) {
        for (int y = 0; y < c.height(); y++) {
            if (c.get(x, y) == rgb) {
                return true;
            }
        }
        return false;
    }

    private static int count(Canvas c, int rgb) {
        int n = 0;
        for (int p : c.pixels()) {
            n += p == rgb ? 1 : 0;
        }
        return n;
    }

    @Test
    void aLineIsDrawnAcrossThePlotAndAGapIsLeftWhereAPointIsUndefined() {
        XYChart whole = new XYChart(600, 300, "t", "x", "y");
        whole.add("a", new double[] {0, 5, 10}, new double[] {1, 2, 1}).line(0xFFFF0000, 2);
        Canvas a = whole.draw();
        XYChart gap = new XYChart(600, 300, "t", "x", "y");
        gap.add("a", new double[] {0, 4, 5, 6, 10}, new double[] {1, 1.8, Double.NaN, 1.8, 1}).line(0xFFFF0000, 2);
        Canvas b = gap.draw();
        assertThat(columnHas(a, 300, 0xFF0000)).as("the line crosses the middle").isTrue();
        assertThat(columnHas(b, 300, 0xFF0000)).as("no line where the point is NaN").isFalse();
        assertThat(columnHas(b, 200, 0xFF0000)).isTrue();
        assertThat(columnHas(b, 400, 0xFF0000)).isTrue();
    }

    @Test
    void anAreaFillsBetweenTheLineAndZero() {
        XYChart c = new XYChart(600, 300, "t", "x", "y").legend(false);
        c.add("dd", new double[] {0, 10}, new double[] {-2, -2}).style(XYChart.Style.AREA).fill(0xFF00FF00).line(0xFF0000FF, 3);
        Canvas k = c.draw();
        // A solid fill over a band from zero down to -2, most of a plot of about 540 x 200 pixels; the line along it blue.
        assertThat(count(k, 0x00FF00)).isGreaterThan(60_000);
        assertThat(count(k, 0x0000FF)).isGreaterThan(300);
    }

    @Test
    void eachSeriesIsInTheLegendWithItsColour() {
        XYChart with = new XYChart(600, 300, "t", "x", "y");
        with.add("a", new double[] {0, 1}, new double[] {0, 1}).line(0xFF00AA00, 2);
        with.add("b", new double[] {0.5}, new double[] {0.5}).style(XYChart.Style.SCATTER).marker(Marker.SQUARE, 0xFFAA00AA);
        Canvas k = with.draw();
        XYChart without = new XYChart(600, 300, "t", "x", "y").legend(false);
        without.add("a", new double[] {0, 1}, new double[] {0, 1}).line(0xFF00AA00, 2);
        without.add("b", new double[] {0.5}, new double[] {0.5}).style(XYChart.Style.SCATTER).marker(Marker.SQUARE, 0xFFAA00AA);
        Canvas n = without.draw();
        // The legend's swatches add each colour once more, below the plot.
        assertThat(count(k, 0xAA00AA)).isGreaterThan(0);
        int rowBelowPlot = 300 - 12;
        boolean swatch = false;
        for (int y = 200; y < 300 && !swatch; y++) {
            for (int x = 0; x < 600; x++) {
                swatch |= k.get(x, y) == 0xAA00AA && !columnHas(n, x, 0xAA00AA);
            }
        }
        assertThat(swatch).as("a magenta swatch below the plot, rows up to %d", rowBelowPlot).isTrue();
    }

    @Test
    void aStepHoldsEachValueUntilTheNextPoint() {
        XYChart c = new XYChart(600, 300, "t", "x", "y").legend(false);
        c.add("s", new double[] {0, 10}, new double[] {0, 1}).style(XYChart.Style.STEP).line(0xFFFF0000, 2);
        Canvas k = c.draw();
        // Held at 0 up to x = 10: the middle column is red only low in the plot, never high.
        int lowest = -1;
        int highest = -1;
        for (int y = 0; y < 300; y++) {
            if (k.get(300, y) == 0xFF0000) {
                highest = highest < 0 ? y : highest;
                lowest = y;
            }
        }
        assertThat(highest).isGreaterThan(150);
        assertThat(lowest - highest).isLessThan(4);
    }

    @Test
    void timeAxesAndSinglePointsDrawWithoutFailing() {
        XYChart c = new XYChart(300, 200, "one point", "time (UTC)", "v").timeAxis();
        c.add("p", new double[] {1_600_000_000_000d}, new double[] {5}).style(XYChart.Style.SCATTER).marker(Marker.TRIANGLE_UP, 0xFF0000FF);
        Canvas k = c.draw();
        assertThat(count(k, 0x0000FF)).isGreaterThan(10);
    }
}
