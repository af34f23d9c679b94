package io.ratchet.reports.chart;

/** The shapes a point can be drawn as, about {@code size} pixels across. */
public enum Marker {
    NONE, CIRCLE, SQUARE, DIAMOND, TRIANGLE_UP, TRIANGLE_DOWN;

    void draw(Canvas c, double x, double y, double size, int argb) {
        double r = size / 2;
        switch (this) {
            case NONE -> {
            }
            case CIRCLE -> c.disc(x, y, r, argb);
            case SQUARE -> c.convex(new double[] {x - r, x + r, x + r, x - r}, new double[] {y - r, y - r, y + r, y + r}, argb);
            case DIAMOND -> c.convex(new double[] {x, x + r * 1.3, x, x - r * 1.3}, new double[] {y - r * 1.3, y, y + r * 1.3, y}, argb);
            case TRIANGLE_UP -> c.convex(new double[] {x, x + r * 1.25, x - r * 1.25}, new double[] {y - r * 1.25, y + r, y + r}, argb);
            case TRIANGLE_DOWN -> c.convex(new double[] {x, x - r * 1.25, x + r * 1.25}, new double[] {y + r * 1.25, y - r, y - r}, argb);
        }
    }
}
