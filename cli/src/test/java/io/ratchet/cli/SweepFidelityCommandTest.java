package io.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sweep --intrabar trades reports the fidelity gap of every configuration: FidelityCommandTest's
 * hand-made 5m bars and trades, three configurations (profit-lock 0.25 and 0.5, percent 0.02), no
 * fee, ranked by total return; each configuration's exits worked out by hand in FidelityGridTest
 * (backtest). Accounts: 10,000, 10% of equity a position, the trades one after the other.
 */
class SweepFidelityCommandTest {
    @TempDir
    Path dir;

    private CliRun sweep(String... more) throws Exception {
        Path k = dir.resolve("BTCUSDT-5m-2024-01.csv");
        Files.writeString(k, FidelityCommandTest.KLINES);
        Path t = dir.resolve("BTCUSDT-aggTrades-2024-01.csv");
        Files.writeString(t, FidelityCommandTest.TRADES);
        long t0 = FidelityCommandTest.T0;
        Files.writeString(dir.resolve("entries.csv"), "time,direction\n" + t0 + ",long\n" + (t0 + 300_000) + ",long\n" + (t0 + 600_000) + ",long\n");
        String[] base = {"sweep", "--data", k.toString(), "--mode", "profit-lock,percent", "--trail", "profit-lock=0.25,0.5", "--trail", "percent=0.02",
            "--fee", "0", "--rank-by", "totalReturn", "--entries", dir.resolve("entries.csv").toString(), "--intrabar", "trades", "--detail-data",
            t.toString(), "--store", dir.resolve("store").toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return CliRun.of(all);
    }

    @Test
    void theTerminalGivesTheGapOfEachRowOfTheTopTable() throws Exception {
        CliRun r = sweep("--top", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out).contains("fidelity: the same 3 configurations walked again with adverse-first on the bars and detail on 1m in ");
        assertThat(out).contains("fidelity: the same rows on the whole range, what bars would have said of the same entries (bars minus trades)");
        // profit-lock 0.5: trades +2.78%; adverse-first +3.81%, entries 1 (another bar) and 3 differ, +1.02 points; the account
        // 10,027.87 on the trades against 10,038.09 on the bars: +0.10 % points. Detail: entry 3 only, +0.5/96 = +0.52 points.
        assertThat(out).contains("   1  profit-lock 0.5                          +2.78% |     +3.81%       2/3         1       +1.02     +0.10 |"
                + "     +3.31%       1/3         0       +0.52     +0.05");
        // percent 0.02: every exit differs on adverse-first (one in another bar): -3.10 points, account 10,010.15 against 9,979.16;
        // detail differs at entry 3 only (97.02 against 97): +0.02 points.
        assertThat(out).contains("   2  percent 0.02                             +1.02% |     -2.08%       3/3         1       -3.10     -0.31 |"
                + "     +1.04%       1/3         0       +0.02     +0.00");
        // The same rows as the top table, in its order: the third configuration is not in either.
        assertThat(out.indexOf("   1  profit-lock 0.5 ")).isLessThan(out.indexOf("   2  percent 0.02 "));
        assertThat(out).doesNotContain("profit-lock 0.25   ");
        assertThat(out.indexOf("fidelity: the same rows")).isGreaterThan(out.indexOf("  ... 1 more (--top N")).isLessThan(out.indexOf("pick:"));
        assertThat(out).contains("differ: exits whose exit bar, reason or fill price is not the same as on the trades");

        // Bars alone: no trades, no gap.
        CliRun bars = CliRun.of("sweep", "--data", dir.resolve("BTCUSDT-5m-2024-01.csv").toString(), "--trail", "profit-lock=0.25,0.5",
                "--entry-every", "1");
        assertThat(bars.exit()).as(bars.err()).isZero();
        assertThat(bars.out()).doesNotContain("fidelity");
    }

    @Test
    void theJsonHasAFidelityArrayInTheOrderOfTheResults() throws Exception {
        Path json = dir.resolve("sweep.json");
        CliRun r = sweep("--json", json.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = io.ratchet.data.config.JsonTrees.reader().readTree(json.toFile());
        assertThat(root.get("fidelityDefinition").asText()).contains("exit bar, its exit reason or its fill price");
        JsonNode f = root.get("fidelity");
        assertThat(f.size()).isEqualTo(3);
        for (int k = 0; k < 3; k++) {
            assertThat(f.get(k).get("config")).isEqualTo(root.get("results").get(k).get("config"));
        }
        // profit-lock 0.25, last on total return (-6.09%): adverse-first differs at entries 1 (another bar) and 3, detail at entry 1.
        JsonNode q = f.get(2);
        assertThat(q.at("/config/trail").asDouble()).isEqualTo(0.25);
        assertThat(q.at("/trades/summary/totalReturn").asDouble()).isCloseTo(-0.01 + 0.125 / 103 - 5 / 96.0, within(1e-12));
        assertThat(q.at("/adverseFirst/differ").asInt()).isEqualTo(2);
        assertThat(q.at("/adverseFirst/inAnotherBar").asInt()).isEqualTo(1);
        assertThat(q.at("/adverseFirst/sameBarOtherwise").asInt()).isEqualTo(1);
        assertThat(q.at("/adverseFirst/totalReturnDelta").asDouble()).isCloseTo(0.02 + 5.75 / 96, within(1e-12));
        assertThat(q.at("/adverseFirst/worst/entry").asInt()).isEqualTo(2);
        assertThat(q.at("/adverseFirst/worst/onTrades/exitPrice").asDouble()).isEqualTo(91.0);
        assertThat(q.at("/adverseFirst/worst/onTrades/exitTime").asLong()).isEqualTo(FidelityCommandTest.T0 + 720_000);
        assertThat(q.at("/adverseFirst/worst/onBars/exitPrice").asDouble()).isEqualTo(96.75);
        assertThat(q.at("/detail/bars").asText()).isEqualTo("1m bars built from the trades");
        assertThat(q.at("/detail/differ").asInt()).isEqualTo(1);
        assertThat(q.at("/detail/inAnotherBar").asInt()).isZero();
        assertThat(q.at("/detail/totalReturnDelta").asDouble()).isCloseTo(0.02, within(1e-12));
        // percent 0.02, second: all three exits differ on adverse-first.
        assertThat(f.get(1).at("/config/mode").asText()).isEqualTo("percent");
        assertThat(f.get(1).at("/adverseFirst/differ").asInt()).isEqualTo(3);
        assertThat(f.get(1).at("/detail/differ").asInt()).isEqualTo(1);
        // The trades walked are checked again by ratchet report.
        assertThat(root.at("/data/trades/inBars").asInt()).isEqualTo(9);
        assertThat(root.at("/data/trades/sha256").asText()).hasSize(64);
    }

    @Test
    void theReportHasEveryConfigurationsGapAndRatchetReportRebuildsIt() throws Exception {
        Path json = dir.resolve("sweep.json");
        CliRun r = sweep("--json", json.toString(), "--report", dir.resolve("direct").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String direct = Files.readString(dir.resolve("direct/index.html"));
        assertThat(direct).contains("<section id=\"sweep-fidelity\">")
                .contains("<tr><td>3</td><td>profit-lock 0.25</td><td>-6.09%</td><td>+1.90%</td><td>2 of 3</td><td>1</td><td>+7.99 points</td>");
        CliRun later = CliRun.of("report", json.toString(), "--out", dir.resolve("later").toString());
        assertThat(later.exit()).as(later.err()).isZero();
        // The same page but for where the data was read from and how the entries file is named (relative then, absolute now).
        String strip = "<dt>(Source|Entries)</dt><dd>[^<]*</dd>";
        assertThat(Files.readString(dir.resolve("later/index.html")).replaceAll(strip, "")).isEqualTo(direct.replaceAll(strip, ""));
    }
}
