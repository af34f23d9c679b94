package io.ratchet.data.trades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.read.KlineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invented prints inside klines: the bars they came from are what Binance would build from them. */
class SyntheticTradesTest {
    @TempDir
    Path dir;

    @Test
    void printsInsideRealKlinesRebuildTheirOhlcAndVolumeExactly() throws Exception {
        // The shipped ETHUSDT day: real 1m klines, 2 price decimals.
        Path zip = Path.of("..", "sample-data", "ETHUSDT-1m-2022-08-14.zip");
        KlineSeries k = KlineLoader.load(zip.toString(), null, null).series();
        TradeSeries t = SyntheticTrades.inKlines(k, "SYNETHUSDT", 12, 7);
        assertThat(t.size()).isEqualTo(12 * k.size());
        assertThat(t.symbol()).isEqualTo("SYNETHUSDT");
        assertThat(t.gaps()).isEmpty();
        assertThat(t.priceScale()).isLessThanOrEqualTo(2);
        KlineSeries back = TradeKlines.build(t, Interval.M1);
        assertThat(back.size()).isEqualTo(k.size());
        for (int i = 0; i < k.size(); i++) {
            assertThat(back.openTime(i)).isEqualTo(k.openTime(i));
            assertThat(back.open(i)).as("open of bar %d", i).isEqualTo(k.open(i));
            assertThat(back.high(i)).as("high of bar %d", i).isEqualTo(k.high(i));
            assertThat(back.low(i)).as("low of bar %d", i).isEqualTo(k.low(i));
            assertThat(back.close(i)).as("close of bar %d", i).isEqualTo(k.close(i));
            assertThat(back.volume(i)).as("volume of bar %d", i).isEqualTo(k.volume(i));
        }
        // Same bars and seed, same prints; another seed, another path.
        TradeSeries again = SyntheticTrades.inKlines(k, "SYNETHUSDT", 12, 7);
        TradeSeries other = SyntheticTrades.inKlines(k, "SYNETHUSDT", 12, 8);
        boolean differs = false;
        for (int i = 0; i < t.size(); i++) {
            assertThat(again.priceUnits(i)).isEqualTo(t.priceUnits(i));
            assertThat(again.timeMicros(i)).isEqualTo(t.timeMicros(i));
            differs |= other.priceUnits(i) != t.priceUnits(i);
        }
        assertThat(differs).isTrue();

        // Written as an official spot dump and read back: the same trades.
        Path csv = dir.resolve("SYNETHUSDT-aggTrades-2022-08.csv");
        SyntheticTrades.writeCsv(t, csv);
        TradeSeries read = TradeLoader.load(csv.toString(), null).series();
        assertThat(read.size()).isEqualTo(t.size());
        assertThat(read.price(100)).isEqualTo(t.price(100));
        assertThat(Files.readAllLines(csv).get(0)).matches("1,\\d+\\.\\d{8},\\d+\\.\\d{8},1,1,\\d{13},(True|False),True");
    }

    @Test
    void aBarNeedsRoomForItsFourPrices() {
        KlineSeries k = io.ratchet.data.kline.SyntheticKlines.randomWalk("SYN", Interval.M1, 10, 1);
        assertThatThrownBy(() -> SyntheticTrades.inKlines(k, "SYN", 3, 1)).hasMessageContaining("at least 4");
        TradeSeries four = SyntheticTrades.inKlines(k, "SYN", 4, 1);
        assertThat(TradeKlines.build(four, Interval.M1).high(3)).isEqualTo(k.high(3));
    }
}
