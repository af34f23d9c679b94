package io.ratchet.data.trades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ratchet.data.read.KlineFormatException;
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

/** aggTrades dumps in the layouts data.binance.vision publishes, made here by hand. */
class AggTradeLoaderTest {
    /** Spot, January 2024: no header, times in ms, id 103 missing. */
    static final String SPOT_2024 = """
            100,42000.01000000,0.50000000,200,201,1704067200000,True,True
            101,42000.50000000,0.00100000,202,202,1704067200500,False,True
            102,41999.99000000,1.25000000,203,205,1704067230000,false,true
            104,42001.00000000,2.00000000,208,208,1704067260001,true,true
            """;
    static final String SPOT_HEADER = "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker,is_best_match\n";
    static final String FUTURES_HEADER = "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n";

    @TempDir
    Path dir;

    Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    static byte[] zip(String entry, String text) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(text.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return b.toByteArray();
    }

    @Test
    void readsASpotMonthWithoutHeaderInMillisecondsAndListsTheGapInIds() throws Exception {
        TradeLoader.Loaded l = TradeLoader.load(write("BTCUSDT-aggTrades-2024-01.csv", SPOT_2024).toString(), null);
        TradeSeries s = l.series();
        assertThat(s.symbol()).isEqualTo("BTCUSDT");
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.id(0)).isEqualTo(100);
        assertThat(s.id(2)).isEqualTo(102);
        assertThat(s.id(3)).isEqualTo(104);
        assertThat(s.priceScale()).isEqualTo(2);
        assertThat(s.priceUnits(0)).isEqualTo(4_200_001L);
        assertThat(s.price(1)).isEqualTo(42000.5);
        assertThat(s.price(2)).isEqualTo(41999.99);
        assertThat(s.qtyScale()).isEqualTo(3);
        assertThat(s.qtyUnits(1)).isEqualTo(1);
        assertThat(s.qty(2)).isEqualTo(1.25);
        assertThat(s.timeMicros(1)).isEqualTo(1_704_067_200_500_000L);
        assertThat(s.timeMillis(3)).isEqualTo(1_704_067_260_001L);
        assertThat(s.buyerMaker(0)).isTrue();
        assertThat(s.buyerMaker(1)).isFalse();
        assertThat(s.buyerMaker(3)).isTrue();
        assertThat(s.gaps()).containsExactly(new TradeGap(102, 104, 1_704_067_230_000L, 1_704_067_260_001L));
        assertThat(l.report().summary()).isEqualTo("1 file, 4 trades, 1 gap in ids (1 missing ids)");
    }

    @Test
    void aMonthInMillisecondsAndADayInMicrosecondsOfOneSymbolAreOneSeriesOverlapsDropped() throws Exception {
        // the monthly file (ms) and a daily futures file (us, header, 7 columns) repeating id 104 and adding 105, 106
        write("m/BTCUSDT-aggTrades-2024-01.csv", SPOT_2024);
        write("m/BTCUSDT-aggTrades-2025-01-01.csv", FUTURES_HEADER
                + "104,42001.00000000,2.00000000,208,208,1704067260001000,true\n"
                + "105,42001.5,0.1,209,209,1704067260001250,false\n"
                + "106,42002,0.2,210,211,1704067261000000,false\n");
        TradeLoader.Loaded l = TradeLoader.load(dir.resolve("m").toString(), null);
        TradeSeries s = l.series();
        assertThat(s.size()).isEqualTo(6);
        assertThat(s.id(5)).isEqualTo(106);
        assertThat(s.timeMicros(4)).isEqualTo(1_704_067_260_001_250L);
        assertThat(s.price(4)).isEqualTo(42001.5);
        assertThat(s.priceUnits(5)).isEqualTo(4_200_200L);
        assertThat(s.gaps()).hasSize(1);
        assertThat(l.report().summary()).isEqualTo("2 files, 7 trades, 1 identical duplicate trades dropped, 1 gap in ids (1 missing ids)");
    }

    @Test
    void aZipIsReadAndItsChecksumVerified() throws Exception {
        byte[] z = zip("BTCUSDT-aggTrades-2024-01.csv", SPOT_HEADER + SPOT_2024);
        Path f = dir.resolve("BTCUSDT-aggTrades-2024-01.zip");
        Files.write(f, z);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(z));
        Files.writeString(dir.resolve("BTCUSDT-aggTrades-2024-01.zip.CHECKSUM"), sha + "  BTCUSDT-aggTrades-2024-01.zip\n");
        assertThat(TradeLoader.load(f.toString(), null).series().size()).isEqualTo(4);

        Files.writeString(dir.resolve("BTCUSDT-aggTrades-2024-01.zip.CHECKSUM"), "0".repeat(64) + "  BTCUSDT-aggTrades-2024-01.zip\n");
        assertThatThrownBy(() -> TradeLoader.load(f.toString(), null)).isInstanceOf(KlineFormatException.class)
                .hasMessageContaining("BTCUSDT-aggTrades-2024-01.zip: SHA-256 " + sha + " does not match");
    }

    @Test
    void aFileWithoutTheSymbolInItsNameNeedsSymbol() throws Exception {
        Path f = write("export.csv", SPOT_2024);
        assertThatThrownBy(() -> TradeLoader.load(f.toString(), null)).hasMessageContaining("does not say the symbol");
        assertThat(TradeLoader.load(f.toString(), "ETHUSDT").series().symbol()).isEqualTo("ETHUSDT");
        assertThat(TradeLoader.isAggTrades(f)).isTrue();
    }

    record Bad(String content, String message) {
    }

    @Test
    void badInputNamesFileLineAndColumnAndWhatIsValid() throws Exception {
        List<Bad> bad = List.of(
                new Bad("1,42000.01,0.5,1,1,1704067200000,true,true\n1,42000.02,0.5,2,2,1704067200001,true,true\n",
                        "X-aggTrades-2024-01.csv: line 2: column 1 (agg_trade_id): 1 repeats the line before; ids must increase line by line"),
                new Bad("5,42000.01,0.5,1,1,1704067200000,true,true\n4,42000.02,0.5,2,2,1704067200001,true,true\n",
                        "line 2: column 1 (agg_trade_id): 4 is below 5 of the line before"),
                new Bad("1,0,0.5,1,1,1704067200000,true,true\n",
                        "line 1: column 2 (price): '0' is not positive; a price is a decimal above 0, like 42000.01"),
                new Bad("1,-3,0.5,1,1,1704067200000,true,true\n",
                        "line 1: column 2 (price): not a positive decimal: '-3'; write it like 42000.01"),
                new Bad("1,42000.01,abc,1,1,1704067200000,true,true\n",
                        "line 1: column 3 (quantity): not a positive decimal: 'abc'; write it like 0.00125"),
                new Bad("1,42000.000000001,0.5,1,1,1704067200000,true,true\n",
                        "line 1: column 2 (price): '42000.000000001' has more than 8 decimals"),
                new Bad("1,123456789012345678,0.5,1,1,1704067200000,true,true\n",
                        "line 1: column 2 (price): '123456789012345678' is too large (at most 90000000000)"),
                new Bad("1,42000.01,0.5,3,2,1704067200000,true,true\n",
                        "line 1: column 5 (last_trade_id): 2 is below first_trade_id 3"),
                new Bad("1,42000.01,0.5,1,1,2024-01-01,true,true\n",
                        "line 1: column 6 (transact_time): not a whole number: '2024-01-01'; a time is epoch ms (or us from 2025)"),
                new Bad("1,42000.01,0.5,1,1,1704067200000,yes,true\n",
                        "line 1: column 7 (is_buyer_maker): 'yes' is not true or false"),
                new Bad("1,42000.01,0.5,1,1,1704067200000,true,true\n2,42000.01,0.5,2,2,1704067200000000,true,true\n",
                        "line 2: column 6 (transact_time): 1704067200000000 mixes microseconds and milliseconds in one file"),
                new Bad("1,42000.01,0.5,1,1,1704067200000\n",
                        "line 1: expected 8 comma-separated columns (spot: agg_trade_id,price,quantity,first_trade_id,last_trade_id,"
                                + "transact_time,is_buyer_maker,is_best_match) or 7 (USD-M futures, without is_best_match), found 6"),
                new Bad("1,42000.01,0.5,1,1,1704067200000,true,true\n2,42000.01,0.5,2,2,1704067200001,true\n",
                        "line 2: 7 columns, but the lines before have 8"),
                new Bad("price,qty\n1,2\n", "line 1: not a Binance aggTrades dump (starts with 'price,qty')"),
                new Bad(SPOT_HEADER, "no trades in it (only a header or blank lines)"),
                new Bad("1,42000.01,0.5,1,1,1704067200000,true,true\n2,42000.02,0.5,2,2,1704067199999,true,true\n",
                        "X-aggTrades-2024-01.csv: line 2: column transact_time: 1704067199999 ms is before 1704067200000 ms of trade 1"
                                + " (X-aggTrades-2024-01.csv: line 1); times must not go back as ids increase"));
        for (Bad b : bad) {
            Path f = write("X-aggTrades-2024-01.csv", b.content());
            assertThatThrownBy(() -> TradeLoader.load(f.toString(), null)).as(b.content()).isInstanceOf(KlineFormatException.class)
                    .hasMessageContaining(b.message());
        }
    }

    @Test
    void oneIdWithTwoDifferentTradesInTwoFilesIsRefused() throws Exception {
        write("d/BTCUSDT-aggTrades-2024-01.csv", SPOT_2024);
        write("d/BTCUSDT-aggTrades-2024-01-01.csv", "104,42001.10000000,2.00000000,208,208,1704067260001,true,true\n");
        assertThatThrownBy(() -> TradeLoader.load(dir.resolve("d").toString(), null))
                .hasMessageContaining("BTCUSDT-aggTrades-2024-01.csv: line 4: agg_trade_id 104 appears twice with different values "
                        + "(BTCUSDT-aggTrades-2024-01-01.csv: line 1)");
    }
}
