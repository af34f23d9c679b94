package io.ratchet.reports.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TicksTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void roundStepsOfOneTwoOrFive() {
        assertThat(Ticks.step(1, 5)).isEqualTo(0.2);
        assertThat(Ticks.step(12002.5, 5)).isEqualTo(2000);
        assertThat(Ticks.step(35, 5)).isEqualTo(5);
        assertThat(Ticks.step(0.7, 7)).isEqualTo(0.1, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(Ticks.step(30, 3)).isEqualTo(10);
    }

    @Test
    void numberTicksInsideTheRangeWithTheirDecimals() {
        Ticks.Axis a = Ticks.numbers(-0.05, 1.05, 5);
        assertThat(a.label()).containsExactly("0.0", "0.2", "0.4", "0.6", "0.8", "1.0");
        Ticks.Axis b = Ticks.numbers(-2.5, 12000, 5);
        assertThat(b.label()).containsExactly("0", "2,000", "4,000", "6,000", "8,000", "10,000", "12,000");
        Ticks.Axis c = Ticks.numbers(-0.47, 0.02, 5);
        assertThat(c.label()).containsExactly("\u22120.4", "\u22120.3", "\u22120.2", "\u22120.1", "0.0");
    }

    @Test
    void aRealMinusAndNoNegativeZero() {
        assertThat(Ticks.number(-1.5, 1)).isEqualTo("\u22121.5");
        assertThat(Ticks.number(-0.04, 1)).isEqualTo("0.0");
        assertThat(Ticks.number(1234567.891, 2)).isEqualTo("1,234,567.89");
    }

    @Test
    void aDayOfHoursIsTickedAtRoundHoursWhoseLabelsDoNotTouch() {
        long lo = Instant.parse("2021-04-10T23:00:00Z").toEpochMilli();
        long hi = Instant.parse("2021-04-11T23:00:00Z").toEpochMilli();
        int pixels = 800;
        Ticks.Axis a = Ticks.times(lo, hi, pixels, Glyphs.SMALL);
        long step = (long) (a.at()[1] - a.at()[0]);
        assertThat(step).isIn(HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR);
        for (int k = 0; k < a.at().length; k++) {
            assertThat((long) a.at()[k] % step).as("tick %d on a multiple of the step from midnight UTC", k).isZero();
            assertThat(a.label()[k]).matches("04-1[01] \\d\\d:00");
            if (k > 0) {
                assertThat((long) (a.at()[k] - a.at()[k - 1])).isEqualTo(step);
                double apart = (double) step / (hi - lo) * pixels;
                assertThat(apart).isGreaterThanOrEqualTo(Glyphs.SMALL.width(a.label()[k]) + 8);
            }
        }
        assertThat(a.label()[0]).isEqualTo("04-11 00:00");
    }

    @Test
    void aYearIsTickedOnTheFirstOfMonths() {
        long lo = Instant.parse("2021-01-01T01:00:00Z").toEpochMilli();
        long hi = Instant.parse("2022-01-01T00:00:00Z").toEpochMilli();
        Ticks.Axis a = Ticks.times(lo, hi, 800, Glyphs.SMALL);
        assertThat(a.label()[0]).isIn("2021-02", "2021-03");
        assertThat(a.label()[a.label().length - 1]).isIn("2022-01", "2021-12", "2021-11");
        for (int k = 0; k < a.at().length; k++) {
            assertThat(Instant.ofEpochMilli((long) a.at()[k]).toString()).matches("202[12]-\\d\\d-01T00:00:00Z");
        }
    }
}
