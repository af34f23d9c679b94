package io.ratchet.reports.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Coverage as the class promises it, on pixels worked out by hand (pixel centres at +0.5). */
class CanvasTest {
    private static final int WHITE = 0xFFFFFF;

    private static int at(Canvas c, int x, int y) {
        return c.get(x, y);
    }

    /** How much of a black shape covers the canvas, in pixels: the darkness summed. */
    private static double ink(Canvas c) {
        double s = 0;
        for (int p : c.pixels()) {
            s += (255 - (p & 255)) / 255.0;
        }
        return s;
    }

    @Test
    void aRectangleCoversHalfAPixelAtAHalfPixelEdge() {
        Canvas c = new Canvas(5, 1, WHITE);
        c.fillRect(1.5, 0, 3, 1, 0xFF000000);
        assertThat(at(c, 0, 0)).isEqualTo(WHITE);
        assertThat(at(c, 1, 0)).isEqualTo(0x808080); // 255 * (1 - 0.5), rounded
        assertThat(at(c, 2, 0)).isEqualTo(0x000000);
        assertThat(at(c, 3, 0)).isEqualTo(WHITE);
    }

    @Test
    void aTwoPixelLineOnAPixelBoundaryFillsTheTwoRowsAndNothingElse() {
        Canvas c = new Canvas(20, 10, WHITE);
        c.polyline(new double[] {0, 20}, new double[] {5, 5}, 2, 2, null, 0xFFFF0000);
        for (int x = 2; x < 18; x++) {
            assertThat(at(c, x, 3)).as("row 3, x %d", x).isEqualTo(WHITE);
            assertThat(at(c, x, 4)).as("row 4, x %d", x).isEqualTo(0xFF0000);
            assertThat(at(c, x, 5)).as("row 5, x %d", x).isEqualTo(0xFF0000);
            assertThat(at(c, x, 6)).as("row 6, x %d", x).isEqualTo(WHITE);
        }
    }

    @Test
    void aTranslucentPolylineIsNotDarkerWhereItsSegmentsMeet() {
        Canvas c = new Canvas(40, 40, WHITE);
        // A sharp V: the two segments overlap around the joint at (20, 30).
        c.polyline(new double[] {5, 20, 35}, new double[] {5, 30, 5}, 3, 4, null, 0x80000000);
        int darkest = 255;
        for (int p : c.pixels()) {
            darkest = Math.min(darkest, p & 255);
        }
        // One layer of black at alpha 128/255 over white: 255 * (1 - 128/255) = 127, never less.
        assertThat(darkest).isEqualTo(127);
    }

    @Test
    void aNaNPointBreaksTheLine() {
        Canvas c = new Canvas(30, 10, WHITE);
        c.polyline(new double[] {0, 8, Double.NaN, 22, 30}, new double[] {5, 5, 5, 5, 5}, 5, 2, null, 0xFF000000);
        assertThat(at(c, 4, 4)).isEqualTo(0x000000);
        assertThat(at(c, 15, 4)).isEqualTo(WHITE);
        assertThat(at(c, 15, 5)).isEqualTo(WHITE);
        assertThat(at(c, 26, 4)).isEqualTo(0x000000);
    }

    @Test
    void aDashedLineIsOnForSixPixelsAndOffForFour() {
        Canvas c = new Canvas(40, 10, WHITE);
        c.polyline(new double[] {0, 40}, new double[] {5, 5}, 2, 2, new double[] {6, 4}, 0xFF000000);
        // On over [0, 6), [10, 16), [20, 26); round ends reach one pixel past each.
        assertThat(at(c, 3, 4)).isEqualTo(0x000000);
        assertThat(at(c, 8, 4)).isEqualTo(WHITE);
        assertThat(at(c, 13, 4)).isEqualTo(0x000000);
        assertThat(at(c, 18, 4)).isEqualTo(WHITE);
        assertThat(at(c, 23, 4)).isEqualTo(0x000000);
    }

    @Test
    void aFilledTriangleCoversItsArea() {
        Canvas c = new Canvas(20, 20, WHITE);
        c.polygon(new double[] {2, 14, 2}, new double[] {2, 2, 14}, 3, 0xFF000000);
        // Area 12 * 12 / 2 = 72 pixels; four sub-rows a pixel row give it within one percent.
        assertThat(ink(c)).isCloseTo(72, org.assertj.core.data.Offset.offset(0.72));
        assertThat(at(c, 4, 4)).isEqualTo(0x000000);
        assertThat(at(c, 13, 13)).isEqualTo(WHITE);
    }

    @Test
    void aDiscCoversPiRSquared() {
        Canvas c = new Canvas(30, 30, WHITE);
        c.disc(15, 15, 6, 0xFF000000);
        assertThat(ink(c)).isCloseTo(Math.PI * 36, org.assertj.core.data.Offset.offset(Math.PI * 36 * 0.02));
        assertThat(at(c, 15, 15)).isEqualTo(0x000000);
        assertThat(at(c, 15, 7)).isEqualTo(WHITE);
    }

    @Test
    void aConvexSquareCoversItsAreaWhicheverWayItsPointsTurn() {
        Canvas a = new Canvas(20, 20, WHITE);
        a.convex(new double[] {4, 12, 12, 4}, new double[] {4, 4, 12, 12}, 0xFF000000);
        Canvas b = new Canvas(20, 20, WHITE);
        b.convex(new double[] {4, 4, 12, 12}, new double[] {4, 12, 12, 4}, 0xFF000000);
        assertThat(ink(a)).isCloseTo(64, org.assertj.core.data.Offset.offset(0.01));
        assertThat(b.pixels()).isEqualTo(a.pixels());
    }

    @Test
    void aSegmentFarOffTheCanvasIsClippedNotWalked() {
        Canvas c = new Canvas(10, 10, WHITE);
        c.polyline(new double[] {-1e12, 1e12}, new double[] {5, 5}, 2, 2, null, 0xFF000000);
        assertThat(at(c, 5, 4)).isEqualTo(0x000000);
        assertThat(at(c, 5, 2)).isEqualTo(WHITE);
    }
}
