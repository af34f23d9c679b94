package io.ratchet.reports.chart;

import java.util.Arrays;

/**
 * An opaque RGB image and the few antialiased shapes a chart is made of. Each shape is first
 * rasterised as coverage (0..1 per pixel, the largest where parts of one shape overlap, so a
 * polyline's joints and a dashed line's ends are not drawn twice), then laid over the pixels in
 * one pass with its colour: a translucent line stays evenly translucent.
 *
 * <p>Colours are {@code 0xAARRGGBB}; pixel centres are at {@code x + 0.5}.
 */
public final class Canvas {
    private final int w;
    private final int h;
    /** Row {@code y} at {@code y * stride}: PNG's filter byte (0, none), then red, green, blue of each pixel. */
    private final byte[] rows;
    private final int stride;
    private final float[] cov;
    /** The pixels whose coverage is above zero, each once: a paint visits these, not a bounding box. */
    private int[] touched = new int[4096];
    private int nTouched;

    public Canvas(int w, int h, int background) {
        this.w = w;
        this.h = h;
        this.stride = 1 + 3 * w;
        this.rows = new byte[h * stride];
        this.cov = new float[w * h];
        byte r = (byte) (background >> 16);
        byte g = (byte) (background >> 8);
        byte b = (byte) background;
        for (int y = 0; y < h; y++) {
            for (int x = 0, p = y * stride + 1; x < w; x++, p += 3) {
                rows[p] = r;
                rows[p + 1] = g;
                rows[p + 2] = b;
            }
        }
    }

    public int width() {
        return w;
    }

    public int height() {
        return h;
    }

    /** The pixel at ({@code x}, {@code y}), {@code 0xRRGGBB}. */
    public int get(int x, int y) {
        int p = y * stride + 1 + 3 * x;
        return (rows[p] & 255) << 16 | (rows[p + 1] & 255) << 8 | rows[p + 2] & 255;
    }

    public void set(int x, int y, int rgb) {
        int p = y * stride + 1 + 3 * x;
        rows[p] = (byte) (rgb >> 16);
        rows[p + 1] = (byte) (rgb >> 8);
        rows[p + 2] = (byte) rgb;
    }

