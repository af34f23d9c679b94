package io.ratchet.cli;

import io.ratchet.data.config.JsonTrees;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
    static final String SAMPLES = Path.of("..", "sample-data").toString();

    @TempDir
    Path store;

    @Test
    void importThenListAsJson() throws Exception {
        CliRun imp = CliRun.of("data", "import", SAMPLES + "/BTCUSDT-1h", SAMPLES + "/ETHUSDT-1m-2022-08-14.zip", "--store", store.toString());
        assertThat(imp.exit()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("BTCUSDT 1h: 8747 bars").contains("6 gaps (13 missing bars)");
        CliRun list = CliRun.of("data", "list", "--json", "--store", store.toString());
        assertThat(list.exit()).isZero();
        JsonNode arr = JsonTrees.reader().readTree(list.out());
        assertThat(arr.size()).isEqualTo(2);
        JsonNode btc = arr.get(0);
        assertThat(btc.get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(btc.get("interval").asText()).isEqualTo("1h");
        assertThat(btc.get("from").asLong()).isEqualTo(1_609_459_200_000L);
        assertThat(btc.get("to").asLong()).isEqualTo(1_640_991_600_000L);
        assertThat(btc.get("bars").asInt()).isEqualTo(8747);
        assertThat(btc.get("gaps").asInt()).isEqualTo(6);
        // Importing the same files again changes nothing.
        CliRun again = CliRun.of("data", "import", SAMPLES + "/BTCUSDT-1h", "--store", store.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("8747 bars");
    }

    @Test
    void aFileInAnotherLayoutIsRefusedWithExitTwoAndNothingStored() throws Exception {
        Path messy = store.resolve("in/Binance_BTCUSDT_1h.csv");
        Files.createDirectories(messy.getParent());
        Files.writeString(messy, "unix,date,symbol,open,high,low,close,Volume BTC,Volume USDT,tradecount\n1503658800.0,2017-08-25 11-AM,BTC/USDT,4314.33,4361.28,4313,4361.27,24.78,107389.15,NULL\n");
        Path st = store.resolve("st");
        CliRun r = CliRun.of("data", "import", messy.toString(), "--symbol", "BTCUSDT", "--interval", "1h", "--store", st.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(messy.toString()).contains("line 1").contains("Binance kline dumps");
        assertThat(Files.exists(st)).isFalse();
    }

    @Test
    void synthIsSeededAndReadableAsStoredData() {
        CliRun s = CliRun.of("data", "synth", "--symbol", "syn", "--bars", "5000", "--seed", "3", "--store", store.toString());
        assertThat(s.exit()).as(s.err()).isZero();
        CliRun list = CliRun.of("data", "list", "--store", store.toString());
        assertThat(list.out()).contains("SYN").contains("5000");
        CliRun bad = CliRun.of("data", "synth", "--bars", "0", "--store", store.toString());
        assertThat(bad.exit()).isEqualTo(2);
    }
}
