package io.ratchet.reports.chart;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.InflaterInputStream;

/**
 * The charts' three fonts (DejaVu Sans 11 and 12.5 px, bold 14 px), as grey-scale bitmaps
 * rasterised once by {@code GlyphAtlasTool}: a chart's text is blitted, never shaped, so a
 * report needs no font system (and no JIT of one). A character outside the set draws as '?'.
 */
public final class Glyphs {
    static final int MAGIC = 0x52474C31; // "RGL1"
    private static final int TABLE = 0x2300;

    public static final Glyphs SMALL;
    public static final Glyphs MEDIUM;
    public static final Glyphs TITLE;

    static {
        try (InputStream in = Glyphs.class.getResourceAsStream("glyphs.bin")) {
            if (in == null) {
                throw new IllegalStateException("glyphs.bin is missing from the reports jar");
            }
            DataInputStream d = new DataInputStream(new InflaterInputStream(in, new java.util.zip.Inflater(), 1 << 15));
            if (d.readInt() != MAGIC || d.readShort() != 3) {
                throw new IllegalStateException("glyphs.bin is not this version's font file");
            }
            SMALL = new Glyphs(d);
            MEDIUM = new Glyphs(d);
            TITLE = new Glyphs(d);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the charts' font (glyphs.bin)", e);
        }
    }

    public final int ascent;
    public final int descent;
    private final short[] index = new short[TABLE];
    private final short[] advance;
    private final short[] dx;
    private final short[] dy;
    private final short[] w;
    private final short[] h;
    private final byte[][] alpha;
    private final int fallback;

    private Glyphs(DataInputStream d) throws IOException {
        ascent = d.readShort();
        descent = d.readShort();
        int n = d.readShort();
        advance = new short[n];
        dx = new short[n];
        dy = new short[n];
        w = new short[n];
        h = new short[n];
        alpha = new byte[n][];
        java.util.Arrays.fill(index, (short) -1);
        for (int k = 0; k < n; k++) {
            char c = d.readChar();
            index[c] = (short) k;
            advance[k] = d.readShort();
            dx[k] = d.readShort();
            dy[k] = d.readShort();
            w[k] = d.readShort();
            h[k] = d.readShort();
            alpha[k] = new byte[w[k] * h[k]];
            d.readFully(alpha[k]);
        }
        fallback = index['?'];
    }

    private int glyph(char c) {
        int g = c < TABLE ? index[c] : -1;
        return g >= 0 ? g : fallback;
    }

    /** Whether {@code c} has its own glyph (else it draws as '?'). */
    public boolean has(char c) {
        return c < TABLE && index[c] >= 0;
    }

    public int width(String s) {
        int x = 0;
        for (int i = 0; i < s.length(); i++) {
            x += advance[glyph(s.charAt(i))];
        }
        return x;
    }

    public int height() {
        return ascent + descent;
    }

    /** Draws {@code s} with its baseline at {@code y}, starting at {@code x}. */
    public void draw(Canvas c, String s, int x, int y, int rgb) {
        for (int i = 0; i < s.length(); i++) {
            int g = glyph(s.charAt(i));
            c.blit(alpha[g], w[g], h[g], x + dx[g], y + dy[g], rgb);
            x += advance[g];
        }
    }

    /** Draws {@code s} turned a quarter left (reading upwards), its baseline at column {@code x}, starting at row {@code y}. */
    public void drawUp(Canvas c, String s, int x, int y, int rgb) {
        for (int i = 0; i < s.length(); i++) {
            int g = glyph(s.charAt(i));
            // Turned left: the glyph's column u goes to row y - u, its row v to column x + v.
            c.blitUp(alpha[g], w[g], h[g], x + dy[g], y - dx[g], rgb);
            y -= advance[g];
        }
    }
}
