package io.ratchet.reports;

import io.ratchet.data.kline.KlineSeries;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/** A kline series as a tablesaw {@code Table} (for analysis where tablesaw is wanted): columns copied once. */
public final class KlineTables {
    private KlineTables() {
    }

    /** Columns {@code openTime} (epoch ms), {@code time} (UTC), {@code open, high, low, close, volume}. */
    public static Table of(KlineSeries s) {
        LocalDateTime[] t = new LocalDateTime[s.size()];
        long[] ms = s.openTimes();
        for (int i = 0; i < t.length; i++) {
            t[i] = LocalDateTime.ofInstant(Instant.ofEpochMilli(ms[i]), ZoneOffset.UTC);
        }
        return Table.create(s.symbol() + " " + s.interval().id(), LongColumn.create("openTime", ms), DateTimeColumn.create("time", t),
                DoubleColumn.create("open", s.opens()), DoubleColumn.create("high", s.highs()), DoubleColumn.create("low", s.lows()),
                DoubleColumn.create("close", s.closes()), DoubleColumn.create("volume", s.volumes()));
    }
}
