package io.ratchet.reports.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlyphsTest {
    @Test
    void everyCharacterTheAtlasToolWroteHasItsGlyphInEveryFont() {
        for (Glyphs g : new Glyphs[] {Glyphs.SMALL, Glyphs.MEDIUM, Glyphs.TITLE}) {
            for (char ch : GlyphAtlasTool.characters().toCharArray()) {
                assertThat(g.has(ch)).as("U+%04X", (int) ch).isTrue();
            }
            assertThat(g.has('\u4E00')).isFalse();
        }
    }

    @Test
    void fontsGrowWithTheirSize() {
        assertThat(Glyphs.SMALL.height()).isLessThan(Glyphs.MEDIUM.height());
        assertThat(Glyphs.MEDIUM.height()).isLessThanOrEqualTo(Glyphs.TITLE.height());
        assertThat(Glyphs.SMALL.width("mean net return")).isLessThan(Glyphs.MEDIUM.width("mean net return"));
        // DejaVu Sans's digits share one advance: tick labels line up.
        assertThat(Glyphs.SMALL.width("0123456789")).isEqualTo(10 * Glyphs.SMALL.width("8"));
    }

    @Test
    void aCharacterOutsideTheSetDrawsAsAQuestionMark() {
        assertThat(Glyphs.SMALL.width("\u4E00")).isEqualTo(Glyphs.SMALL.width("?"));
    }

    @Test
    void textInksOnlyItsOwnBox() {
        Canvas c = new Canvas(200, 40, 0xFFFFFF);
        Glyphs g = Glyphs.MEDIUM;
        int x = 20;
        int y = 25;
        g.draw(c, "Ratchet 0.5%", x, y, 0x000000);
        int inked = 0;
        for (int py = 0; py < 40; py++) {
            for (int px = 0; px < 200; px++) {
                if (c.get(px, py) != 0xFFFFFF) {
                    inked++;
                    assertThat(px).isBetween(x - 1, x + g.width("Ratchet 0.5%"));
                    assertThat(py).isBetween(y - g.ascent, y + g.descent);
                }
            }
        }
        assertThat(inked).isGreaterThan(60);
    }

    @Test
    void textTurnedUpIsAsTallAsItIsLongAndReadsUpwards() {
        Canvas c = new Canvas(40, 200, 0xFFFFFF);
        Glyphs g = Glyphs.MEDIUM;
        String s = "drawdown, %";
        g.drawUp(c, s, 20, 180, 0x000000);
        int top = 200;
        int bottom = -1;
        int left = 40;
        int right = -1;
        for (int py = 0; py < 200; py++) {
            for (int px = 0; px < 40; px++) {
                if (c.get(px, py) != 0xFFFFFF) {
                    top = Math.min(top, py);
                    bottom = Math.max(bottom, py);
                    left = Math.min(left, px);
                    right = Math.max(right, px);
                }
            }
        }
        assertThat(bottom).isLessThanOrEqualTo(180);
        assertThat(bottom - top + 1).isBetween(g.width(s) - 4, g.width(s));
        assertThat(right).isLessThanOrEqualTo(20 + g.descent);
        assertThat(left).isGreaterThanOrEqualTo(20 - g.ascent);
    }
}
