package io.ratchet.backtest.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import io.ratchet.engine.Bars;
import io.ratchet.engine.Direction;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;

class EntriesTest {
    static final KlineSeries SERIES = SyntheticKlines.randomWalk("SYN", Interval.M1, 2000, 5);

    @TempDir
    Path dir;

    @Test
    void csvRowsBecomePositionsInTimeOrder() throws Exception {
        Bars b = SERIES.bars();
        Path f = dir.resolve("entries.csv");
        Files.writeString(f, "time,direction\n" + b.openTime()[10] + ",short\n" + b.openTime()[3] + ",long\n" + b.openTime()[3] + ",short\n");
        Entries e = EntryCsv.read(f, b);
        assertThat(e.bar()).containsExactly(3, 3, 10);
        assertThat(e.direction()).containsExactly(Direction.LONG, Direction.SHORT, Direction.SHORT);
    }

    @Test
    void badRowsNameTheFileAndLine() throws Exception {
        Bars b = SERIES.bars();
        Path f = dir.resolve("entries.csv");
        Files.writeString(f, "time,direction\n" + b.openTime()[1] + ",long\n" + (b.openTime()[2] + 1) + ",long\n");
        assertThatThrownBy(() -> EntryCsv.read(f, b)).isInstanceOf(EntryFileException.class)
                .hasMessageContaining(f + ": line 3: column time").hasMessageContaining("not the open time of a bar");
        Files.writeString(f, b.openTime()[1] + ",sideways\n");
        assertThatThrownBy(() -> EntryCsv.read(f, b)).hasMessageContaining("line 1: column direction: unknown 'sideways'");
        Files.writeString(f, b.openTime()[1] + ";long\n");
        assertThatThrownBy(() -> EntryCsv.read(f, b)).hasMessageContaining("line 1: expected 2 columns");
        Files.writeString(f, "yesterday,long\n");
        assertThatThrownBy(() -> EntryCsv.read(f, b)).hasMessageContaining("line 1: column time: not epoch milliseconds");
    }

    @Test
    void everyNthBar() {
        Entries e = Entries.every(7, 0, 30, Direction.SHORT);
        assertThat(e.bar()).containsExactly(0, 7, 14, 21, 28);
        assertThat(e.within(7, 22).bar()).containsExactly(7, 14, 21);
    }

    @Test
    void smaCrossEntersAtTheNextOpenAfterTheCross() {
        Entries e = EntryRule.entries("sma-cross:5,20", SERIES, Direction.LONG);
        assertThat(e.size()).isGreaterThan(5);
        BarSeries ta = Ta4jBars.of(SERIES);
        ClosePriceIndicator close = new ClosePriceIndicator(ta);
        SMAIndicator fast = new SMAIndicator(close, 5);
        SMAIndicator slow = new SMAIndicator(close, 20);
        for (int bar : e.bar()) {
            int signal = bar - 1;
            assertThat(fast.getValue(signal).isGreaterThan(slow.getValue(signal))).as("bar %d", signal).isTrue();
            assertThat(fast.getValue(signal - 1).isLessThanOrEqual(slow.getValue(signal - 1))).as("bar %d", signal - 1).isTrue();
        }
    }

    @Test
    void breakoutAndRsiRulesAndBadSpecs() {
        Entries up = EntryRule.entries("breakout:20", SERIES, Direction.LONG);
        for (int bar : up.bar()) {
            int s = bar - 1;
            double highest = Double.NEGATIVE_INFINITY;
            for (int k = Math.max(0, s - 20); k < s; k++) {
                highest = Math.max(highest, SERIES.high(k));
            }
            assertThat(SERIES.close(s)).isGreaterThan(highest);
        }
        assertThat(EntryRule.entries("rsi-below:14,30", SERIES, Direction.LONG).size()).isPositive();
        assertThatThrownBy(() -> EntryRule.entries("macd:1,2", SERIES, Direction.LONG)).hasMessageContaining("unknown rule 'macd'");
        assertThatThrownBy(() -> EntryRule.entries("sma-cross:20,5", SERIES, Direction.LONG)).hasMessageContaining("FAST must be shorter");
        assertThatThrownBy(() -> EntryRule.entries("rsi-below:14", SERIES, Direction.LONG)).hasMessageContaining("expected 2 parameters");
    }
}
