package io.ratchet.cli;

import io.ratchet.data.config.JsonTrees;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.ratchet.data.config.TrailingConfigJson;
import io.ratchet.engine.Returns;
import io.ratchet.engine.TrailingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestSweepCommandTest {
    static final String H1 = Path.of("..", "sample-data", "BTCUSDT-1h").toString();

    @TempDir
    Path dir;

    @Test
    void backtestJsonFollowsTheContract() throws Exception {
        Path json = dir.resolve("out.json");
        Path trades = dir.resolve("trades.csv");
        CliRun r = CliRun.of("backtest", "--data", H1, "--mode", "profit-lock", "--trail", "0.5", "--initial-stop", "0.03",
                "--entry-every", "24", "--fee", "0.001", "--json", json.toString(), "--trades", trades.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("trades 365").contains("worst trades");
        JsonNode root = JsonTrees.reader().readTree(json.toFile());
        assertThat(root.get("config").get("trail").asDouble()).isEqualTo(0.5);
        JsonNode s = root.get("summary");
        assertThat(s.get("trades").asInt()).isEqualTo(365);
        JsonNode t0 = root.get("trades").get(0);
        assertThat(t0.get("entryTime").asLong()).isEqualTo(1_609_459_200_000L);
        assertThat(t0.fieldNames()).toIterable().containsExactly("entryTime", "direction", "entryPrice", "exitTime", "exitPrice",
                "exitReason", "netReturn", "peak", "taken");
        double sum = 0;
        int wins = 0;
        for (JsonNode t : root.get("trades")) {
            double e = t.get("entryPrice").asDouble();
            double x = t.get("exitPrice").asDouble();
            double expected = Returns.net(1, e, x, 0.001);
            assertThat(t.get("netReturn").asDouble()).isCloseTo(expected, within(1e-15));
            sum += expected;
            wins += expected > 0 ? 1 : 0;
        }
        assertThat(s.get("totalReturn").asDouble()).isCloseTo(sum, within(1e-9));
        assertThat(s.get("winRate").asDouble()).isEqualTo((double) wins / 365);
        assertThat(Files.readAllLines(trades)).hasSize(366);
    }

    @Test
    void sweepWritesTableJsonAndTheBestConfigurationALiveRunLoads() throws Exception {
        Path csv = dir.resolve("results.csv");
        Path best = dir.resolve("best.json");
        Path json = dir.resolve("sweep.json");
        CliRun r = CliRun.of("sweep", "--data", H1, "--trail", "profit-lock=0.2:0.8:0.2", "--trail", "percent=0.02,0.05",
                "--activation", "0,0.02", "--initial-stop", "none,0.03", "--entry-every", "48", "--split", "0.7",
                "--out", csv.toString(), "--export-best", best.toString(), "--export-anyway", "--json", json.toString(), "--threads", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        // Ranked by the account's Sharpe, this grid's pick (profit-lock 0.8) holds out of sample: written without being forced.
        JsonNode exported = JsonTrees.reader().readTree(best.toFile());
        assertThat(exported.get("verdict").get("outcome").asText()).isEqualTo("holds");
        assertThat(exported.get("verdict").get("exportedAnyway").asBoolean()).isFalse();
        assertThat(r.out()).contains("24 configurations").contains("verdict:").contains("out of sample:");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(25);
        assertThat(lines.get(0)).startsWith("mode,trail,activation,initialStop,is_trades,is_winRate,is_meanReturn,is_totalReturn,is_profitFactor,is_maxDrawdown,oos_trades");
        TrailingConfig picked = TrailingConfigJson.read(best);
        String[] top = lines.get(1).split(",");
        assertThat(picked.mode().id()).isEqualTo(top[0]);
        assertThat(picked.trail()).isEqualTo(Double.parseDouble(top[1]));
        JsonNode sweep = JsonTrees.reader().readTree(json.toFile());
        assertThat(sweep.get("results").size()).isEqualTo(24);
        // Ranked by the account's Sharpe ratio by default.
        assertThat(sweep.get("rankBy").asText()).isEqualTo("sharpe");
        assertThat(sweep.get("results").get(0).get("inSample").get("account").get("sharpe").asDouble())
                .isGreaterThanOrEqualTo(sweep.get("results").get(1).get("inSample").get("account").get("sharpe").asDouble());
        assertThat(lines.get(0)).contains("is_sharpe,is_returnPct,is_maxDrawdownPct");
        JsonNode rb = sweep.get("robustness");
        assertThat(rb.get("pbo").asDouble()).isBetween(0.0, 1.0);
        assertThat(rb.get("dsrProbability").asDouble()).isBetween(0.0, 1.0);
        assertThat(rb.get("trials").asInt()).isEqualTo(24);
        assertThat(rb.has("edgeOfGrid")).isTrue();
        assertThat(r.out()).contains("account:  capital 10000, stake 10% of equity, max open 10").contains("neighbourhood:")
                .contains("Probability of backtest overfitting").contains("Deflated Sharpe");
    }

    @Test
    void backtestPrintsTheAccountMarksTradesAndWritesTheEquity() throws Exception {
        Path trades = dir.resolve("t.csv");
        Path equity = dir.resolve("equity.csv");
        Path json = dir.resolve("bt.json");
        CliRun r = CliRun.of("backtest", "--data", H1, "--mode", "percent", "--trail", "0.2", "--entry-every", "24", "--capital", "5000",
                "--stake", "1000", "--max-open", "2", "--trades", trades.toString(), "--equity", equity.toString(), "--json", json.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("account:  capital 5000, stake 1000 per entry, max open 2").contains("found max-open positions")
                .contains("valued at the last close").doesNotContain("max drawdown 1").contains("per trade (unit stake each, summed)");
        List<String> t = Files.readAllLines(trades);
        assertThat(t.get(0)).endsWith(",account");
        assertThat(t.stream().skip(1).filter(l -> l.endsWith(",skipped")).count()).isPositive();
        List<String> e = Files.readAllLines(equity);
        assertThat(e.get(0)).isEqualTo("time,equity");
        assertThat(e).hasSize(8747 + 1);
        JsonNode a = JsonTrees.reader().readTree(json.toFile()).get("summary").get("account");
        assertThat(a.get("capital").asDouble()).isEqualTo(5000);
        assertThat(a.get("maxDrawdownPct").asDouble()).isBetween(0.0, 100.0);
        assertThat(a.get("taken").asInt() + a.get("skipped").asInt()).isEqualTo(365);
        assertThat(a.get("finalEquity").asDouble()).isEqualTo(Double.parseDouble(e.get(e.size() - 1).split(",")[1]));
        CliRun bad = CliRun.of("backtest", "--data", H1, "--mode", "percent", "--trail", "0.2", "--stake", "20000");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--stake").contains("more than the capital");
    }

    @Test
    void badInputsAreUsageErrorsNamingTheProblem() throws Exception {
        CliRun noTrail = CliRun.of("sweep", "--data", H1, "--trail", "percent=0.5:0.1:0.1");
        assertThat(noTrail.exit()).isEqualTo(2);
        assertThat(noTrail.err()).contains("backwards");
        CliRun badPercent = CliRun.of("sweep", "--data", H1, "--trail", "1.0", "--entry-every", "100");
        assertThat(badPercent.exit()).isEqualTo(2);
        assertThat(badPercent.err()).contains("trail").contains("(0, 1)");
        Path entries = dir.resolve("e.csv");
        Files.writeString(entries, "time,direction\n1609459200000,long\n1609459200001,long\n");
        CliRun badEntries = CliRun.of("backtest", "--data", H1, "--mode", "percent", "--trail", "0.02", "--entries", entries.toString());
        assertThat(badEntries.exit()).isEqualTo(2);
        assertThat(badEntries.err()).contains(entries + ": line 3: column time");
        CliRun detail = CliRun.of("backtest", "--data", H1, "--mode", "percent", "--trail", "0.02", "--intrabar", "detail");
        assertThat(detail.exit()).isEqualTo(2);
        assertThat(detail.err()).contains("--detail-data");
    }

    @Test
    void detailModeReportsHowOftenTheLowerTimeframeChangedTheOutcome() {
        String m1 = Path.of("..", "sample-data", "BTCUSDT-1m-2021-04-20_2021-05-20.zip").toString();
        CliRun r = CliRun.of("backtest", "--data", H1, "--from", "2021-04-21", "--to", "2021-05-20", "--mode", "percent", "--trail", "0.01",
                "--entry-every", "6", "--intrabar", "detail", "--detail-data", m1);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("detail: +the lower timeframe changed \\d+ of \\d+ exits");
    }

    @Test
    void detailDataCoveringPartOfTheRangeSaysWhichChangesAreTheLowerTimeframesOwn() {
        // A year of hourly bars, 1m bars for one month of it: 30 of the 365 daily entries are open only over bars with 1m bars.
        String m1 = Path.of("..", "sample-data", "BTCUSDT-1m-2021-04-20_2021-05-20.zip").toString();
        CliRun r = CliRun.of("backtest", "--data", H1, "--mode", "profit-lock", "--trail", "0.9", "--entry-every", "24",
                "--intrabar", "detail", "--detail-data", m1);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("detail:   36 of 365 exits differ from adverse-first")
                .contains("only 30 of the trades had lower-timeframe bars at every bar they were open: the lower timeframe changed 25 of those (83.3%)")
                .contains("The other 335 were walked in the ohlc order where --detail-data has no bars, and 11 of their exits differ")
                .doesNotContain("the lower timeframe changed 36");
    }

    @Test
    void forecastOnHistoryAddsOdds() throws Exception {
        CliRun r = CliRun.of("forecast", "--entry", "100", "--target", "110", "--mode", "profit-lock", "--trail", "0.5", "--initial-stop", "0.03",
                "--steps", "5", "--data", H1, "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode rows = JsonTrees.reader().readTree(r.out()).get("rows");
        assertThat(rows.get(0).get("reachedShare").asDouble()).isEqualTo(1.0);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).get("reachedShare").asDouble()).isLessThanOrEqualTo(rows.get(i - 1).get("reachedShare").asDouble());
        }
    }
}
