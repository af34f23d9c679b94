package io.ratchet.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ratchet.data.read.KlineFormatException;
import io.ratchet.data.trades.TradeBuffer;
import io.ratchet.data.trades.TradeLoader;
import io.ratchet.data.trades.TradeSeries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What live --record appends, read with the store at once, folded into it at the end; never a store file half written. */
class TradeJournalTest {
    static final long T = 1_704_067_200_000L;

    @TempDir
    Path dir;

    private static void append(TradeJournal j, long... ids) throws Exception {
        int n = ids.length;
        long[] time = new long[n];
        double[] price = new double[n];
        double[] qty = new double[n];
        boolean[] maker = new boolean[n];
        for (int k = 0; k < n; k++) {
            time[k] = T + ids[k] * 10;
            price[k] = price(ids[k]);
            qty[k] = qty(ids[k]);
            maker[k] = ids[k] % 2 == 0;
        }
        j.append("BTCUSDT", ids, price, qty, time, maker, n);
    }

    /** 42000.01 + id cents, as the double a printed price parses to. */
    private static double price(long id) {
        return (4_200_001 + id) / 100.0;
    }

    private static double qty(long id) {
        return 125 * id / 100_000.0;
    }

    /** Trades 1..n as an import of the same trades would store them. */
    private static TradeSeries imported(long from, long to) {
        TradeBuffer b = new TradeBuffer();
        for (long id = from; id <= to; id++) {
            long price8 = (4_200_001 + id) * 1_000_000L; // price(id) in 10^-8
            long qty8 = 125 * id * 1_000L;
            b.add(id, id, id, (T + id * 10) * 1000, price8, qty8, id % 2 == 0, (int) id);
        }
        return TradeLoader.validate(b, "BTCUSDT", "import").series();
    }

    @Test
    void batchesInAnyOrderWithRepeatsReadAsOneSeriesWithTheStoreAndFoldIntoIt() throws Exception {
        TradeStore store = new TradeStore(dir);
        store.save(imported(1, 3));
        TradeJournal j = new TradeJournal(store);
        append(j, 6, 7);
        append(j, 3, 4, 5); // an older gap fill after newer trades; 3 is in the store already, with the same values
        append(j, 7, 8);
        TradeSeries all = store.load("BTCUSDT").orElseThrow();
        assertThat(all.size()).isEqualTo(8);
        assertThat(all.firstId()).isEqualTo(1);
        assertThat(all.lastId()).isEqualTo(8);
        assertThat(all.gaps()).isEmpty();
        TradeSeries same = imported(1, 8);
        assertThat(all.priceUnitsColumn()).isEqualTo(same.priceUnitsColumn());
        assertThat(all.qtyUnitsColumn()).isEqualTo(same.qtyUnitsColumn());
        assertThat(all.timeMicrosColumn()).isEqualTo(same.timeMicrosColumn());
        assertThat(all.makerBitsColumn()).isEqualTo(same.makerBitsColumn());
        assertThat(store.list()).singleElement().satisfies(s -> assertThat(s.trades()).isEqualTo(8));

        TradeSeries folded = j.fold("BTCUSDT").orElseThrow();
        assertThat(folded.size()).isEqualTo(8);
        assertThat(j.file("BTCUSDT")).doesNotExist();
        assertThat(store.load("BTCUSDT").orElseThrow().priceUnitsColumn()).isEqualTo(same.priceUnitsColumn());
        assertThat(j.fold("BTCUSDT")).isEmpty();
    }

    @Test
    void aLineCutShortByACrashIsIgnoredAndCutOffByTheNextAppend() throws Exception {
        TradeStore store = new TradeStore(dir);
        TradeJournal j = new TradeJournal(store);
        append(j, 1, 2);
        Files.writeString(j.file("BTCUSDT"), "3,42000.04,0.0", StandardOpenOption.APPEND); // the crash: no newline
        assertThat(store.load("BTCUSDT").orElseThrow().size()).isEqualTo(2);
        append(j, 3, 4);
        TradeSeries s = store.load("BTCUSDT").orElseThrow();
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.priceUnitsColumn()).isEqualTo(imported(1, 4).priceUnitsColumn());
        assertThat(Files.readString(j.file("BTCUSDT"))).startsWith("agg_trade_id,price,quantity,transact_time,is_buyer_maker\n1,")
                .doesNotContain("0.0\n3,").endsWith("\n");
    }

    @Test
    void aTradeThatDisagreesWithTheStoreIsRefusedAndTheStoreFileStaysAsItWas() throws Exception {
        TradeStore store = new TradeStore(dir);
        store.save(imported(1, 3));
        byte[] before = Files.readAllBytes(store.file("BTCUSDT"));
        TradeJournal j = new TradeJournal(store);
        j.append("BTCUSDT", new long[] {3}, new double[] {41_000}, new double[] {qty(3)}, new long[] {T + 30}, new boolean[] {false}, 1);
        assertThatThrownBy(() -> store.load("BTCUSDT")).isInstanceOf(KlineFormatException.class).hasMessageContaining("agg_trade_id 3");
        assertThatThrownBy(() -> j.fold("BTCUSDT")).isInstanceOf(KlineFormatException.class);
        assertThat(Files.readAllBytes(store.file("BTCUSDT"))).isEqualTo(before);
        assertThat(j.file("BTCUSDT")).exists(); // nothing recorded is thrown away
    }

    @Test
    void anImportWhileRecordingKeepsTheJournalAndBothTradesStay() throws Exception {
        TradeStore store = new TradeStore(dir);
        TradeJournal j = new TradeJournal(store);
        append(j, 5, 6);
        store.merge(imported(1, 4), "import");
        assertThat(j.file("BTCUSDT")).exists();
        append(j, 7);
        assertThat(store.load("BTCUSDT").orElseThrow().size()).isEqualTo(7);
        j.fold("BTCUSDT");
        assertThat(store.load("BTCUSDT").orElseThrow().size()).isEqualTo(7);
    }

    @Test
    void aPriceTheStoreCannotKeepExactlyIsRefusedBeforeAnythingIsWritten() throws Exception {
        TradeJournal j = new TradeJournal(new TradeStore(dir));
        assertThatThrownBy(() -> j.append("BTCUSDT", new long[] {1}, new double[] {1.0 / 3}, new double[] {1}, new long[] {T}, new boolean[] {false}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 decimals");
        assertThat(j.file("BTCUSDT")).doesNotExist();
        // no quantity from the source: stored as 0
        j.append("BTCUSDT", new long[] {1}, new double[] {42_000.5}, new double[] {Double.NaN}, new long[] {T}, new boolean[] {true}, 1);
        assertThat(Files.readString(j.file("BTCUSDT"), StandardCharsets.US_ASCII)).endsWith("\n1,42000.5,0," + T + ",true\n");
        assertThat(new TradeStore(dir).load("BTCUSDT").orElseThrow().qtyUnits(0)).isZero();
    }
}
