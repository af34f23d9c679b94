package io.ratchet.backtest.entry;

import io.ratchet.data.kline.KlineSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.num.DoubleNum;

/** A kline series as a ta4j {@code BarSeries} (DoubleNum), for ta4j's indicators and rules. */
public final class Ta4jBars {
    private Ta4jBars() {
    }

    /** ta4j stamps bars at their end time; index {@code i} is bar {@code i} of the series view. */
    public static BarSeries of(KlineSeries s) {
        BarSeries series = new BaseBarSeriesBuilder().withName(s.symbol() + " " + s.interval().id())
                .withNumTypeOf(DoubleNum.class).build();
        Duration period = Duration.ofMillis(s.interval().millis());
        for (int i = 0; i < s.size(); i++) {
            ZonedDateTime end = ZonedDateTime.ofInstant(Instant.ofEpochMilli(s.interval().next(s.openTime(i))), ZoneOffset.UTC);
            series.addBar(period, end, s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i));
        }
        return series;
    }
}
