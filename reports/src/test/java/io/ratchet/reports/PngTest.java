package io.ratchet.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // runs of one colour, as in a chart, broken by noise
                img.setRGB(x, y, rnd.nextInt(8) == 0 ? rnd.nextInt(1 << 24) : (x / 17) * 0x010305);
            }
        }
        assertSamePixels(img, ImageIO.read(new ByteArrayInputStream(Png.encode(img))), "seed " + seed);
    }

    @Test
    void alphaIsDroppedAndColourKept() throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
        int[] argb = {0xff102030, 0x80ffffff, 0x00000000, 0xffff0000, 0xff00ff00, 0xff0000ff};
        img.setRGB(0, 0, 3, 2, argb, 0, 3);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Png.encode(img)));
        assertEquals(0x102030, back.getRGB(0, 0) & 0xffffff);
        assertEquals(0xff0000, back.getRGB(0, 1) & 0xffffff);
        assertEquals(0x0000ff, back.getRGB(2, 1) & 0xffffff);
        assertEquals(false, back.getColorModel().hasAlpha());
    }

    @Test
    void aChartComesBackAsTheImageXChartDrew() throws IOException {
        var chart = Charts.scoreVsTrail("percent", "mean, %", new double[] {0.01, 0.02, 0.03}, new double[] {1, -2, 0.5}, null, 0.02, -2);
        System.setProperty("java.awt.headless", "true");
        BufferedImage drawn = org.knowm.xchart.BitmapEncoder.getBufferedImage(chart);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Png.bytes(chart)));
        assertSamePixels(drawn, back, "chart");
    }

    private static void assertSamePixels(BufferedImage want, BufferedImage got, String what) {
        assertEquals(want.getWidth(), got.getWidth(), what + " width");
        assertEquals(want.getHeight(), got.getHeight(), what + " height");
        int w = want.getWidth();
        int h = want.getHeight();
        int[] a = want.getRGB(0, 0, w, h, null, 0, w);
        int[] b = got.getRGB(0, 0, w, h, null, 0, w);
        for (int k = 0; k < a.length; k++) {
            a[k] &= 0xffffff;
            b[k] &= 0xffffff;
        }
        assertArrayEquals(a, b, what + " pixels");
    }
}
