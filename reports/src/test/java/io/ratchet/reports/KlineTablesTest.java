package io.ratchet.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class KlineTablesTest {
    @Test
    void aViewBecomesATableWithTheSameNumbers() {
        KlineSeries s = SyntheticKlines.randomWalk("SYN", Interval.H1, 500, 2).slice(100, 200);
        Table t = KlineTables.of(s);
        assertThat(t.rowCount()).isEqualTo(100);
        assertThat(t.columnNames()).containsExactly("openTime", "time", "open", "high", "low", "close", "volume");
        assertThat(t.longColumn("openTime").get(0)).isEqualTo(s.openTime(0));
        assertThat(t.doubleColumn("close").asDoubleArray()).isEqualTo(s.closes());
        assertThat(t.dateTimeColumn("time").get(0).getHour()).isEqualTo((int) (s.openTime(0) / 3_600_000L % 24));
    }
}
