package io.ratchet.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ratchet.reports.chart.Canvas;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our encoder read back by ImageIO's decoder, pixel for pixel. */
class PngTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void randomImagesDecodeToTheirPixels(long seed) throws IOException {
        Random rnd = new Random(seed);
        int w = 1 + rnd.nextInt(300);
        int h = 1 + rnd.nextInt(200);
        Canvas img = new Canvas(w, h, 0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // runs of one colour, as in a chart, broken by noise
                img.set(x, y, rnd.nextInt(8) == 0 ? rnd.nextInt(1 << 24) : (x / 17) * 0x010305);
            }
        }
        assertSamePixels(img, ImageIO.read(new ByteArrayInputStream(Png.encode(img))), "seed " + seed);
    }

    @Test
    void colourChannelsKeepTheirOrder() throws IOException {
        Canvas img = new Canvas(3, 2, 0);
        int[] rgb = {0x102030, 0xffffff, 0x000000, 0xff0000, 0x00ff00, 0x0000ff};
        for (int k = 0; k < 6; k++) {
            img.set(k % 3, k / 3, rgb[k]);
        }
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Png.encode(img)));
        assertEquals(0x102030, back.getRGB(0, 0) & 0xffffff);
        assertEquals(0xff0000, back.getRGB(0, 1) & 0xffffff);
        assertEquals(0x00ff00, back.getRGB(1, 1) & 0xffffff);
        assertEquals(0x0000ff, back.getRGB(2, 1) & 0xffffff);
        assertEquals(false, back.getColorModel().hasAlpha());
    }

    @Test
    void aChartComesBackAsTheCanvasItDrew() throws IOException {
        var chart = Charts.scoreVsTrail("percent", "mean, %", new double[] {0.01, 0.02, 0.03}, new double[] {1, -2, 0.5}, null, 0.02, -2);
        Canvas drawn = chart.draw();
        assertSamePixels(drawn, ImageIO.read(new ByteArrayInputStream(Png.encode(drawn))), "chart");
    }

    private static void assertSamePixels(Canvas want, BufferedImage got, String what) {
        assertEquals(want.width(), got.getWidth(), what + " width");
        assertEquals(want.height(), got.getHeight(), what + " height");
        int w = want.width();
        int h = want.height();
        int[] b = got.getRGB(0, 0, w, h, null, 0, w);
        for (int k = 0; k < b.length; k++) {
            b[k] &= 0xffffff;
        }
        assertArrayEquals(want.pixels(), b, what + " pixels");
    }
}
