package io.ratchet.reports;

import io.ratchet.data.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.IChart;

/** Charts to PNG files, written whole or not at all. */
final class Png {
    private Png() {
    }

    static void write(IChart chart, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, out -> out.write(png));
    }
}
