package io.ratchet.data.trades;

import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.data.store.TradeStore;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The synthetic trades fill their columns directly: they must be what the validating loader makes of the same trades, and survive the store. */
class SyntheticTradesTest {
    @TempDir
    Path dir;

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
