package io.ratchet.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ratchet.data.kline.Gap;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KlineLoaderTest {
    static final Path SAMPLES = Path.of("..", "sample-data");
    static final Path RESOURCES = Path.of("src", "test", "resources", "klines");

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private static String row(long t, String o, String h, String l, String c) {
        return t + "," + o + "," + h + "," + l + "," + c + ",1.5," + (t + 59_999) + ",0.0,0,0.0,0.0,0\n";
    }

    @Test
    void readsTheShippedMonthOfOneMinuteBarsStraightFromTheZip() {
        KlineLoader.Loaded l = KlineLoader.load(SAMPLES.resolve("BTCUSDT-1m-2021-04-20_2021-05-20.zip").toString(), null, null);
        KlineSeries s = l.series();
        assertThat(s.symbol()).isEqualTo("BTCUSDT");
        assertThat(s.interval()).isEqualTo(Interval.M1);
        assertThat(s.size()).isEqualTo(42_915);
        assertThat(s.firstOpenTime()).isEqualTo(1_618_951_320_000L);
        assertThat(s.open(0)).isEqualTo(56738.76);
        assertThat(s.high(0)).isEqualTo(56840.3);
        // The README's known hole: 284 bars after 2021-04-25 04:00 UTC.
        assertThat(l.report().gaps()).containsExactly(new Gap(1_619_323_200_000L, 1_619_340_300_000L, 284));
        assertThat(l.report().hasErrors()).isFalse();
    }

    @Test
    void aFolderOfMonthlyFilesIsOneSortedSeries() {
        KlineLoader.Loaded l = KlineLoader.load(SAMPLES.resolve("BTCUSDT-1h").toString(), null, null);
        KlineSeries s = l.series();
        assertThat(s.interval()).isEqualTo(Interval.H1);
        assertThat(l.report().files()).isEqualTo(12);
        assertThat(s.firstOpenTime()).isEqualTo(1_609_459_200_000L); // 2021-01-01
        for (int i = 1; i < s.size(); i++) {
            assertThat(s.openTime(i)).isGreaterThan(s.openTime(i - 1));
        }
        long missing = l.report().missingBars();
        assertThat(s.size() + missing).isEqualTo(365 * 24);
    }

    @Test
    void anOfficialZipIsVerifiedAgainstItsChecksum() throws Exception {
        Path zip = dir.resolve("ETHUSDT-1m-2022-08-14.zip");
        Files.copy(SAMPLES.resolve("ETHUSDT-1m-2022-08-14.zip"), zip);
        Files.copy(SAMPLES.resolve("ETHUSDT-1m-2022-08-14.zip.CHECKSUM"), dir.resolve("ETHUSDT-1m-2022-08-14.zip.CHECKSUM"));
        assertThat(KlineLoader.load(zip.toString(), null, null).series().size()).isEqualTo(1440);
        Files.writeString(dir.resolve("ETHUSDT-1m-2022-08-14.zip.CHECKSUM"),
                "0000000000000000000000000000000000000000000000000000000000000000  ETHUSDT-1m-2022-08-14.zip\n");
        assertThatThrownBy(() -> KlineLoader.load(zip.toString(), null, null))
                .isInstanceOf(KlineFormatException.class)
                .hasMessageContaining("ETHUSDT-1m-2022-08-14.zip").hasMessageContaining("does not match");
    }

    @Test
    void symbolsWithUnderscoresAndHeadersAndMicroseconds() throws Exception {
        KlineSeries perp = KlineLoader.load(RESOURCES.resolve("BTCUSD_PERP-1m-2022-10-24.zip").toString(), null, null).series();
        assertThat(perp.symbol()).isEqualTo("BTCUSD_PERP");
        assertThat(perp.size()).isEqualTo(1440);

        long t = 1_735_689_600_000L; // 2025-01-01
        String header = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n";
        String micros = header + (t * 1000) + ",10.0,11.0,9.5,10.5,3.0," + (t * 1000 + 59_999_999) + ",0,0,0,0,0\n"
                + ((t + 60_000) * 1000) + ",10.5,10.6,10.1,10.2,3.0," + ((t + 60_000) * 1000 + 59_999_999) + ",0,0,0,0,0\n";
        KlineSeries s = KlineLoader.load(write("SOLUSDT-1m-2025-01-01.csv", micros).toString(), null, null).series();
        assertThat(s.openTime(0)).isEqualTo(t);
        assertThat(s.openTime(1)).isEqualTo(t + 60_000);
        assertThat(s.close(1)).isEqualTo(10.2);
    }

    @Test
    void freqtradeJsonCandlesAreRead() throws Exception {
        long t = 1_704_067_200_000L;
        Path f = write("BTC_USDT-5m.json", "[[" + t + ",42000.5,42100,41900,42050.25,12.5],\n[" + (t + 300_000) + ",42050.25,42060,42000,42010,3]]");
        KlineSeries s = KlineLoader.load(f.toString(), null, null).series();
        assertThat(s.symbol()).isEqualTo("BTCUSDT");
        assertThat(s.interval()).isEqualTo(Interval.M5);
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.close(0)).isEqualTo(42050.25);
        Path bad = write("ETH_USDT-5m.json", "[[" + t + ",1,2,0.5,1.5,\"x\"]]");
        assertThatThrownBy(() -> KlineLoader.load(bad.toString(), null, null))
                .hasMessageContaining("ETH_USDT-5m.json").hasMessageContaining("line 1").hasMessageContaining("volume");
    }

    @Test
    void otherLayoutsAreRefusedNamingTheFileAndWhatIsRead() {
        Path messy = RESOURCES.resolve("Binance_BTCUSDT_1h.tail200.csv");
        assertThatThrownBy(() -> KlineLoader.load(messy.toString(), "BTCUSDT", Interval.H1))
                .isInstanceOf(KlineFormatException.class)
                .hasMessageContaining("Binance_BTCUSDT_1h.tail200.csv")
                .hasMessageContaining("line 1")
                .hasMessageContaining("Binance kline dumps")
                .hasMessageContaining("freqtrade");
    }

    @Test
    void aMalformedLineNamesFileLineAndColumn() throws Exception {
        long t = 1_704_067_200_000L;
        Path f = write("BTCUSDT-1m-2024-01.csv", row(t, "1", "2", "0.5", "1.5") + row(t + 60_000, "1", "2x", "0.5", "1.5"));
        assertThatThrownBy(() -> KlineLoader.load(f.toString(), null, null))
                .hasMessageContaining("BTCUSDT-1m-2024-01.csv: line 2: column 3 (high): not a number: '2x'");
        Path g = write("BTCUSDT-1m-2024-02.csv", row(t, "1", "2", "0.5", "1.5") + "1704067260000,1,2,0.5\n");
        assertThatThrownBy(() -> KlineLoader.load(g.toString(), null, null))
                .hasMessageContaining("line 2: expected 12 comma-separated columns").hasMessageContaining("found 4");
    }

    @Test
    void eachValidationRuleIsReportedInOneSummary() throws Exception {
        long t = 1_704_067_200_000L;
        Path f = write("BTCUSDT-1m-2024-01.csv",
                row(t, "10", "11", "9", "10.5")
                        + row(t + 60_000, "10", "10.2", "9", "10.5")      // high below close
                        + row(t + 120_000, "10", "11", "10.1", "10.5")    // low above open
                        + row(t + 180_000, "0", "11", "0", "10.5")        // non-positive
                        + row(t + 240_001, "10", "11", "9", "10.5")       // off the grid
                        + row(t + 600_000, "10", "11", "9", "10.5"));     // a gap before it
        assertThatThrownBy(() -> KlineLoader.load(f.toString(), null, null))
                .isInstanceOfSatisfying(KlineDataException.class, e -> {
                    ValidationReport r = e.report();
                    assertThat(r.errorCount()).isEqualTo(4);
                    assertThat(r.errors().get(0)).contains("line 2").contains("column high");
                    assertThat(r.errors().get(1)).contains("line 3").contains("column low");
                    assertThat(r.errors().get(2)).contains("line 4").contains("non-positive");
                    assertThat(r.errors().get(3)).contains("line 5").contains("not on the 1m grid");
                    assertThat(r.gaps()).hasSize(2);
                    assertThat(e.getMessage()).contains("4 errors");
                });
    }

    @Test
    void duplicatesAcrossFilesAreDroppedWhenIdenticalAndAnErrorWhenNot() throws Exception {
        long t = 1_704_067_200_000L;
        Path sub = Files.createDirectories(dir.resolve("dup"));
        Files.writeString(sub.resolve("BTCUSDT-1m-2024-01-01.csv"), row(t, "10", "11", "9", "10.5") + row(t + 60_000, "10", "11", "9", "10.5"));
        Files.writeString(sub.resolve("BTCUSDT-1m-2024-01-02.csv"), row(t + 60_000, "10", "11", "9", "10.5") + row(t + 120_000, "10", "11", "9", "10.5"));
        KlineLoader.Loaded l = KlineLoader.load(sub.toString(), null, null);
        assertThat(l.series().size()).isEqualTo(3);
        assertThat(l.report().duplicatesDropped()).isEqualTo(1);

        Files.writeString(sub.resolve("BTCUSDT-1m-2024-01-03.csv"), row(t + 120_000, "10", "12", "9", "10.5"));
        assertThatThrownBy(() -> KlineLoader.load(sub.toString(), null, null))
                .isInstanceOf(KlineDataException.class)
                .hasMessageContaining("appears twice with different values")
                .hasMessageContaining("BTCUSDT-1m-2024-01-03.csv: line 1");
    }

    @Test
    void unsortedFilesAreSortedAndAGlobPicksFiles() throws Exception {
        long t = 1_704_067_200_000L;
        Path sub = Files.createDirectories(dir.resolve("glob"));
        Files.writeString(sub.resolve("BTCUSDT-1m-b.csv"), row(t + 120_000, "10", "11", "9", "10.5") + row(t, "10", "11", "9", "10.5"));
        Files.writeString(sub.resolve("BTCUSDT-1m-a.csv"), row(t + 60_000, "10", "11", "9", "10.5"));
        Files.writeString(sub.resolve("ETHUSDT-1m-a.csv"), row(t + 60_000, "10", "11", "9", "10.5"));
        KlineSeries s = KlineLoader.load(sub.resolve("BTCUSDT-1m-*.csv").toString(), null, null).series();
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.openTime(0)).isEqualTo(t);
        assertThat(s.openTime(2)).isEqualTo(t + 120_000);
        assertThatThrownBy(() -> KlineLoader.load(sub.toString(), null, null)).hasMessageContaining("one series is one symbol");
    }

    @Test
    void aNameThatDoesNotSayTheSymbolNeedsTheOption() throws Exception {
        long t = 1_704_067_200_000L;
        Path f = write("export.csv", row(t, "10", "11", "9", "10.5"));
        assertThatThrownBy(() -> KlineLoader.load(f.toString(), null, null)).hasMessageContaining("--symbol");
        KlineSeries s = KlineLoader.load(f.toString(), "XRPUSDT", null).series();
        assertThat(s.symbol()).isEqualTo("XRPUSDT");
        assertThat(s.interval()).isEqualTo(Interval.M1); // from close_time - open_time + 1
    }

    @Test
    void aZipWithTwoFilesIsRefused() throws Exception {
        Path zip = dir.resolve("BTCUSDT-1m-2024-01.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String n : new String[] {"a.csv", "b.csv"}) {
                z.putNextEntry(new ZipEntry(n));
                z.write(row(1_704_067_200_000L, "1", "2", "0.5", "1.5").getBytes(StandardCharsets.US_ASCII));
                z.closeEntry();
            }
        }
        assertThatThrownBy(() -> KlineLoader.load(zip.toString(), null, null)).hasMessageContaining("more than one file");
    }
}
