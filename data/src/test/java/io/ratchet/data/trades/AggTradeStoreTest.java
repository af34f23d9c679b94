package io.ratchet.data.trades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ratchet.data.store.TradeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggTradeStoreTest {
    @TempDir
    Path dir;

    /** A random series with steps of every size the store must carry: large jumps in time and price, huge quantities, gaps in ids. */
    static TradeSeries random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        TradeBuffer b = new TradeBuffer(n);
        long id = 1_000_000_000L;
        long t = 1_704_067_200_000_000L;
        long p = 4_200_001_000_000L; // 42000.01 in 10^-8
        for (int i = 0; i < n; i++) {
            id += r.nextInt(1000) == 0 ? 2 + r.nextInt(50) : 1;
            t += r.nextInt(100) == 0 ? r.nextLong(1L << 42) : r.nextInt(2000) * 1000L;
            long step = r.nextInt(500) == 0 ? r.nextLong(-1L << 38, 1L << 38) : r.nextInt(-20, 21);
            p = Math.max(1_000_000L, p + step * 1_000_000L);
            long q = r.nextInt(200) == 0 ? r.nextLong(1L << 50) * 1000 + 1000 : (1 + r.nextInt(1 << 20)) * 1000L;
            b.add(id, id, id, t, p, q, r.nextBoolean(), i + 1);
        }
        return TradeLoader.validate(b, "BTCUSDT", "random").series();
    }

    @Test
    void theStoreGivesBackEveryTradeExactly() throws Exception {
        TradeSeries s = random(20_000, 3);
        TradeStore st = new TradeStore(dir);
        st.save(s);
        TradeSeries back = st.load("BTCUSDT").orElseThrow();
        assertThat(back.size()).isEqualTo(20_000);
        assertThat(back.priceScale()).isEqualTo(2);
        assertThat(back.qtyScale()).isEqualTo(5);
        assertThat(back.timeMicrosColumn()).isEqualTo(s.timeMicrosColumn());
        assertThat(back.priceUnitsColumn()).isEqualTo(s.priceUnitsColumn());
        assertThat(back.qtyUnitsColumn()).isEqualTo(s.qtyUnitsColumn());
        assertThat(back.makerBitsColumn()).isEqualTo(s.makerBitsColumn());
        assertThat(back.runStarts()).isEqualTo(s.runStarts());
        assertThat(back.runFirstIds()).isEqualTo(s.runFirstIds());
        assertThat(back.gaps()).isEqualTo(s.gaps());
    }

    @Test
    void aTradeTakesEightBytesOnDisk() throws Exception {
        // 10,000 trades a millisecond or so apart, prices a few ticks apart, one id run:
        // 64 header + 3 blocks (4096, 4096, 1808) x 24 + 10,000 x 8 + 1 run x 12 = 80,148 bytes
        TradeBuffer b = new TradeBuffer();
        for (int i = 0; i < 10_000; i++) {
            b.add(500 + i, 500 + i, 500 + i, 1_704_067_200_000_000L + i * 1_000L, 4_200_000_000_000L + (i % 7) * 1_000_000L, 12_345_000L, i % 3 == 0, i + 1);
        }
        TradeStore st = new TradeStore(dir);
        st.save(TradeLoader.validate(b, "ETHUSDT", "made").series());
        assertThat(Files.size(dir.resolve("ETHUSDT.aggtrades"))).isEqualTo(80_148L);
    }

    @Test
    void mergingKeepsWhatIsStoredAndRefusesAConflictLeavingTheStoreAsItWas() throws Exception {
        TradeSeries s = random(3000, 5);
        TradeStore st = new TradeStore(dir);
        st.save(s);
        TradeBuffer more = new TradeBuffer();
        long last = s.lastId();
        more.add(last, last, last, s.timeMicros(s.size() - 1), s.priceUnits(s.size() - 1) * 1_000_000L, s.qtyUnits(s.size() - 1) * 1000L,
                s.buyerMaker(s.size() - 1), 1);
        more.add(last + 1, last + 1, last + 1, s.timeMicros(s.size() - 1) + 5, 100_000_000L, 100_000L, false, 2);
        TradeLoader.Loaded m = st.merge(TradeLoader.validate(more, "BTCUSDT", "more").series(), "more");
        assertThat(m.series().size()).isEqualTo(3001);
        assertThat(m.report().duplicatesDropped()).isEqualTo(1);
        assertThat(st.load("BTCUSDT").orElseThrow().price(3000)).isEqualTo(1.0);
        byte[] before = Files.readAllBytes(st.file("BTCUSDT"));

        TradeBuffer clash = new TradeBuffer();
        clash.add(last + 1, last + 1, last + 1, s.timeMicros(s.size() - 1) + 5, 200_000_000L, 100_000L, false, 1);
        assertThatThrownBy(() -> st.merge(TradeLoader.validate(clash, "BTCUSDT", "clash").series(), "clash"))
                .hasMessageContaining("clash: line 1: agg_trade_id " + (last + 1) + " appears twice with different values");
        assertThat(Files.readAllBytes(st.file("BTCUSDT"))).isEqualTo(before);
    }

    @Test
    void aDamagedFileIsNamed() throws Exception {
        TradeStore st = new TradeStore(dir);
        st.save(random(100, 1));
        Path f = st.file("BTCUSDT");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 3));
        assertThatThrownBy(() -> st.load("BTCUSDT")).hasMessageContaining("BTCUSDT.aggtrades: damaged trade store file");
    }
}
