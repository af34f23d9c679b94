package io.ratchet.cli;

import io.ratchet.data.config.JsonTrees;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backtest --intrabar trades prints, writes and reports the fidelity gap: the hand-made 5m series
 * of FidelityGapTest (backtest), with its values worked out by hand there; and synthetic trades made
 * by data synth --trades-in, walked from the store.
 */
class FidelityCommandTest {
    static final long T0 = 1_704_067_200_000L; // 2024-01-01 00:00 UTC
    static final String KLINES = row(0, "100", "104", "99", "103") + row(1, "103", "103.5", "95", "96") + row(2, "96", "99", "91", "91");
    static final String TRADES = trade(1, "100.5", 1_000) + trade(2, "104", 2_000) + trade(3, "101.5", 61_000) + trade(4, "99", 62_000)
            + trade(5, "103", 63_000) + trade(6, "96", 601_000) + trade(7, "99", 602_000) + trade(8, "97", 603_000) + trade(9, "91", 720_000);

    static String row(int i, String o, String h, String l, String c) {
        long t = T0 + i * 300_000L;
        return t + "," + o + "," + h + "," + l + "," + c + ",1," + (t + 299_999) + ",0,0,0,0,0\n";
    }

    static String trade(long id, String price, long offset) {
        return id + "," + price + ",0.1," + id + "," + id + "," + (T0 + offset) + ",true,true\n";
    }

    @TempDir
    Path dir;

