package io.ratchet.reports.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeatChartTest {
    private static final int[] COLOURS = {0xBE1E2D, 0xF8F8F8, 0x14823C};

    private static HeatChart chart(double[][] v) {
        return new HeatChart(600, 300, "h", "trail", "activation", new String[] {"0.1", "0.2"}, new String[] {"0", "0.01"}, v, -10, 10, COLOURS,
                "0.0;\u22120.0");
    }

    @Test
    void theScaleRunsFromTheLowColourThroughTheMiddleToTheHigh() {
        HeatChart h = chart(new double[][] {{0, 0}, {0, 0}});
        assertThat(h.colour(-10)).isEqualTo(0xBE1E2D);
        assertThat(h.colour(-50)).isEqualTo(0xBE1E2D);
        assertThat(h.colour(0)).isEqualTo(0xF8F8F8);
        assertThat(h.colour(10)).isEqualTo(0x14823C);
        // Half way from white-ish 0xF8F8F8 to green 0x14823C: (248 + 20) / 2 = 134, (248 + 130) / 2 = 189, (248 + 60) / 2 = 154.
        assertThat(h.colour(5)).isEqualTo(134 << 16 | 189 << 8 | 154);
    }

    private static int count(Canvas c, int rgb) {
        int n = 0;
        for (int p : c.pixels()) {
            n += p == rgb ? 1 : 0;
        }
        return n;
    }

    @Test
    void aCellWithoutAValueIsLeftBlankAndEachOtherTakesItsColour() {
        Canvas all = chart(new double[][] {{-10, 10}, {10, 10}}).draw();
        Canvas one = chart(new double[][] {{-10, Double.NaN}, {Double.NaN, Double.NaN}}).draw();
        int red = count(all, 0xBE1E2D);
        assertThat(red).isGreaterThan(10_000);
        assertThat(count(one, 0xBE1E2D)).isEqualTo(red);
        assertThat(count(all, 0x14823C) - count(one, 0x14823C)).as("three green cells gone").isGreaterThan(3 * 10_000);
    }
}
