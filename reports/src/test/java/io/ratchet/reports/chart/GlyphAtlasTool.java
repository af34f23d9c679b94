package io.ratchet.reports.chart;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes {@code glyphs.bin}, the charts' font: DejaVu Sans (Bitstream Vera licence, which
 * allows embedding) rasterised once by Java2D at the sizes the charts use. Run by hand when the
 * sizes or the characters change, with the Debian package {@code fonts-dejavu-core} installed:
 *
 * <pre>java -cp reports/target/test-classes io.ratchet.reports.chart.GlyphAtlasTool \
 *     /usr/share/fonts/truetype/dejavu reports/src/main/resources/io/ratchet/reports/chart/glyphs.bin</pre>
 *
 * Why not Java2D at run time: loading fonts and rasterising through it cost more than the rest
 * of a sweep's report (JIT of the renderer included); a report blits these bitmaps instead.
 */
public final class GlyphAtlasTool {
    /** Sizes in pixels, and which file: the order is {@link Glyphs}'s. */
    static final String[] FILES = {"DejaVuSans.ttf", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"};
    static final float[] SIZES = {11f, 12.5f, 14f};

    private GlyphAtlasTool() {
    }

    static String characters() {
        StringBuilder s = new StringBuilder();
        for (char c = 32; c < 127; c++) {
            s.append(c);
        }
        for (char c = 0xA0; c <= 0xFF; c++) {
            s.append(c);
        }
        s.append("\u2212\u2013\u2014\u2026\u00B7\u2192\u2190\u2264\u2265\u2248\u2260\u221E\u2022\u2018\u2019\u201C\u201D\u0394\u03C3\u03BC\u2030\u20AC");
        return s.toString();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String chars = characters();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (DataOutputStream o = new DataOutputStream(raw)) {
            o.writeInt(Glyphs.MAGIC);
            o.writeShort(FILES.length);
            for (int f = 0; f < FILES.length; f++) {
                Font font = Font.createFont(Font.TRUETYPE_FONT, dir.resolve(FILES[f]).toFile()).deriveFont(SIZES[f]);
                write(o, font, chars);
            }
        }
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        Deflater d = new Deflater(9);
        try (DeflaterOutputStream dz = new DeflaterOutputStream(z, d)) {
            dz.write(raw.toByteArray());
        }
        d.end();
        Files.write(out, z.toByteArray());
        System.out.println("wrote " + out + " (" + z.size() + " bytes, " + chars.length() + " characters x " + FILES.length + " fonts)");
    }

    private static void write(DataOutputStream o, Font font, String chars) throws IOException {
        int box = (int) Math.ceil(font.getSize2D() * 3);
        BufferedImage img = new BufferedImage(box, box, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        g.setFont(font);
        FontMetrics m = g.getFontMetrics();
        o.writeShort(m.getAscent());
        o.writeShort(m.getDescent());
        o.writeShort(chars.length());
        int originX = box / 3;
        int baseline = 2 * box / 3;
        for (int k = 0; k < chars.length(); k++) {
            char c = chars.charAt(k);
            g.setColor(java.awt.Color.BLACK);
            g.fillRect(0, 0, box, box);
            g.setColor(java.awt.Color.WHITE);
            g.drawString(String.valueOf(c), originX, baseline);
            int x0 = box;
            int y0 = box;
            int x1 = -1;
            int y1 = -1;
            for (int y = 0; y < box; y++) {
                for (int x = 0; x < box; x++) {
                    if ((img.getRaster().getSample(x, y, 0)) != 0) {
                        x0 = Math.min(x0, x);
                        y0 = Math.min(y0, y);
                        x1 = Math.max(x1, x);
                        y1 = Math.max(y1, y);
                    }
                }
            }
            o.writeChar(c);
            o.writeShort(m.charWidth(c));
            if (x1 < 0) {
                o.writeShort(0);
                o.writeShort(0);
                o.writeShort(0);
                o.writeShort(0);
                continue;
            }
            o.writeShort(x0 - originX);
            o.writeShort(y0 - baseline);
            o.writeShort(x1 - x0 + 1);
            o.writeShort(y1 - y0 + 1);
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    o.writeByte(img.getRaster().getSample(x, y, 0));
                }
            }
        }
        g.dispose();
    }
}
