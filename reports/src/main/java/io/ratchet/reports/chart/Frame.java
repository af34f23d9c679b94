package io.ratchet.reports.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * What every chart has around its data: the title, the plot's box and grid, the tick labels
 * and axis titles, and the legend. Measures first (the plot is what is left once the text has
 * room), then draws.
 */
final class Frame {
    static final int TEXT = 0x222222;
    static final int MUTED = 0x555555;
    static final int GRID = 0xFFE4E4E4;
    static final int BORDER = 0xFFA0A0A0;
    private static final int PAD = 10;
    private static final int SWATCH = 26;

    /** One line of the legend: how its series looks, in small. */
    record Entry(String label, int line, double lineWidth, double[] dash, Marker marker, int markerColour, int fill) {
    }

    final Canvas c;
    int left;
    int top;
    int right;
    int bottom;
    private final String xTitle;
    private final String yTitle;
    private final List<Entry> legend;
    private final List<int[]> legendRows = new ArrayList<>();
    private int legendTop;

    /**
     * @param legend entries below the plot, or null for none
     * @param yLabelWidth the widest y tick label, in pixels
     * @param rightRoom pixels right of the plot (a colour scale)
     */
    Frame(Canvas c, String title, String xTitle, String yTitle, List<Entry> legend, int yLabelWidth, int rightRoom) {
        this.c = c;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.legend = legend;
        title(c, title);
        top = TOP;
        if (legend != null && !legend.isEmpty()) {
            legendRows.addAll(rows(legend, c.width() - 2 * PAD));
        }
        bottom = bottom(c.width(), c.height(), legend);
        legendTop = c.height() - PAD - legendHeight(legend, c.width()) + 4;
        left = PAD + Glyphs.MEDIUM.height() + 8 + yLabelWidth + 8;
        right = c.width() - PAD - Math.max(14, rightRoom);
    }

    /** The plot's first row: below the title. */
    private static final int TOP = PAD + Glyphs.TITLE.height() + 8;

    /** The row below the plot: above the x labels, the x title and the legend. */
    private static int bottom(int width, int height, List<Entry> legend) {
        return height - PAD - legendHeight(legend, width) - Glyphs.MEDIUM.height() - 6 - Glyphs.SMALL.height() - 8;
    }

    /** The plot's height before the y labels are known: the title and the legend fix it. */
    static int plotHeight(int width, int height, List<Entry> legend) {
        return bottom(width, height, legend) - TOP;
    }

    private static int legendHeight(List<Entry> legend, int width) {
        return legend == null || legend.isEmpty() ? 0 : rows(legend, width - 2 * PAD).size() * (Glyphs.SMALL.height() + 6) + 6;
    }

    /** Draws the title, centred, shrunk to fit. */
    private static void title(Canvas c, String title) {
        Glyphs g = Glyphs.TITLE;
        String t = title;
        if (g.width(t) > c.width() - 2 * PAD) {
            g = Glyphs.MEDIUM;
            while (t.length() > 1 && g.width(t + "\u2026") > c.width() - 2 * PAD) {
                t = t.substring(0, t.length() - 1);
            }
            if (!t.equals(title)) {
                t = t + "\u2026";
            }
        }
        g.draw(c, t, (c.width() - g.width(t)) / 2, PAD + g.ascent, TEXT);
    }

    /** The legend's rows: first entry, end, width in pixels. */
    private static List<int[]> rows(List<Entry> legend, int width) {
        List<int[]> legendRows = new ArrayList<>();
        int x = 0;
        int first = 0;
        for (int k = 0; k < legend.size(); k++) {
            int wk = entryWidth(legend.get(k));
            if (x > 0 && x + wk > width) {
                legendRows.add(new int[] {first, k, x});
                first = k;
                x = 0;
            }
            x += wk;
        }
        legendRows.add(new int[] {first, legend.size(), x});
        return legendRows;
    }

    private static int entryWidth(Entry e) {
        return SWATCH + 6 + Glyphs.SMALL.width(e.label()) + 18;
    }

    double px(double x, double x0, double x1) {
        return left + (x - x0) / (x1 - x0) * (right - left);
    }

    double py(double y, double y0, double y1) {
        return bottom - (y - y0) / (y1 - y0) * (bottom - top);
    }

    /** Horizontal grid lines and labels at the y ticks. */
    void yGrid(Ticks.Axis t, double y0, double y1) {
        for (int k = 0; k < t.at().length; k++) {
            double y = Math.round(py(t.at()[k], y0, y1));
            if (y < top - 0.5 || y > bottom + 0.5) {
                continue;
            }
            c.fillRect(left, y - 0.5, right, y + 0.5, GRID);
            String s = t.label()[k];
            Glyphs.SMALL.draw(c, s, left - 6 - Glyphs.SMALL.width(s), (int) y + Glyphs.SMALL.ascent / 2 - 1, MUTED);
        }
    }