    /** A copy of the pixels, row by row, {@code 0xRRGGBB}. */
    public int[] pixels() {
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = get(x, y);
            }
        }
        return out;
    }

    /**
     * The image as PNG scanlines (8-bit RGB, each row led by filter type 0): what a PNG's image
     * data deflates, so writing one needs no pass over the pixels. The canvas's own array.
     */
    public byte[] scanlines() {
        return rows;
    }

    /** Lays the coverage rasterised since the last paint over the pixels in {@code argb}, and clears it. */
    void paint(int argb) {
        float a = (argb >>> 24) / 255f;
        int r = argb >> 16 & 255;
        int g = argb >> 8 & 255;
        int b = argb & 255;
        for (int k = 0; k < nTouched; k++) {
            int i = touched[k];
            float c = cov[i];
            cov[i] = 0;
            int y = i / w;
            int p = y * stride + 1 + 3 * (i - y * w);
            blend(p, r, g, b, c * a);
        }
        nTouched = 0;
    }

    /** Pixel bytes at {@code p} moved a share {@code k} of the way to (r, g, b). */
    private void blend(int p, int r, int g, int b, float k) {
        if (k >= 0.998f) {
            rows[p] = (byte) r;
            rows[p + 1] = (byte) g;
            rows[p + 2] = (byte) b;
            return;
        }
        int ur = rows[p] & 255;
        int ug = rows[p + 1] & 255;
        int ub = rows[p + 2] & 255;
        rows[p] = (byte) (int) (ur + (r - ur) * k + 0.5f);
        rows[p + 1] = (byte) (int) (ug + (g - ug) * k + 0.5f);
        rows[p + 2] = (byte) (int) (ub + (b - ub) * k + 0.5f);
    }

    private void cover(int x, int y, float c) {
        int i = y * w + x;
        float was = cov[i];
        if (c > was) {
            if (was == 0) {
                touch(i);
            }
            cov[i] = c;
        }
    }

    private void touch(int i) {
        if (nTouched == touched.length) {
            touched = java.util.Arrays.copyOf(touched, 2 * nTouched);
        }
        touched[nTouched++] = i;
    }

    /** An axis-aligned rectangle with exact coverage of its fractional edges. */
    public void fillRect(double x0, double y0, double x1, double y1, int argb) {
        if (x1 < x0) {
            double t = x0;
            x0 = x1;
            x1 = t;
        }
        if (y1 < y0) {
            double t = y0;
            y0 = y1;
            y1 = t;
        }
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(w, x1);
        y1 = Math.min(h, y1);
        if (!(x1 > x0 && y1 > y0)) {
            return;
        }
        int ix0 = (int) Math.floor(x0);
        int iy0 = (int) Math.floor(y0);
        int ix1 = (int) Math.ceil(x1);
        int iy1 = (int) Math.ceil(y1);
        if (argb >>> 24 == 255 && ix0 == x0 && iy0 == y0 && ix1 == x1 && iy1 == y1) {
            // Whole opaque pixels (grid lines, cells, borders): the colour itself, no coverage.
            for (int y = iy0; y < iy1; y++) {
                for (int x = ix0, p = y * stride + 1 + 3 * ix0; x < ix1; x++, p += 3) {
                    rows[p] = (byte) (argb >> 16);
                    rows[p + 1] = (byte) (argb >> 8);
                    rows[p + 2] = (byte) argb;
                }
            }
            return;
        }
        for (int y = iy0; y < iy1; y++) {
            double cy = Math.min(y1, y + 1) - Math.max(y0, y);
            for (int x = ix0; x < ix1; x++) {
                double cx = Math.min(x1, x + 1) - Math.max(x0, x);
                cover(x, y, (float) (cx * cy));
            }
        }
        paint(argb);
    }

    /**
     * A polyline of {@code n} points, {@code width} pixels wide with round joints and ends; a
     * NaN point breaks it. {@code dash}: lengths on and off in pixels, or null for solid.
     */
    public void polyline(double[] x, double[] y, int n, double width, double[] dash, int argb) {
        double r = Math.max(0.5, width / 2);
        int part = 0;
        double along = 0;
        boolean on = true;
        for (int k = 1; k < n; k++) {
            double x0 = x[k - 1];
            double y0 = y[k - 1];
            double x1 = x[k];
            double y1 = y[k];
            if (x0 != x0 || y0 != y0 || x1 != x1 || y1 != y1) {
                continue;
            }
            if (dash == null) {
                segment(x0, y0, x1, y1, r);
                continue;
            }
            double len = Math.hypot(x1 - x0, y1 - y0);
            double t = 0;
            while (t < len) {
                double left = dash[part] - along;
                double step = Math.min(left, len - t);
                if (on) {
                    double a = t / len;
                    double b = (t + step) / len;
                    segment(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a, x0 + (x1 - x0) * b, y0 + (y1 - y0) * b, r);
                }
                t += step;
                along += step;
                if (along >= dash[part] - 1e-9) {
                    along = 0;
                    part = (part + 1) % dash.length;
                    on = !on;
                }
            }
        }
        paint(argb);
    }

    /** A round-ended segment of radius {@code r}: coverage falls from 1 to 0 over the pixel at its edge. */
    private void segment(double x0, double y0, double x1, double y1, double r) {
        double ext = r + 1;
        // Clip to the canvas and a margin (Liang-Barsky): a value far off scale must not mean a loop over a billion pixels.
        double[] t = {0, 1};
        double dx = x1 - x0;
        double dy = y1 - y0;
        if (!clip(-dx, x0 + ext, t) || !clip(dx, w + ext - x0, t) || !clip(-dy, y0 + ext, t) || !clip(dy, h + ext - y0, t)) {
            return;
        }
        double ax = x0 + t[0] * dx;
        double ay = y0 + t[0] * dy;
        double bx = x0 + t[1] * dx;
        double by = y0 + t[1] * dy;
        dx = bx - ax;
        dy = by - ay;
        double len2 = dx * dx + dy * dy;
        boolean wide = Math.abs(dx) >= Math.abs(dy);
        int lo = (int) Math.floor((wide ? Math.min(ax, bx) : Math.min(ay, by)) - ext);
        int hi = (int) Math.ceil((wide ? Math.max(ax, bx) : Math.max(ay, by)) + ext);
        int limit = wide ? w : h;
        int other = wide ? h : w;
        lo = Math.max(0, lo);
        hi = Math.min(limit, hi);
        double slope = wide ? (dx == 0 ? 0 : dy / dx) : (dy == 0 ? 0 : dx / dy);
        double half = ext * Math.sqrt(1 + slope * slope);
        for (int m = lo; m < hi; m++) {
            double pm = m + 0.5;
            double s = wide ? (dx == 0 ? 0 : (pm - ax) / dx) : (dy == 0 ? 0 : (pm - ay) / dy);
            s = s < 0 ? 0 : s > 1 ? 1 : s;
            double centre = wide ? ay + s * dy : ax + s * dx;
            int q0 = Math.max(0, (int) Math.floor(centre - half));
            int q1 = Math.min(other, (int) Math.ceil(centre + half) + 1);
            for (int q = q0; q < q1; q++) {
                double px = wide ? pm : q + 0.5;
                double py = wide ? q + 0.5 : pm;
                double u = len2 == 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
                u = u < 0 ? 0 : u > 1 ? 1 : u;
                double ex = px - (ax + u * dx);
                double ey = py - (ay + u * dy);
                double c = r + 0.5 - Math.sqrt(ex * ex + ey * ey);
                if (c > 0) {
                    if (wide) {
                        cover(m, q, (float) Math.min(1, c));
                    } else {
                        cover(q, m, (float) Math.min(1, c));
                    }
                }
            }
        }
    }

    private static boolean clip(double p, double q, double[] t) {
        if (p == 0) {
            return q >= 0;
        }
        double r = q / p;
        if (p < 0) {
            if (r > t[1]) {
                return false;
            }
            t[0] = Math.max(t[0], r);
        } else {
            if (r < t[0]) {
                return false;
            }
            t[1] = Math.min(t[1], r);
        }
        return true;
    }

    /** A filled circle of radius {@code r} around ({@code cx}, {@code cy}). */
    public void disc(double cx, double cy, double r, int argb) {
        int x0 = Math.max(0, (int) Math.floor(cx - r - 1));
        int x1 = Math.min(w, (int) Math.ceil(cx + r + 1));
        int y0 = Math.max(0, (int) Math.floor(cy - r - 1));
        int y1 = Math.min(h, (int) Math.ceil(cy + r + 1));
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                double c = r + 0.5 - Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
                if (c > 0) {
                    cover(x, y, (float) Math.min(1, c));
                }
            }
        }
        paint(argb);
    }

    /**
     * A filled convex polygon, its points in either turning order: coverage from the signed
     * distance to the nearest edge outside, which is exact along edges and close at corners.
     */
    public void convex(double[] px, double[] py, int argb) {
        int n = px.length;
        double area = 0;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            int j = (k + 1) % n;
            area += px[k] * py[j] - px[j] * py[k];
            minX = Math.min(minX, px[k]);
            maxX = Math.max(maxX, px[k]);
            minY = Math.min(minY, py[k]);
            maxY = Math.max(maxY, py[k]);
        }
        double turn = area >= 0 ? 1 : -1;
        double[] nx = new double[n];
        double[] ny = new double[n];
        double[] off = new double[n];
        for (int k = 0; k < n; k++) {
            int j = (k + 1) % n;
            double ex = px[j] - px[k];
            double ey = py[j] - py[k];
            double len = Math.hypot(ex, ey);
            // Outward normal: for a positive (clockwise on screen) turning order it is (ey, -ex).
            nx[k] = turn * ey / len;
            ny[k] = -turn * ex / len;
            off[k] = nx[k] * px[k] + ny[k] * py[k];
        }
        int x0 = Math.max(0, (int) Math.floor(minX - 1));
        int x1 = Math.min(w, (int) Math.ceil(maxX + 1));
        int y0 = Math.max(0, (int) Math.floor(minY - 1));
        int y1 = Math.min(h, (int) Math.ceil(maxY + 1));
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                double sd = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    sd = Math.max(sd, nx[k] * (x + 0.5) + ny[k] * (y + 0.5) - off[k]);
                }
                double c = 0.5 - sd;
                if (c > 0) {
                    cover(x, y, (float) Math.min(1, c));
                }
            }
        }
        paint(argb);
    }

    /**
     * A filled polygon (even-odd), any shape: four sub-rows a pixel row, each crossing the
     * polygon's edges at exact horizontal positions, so the area under a long wiggling line
     * costs its edges' height, not the plot's area times its points.
     */
    public void polygon(double[] px, double[] py, int n, int argb) {
        final int sub = 4;
        int subRows = h * sub;
        int[] count = new int[subRows + 1];
        for (int k = 0; k < n; k++) {
            int j = (k + 1) % n;
            int[] span = subRowSpan(py[k], py[j], sub, subRows);
            for (int s = span[0]; s < span[1]; s++) {
                count[s + 1]++;
            }
        }
        for (int s = 0; s < subRows; s++) {
            count[s + 1] += count[s];
        }
        double[] xs = new double[count[subRows]];
        int[] fill = Arrays.copyOf(count, subRows);
        for (int k = 0; k < n; k++) {
            int j = (k + 1) % n;
            int[] span = subRowSpan(py[k], py[j], sub, subRows);
            for (int s = span[0]; s < span[1]; s++) {
                double sy = (s + 0.5) / sub;
                xs[fill[s]++] = px[k] + (px[j] - px[k]) * (sy - py[k]) / (py[j] - py[k]);
            }
        }
        for (int s = 0; s < subRows; s++) {
            int a = count[s];
            int b = count[s + 1];
            if (b - a < 2) {
                continue;
            }
            Arrays.sort(xs, a, b);
            int y = s / sub;
            for (int k = a; k + 1 < b; k += 2) {
                double l = Math.max(0, xs[k]);
                double r = Math.min(w, xs[k + 1]);
                if (!(r > l)) {
                    continue;
                }
                int il = (int) l;
                int ir = (int) Math.min(w - 1, Math.floor(r));
                int i = y * w;
                if (il == ir) {
                    addCover(i + il, (float) ((r - l) / sub));
                } else {
                    addCover(i + il, (float) ((il + 1 - l) / sub));
                    for (int x = il + 1; x < ir; x++) {
                        addCover(i + x, 1f / sub);
                    }
                    addCover(i + ir, (float) ((r - ir) / sub));
                }
            }
        }
        paint(argb);
    }

    private void addCover(int i, float c) {
        float was = cov[i];
        if (was == 0) {
            touch(i);
        }
        cov[i] = Math.min(1f, was + c);
    }

    /** The sub-rows {@code [first, end)} whose centres lie in {@code [min(a,b), max(a,b))}. */
    private static int[] subRowSpan(double a, double b, int sub, int rows) {
        if (a == b || a != a || b != b) {
            return new int[] {0, 0};
        }
        double lo = Math.min(a, b) * sub - 0.5;
        double hi = Math.max(a, b) * sub - 0.5;
        int first = (int) Math.max(0, Math.ceil(lo));
        int end = (int) Math.min(rows, Math.ceil(hi));
        return new int[] {first, Math.max(first, end)};
    }

    /** Grey-scale glyph bits laid over the pixels in {@code rgb}, top-left at ({@code x}, {@code y}). */
    void blit(byte[] alpha, int gw, int gh, int x, int y, int rgbColour) {
        int r = rgbColour >> 16 & 255;
        int g = rgbColour >> 8 & 255;
        int b = rgbColour & 255;
        for (int v = 0; v < gh; v++) {
            int py = y + v;
            if (py < 0 || py >= h) {
                continue;
            }
            for (int u = 0; u < gw; u++) {
                int px = x + u;
                int a = alpha[v * gw + u] & 255;
                if (a == 0 || px < 0 || px >= w) {
                    continue;
                }
                blend(py * stride + 1 + 3 * px, r, g, b, a / 255f);
            }
        }
    }

    /** The same bits turned a quarter left: glyph column {@code u} to row {@code y - u}, row {@code v} to column {@code x + v}. */
    void blitUp(byte[] alpha, int gw, int gh, int x, int y, int rgbColour) {
        int r = rgbColour >> 16 & 255;
        int g = rgbColour >> 8 & 255;
        int b = rgbColour & 255;
        for (int v = 0; v < gh; v++) {
            int px = x + v;
            if (px < 0 || px >= w) {
                continue;
            }
            for (int u = 0; u < gw; u++) {
                int py = y - u;
                int a = alpha[v * gw + u] & 255;
                if (a == 0 || py < 0 || py >= h) {
                    continue;
                }
                blend(py * stride + 1 + 3 * px, r, g, b, a / 255f);
            }
        }
    }
}
