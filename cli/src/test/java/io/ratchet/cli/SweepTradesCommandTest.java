package io.ratchet.cli;

import io.ratchet.data.config.JsonTrees;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sweep and forecast --data with --intrabar trades, on an aggTrades dump made here in the
 * official spot layout (8 columns, no header, 8 decimals, ms) and the 1m klines Binance would
 * build from the same trades: every configuration the sweep scored is the tick-exact backtest of
 * it, figure for figure, and the forecast's odds are those of the backtest's trades.
 */
class SweepTradesCommandTest {
    static final long T0 = 1_704_067_200_000L; // 2024-01-01 00:00 UTC
    static final int MINUTES = 360;

    @TempDir
    static Path dir;
    static Path klines;
    static Path dump;
    static Path entries;
    static int inDump;
    static int barsWithout;

    /**
     * Six hours of trades near 100 (ticks of 0.01, up to 5 a trade, several in one ms at times).
     * Some minutes have no trade (the kline is flat at the close before, as Binance prints it);
     * in some others the trades are in the klines but not in the dump (a hole in the dump): those
     * bars are walked as bars, with their real range.
     */
    @BeforeAll
    static void fixture() throws Exception {
        SplittableRandom rnd = new SplittableRandom(15);
        StringBuilder k = new StringBuilder();
        StringBuilder t = new StringBuilder();
        long cents = 10_000;
        long id = 1_000_000;
        long close = cents;
        for (int m = 0; m < MINUTES; m++) {
            long open = T0 + m * 60_000L;
            int count = m % 17 == 5 ? 0 : 1 + rnd.nextInt(60);
            boolean hole = m % 23 == 11;
            long o = 0;
            long h = Long.MIN_VALUE;
            long l = Long.MAX_VALUE;
            long offset = rnd.nextInt(500);
            for (int n = 0; n < count; n++) {
                cents = Math.max(100, cents + rnd.nextInt(-5, 6));
                o = n == 0 ? cents : o;
                h = Math.max(h, cents);
                l = Math.min(l, cents);
                close = cents;
                id++;
                if (!hole) {
                    t.append(id).append(',').append(price(cents)).append("000000,0.01000000,").append(id).append(',').append(id).append(',')
                            .append(open + offset).append(',').append(rnd.nextBoolean() ? "True" : "False").append(",True\n");
                    inDump++;
                }
                offset = Math.min(59_999, offset + (rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(2_000)));
            }
            barsWithout += count == 0 || hole ? 1 : 0;
            if (count == 0) {
                o = h = l = close;
            }
            k.append(open).append(',').append(price(o)).append(',').append(price(h)).append(',').append(price(l)).append(',').append(price(close))
                    .append(",").append(count).append(".0,").append(open + 59_999).append(",0,").append(count).append(",0,0,0\n");
        }
        klines = Klines.write(dir.resolve("BTCUSDT-1m-2024-01.csv"), k.toString());
        dump = Klines.write(dir.resolve("BTCUSDT-aggTrades-2024-01.csv"), t.toString());
        StringBuilder e = new StringBuilder("time,direction\n");
        for (int m = 1; m < MINUTES - 1; m++) {
            // every 9th minute, long and short in turn; and the first minutes without trades in the dump
            if (m % 9 == 1 || m == 5 || m == 11 || m == 22) {
                e.append(T0 + m * 60_000L).append(',').append(m % 2 == 0 ? "long" : "short").append('\n');
            }
        }
        entries = Klines.write(dir.resolve("entries.csv"), e.toString());
    }

    static String price(long cents) {
        return cents / 100 + "." + String.format("%02d", cents % 100);
    }