    private CliRun backtest(String... more) throws Exception {
        Path k = dir.resolve("BTCUSDT-5m-2024-01.csv");
        Files.writeString(k, KLINES);
        Path t = dir.resolve("BTCUSDT-aggTrades-2024-01.csv");
        Files.writeString(t, TRADES);
        Files.writeString(dir.resolve("entries.csv"), "time,direction\n" + T0 + ",long\n" + (T0 + 300_000) + ",long\n" + (T0 + 600_000) + ",long\n");
        String[] base = {"backtest", "--data", k.toString(), "--mode", "profit-lock", "--trail", "0.5", "--fee", "0", "--entries",
            dir.resolve("entries.csv").toString(), "--intrabar", "trades", "--detail-data", t.toString(), "--store", dir.resolve("store").toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return CliRun.of(all);
    }

    @Test
    void theTerminalSaysWhatBarsWouldHaveSaidNextToTheResult() throws Exception {
        CliRun r = backtest();
        assertThat(r.exit()).as(r.err()).isZero();
        // trades: 0.015 + 0.25/103 + 1/96 = +2.78%; adverse-first: 0.02 + 0.25/103 + 1.5/96 = +3.81%; detail: 0.015 + 0.25/103 + 1.5/96 = +3.31%.
        assertThat(r.out()).contains("fidelity: bars would have said adverse-first +3.81% total (2 of 3 exits differ, 1 in another bar), "
                + "detail on 1m +3.31% (1 differ, 0 in another bar); the trades walked: +2.78%.");
        assertThat(r.out()).contains("  adverse-first on the 5m bars: 2 of 3 exits differ (66.7%: 1 in another bar, 1 in the same bar at another price "
                + "or for another reason); bars minus trades: total +1.02 points, mean +0.340% a trade, account ");
        assertThat(r.out()).contains("  detail on 1m bars built from the trades: 1 of 3 exits differ (33.3%: 0 in another bar, 1 in the same bar");
        assertThat(r.out()).contains("  widest gap, adverse-first: entry 3, the long entered 2024-01-01 00:10 at 96.000, exits at 97.000 on the trades "
                + "(STOP 2024-01-01 00:10:03.000, +1.04%) and at 97.500 on the bars (STOP 2024-01-01 00:10, +1.56%): +0.52 points");
        assertThat(r.out()).contains("an exit differs when its exit bar, its reason or its fill price is not the same as on the trades");
        // Next to the result: after the account line, before the trade lists.
        String out = r.out();
        assertThat(out.indexOf("fidelity:")).isGreaterThan(out.indexOf("account: 10,000.00")).isLessThan(out.indexOf("first trades:"));

        // Bars alone say nothing of trades.
        CliRun bars = CliRun.of("backtest", "--data", dir.resolve("BTCUSDT-5m-2024-01.csv").toString(), "--mode", "profit-lock", "--trail", "0.5",
                "--entry-every", "1");
        assertThat(bars.exit()).as(bars.err()).isZero();
        assertThat(bars.out()).doesNotContain("fidelity");
    }

    @Test
    void theJsonCarriesAFidelityObject() throws Exception {
        Path json = dir.resolve("run.json");
        CliRun r = backtest("--json", json.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode f = JsonTrees.reader().readTree(json.toFile()).get("fidelity");
        assertThat(f.get("definition").asText()).contains("exit bar, its exit reason or its fill price");
        assertThat(f.at("/trades/walk").asText()).isEqualTo("trades");
        assertThat(f.at("/trades/summary/totalReturn").asDouble()).isCloseTo(0.015 + 0.25 / 103 + 1 / 96.0, within(1e-12));
        assertThat(f.at("/trades/accountReturnPct").isNumber()).isTrue();
        JsonNode a = f.get("adverseFirst");
        assertThat(a.get("walk").asText()).isEqualTo("adverse-first");
        assertThat(a.get("exits").asInt()).isEqualTo(3);
        assertThat(a.get("differ").asInt()).isEqualTo(2);
        assertThat(a.get("inAnotherBar").asInt()).isEqualTo(1);
        assertThat(a.get("sameBarOtherwise").asInt()).isEqualTo(1);
        assertThat(a.get("totalReturnDelta").asDouble()).isCloseTo(0.005 + 0.5 / 96, within(1e-12));
        assertThat(a.get("accountReturnPctDelta").asDouble()).isPositive();
        assertThat(a.at("/worst/entry").asInt()).isEqualTo(2);
        assertThat(a.at("/worst/entryTime").asLong()).isEqualTo(T0 + 600_000);
        assertThat(a.at("/worst/onTrades/exitPrice").asDouble()).isEqualTo(97.0);
        assertThat(a.at("/worst/onTrades/exitTime").asLong()).isEqualTo(T0 + 603_000);
        assertThat(a.at("/worst/onBars/exitPrice").asDouble()).isEqualTo(97.5);
        assertThat(a.at("/worst/onBars/exitTime").asLong()).isEqualTo(T0 + 600_000);
        JsonNode d = f.get("detail");
        assertThat(d.get("bars").asText()).isEqualTo("1m bars built from the trades");
        assertThat(d.get("differ").asInt()).isEqualTo(1);
        assertThat(d.get("inAnotherBar").asInt()).isZero();
    }

    @Test
    void theReportShowsTheFidelityGap() throws Exception {
        Path rep = dir.resolve("report");
        CliRun r = backtest("--report", rep.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String html = Files.readString(rep.resolve("index.html"));
        assertThat(html).contains("id=\"fidelity\"").contains("Fidelity: trades against bars")
                .contains("Bars would have said: adverse-first +3.81% total (2 of 3 exits differ, 1 in another bar), detail on 1m +3.31% "
                        + "(1 differ, 0 in another bar); the trades walked: +2.78%.")
                .contains("<dd>trades (each bar replaced by its trades") // the intrabar fact
                .contains("fidelity-cumulative.png").contains("fidelity-per-trade.png");
        assertThat(rep.resolve("fidelity-cumulative.png")).isNotEmptyFile();
        assertThat(rep.resolve("fidelity-per-trade.png")).isNotEmptyFile();
    }

    @Test
    void ratchetReportRebuildsATradesBacktestFromItsJsonAndRefusesTradesThatChangedOrWentMissing() throws Exception {
        Path json = dir.resolve("run.json");
        CliRun b = backtest("--json", json.toString(), "--capital", "5000", "--stake", "50%");
        assertThat(b.exit()).as(b.err()).isZero();
        CliRun r = CliRun.of("report", json.toString(), "--out", dir.resolve("rep").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("trades:   9 of 9 trades lie in the bars");
        String html = Files.readString(dir.resolve("rep/index.html"));
        assertThat(html).contains("id=\"fidelity\"")
                .contains("Bars would have said: adverse-first +3.81% total (2 of 3 exits differ, 1 in another bar), detail on 1m +3.31% "
                        + "(1 differ, 0 in another bar); the trades walked: +2.78%.")
                // The account the backtest ran, not the default: 5,000, half of the equity a position, one after the other on the trades:
                // 5,000 + 2,500 * 0.015 = 5,037.50; + 2,518.75 * 0.25 / 103 = 5,043.61; + 2,521.81 / 96 = 5,069.88.
                .contains("capital 5000, stake 50% of equity").contains("5,000.00 to 5,069.88");

        Path trades = dir.resolve("BTCUSDT-aggTrades-2024-01.csv");
        Files.writeString(trades, TRADES.replace("8,97,0.1", "8,97.5,0.1")); // one price edited: the exit of entry 3 on the trades
        CliRun edited = CliRun.of("report", json.toString(), "--out", dir.resolve("edited").toString());
        assertThat(edited.exit()).isEqualTo(2);
        assertThat(edited.err()).contains("run.json: walked on 9 trades in the bars (sha256 ").contains("but " + trades + " now has 9 there")
                .contains("the trades changed since; run the backtest again").doesNotContain("Exception");
        assertThat(dir.resolve("edited")).doesNotExist();

        Files.delete(trades);
        CliRun gone = CliRun.of("report", json.toString(), "--out", dir.resolve("gone").toString());
        assertThat(gone.exit()).isEqualTo(2);
        assertThat(gone.err()).contains("run.json: the data named in its \"inputs\" cannot be read again as it was (" + trades + ": no such file")
                .contains("run the backtest again");
        assertThat(dir.resolve("gone")).doesNotExist();

        Files.writeString(trades, TRADES);
        Path old = dir.resolve("old.json");
        JsonNode root = io.ratchet.data.config.JsonTrees.reader().readTree(json.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("data")).remove("trades"); // as written before the trades were checked
        Files.writeString(old, Json.pretty(root));
        CliRun older = CliRun.of("report", old.toString(), "--out", dir.resolve("older").toString());
        assertThat(older.exit()).isEqualTo(2);
        assertThat(older.err()).contains("old.json: field \"data.trades.sha256\" is missing").contains("run the backtest again with --json");
    }

    @Test
    void syntheticTradesFromTheShippedKlinesWalkFromTheStoreAndSaySoWhereverTheyAppear() throws Exception {
        String store = dir.resolve("store").toString();
        String day = Path.of("..", "sample-data", "ETHUSDT-1m-2022-08-14.zip").toString();
        CliRun s = CliRun.of("data", "synth", "--trades-in", day, "--per-bar", "8", "--seed", "7", "--store", store);
        assertThat(s.exit()).as(s.err()).isZero();
        assertThat(s.out()).contains("SYNETHUSDT:trades: 11520 trades")
                .contains("synthetic: 8 invented prints inside each of the 1440 1m bars of ETHUSDT").contains("not real trades");
        CliRun k = CliRun.of("data", "klines", "--from-trades", "SYNETHUSDT", "--interval", "1h", "--store", store);
        assertThat(k.exit()).as(k.err()).isZero();
        CliRun b = CliRun.of("backtest", "--data", "SYNETHUSDT:1h", "--mode", "percent", "--trail", "0.005", "--entry-every", "2",
                "--intrabar", "trades", "--detail-data", "SYNETHUSDT:trades", "--store", store);
        assertThat(b.exit()).as(b.err()).isZero();
        assertThat(b.out()).contains("data:     SYNETHUSDT 1h, 24 bars").contains("trades:   11520 of 11520 trades lie in the bars")
                .containsPattern("fidelity: bars would have said adverse-first [+-]\\d+\\.\\d\\d% total \\(\\d+ of 12 exits differ");

        CliRun real = CliRun.of("data", "synth", "--trades-in", day, "--symbol", "ETHUSDT", "--store", store);
        assertThat(real.exit()).isEqualTo(2);
        assertThat(real.err()).contains("synthetic trades are stored under a symbol starting with SYN");
        CliRun walk = CliRun.of("data", "synth", "--trades", "1000", "--seed", "2", "--store", store);
        assertThat(walk.exit()).as(walk.err()).isZero();
        assertThat(walk.out()).contains("SYN:trades: 1000 trades").contains("synthetic: a seeded random walk of 1000 trades; not real trades");
        CliRun both = CliRun.of("data", "synth", "--trades-in", day, "--bars", "10", "--store", store);
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("are alternatives");
    }
}
