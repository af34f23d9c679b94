package io.ratchet.cli;

import io.ratchet.data.config.JsonTrees;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backtest --intrabar trades on the hand-made series of TradesWalkTest, from a dump and from the store. */
class BacktestTradesCommandTest {
    static final long T0 = 1_704_067_200_000L; // 2024-01-01 00:00 UTC
    static final String KLINES = row(0, "100", "104", "99", "103") + row(1, "103", "106", "102.5", "105") + row(2, "105", "105", "95", "96")
            + row(3, "96", "97", "95", "96");
    // bar 0: 99, 104 (S = 102), 102.5; bar 1: none (ohlc: H 106, S = 103); bar 2: 105, 103.5, 102.25 (through S: exit at 102.25)
    static final String TRADES = trade(1, "99", T0 + 10) + trade(2, "104", T0 + 20) + trade(3, "102.5", T0 + 30)
            + trade(4, "105", T0 + 120_000) + trade(5, "103.5", T0 + 120_007) + trade(6, "102.25", T0 + 120_009);

    static String row(int i, String o, String h, String l, String c) {
        long t = T0 + i * 60_000L;
        return t + "," + o + "," + h + "," + l + "," + c + ",1," + (t + 59_999) + ",0,0,0,0,0\n";
    }

    static String trade(long id, String price, long time) {
        return id + "," + price + ",0.1," + id + "," + id + "," + time + ",true,true\n";
    }

    @TempDir
    Path dir;