    /** Vertical grid lines and labels at the x ticks; a label that would touch the one before is left out. */
    void xGrid(Ticks.Axis t, double x0, double x1, boolean lines) {
        int lastEnd = Integer.MIN_VALUE;
        for (int k = 0; k < t.at().length; k++) {
            double x = Math.round(px(t.at()[k], x0, x1));
            if (x < left - 0.5 || x > right + 0.5) {
                continue;
            }
            if (lines) {
                c.fillRect(x - 0.5, top, x + 0.5, bottom, GRID);
            }
            label(t.label()[k], x, lastEnd);
            lastEnd = Math.max(lastEnd, (int) x + Glyphs.SMALL.width(t.label()[k]) / 2);
        }
    }

    /**
     * Category labels centred under their slots ({@code slot} pixels apart from {@code first}):
     * every one if they fit, else every k-th, the same k throughout so the axis reads evenly.
     */
    void categories(String[] labels, double first, double slot) {
        int stride = Math.max(1, (int) Math.ceil((widest(labels) + 10) / slot));
        for (int k = 0; k < labels.length; k += stride) {
            label(labels[k], first + k * slot, Integer.MIN_VALUE);
        }
    }

    /** A label centred under column {@code x}, unless it would come within 8 pixels of {@code lastEnd}; returns whether drawn. */
    boolean label(String s, double x, int lastEnd) {
        int wd = Glyphs.SMALL.width(s);
        // Centred, but kept whole inside the image: the last tick of a time axis sits at the right edge and lost its end.
        int from = Math.max(2, Math.min(c.width() - wd - 2, (int) Math.round(x - wd / 2.0)));
        if (from < lastEnd + 8) {
            return false;
        }
        Glyphs.SMALL.draw(c, s, from, bottom + 5 + Glyphs.SMALL.ascent, MUTED);
        return true;
    }

    /** The box, the axis titles and the legend. */
    void finish() {
        c.fillRect(left, top, right, top + 1, BORDER);
        c.fillRect(left, bottom - 1, right, bottom, BORDER);
        c.fillRect(left, top, left + 1, bottom, BORDER);
        c.fillRect(right - 1, top, right, bottom, BORDER);
        Glyphs m = Glyphs.MEDIUM;
        int xt = bottom + 5 + Glyphs.SMALL.height() + 6 + m.ascent;
        m.draw(c, xTitle, left + (right - left - m.width(xTitle)) / 2, xt, TEXT);
        m.drawUp(c, yTitle, PAD + m.ascent, top + (bottom - top + m.width(yTitle)) / 2, TEXT);
        if (legend == null) {
            return;
        }
        int row = legendTop;
        for (int[] r : legendRows) {
            int x = (c.width() - r[2]) / 2;
            int mid = row + Glyphs.SMALL.height() / 2;
            for (int k = r[0]; k < r[1]; k++) {
                Entry e = legend.get(k);
                swatch(c, e, x, mid);
                Glyphs.SMALL.draw(c, e.label(), x + SWATCH + 6, mid + Glyphs.SMALL.ascent / 2 - 1, TEXT);
                x += entryWidth(e);
            }
            row += Glyphs.SMALL.height() + 6;
        }
    }

    static void swatch(Canvas c, Entry e, int x, int mid) {
        if (e.fill() != 0) {
            c.fillRect(x + 3, mid - 5, x + SWATCH - 3, mid + 5, e.fill());
            if (e.line() != 0) {
                c.fillRect(x + 3, mid - 5, x + SWATCH - 3, mid - 4, e.line());
            }
        } else if (e.line() != 0) {
            c.polyline(new double[] {x, x + SWATCH}, new double[] {mid, mid}, 2, Math.min(3, e.lineWidth()), e.dash(), e.line());
        }
        if (e.marker() != Marker.NONE) {
            e.marker().draw(c, x + SWATCH / 2.0, mid, 7, e.markerColour());
        }
    }

    /** A legend in a box at the plot's top left, for charts whose bottom is taken by their axis. */
    void legendInside(List<Entry> entries) {
        int width = 0;
        for (Entry e : entries) {
            width = Math.max(width, SWATCH + 6 + Glyphs.SMALL.width(e.label()));
        }
        int line = Glyphs.SMALL.height() + 5;
        int x = left + 10;
        int y = top + 10;
        c.fillRect(x, y, x + width + 16, y + entries.size() * line + 10, 0xF0FFFFFF);
        c.fillRect(x, y, x + width + 16, y + 1, BORDER);
        c.fillRect(x, y + entries.size() * line + 9, x + width + 16, y + entries.size() * line + 10, BORDER);
        c.fillRect(x, y, x + 1, y + entries.size() * line + 10, BORDER);
        c.fillRect(x + width + 15, y, x + width + 16, y + entries.size() * line + 10, BORDER);
        int mid = y + 5 + line / 2;
        for (Entry e : entries) {
            swatch(c, e, x + 8, mid);
            Glyphs.SMALL.draw(c, e.label(), x + 8 + SWATCH + 6, mid + Glyphs.SMALL.ascent / 2 - 1, TEXT);
            mid += line;
        }
    }

    /** The widest of {@code labels} in the small font. */
    static int widest(String[] labels) {
        int m = 0;
        for (String s : labels) {
            m = Math.max(m, Glyphs.SMALL.width(s));
        }
        return m;
    }
}
