package io.ratchet.cli;

import io.ratchet.data.config.JsonTrees;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.store.TradeJournal;
import io.ratchet.data.store.TradeStore;
import io.ratchet.data.trades.TradeSeries;
import io.ratchet.live.EventType;
import io.ratchet.live.Position;
import io.ratchet.live.StopEvent;
import io.ratchet.live.store.JdbcPositionStore;
import io.ratchet.sim.SimConfig;
import io.ratchet.sim.SimExchange;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live session, replayed: {@code ratchet live --record} (a real process, on the simulator over
 * loopback, with a real SQLite file) trails a position through its stop moves to a hit; then
 * {@code live status --export}, {@code data klines --from-trades} and {@code backtest --intrabar
 * trades --stops} on what was recorded give the same stop at the same trade, event by event, and
 * the same exit trigger at the same time.
 */
class RecordReplayTest {
    static final String SYMBOL = "BTCUSDT";
    static final long MINUTE = 60_000;
    static final int HISTORY = 60;
    /** A cycle of the market: ten bars up, each with a new high; a bar falling 3%; a flat bar. */
    static final int CYCLE = 12;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * Flat history, then cycles: in bar {@code j < 10} of a cycle from base {@code B} the price opens
     * at {@code B (1 + 0.002 j)}, dips 0.1%, makes a new high 0.3% above the open and closes at the
     * next bar's open; bar 10 falls 3% from where the climb ended (the simulator prints O, H, L, C
     * for a falling bar: the low is a trade far through a 1% trail); bar 11 is flat, and the next
     * cycle starts from there. A 1% percent trail entered in the first two bars of a climb moves at
     * least eight times and is hit by the fall.
     */
    static KlineSeries market() {
        int cycles = 40;
        int n = HISTORY + cycles * CYCLE;
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        long start = 1_700_000_000_000L - 1_700_000_000_000L % MINUTE;
        double base = 30_000;
        for (int i = 0; i < n; i++) {
            t[i] = start + i * MINUTE;
            v[i] = 4;
            if (i < HISTORY) {
                o[i] = h[i] = l[i] = c[i] = base;
                continue;
            }
            int j = (i - HISTORY) % CYCLE;
            if (j < 10) {
                o[i] = round(base * (1 + 0.002 * j));
                l[i] = round(o[i] * 0.999);
                h[i] = round(o[i] * 1.003);
                c[i] = round(base * (1 + 0.002 * (j + 1)));
            } else if (j == 10) {
                o[i] = h[i] = round(base * 1.02);
                l[i] = round(o[i] * 0.97);
                c[i] = round(o[i] * 0.975);
            } else {
                o[i] = h[i] = l[i] = c[i] = c[i - 1];
                base = c[i];
            }
        }
        return new KlineSeries(SYMBOL, Interval.M1, t, o, h, l, c, v);
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }

    @Test
    void aRecordedLivePositionReplaysStopMoveForStopMoveAndExitsAtTheSameTrade() throws Exception {
        KlineSeries market = market();
        Path store = dir.resolve("store");
        Path db = dir.resolve("live.db");
        Path cfg = Files.writeString(dir.resolve("trail.json"), "{\"mode\":\"percent\",\"trail\":0.01,\"initialStop\":null}");
        try (SimExchange sim = new SimExchange(SimConfig.of(market).withSpeed(60).withStart(market.openTime(HISTORY))).start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process live = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.ratchet.cli.Main", "live", "--exchange", "sim",
                    "--base-url", sim.baseUrl(), "--api-port", "0", "--db", "jdbc:sqlite:" + db, "--config", cfg.toString(), "--stale-after", "30",
                    "--record", "--store", store.toString(), "--record-every", "1")
                    .redirectError(dir.resolve("live.log").toFile()).start();
            long id;
            try {
                BufferedReader lines = new BufferedReader(new InputStreamReader(live.getInputStream(), StandardCharsets.UTF_8));
                int port = -1;
                boolean recording = false;
                String line;
                while (port < 0 && (line = lines.readLine()) != null) {
                    recording |= line.startsWith("record: every trade received into " + store);
                    if (line.startsWith("api:")) {
                        port = Integer.parseInt(line.replaceAll(".*127\\.0\\.0\\.1:(\\d+).*", "$1"));
                    }
                }
                assertThat(port).as("ratchet live printed its api line; log: " + log()).isPositive();
                assertThat(recording).as("ratchet live says where it records").isTrue();

                // Enter at the start of a climb, the market held still meanwhile, so that the runner is subscribed before it moves on.
                while (true) {
                    await(() -> cycleBar(market, sim) == 0, 60_000, "the start of a climb");
                    sim.pauseReplay();
                    if (cycleBar(market, sim) <= 1) {
                        break;
                    }
                    sim.resumeReplay();
                }
                HttpResponse<String> r = post(port, "/api/positions", "{\"symbol\":\"" + SYMBOL + "\",\"direction\":\"long\",\"quantity\":\"0.01\"}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                id = JsonTrees.reader().readTree(r.body()).get("id").asLong();
                await(() -> sim.streamConnections() >= 1, 30_000, "the runner's trade stream");
                Thread.sleep(500);
                sim.resumeReplay();
                int apiPort = port;
                await(() -> quietly(() -> get(apiPort, "/api/positions/" + id).get("status").asText().equals("CLOSED")), 90_000,
                        "the position to be stopped out and closed");
            } finally {
                live.destroy(); // SIGTERM: the runner stops gracefully and writes what it recorded
                assertThat(live.waitFor(60, TimeUnit.SECONDS)).as("ratchet live stops on SIGTERM").isTrue();
            }

            // What the live run stored.
            Position p;
            List<StopEvent> events;
            try (JdbcPositionStore s = JdbcPositionStore.open("jdbc:sqlite:" + db, null, null)) {
                p = s.get(id).orElseThrow();
                events = s.events(id);
            }
            List<StopEvent> moves = events.stream().filter(e -> e.type() == EventType.STOP_MOVED).toList();
            StopEvent hit = events.stream().filter(e -> e.type() == EventType.STOP_HIT).findFirst().orElseThrow();
            assertThat(p.exitReason()).isEqualTo("STOP");
            assertThat(moves).as("the entry's stop and at least three moves: " + events).hasSizeGreaterThanOrEqualTo(4);
            assertThat(events).as("the runner walked trades only: no minute as a 1m bar, so a recording holds all it walked")
                    .noneMatch(e -> e.type() == EventType.GAP_WALKED && e.detail().matches(".*(and [1-9][0-9]* one-minute bars|bars\\) polled).*"));

            // What it recorded: every trade the exchange printed from the entry to the hit, once each, exactly.
            TradeStore trades = new TradeStore(store);
            assertThat(new TradeJournal(trades).file(SYMBOL)).as("folded into the store file when the runner stopped").doesNotExist();
            TradeSeries recorded = trades.load(SYMBOL).orElseThrow();
            List<double[]> printed = sim.printedTrades(p.entryTime() + 1, hit.time());
            assertThat(printed).hasSizeGreaterThan(20);
            int k = 0;
            while (recorded.timeMillis(k) <= p.entryTime()) {
                k++;
            }
            for (double[] t : printed) {
                assertThat(recorded.timeMillis(k)).isEqualTo((long) t[1]);
                assertThat(recorded.price(k)).isEqualTo(t[0]);
                k++;
            }
            assertThat(recorded.gaps()).as("no id missing").isEmpty();

            // The replay, as live status --export says to run it.
            Path out = dir.resolve("replay");
            Files.createDirectories(out);
            CliRun exported = CliRun.of("live", "status", "--db", "jdbc:sqlite:" + db, "--export", Long.toString(id), "--out", out.toString());
            assertThat(exported.exit()).as(exported.err()).isZero();
            assertThat(exported.out()).contains("ratchet data klines --from-trades " + SYMBOL + " --interval 1m")
                    .contains("ratchet backtest --data " + SYMBOL + ":1m --intrabar trades --detail-data " + SYMBOL + ":trades --entries");
            // Exported again into the same folder: the three files are Ratchet's own, so they are replaced, not refused.
            CliRun again = CliRun.of("live", "status", "--db", "jdbc:sqlite:" + db, "--export", Long.toString(id), "--out", out.toString());
            assertThat(again.exit()).as(again.err()).isZero();
            assertThat(out.resolve("position-" + id + "-config.json")).content().startsWith("{\n  \"writtenBy\" : \"ratchet\"");
            Path entries = out.resolve("position-" + id + "-entries.csv");
            assertThat(Files.readString(entries)).isEqualTo("time,direction,price\n" + p.entryTime() + ",long," + io.ratchet.backtest.StopTrace.number(
                    p.entryPrice()) + "\n");
            CliRun klines = CliRun.of("data", "klines", "--from-trades", SYMBOL, "--interval", "1m", "--store", store.toString());
            assertThat(klines.exit()).as(klines.err()).isZero();
            Path replayed = out.resolve("replayed.csv");
            CliRun backtest = CliRun.of("backtest", "--store", store.toString(), "--data", SYMBOL + ":1m", "--intrabar", "trades", "--detail-data",
                    SYMBOL + ":trades", "--entries", entries.toString(), "--config", out.resolve("position-" + id + "-config.json").toString(), "--stops",
                    replayed.toString());
            assertThat(backtest.exit()).as(backtest.err() + backtest.out()).isZero();

            // Event by event: the entry's stop, every move (value, price and trade time), the hit (time, price, trigger).
            List<String[]> rows = new ArrayList<>();
            for (String row : Files.readAllLines(replayed).subList(1, Files.readAllLines(replayed).size())) {
                rows.add(row.split(",", -1));
            }
            assertThat(rows).hasSize(moves.size() + 1);
            assertThat(rows.get(0)[2]).isEqualTo("entry");
            assertThat(Long.parseLong(rows.get(0)[0])).isEqualTo(p.entryTime());
            assertThat(Double.parseDouble(rows.get(0)[4])).isEqualTo(p.entryPrice());
            assertThat(Double.parseDouble(rows.get(0)[5])).as("the entry's stop").isEqualTo(moves.get(0).newStop());
            for (int m = 1; m < moves.size(); m++) {
                String[] row = rows.get(m);
                StopEvent e = moves.get(m);
                assertThat(row[2]).as("row " + m).isEqualTo("moved");
                assertThat(Long.parseLong(row[3])).as("move " + m + ": the trade's time").isEqualTo(e.time());
                assertThat(Double.parseDouble(row[4])).as("move " + m + ": the trade's price").isEqualTo(e.price());
                assertThat(Double.parseDouble(row[5])).as("move " + m + ": the stop, to the last bit").isEqualTo(e.newStop());
            }
            String[] last = rows.get(rows.size() - 1);
            assertThat(last[2]).isEqualTo("hit");
            assertThat(Long.parseLong(last[3])).as("the hit's trade time").isEqualTo(hit.time());
            assertThat(Double.parseDouble(last[4])).as("the hit's trade price").isEqualTo(hit.price());
            assertThat(Double.parseDouble(last[5])).as("the stop hit").isEqualTo(hit.oldStop());
            assertThat(hit.detail()).startsWith("trigger " + last[7]);
            assertThat(Double.parseDouble(last[7])).as("the trigger: the trade that crossed").isEqualTo(hit.price());
            // And the file live status --export wrote is the same, byte for byte: diff says nothing.
            assertThat(Files.readString(out.resolve("position-" + id + "-stops.csv"))).isEqualTo(Files.readString(replayed));
        }
    }

    /** The bar of the cycle the market's last trade is in (0 = the first bar of a climb). */
    private static int cycleBar(KlineSeries market, SimExchange sim) {
        List<double[]> recent = sim.printedTrades(sim.marketTime() - 5 * MINUTE, Long.MAX_VALUE);
        if (recent.isEmpty()) {
            return -1;
        }
        long t = (long) recent.get(recent.size() - 1)[1];
        int bar = (int) ((t - market.openTime(0)) / MINUTE);
        return bar < HISTORY ? -1 : (bar - HISTORY) % CYCLE;
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("live.log"));
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }

    private HttpResponse<String> post(int port, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(int port, String path) throws Exception {
        return JsonTrees.reader().readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void await(java.util.function.BooleanSupplier c, long millis, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!c.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static boolean quietly(java.util.concurrent.Callable<Boolean> c) {
        try {
            return c.call();
        } catch (Exception e) {
            return false;
        }
    }
}
