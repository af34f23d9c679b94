package io.ratchet.cli;

import io.ratchet.data.config.JsonTrees;
import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import io.ratchet.data.store.KlineStore;
import io.ratchet.data.store.TradeStore;
import io.ratchet.data.trades.TradeSeries;
import io.ratchet.sim.SimConfig;
import io.ratchet.sim.SimExchange;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ratchet data import / download --trades / klines --from-trades, on aggTrades dumps made here in the official layouts. */
class AggTradeCommandTest {
    /** Spot January 2024, no header, ms; id 103 missing. Bars: 00:00 O 42000.01 H 42000.50 L 41999.99 C 41999.99 V 1.751; 00:01 none; 00:02 42001/42001/42000/42000 V 2.1. */
    static final String SPOT_2024 = """
            100,42000.01000000,0.50000000,200,201,1704067200000,True,True
            101,42000.50000000,0.00100000,202,202,1704067200500,False,True
            102,41999.99000000,1.25000000,203,205,1704067259999,False,True
            104,42001.00000000,2.00000000,208,208,1704067320000,True,True
            105,42000.00000000,0.10000000,209,209,1704067379999,True,True
            """;
    /** The klines Binance prints for those trades (12 columns; count and quote volumes as Binance would have them). */
    static final String BINANCE_1M = """
            1704067200000,42000.01000000,42000.50000000,41999.99000000,41999.99000000,1.75100000,1704067259999,73541.48,6,0.001,42.0005,0
            1704067260000,41999.99000000,41999.99000000,41999.99000000,41999.99000000,0.00000000,1704067319999,0,0,0,0,0
            1704067320000,42001.00000000,42001.00000000,42000.00000000,42000.00000000,2.10000000,1704067379999,88202,2,0,0,0
            """;

