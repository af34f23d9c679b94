package io.ratchet.reports.chart;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Values over two labelled axes as coloured cells, on a diverging scale from {@code min}
 * (the first colour) through the middle colour to {@code max}, with the scale at the right and,
 * where cells are wide enough, each value written in its cell. A cell without a value is left
 * blank. The first y label is at the bottom.
 */
public final class HeatChart extends Chart {
    private final String[] xLabels;
    private final String[] yLabels;
    private final double[][] value;
    private final double min;
    private final double max;
    private final int[] colours;
    private final String pattern;

    /**
     * @param value {@code value[x][y]}, NaN where there is none
     * @param colours low, middle, high ({@code 0xRRGGBB})
     * @param pattern a {@link DecimalFormat} pattern for the values written in the cells, or null for none
     */
    public HeatChart(int w, int h, String title, String xTitle, String yTitle, String[] xLabels, String[] yLabels, double[][] value,
                     double min, double max, int[] colours, String pattern) {
        super(w, h, title, xTitle, yTitle);
        this.xLabels = xLabels.clone();
        this.yLabels = yLabels.clone();
        this.value = value;
        this.min = min;
        this.max = max;
        this.colours = colours.clone();
        this.pattern = pattern;
    }

    /** The colour of {@code v} on the scale. */
    int colour(double v) {
        double mid = (min + max) / 2;
        double t = max > min ? (v - mid) / ((max - min) / 2) : 0;
        t = Math.max(-1, Math.min(1, t));
        return t < 0 ? blend(colours[1], colours[0], -t) : blend(colours[1], colours[2], t);
    }

    private static int blend(int a, int b, double t) {
        int r = (int) Math.round((a >> 16 & 255) + ((b >> 16 & 255) - (a >> 16 & 255)) * t);
        int g = (int) Math.round((a >> 8 & 255) + ((b >> 8 & 255) - (a >> 8 & 255)) * t);
        int bl = (int) Math.round((a & 255) + ((b & 255) - (a & 255)) * t);
        return r << 16 | g << 8 | bl;
    }

    @Override
    public Canvas draw() {
        Canvas c = new Canvas(w, h, 0xFFFFFF);
        DecimalFormat scaleFormat = new DecimalFormat(pattern != null ? pattern : "0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        String[] scaleLabels = new String[5];
        for (int k = 0; k < 5; k++) {
            scaleLabels[k] = scaleFormat.format(min + (max - min) * k / 4);
        }
        int scaleRoom = 18 + 16 + 6 + Frame.widest(scaleLabels) + 6;
        Frame f = new Frame(c, title, xTitle, yTitle, null, Frame.widest(yLabels), scaleRoom);
        int nx = xLabels.length;
        int ny = yLabels.length;
        double cw = (double) (f.right - f.left) / Math.max(1, nx);
        double ch = (double) (f.bottom - f.top) / Math.max(1, ny);
        DecimalFormat cellFormat = pattern == null ? null : new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        for (int x = 0; x < nx; x++) {
            for (int y = 0; y < ny; y++) {
                double v = value[x][y];
                if (v != v) {
                    continue;
                }
                int col = colour(v);
                double left = f.left + x * cw;
                double top = f.bottom - (y + 1) * ch;
                c.fillRect(Math.round(left) + 1, Math.round(top) + 1, Math.round(left + cw), Math.round(top + ch), 0xFF000000 | col);
                if (cellFormat != null) {
                    String s = cellFormat.format(v);
                    if (Glyphs.SMALL.width(s) <= cw - 4) {
                        int lum = (299 * (col >> 16 & 255) + 587 * (col >> 8 & 255) + 114 * (col & 255)) / 1000;
                        Glyphs.SMALL.draw(c, s, (int) Math.round(left + (cw - Glyphs.SMALL.width(s)) / 2),
                                (int) Math.round(top + ch / 2 + Glyphs.SMALL.ascent / 2.0 - 1), lum < 120 ? 0xFFFFFF : Frame.TEXT);
                    }
                }
            }
        }
        for (int y = 0; y < ny; y++) {
            String s = yLabels[y];
            int mid = (int) Math.round(f.bottom - (y + 0.5) * ch);
            Glyphs.SMALL.draw(c, s, f.left - 6 - Glyphs.SMALL.width(s), mid + Glyphs.SMALL.ascent / 2 - 1, Frame.MUTED);
        }
        f.categories(xLabels, f.left + 0.5 * cw, cw);
        // The scale: a column of the colours from max (top) to min, with five labels.
        int sx = f.right + 18;
        for (int y = f.top; y < f.bottom; y++) {
            double v = max - (max - min) * (y - f.top + 0.5) / (f.bottom - f.top);
            c.fillRect(sx, y, sx + 16, y + 1, 0xFF000000 | colour(v));
        }
        c.fillRect(sx, f.top, sx + 16, f.top + 1, Frame.BORDER);
        c.fillRect(sx, f.bottom - 1, sx + 16, f.bottom, Frame.BORDER);
        c.fillRect(sx, f.top, sx + 1, f.bottom, Frame.BORDER);
        c.fillRect(sx + 15, f.top, sx + 16, f.bottom, Frame.BORDER);
        for (int k = 0; k < 5; k++) {
            int y = (int) Math.round(f.bottom - (f.bottom - f.top) * k / 4.0);
            c.fillRect(sx + 16, y - 0.5, sx + 20, y + 0.5, Frame.BORDER);
            Glyphs.SMALL.draw(c, scaleLabels[k], sx + 22, y + Glyphs.SMALL.ascent / 2 - 1, Frame.MUTED);
        }
        f.finish();
        return c;
    }
}