    @Test
    void everyConfigurationTheSweepScoredIsTheTickExactBacktestOfIt() throws Exception {
        Path json = dir.resolve("sweep.json");
        Path best = dir.resolve("best.json");
        Path equity = dir.resolve("sweep-equity.csv");
        Path report = dir.resolve("report");
        CliRun s = CliRun.of("sweep", "--data", klines.toString(), "--entries", entries.toString(), "--intrabar", "trades",
                "--detail-data", dump.toString(), "--trail", "profit-lock=0.3,0.6,0.9", "--trail", "percent=0.001,0.002,0.004",
                "--activation", "0,0.001", "--initial-stop", "none,0.003", "--max-bars", "40", "--fee", "0.0005", "--rank-by", "totalReturn",
                "--json", json.toString(), "--export-best", best.toString(), "--export-anyway", "--equity", equity.toString(),
                "--report", report.toString(), "--store", dir.resolve("store").toString());
        assertThat(s.exit()).as(s.out() + s.err()).isZero();
        assertThat(s.out()).contains("grid:     24 configurations, intrabar trades")
                .contains("trades:   " + inDump + " of " + inDump + " trades lie in the bars; " + barsWithout + " of " + MINUTES
                        + " bars have none and are walked with ohlc")
                .doesNotContain("rests on the order of prices inside a bar");
        JsonNode root = JsonTrees.reader().readTree(json.toFile());
        assertThat(root.get("intrabar").asText()).isEqualTo("trades");
        assertThat(root.get("inputs").get("intrabar").asText()).isEqualTo("trades");
        assertThat(root.get("inputs").get("detailData").asText()).isEqualTo(dump.toAbsolutePath().toString());
        assertThat(Files.readString(report.resolve("index.html"))).contains("trades (each bar replaced by its trades");

        JsonNode results = root.get("results");
        assertThat(results).hasSize(24);
        int stops = 0;
        for (int c = 0; c < results.size(); c++) {
            Path config = dir.resolve("config-" + c + ".json");
            Files.writeString(config, Json.pretty(results.get(c).get("config")));
            Path bt = dir.resolve("backtest-" + c + ".json");
            CliRun b = CliRun.of("backtest", "--data", klines.toString(), "--entries", entries.toString(), "--config", config.toString(),
                    "--intrabar", "trades", "--detail-data", dump.toString(), "--json", bt.toString());
            assertThat(b.exit()).as(b.err()).isZero();
            JsonNode r = JsonTrees.reader().readTree(bt.toFile());
            assertThat(r.get("summary")).as("configuration " + results.get(c).get("config")).isEqualTo(results.get(c).get("summary"));
            for (JsonNode trade : r.get("trades")) {
                stops += trade.get("exitReason").asText().equals("STOP") && trade.get("exitTime").asLong() % 60_000 != 0 ? 1 : 0;
            }
        }
        assertThat(stops).as("exits on a trade, at its time").isGreaterThan(50);

        // The pick, as exported: the backtest's account over the whole range is the sweep's, bar close by bar close.
        Path btEquity = dir.resolve("backtest-equity.csv");
        Path btTrades = dir.resolve("backtest-trades.csv");
        CliRun pick = CliRun.of("backtest", "--data", klines.toString(), "--entries", entries.toString(), "--config", best.toString(),
                "--intrabar", "trades", "--detail-data", dump.toString(), "--equity", btEquity.toString(), "--trades", btTrades.toString());
        assertThat(pick.exit()).as(pick.err()).isZero();
        assertThat(Files.readString(btEquity)).isEqualTo(Files.readString(equity));
        assertThat(Files.readAllLines(btTrades)).hasSize(results.get(0).get("summary").get("trades").asInt() + 1);

        // The report of the saved sweep, made again from its JSON, walks the trades again.
        Path again = dir.resolve("report-again");
        CliRun rep = CliRun.of("report", json.toString(), "--out", again.toString());
        assertThat(rep.exit()).as(rep.err()).isZero();
        assertThat(Files.readString(again.resolve("index.html"))).contains("trades (each bar replaced by its trades");
    }

    @Test
    void theForecastsOddsOnTradesAreThoseOfTheBacktestsTrades() throws Exception {
        for (String dirn : List.of("long", "short")) {
            String target = dirn.equals("long") ? "101" : "99";
            CliRun f = CliRun.of("forecast", "--entry", "100", "--target", target, "--steps", "4", "--direction", dirn, "--mode", "percent",
                    "--trail", "0.004", "--initial-stop", "0.003", "--data", klines.toString(), "--intrabar", "trades", "--detail-data", dump.toString(),
                    "--format", "json");
            assertThat(f.exit()).as(f.err()).isZero();
            JsonNode odds = JsonTrees.reader().readTree(f.out());
            assertThat(odds.get("intrabar").asText()).isEqualTo("trades");
            assertThat(odds.get("historyEntries").asInt()).isEqualTo(MINUTES - 1);

            Path bt = dir.resolve("every-bar-" + dirn + ".json");
            CliRun b = CliRun.of("backtest", "--data", klines.toString(), "--entry-every", "1", "--direction", dirn, "--mode", "percent",
                    "--trail", "0.004", "--initial-stop", "0.003", "--intrabar", "trades", "--detail-data", dump.toString(), "--json", bt.toString());
            assertThat(b.exit()).as(b.err()).isZero();
            List<JsonNode> trades = new ArrayList<>();
            JsonTrees.reader().readTree(bt.toFile()).get("trades").forEach(trades::add);
            trades.remove(trades.size() - 1); // the forecast enters at every bar but the last
            int d = dirn.equals("long") ? 1 : -1;
            boolean somewhere = false;
            for (JsonNode row : odds.get("rows")) {
                double move = d * (row.get("price").asDouble() - 100) / 100;
                long reached = trades.stream().filter(t -> {
                    double e = t.get("entryPrice").asDouble();
                    return d * (t.get("peak").asDouble() - e * (1 + d * move)) >= 0;
                }).count();
                assertThat(row.get("reachedShare").asDouble()).as(dirn + " " + row).isEqualTo((double) reached / trades.size());
                somewhere |= reached > 0 && reached < trades.size();
            }
            assertThat(somewhere).as("a level some entries reached and others did not").isTrue();
        }
        CliRun table = CliRun.of("forecast", "--entry", "100", "--target", "101", "--mode", "percent", "--trail", "0.004", "--data", klines.toString(),
                "--intrabar", "trades", "--detail-data", dump.toString());
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("intrabar trades; " + inDump + " of " + inDump + " trades lie in the bars; " + barsWithout + " of "
                + MINUTES + " bars have none and are walked with ohlc");
    }
}
