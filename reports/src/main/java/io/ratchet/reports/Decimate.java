package io.ratchet.reports;

import java.util.Arrays;

/**
 * Which points of a long series to draw. A 900-pixel chart shows no more than a few points
 * per pixel column, and drawing costs per point (a year of 1m bars is half a million), so
 * a line keeps, per column, its first, lowest, highest and last point — drawn, that is the
 * same line, every peak and trough included, which striding would drop. A scatter keeps one
 * point per occupied cell of a fine grid.
 */
final class Decimate {
    /** Columns across a chart's plot: about two pixels each at {@link Charts#W}. */
    static final int COLUMNS = 420;
    /** Rows of the scatter grid. */
    static final int ROWS = 220;

    private Decimate() {
    }

    /**
     * Indices, increasing, of the points of a line to draw; all of them when there are few.
     *
     * @param x non-decreasing (a time axis)
     */
    static int[] line(double[] x, double[] y, int columns) {
        int n = x.length;
        if (n <= 4L * columns) {
            return identity(n);
        }
        double x0 = x[0];
        double span = x[n - 1] - x0;
        int[] keep = new int[4 * columns + 4];
        int kept = 0;
        int i = 0;
        while (i < n) {
            int col = column(x[i], x0, span, columns);
            int first = i;
            int lo = i;
            int hi = i;
            int j = i + 1;
            while (j < n && column(x[j], x0, span, columns) == col) {
                if (y[j] < y[lo]) {
                    lo = j;
                }
                if (y[j] > y[hi]) {
                    hi = j;
                }
                j++;
            }
            int last = j - 1;
            int a = Math.min(lo, hi);
            int b = Math.max(lo, hi);
            kept = add(keep, kept, first);
            kept = add(keep, kept, a);
            kept = add(keep, kept, b);
            kept = add(keep, kept, last);
            i = j;
        }
        return Arrays.copyOf(keep, kept);
    }

    /** Indices, increasing, of one point per occupied cell of a {@code columns x rows} grid over the points' range. */
    static int[] scatter(double[] x, double[] y, int columns, int rows) {
        int n = x.length;
        if (n <= (long) columns * rows / 8) {
            return identity(n);
        }
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            x0 = Math.min(x0, x[i]);
            x1 = Math.max(x1, x[i]);
            y0 = Math.min(y0, y[i]);
            y1 = Math.max(y1, y[i]);
        }
        boolean[] seen = new boolean[columns * rows];
        int[] keep = new int[Math.min(n, columns * rows)];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int cell = column(y[i], y0, y1 - y0, rows) * columns + column(x[i], x0, x1 - x0, columns);
            if (!seen[cell]) {
                seen[cell] = true;
                keep[kept++] = i;
            }
        }
        return Arrays.copyOf(keep, kept);
    }

    static double[] pick(double[] v, int[] keep) {
        double[] out = new double[keep.length];
        for (int k = 0; k < keep.length; k++) {
            out[k] = v[keep[k]];
        }
        return out;
    }

    private static int column(double v, double v0, double span, int columns) {
        if (!(span > 0)) {
            return 0;
        }
        int c = (int) ((v - v0) / span * columns);
        return Math.max(0, Math.min(columns - 1, c));
    }

    /** Appends {@code i} unless it is the last index kept: the four of a column often coincide. */
    private static int add(int[] keep, int kept, int i) {
        if (kept == 0 || keep[kept - 1] != i) {
            keep[kept++] = i;
        }
        return kept;
    }

    private static int[] identity(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }
}
