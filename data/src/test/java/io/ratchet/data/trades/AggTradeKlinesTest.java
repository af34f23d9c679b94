package io.ratchet.data.trades;

import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggTradeKlinesTest {
    @TempDir
    Path dir;

    @Test
    void klinesFromTradesAreWhatBinancePrintsForThem() throws Exception {
        // 00:00: 42000.01, 42000.50, 41999.99 (0.5 + 0.001 + 1.25); 00:01 none; 00:02: 42001, 42000 at 00:02:59.999
        Path f = dir.resolve("BTCUSDT-aggTrades-2024-01.csv");
        Files.writeString(f, """
                100,42000.01000000,0.50000000,200,201,1704067200000,true,true
                101,42000.50000000,0.00100000,202,202,1704067200500,false,true
                102,41999.99000000,1.25000000,203,205,1704067259999,false,true
                103,42001.00000000,2.00000000,208,208,1704067320000,true,true
                104,42000.00000000,0.10000000,209,209,1704067379999,true,true
                """);
        KlineSeries k = TradeKlines.build(TradeLoader.load(f.toString(), null).series(), Interval.M1);
        assertThat(k.openTimes()).containsExactly(1_704_067_200_000L, 1_704_067_260_000L, 1_704_067_320_000L);
        assertThat(k.opens()).containsExactly(42000.01, 41999.99, 42001.0);
        assertThat(k.highs()).containsExactly(42000.5, 41999.99, 42001.0);
        assertThat(k.lows()).containsExactly(41999.99, 41999.99, 42000.0);
        assertThat(k.closes()).containsExactly(41999.99, 41999.99, 42000.0);
        assertThat(k.volumes()).containsExactly(1.751, 0.0, 2.1);

        KlineSeries h = TradeKlines.build(TradeLoader.load(f.toString(), null).series(), Interval.H1);
        assertThat(h.openTimes()).containsExactly(1_704_067_200_000L);
        assertThat(h.highs()).containsExactly(42001.0);
        assertThat(h.volumes()).containsExactly(3.851);
    }
}
