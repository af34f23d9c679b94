package io.ratchet.data.trades;

import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.read.KlineLoader;
import io.ratchet.data.store.TradeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Invented prints inside klines are the bars Binance would build from them; the random walk's columns are the validating loader's and survive the store. */
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

    @ParameterizedTest(name = "step {0}")
    @ValueSource(ints = {3, 100})
    void theColumnsAreTheLoadersOfTheSameTradesAndRoundTripThroughTheStore(int step) throws Exception {
        int n = 300_000;
        TradeSeries s = SyntheticTrades.randomWalk("SYN", n, 5, 1_704_067_200_000L, step);
        // The same walk through a parse buffer and the loader's validation.
        SplittableRandom r = new SplittableRandom(5);
        TradeBuffer b = new TradeBuffer(n);
        long id = 3_000_000_000L;
        long t = 1_704_067_200_000_000L;
        long p = 4_200_000L;
        for (int i = 0; i < n; i++) {
            id += r.nextInt(100_000) == 0 ? 2 + r.nextInt(10) : 1;
            t += r.nextInt(4) == 0 ? 0 : r.nextInt(60) * 1000L;
            p = Math.max(100, p + r.nextInt(-step, step + 1));
            long q = r.nextInt(20) == 0 ? 1 + r.nextLong(500_000) : 1 + r.nextInt(20_000);
            b.add(id, id, id, t, p * 1_000_000L, q * 1000L, r.nextBoolean(), 0, i + 1);
        }
        b.noteDecimals(2, 5);
        TradeSeries loaded = TradeLoader.validate(b, "SYN", "synthetic").series();
        assertSame(s, loaded);
        assertThat(s.gaps()).isNotEmpty();
        TradeStore st = new TradeStore(dir);
        st.save(s);
        assertSame(st.load("SYN").orElseThrow(), s);
        if (step == 3) {
            assertSame(SyntheticTrades.randomWalk("SYN", n, 5), s); // the calm walk the benchmarks have used
        }
    }

    private static void assertSame(TradeSeries a, TradeSeries b) {
        assertThat(a.size()).isEqualTo(b.size());
        assertThat(a.priceScale()).isEqualTo(b.priceScale());
        assertThat(a.qtyScale()).isEqualTo(b.qtyScale());
        assertThat(a.runStarts()).isEqualTo(b.runStarts());
        assertThat(a.runFirstIds()).isEqualTo(b.runFirstIds());
        for (int i = 0; i < a.size(); i++) {
            if (a.timeMicros(i) != b.timeMicros(i) || a.priceUnits(i) != b.priceUnits(i) || a.qtyUnits(i) != b.qtyUnits(i)
                    || a.buyerMaker(i) != b.buyerMaker(i)) {
                throw new AssertionError("trade " + i + " differs");
            }
        }
    }
}