    @TempDir
    Path dir;

    Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    @Test
    void importsAZippedSpotMonthWithChecksumAndAFuturesDayAsOneSeriesAndListsIt() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry("BTCUSDT-aggTrades-2024-01.csv"));
            z.write(SPOT_2024.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        Path zip = dir.resolve("in/BTCUSDT-aggTrades-2024-01.zip");
        Files.createDirectories(zip.getParent());
        Files.write(zip, b.toByteArray());
        Files.writeString(dir.resolve("in/BTCUSDT-aggTrades-2024-01.zip.CHECKSUM"),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.toByteArray())) + "  BTCUSDT-aggTrades-2024-01.zip\n");
        write("in/BTCUSDT-aggTrades-2025-01-01.csv", "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n"
                + "105,42000.0,0.1,209,209,1704067379999000,true\n106,42000.5,0.3,210,210,1704067380000500,false\n");
        Path store = dir.resolve("store");
        CliRun r = CliRun.of("data", "import", dir.resolve("in").toString(), "--store", store.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("BTCUSDT:trades: 6 trades, ids 100 .. 106, 2024-01-01 00:00 .. 2024-01-01 00:03 (UTC)")
                .contains("read: 2 files, 7 trades, 1 identical duplicate trades dropped, 1 gap in ids (1 missing ids)")
                .contains("ids 102 -> 104 (1 missing), 2024-01-01T00:00:59.999Z -> 2024-01-01T00:02:00Z");
        TradeSeries s = new TradeStore(store).load("BTCUSDT").orElseThrow();
        assertThat(s.timeMicros(5)).isEqualTo(1_704_067_380_000_500L);
        assertThat(s.price(5)).isEqualTo(42000.5);

        CliRun list = CliRun.of("data", "list", "--store", store.toString());
        assertThat(list.out()).contains("BTCUSDT        trades   2024-01-01 00:00  2024-01-01 00:03           6      1          1  trades, ids 100 .. 106");
        CliRun json = CliRun.of("data", "list", "--json", "--store", store.toString());
        assertThat(JsonTrees.reader().readTree(json.out()).get(0).get("trades").asInt()).isEqualTo(6);
    }

    @Test
    void badInputExitsTwoNamingFileLineAndFieldAndStoresNothing() throws Exception {
        Path f = write("BTCUSDT-aggTrades-2024-02.csv", "1,42000.01,0.5,1,1,1704067200000,true,true\n2,42000.01,-1,2,2,1704067200001,true,true\n");
        Path store = dir.resolve("store");
        CliRun r = CliRun.of("data", "import", f.toString(), "--store", store.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ratchet data import: " + f + ": line 2: column 3 (quantity): not a positive decimal: '-1';"
                + " write it like 0.00125\n");
        assertThat(Files.exists(store)).isFalse();

        CliRun iv = CliRun.of("data", "import", write("BTCUSDT-aggTrades-2024-03.csv", SPOT_2024).toString(), "--interval", "1m",
                "--store", store.toString());
        assertThat(iv.exit()).isEqualTo(2);
        assertThat(iv.err()).contains("--interval: ").contains("holds trades, which have no interval");
    }

    @Test
    void aStoreFileRatchetDidNotWriteIsNotOverwritten() throws Exception {
        Path store = dir.resolve("store");
        Files.createDirectories(store);
        Files.writeString(store.resolve("BTCUSDT.aggtrades"), "someone's notes");
        CliRun r = CliRun.of("data", "import", write("BTCUSDT-aggTrades-2024-01.csv", SPOT_2024).toString(), "--store", store.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("BTCUSDT.aggtrades: not a Ratchet trade store file");
        assertThat(Files.readString(store.resolve("BTCUSDT.aggtrades"))).isEqualTo("someone's notes");
    }

    @Test
    void klinesFromTradesEqualBinancesKlinesForTheSameTrades() throws Exception {
        Path store = dir.resolve("store");
        assertThat(CliRun.of("data", "import", write("BTCUSDT-aggTrades-2024-01.csv", SPOT_2024).toString(), "--store", store.toString()).exit())
                .isZero();
        // Binance's klines first: the bars built from the trades must be equal to them, or the merge refuses.
        CliRun k = CliRun.of("data", "import", write("BTCUSDT-1m-2024-01.csv", BINANCE_1M).toString(), "--store", store.toString());
        assertThat(k.exit()).as(k.err()).isZero();
        CliRun built = CliRun.of("data", "klines", "--from-trades", "BTCUSDT", "--interval", "1m", "--store", store.toString());
        assertThat(built.exit()).as(built.err()).isZero();
        assertThat(built.out()).contains("built 3 1m bars from 5 trades (3 equal to bars stored before)").contains("BTCUSDT 1m: 3 bars");

        // Klines that say otherwise (a high of 42000.60 in the first bar) are refused, and the store keeps them as they were.
        Path other = dir.resolve("other");
        CliRun.of("data", "import", dir.resolve("BTCUSDT-aggTrades-2024-01.csv").toString(), "--store", other.toString());
        CliRun.of("data", "import", write("o/BTCUSDT-1m-2024-01.csv", BINANCE_1M.replace("42000.50000000", "42000.60000000")).toString(),
                "--store", other.toString());
        byte[] before = Files.readAllBytes(other.resolve("BTCUSDT-1m.klines"));
        CliRun refused = CliRun.of("data", "klines", "--from-trades", "BTCUSDT:trades", "--interval", "1m", "--store", other.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("open_time 1704067200000 appears twice with different values");
        assertThat(Files.readAllBytes(other.resolve("BTCUSDT-1m.klines"))).isEqualTo(before);

        KlineSeries h = new KlineStore(store).load("BTCUSDT", Interval.M1).orElseThrow();
        assertThat(h.volumes()).containsExactly(1.751, 0.0, 2.1);

        CliRun none = CliRun.of("data", "klines", "--from-trades", "ETHUSDT", "--interval", "1m", "--store", store.toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("no ETHUSDT trades in the store");
    }

    @Test
    void downloadPagesAggTradesFromTheSimulatorAndASecondRunResumesAfterTheLastStoredId() throws Exception {
        KlineSeries bars = SyntheticKlines.randomWalk("BTCUSDT", Interval.M1, 4000, 8);
        Path store = dir.resolve("store");
        try (SimExchange sim = new SimExchange(SimConfig.of(bars).withSpeed(30_000)).start()) {
            List<double[]> printed = sim.printedTrades(0, Long.MAX_VALUE);
            long deadline = System.currentTimeMillis() + 30_000;
            while (printed.size() < 2600 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                printed = sim.printedTrades(0, Long.MAX_VALUE);
            }
            assertThat(printed.size()).isGreaterThanOrEqualTo(2600);
            long from = (long) printed.get(0)[1];
            long mid = (long) printed.get(1200)[1]; // trades 1..1200 are before it
            long to = (long) printed.get(2500)[1];
            CliRun a = CliRun.of("data", "download", "--trades", "--symbol", "BTCUSDT", "--from", Long.toString(from), "--to", Long.toString(mid),
                    "--base-url", sim.baseUrl(), "--store", store.toString());
            assertThat(a.exit()).as(a.err()).isZero();
            assertThat(a.out()).contains("downloaded 1200 trades").contains("BTCUSDT:trades: 1200 trades, ids 1 .. 1200");
            CliRun b = CliRun.of("data", "download", "--trades", "--symbol", "BTCUSDT", "--to", Long.toString(to),
                    "--base-url", sim.baseUrl(), "--store", store.toString());
            assertThat(b.exit()).as(b.err()).isZero();
            assertThat(b.out()).contains("resuming at id 1201").contains("downloaded 1300 trades").contains("2500 trades, ids 1 .. 2500");
            TradeSeries s = new TradeStore(store).load("BTCUSDT").orElseThrow();
            assertThat(s.gaps()).isEmpty();
            for (int i = 0; i < 2500; i++) {
                assertThat(s.price(i)).as("trade %d", i + 1).isEqualTo(printed.get(i)[0]);
                assertThat(s.timeMillis(i)).as("trade %d", i + 1).isEqualTo((long) printed.get(i)[1]);
            }
            CliRun fresh = CliRun.of("data", "download", "--trades", "--symbol", "ETHUSDT", "--base-url", sim.baseUrl(), "--store",
                    dir.resolve("s2").toString());
            assertThat(fresh.exit()).isEqualTo(2);
            assertThat(fresh.err()).contains("no ETHUSDT trades in the store to resume after; give --from");
        }
    }
}
