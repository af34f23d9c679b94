package io.ratchet.reports;

import io.ratchet.data.io.AtomicFiles;
import io.ratchet.reports.chart.Canvas;
import io.ratchet.reports.chart.Chart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Charts to PNG files, written whole or not at all. The encoder is ours: ImageIO's reads
 * the image a sample at a time and tries five row filters on every row; a chart is flat colour,
 * so unfiltered rows at a middle deflate level come out within a few percent as small in a
 * fraction of the time, and a report needs no image library at all.
 */
final class Png {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int LEVEL = 4;

    private Png() {
    }

    static void write(Chart chart, Path file) throws IOException {
        byte[] png = encode(chart.draw());
        AtomicFiles.write(file, out -> out.write(png));
    }

    /** An 8-bit RGB PNG of the canvas. */
    static byte[] encode(Canvas img) throws IOException {
        int w = img.width();
        int h = img.height();
        ByteArrayOutputStream z = new ByteArrayOutputStream(w * h / 2);
        Deflater deflater = new Deflater(LEVEL);
        try (DeflaterOutputStream dz = new DeflaterOutputStream(z, deflater, 1 << 16)) {
            dz.write(img.scanlines()); // already PNG's rows: filter type 0, then RGB
        } finally {
            deflater.end();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(z.size() + 64);
        out.write(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, w);
        putInt(ihdr, 4, h);
        ihdr[8] = 8; // bits per sample
        ihdr[9] = 2; // truecolour
        chunk(out, "IHDR", ihdr);
        chunk(out, "IDAT", z.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        byte[] head = new byte[8];
        putInt(head, 0, data.length);
        for (int k = 0; k < 4; k++) {
            head[4 + k] = (byte) type.charAt(k);
        }
        CRC32 crc = new CRC32();
        crc.update(head, 4, 4);
        crc.update(data);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        out.write(head);
        out.write(data);
        out.write(tail);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
