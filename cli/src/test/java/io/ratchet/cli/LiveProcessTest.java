package io.ratchet.cli;

import io.ratchet.data.config.JsonTrees;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ratchet.data.read.KlineLoader;
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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ratchet live as a real process: killed with SIGKILL mid-trail, restarted, the position is closed once. */
class LiveProcessTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private Process live(SimExchange sim, Path cfg, Path db) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.ratchet.cli.Main", "live", "--exchange", "sim",
                "--base-url", sim.baseUrl(), "--api-port", "0", "--db", "jdbc:sqlite:" + db, "--config", cfg.toString(), "--stale-after", "5")
                .redirectError(dir.resolve("live-" + System.nanoTime() + ".log").toFile()).start();
    }

    private static int apiPort(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith("api:")) {
                return Integer.parseInt(line.replaceAll(".*127\\.0\\.0\\.1:(\\d+).*", "$1"));
            }
        }
        throw new AssertionError("ratchet live printed no api line");
    }

    private JsonNode get(int port, String path) throws Exception {
        return JsonTrees.reader().readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void await(BooleanSupplier c, long millis, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!c.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static boolean quietly(java.util.concurrent.Callable<Boolean> c) {
        try {
            return c.call();
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void sigkillMidTrailThenRestartClosesExactlyOnce() throws Exception {
        var btc = KlineLoader.load(Path.of("..", "sample-data", "BTCUSDT-1m-2021-04-20_2021-05-20.zip").toString(), null, null).series();
        try (SimExchange sim = new SimExchange(SimConfig.of(btc).withSpeed(300)).start()) {
            Path cfg = dir.resolve("best.json");
            // Wide enough that the position is still trailing when it is killed; a close by hand ends it after the restart.
            Files.writeString(cfg, "{\"mode\":\"percent\",\"trail\":0.02,\"initialStop\":0.03}");
            Path db = dir.resolve("ratchet.db");
            Process first = live(sim, cfg, db);
            try {
                int port = apiPort(first);
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/positions"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.02\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                await(() -> quietly(() -> {
                    JsonNode ev = get(port, "/api/positions/1/events");
                    int moved = 0;
                    for (JsonNode e : ev) {
                        moved += e.get("type").asText().equals("STOP_MOVED") ? 1 : 0;
                    }
                    return moved >= 2;
                }), 60_000, "the stop to move");
                assertThat(get(port, "/api/positions/1").get("status").asText()).as("killed mid-trail").isEqualTo("TRAILING");
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed
                first.waitFor(20, TimeUnit.SECONDS);
            }
            Thread.sleep(1000);
            Process second = live(sim, cfg, db);
            try {
                int port = apiPort(second);
                await(() -> quietly(() -> get(port, "/api/positions/1/events").toString().contains("RESUMED")), 60_000, "the position to resume");
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/positions/1?close=true")).DELETE().build(),
                        HttpResponse.BodyHandlers.ofString());
                await(() -> quietly(() -> get(port, "/api/positions/1").get("status").asText().equals("CLOSED")), 60_000, "the position to close");
                JsonNode orders = JsonTrees.reader().readTree(sim.allOrdersJson());
                long sells = 0;
                for (JsonNode o : orders) {
                    sells += o.get("side").asText().equals("SELL") ? 1 : 0;
                }
                assertThat(sells).as("exactly one exit reached the exchange: " + orders).isEqualTo(1);
                JsonNode ev = get(port, "/api/positions/1/events");
                assertThat(ev.toString()).contains("RESUMED");
            } finally {
                second.destroy(); // SIGTERM: graceful
                assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            }
            CliRun status = CliRun.of("live", "status", "--db", "jdbc:sqlite:" + db);
            assertThat(status.out()).contains("CLOSED").contains("MANUAL");
        }
    }
}