    @Test
    void aTickExactBacktestExitsOnTheTradeThroughTheStopAtItsPriceAndTime() throws Exception {
        Path k = dir.resolve("BTCUSDT-1m-2024-01.csv");
        Files.writeString(k, KLINES);
        Path t = dir.resolve("BTCUSDT-aggTrades-2024-01.csv");
        Files.writeString(t, TRADES);
        Files.writeString(dir.resolve("entries.csv"), "time,direction\n" + T0 + ",long\n");
        Path csv = dir.resolve("out.csv");
        Path json = dir.resolve("out.json");
        CliRun r = CliRun.of("backtest", "--data", k.toString(), "--mode", "profit-lock", "--trail", "0.5", "--fee", "0",
                "--entries", dir.resolve("entries.csv").toString(), "--intrabar", "trades", "--detail-data", t.toString(),
                "--trades", csv.toString(), "--json", json.toString(), "--store", dir.resolve("store").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("intrabar trades").contains("trades:   6 of 6 trades lie in the bars; 2 of 4 bars have none and are walked with ohlc");
        assertThat(Files.readAllLines(csv).get(1)).isEqualTo(T0 + ",long,100,1704067320009,102.25,STOP,0.0225,106,taken");
        assertThat(JsonTrees.reader().readTree(json.toFile()).get("intrabar").asText()).isEqualTo("trades");

        // The same from the store as SYMBOL:trades.
        assertThat(CliRun.of("data", "import", t.toString(), "--store", dir.resolve("store").toString()).exit()).isZero();
        Path csv2 = dir.resolve("out2.csv");
        CliRun s = CliRun.of("backtest", "--data", k.toString(), "--mode", "profit-lock", "--trail", "0.5", "--fee", "0",
                "--entries", dir.resolve("entries.csv").toString(), "--intrabar", "trades", "--detail-data", "BTCUSDT:trades",
                "--trades", csv2.toString(), "--store", dir.resolve("store").toString());
        assertThat(s.exit()).as(s.err()).isZero();
        assertThat(Files.readAllLines(csv2).get(1)).isEqualTo(T0 + ",long,100,1704067320009,102.25,STOP,0.0225,106,taken");

        // Bars alone (adverse-first) exit at S = 103 in bar 2, stamped with its open.
        Path csv3 = dir.resolve("out3.csv");
        CliRun b = CliRun.of("backtest", "--data", k.toString(), "--mode", "profit-lock", "--trail", "0.5", "--fee", "0",
                "--entries", dir.resolve("entries.csv").toString(), "--trades", csv3.toString());
        assertThat(b.exit()).as(b.err()).isZero();
        assertThat(Files.readAllLines(csv3).get(1)).isEqualTo(T0 + ",long,100,1704067320000,103,STOP,0.03,106,taken");
    }

    @Test
    void tradesNeedDetailDataOfTheSameSymbolOnBacktestAndSweepAlike() throws Exception {
        Path k = dir.resolve("BTCUSDT-1m-2024-01.csv");
        Files.writeString(k, KLINES);
        Path eth = dir.resolve("ETHUSDT-aggTrades-2024-01.csv");
        Files.writeString(eth, TRADES);
        CliRun none = CliRun.of("backtest", "--data", k.toString(), "--mode", "percent", "--trail", "0.02", "--intrabar", "trades");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("--intrabar trades needs --detail-data");
        CliRun other = CliRun.of("backtest", "--data", k.toString(), "--mode", "percent", "--trail", "0.02", "--intrabar", "trades",
                "--detail-data", eth.toString());
        assertThat(other.exit()).isEqualTo(2);
        assertThat(other.err()).contains("trades of ETHUSDT, but the bars are BTCUSDT");
        CliRun sweep = CliRun.of("sweep", "--data", k.toString(), "--trail", "percent=0.02,0.05", "--intrabar", "trades",
                "--detail-data", eth.toString());
        assertThat(sweep.exit()).isEqualTo(2);
        assertThat(sweep.err()).contains("trades of ETHUSDT, but the bars are BTCUSDT");
    }

    @Test
    void stopsAreWrittenMoveByMoveAndAnEntryWithAPriceEntersAtItsMillisecond() throws Exception {
        Path k = dir.resolve("BTCUSDT-1m-2024-01.csv");
        Files.writeString(k, KLINES);
        Path t = dir.resolve("BTCUSDT-aggTrades-2024-01.csv");
        Files.writeString(t, TRADES);
        // Two entries: bar 0's open, and a live fill replayed: 103.9 at 20 ms into bar 0 (the trade at 20 ms is its own millisecond's).
        Files.writeString(dir.resolve("entries.csv"), "time,direction,price\n" + T0 + ",long,\n" + (T0 + 20) + ",long,103.9\n");
        Path stops = dir.resolve("stops.csv");
        Path trades = dir.resolve("trades.csv");
        CliRun r = CliRun.of("backtest", "--data", k.toString(), "--mode", "profit-lock", "--trail", "0.5", "--fee", "0", "--entries",
                dir.resolve("entries.csv").toString(), "--intrabar", "trades", "--detail-data", t.toString(), "--stops", stops.toString(), "--trades",
                trades.toString(), "--store", dir.resolve("store").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + stops);
        // Bar entry (TradesWalkTest): E = 100, no stop; 104 at 20 ms: S = 102; bar 1 (ohlc) H 106: S = 103; 102.25 at 120009 ms through S.
        // Exact entry: E = 103.9 at 20 ms, no stop; bar 1's H 106: S = 103.9 + 0.5 (106 - 103.9); 103.5 at 120007 ms through S.
        String s2 = io.ratchet.backtest.StopTrace.number(103.9 + 0.5 * (106 - 103.9));
        long e = T0 + 20;
        assertThat(Files.readAllLines(stops)).containsExactly("entry_time,direction,event,time,price,stop,extreme,trigger",
                T0 + ",long,entry," + T0 + ",100,,100,",
                T0 + ",long,moved," + (T0 + 20) + ",104,102,104,",
                T0 + ",long,moved," + (T0 + 60_000) + ",106,103,106,",
                T0 + ",long,hit," + (T0 + 120_009) + ",102.25,103,106,102.25",
                e + ",long,entry," + e + ",103.9,,103.9,",
                e + ",long,moved," + (T0 + 60_000) + ",106," + s2 + ",106,",
                e + ",long,hit," + (T0 + 120_007) + ",103.5," + s2 + ",106,103.5");
        assertThat(Files.readAllLines(trades).get(2)).startsWith(e + ",long,103.9," + (T0 + 120_007) + ",103.5,STOP,");

        // Without the trades an entry inside a bar cannot be walked, and only backtest takes one.
        CliRun bars = CliRun.of("backtest", "--data", k.toString(), "--mode", "profit-lock", "--trail", "0.5", "--entries",
                dir.resolve("entries.csv").toString());
        assertThat(bars.exit()).isEqualTo(2);
        assertThat(bars.err()).contains("rows with a price enter at that price and time").contains("--intrabar trades");
        CliRun sweep = CliRun.of("sweep", "--data", k.toString(), "--trail", "percent=0.02,0.05", "--entries", dir.resolve("entries.csv").toString());
        assertThat(sweep.exit()).isEqualTo(2);
        assertThat(sweep.err()).contains("only backtest --intrabar trades");
    }
}
