package io.ratchet.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.live.api.LiveJson;
import io.ratchet.live.exchange.BinanceRest;
import io.ratchet.live.store.JdbcPositionStore;
import io.ratchet.sim.SimConfig;
import io.ratchet.sim.SimExchange;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveControlTest {
    static final TrailingConfig WIDE = new TrailingConfig(Mode.PERCENT, 0.05, 0, 0.1, 0, 0.001, 0);

    @TempDir
    Path dir;

    @Test
    void deleteStopsTrailingOrClosesAtMarketAndFillsAreNotified() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        try (LiveHarness h = new LiveHarness(60, "jdbc:sqlite:" + dir.resolve("control.db"))) {
            h.notifier = new HttpNotifier(URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook"));
            h.startRunner(WIDE, false);
            long a = LiveJson.MAPPER.readTree(h.post("/api/positions",
                    "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\",\"entryPrice\":50000}").body()).get("id").asLong();
            long b = LiveJson.MAPPER.readTree(h.post("/api/positions",
                    "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\",\"entryPrice\":50000}").body()).get("id").asLong();

            JsonNode stopped = LiveJson.MAPPER.readTree(h.delete("/api/positions/" + a).body());
            assertThat(stopped.get("status").asText()).isEqualTo("CLOSED");
            assertThat(stopped.get("exitReason").asText()).isEqualTo("TRAILING_STOPPED");
            assertThat(LiveJson.MAPPER.readTree(h.sim.allOrdersJson()).size()).as("no order to stop trailing").isZero();

            JsonNode closed = LiveJson.MAPPER.readTree(h.delete("/api/positions/" + b + "?close=true").body());
            assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
            assertThat(closed.get("exitReason").asText()).isEqualTo("MANUAL");
            JsonNode orders = LiveJson.MAPPER.readTree(h.sim.allOrdersJson());
            assertThat(orders.size()).isEqualTo(1);
            assertThat(orders.get(0).get("clientOrderId").asText()).isEqualTo(h.store.clientPrefix() + "-" + b + "-x1");
            assertThat(h.store.events(b).stream().map(StopEvent::type)).contains(EventType.CLOSE_REQUESTED, EventType.ORDER_FILLED);
            assertThat(h.runner.openPositions()).isEmpty();

            LiveHarness.await(() -> !received.isEmpty(), 10_000, "the webhook");
            JsonNode n = LiveJson.MAPPER.readTree(received.get(0));
            assertThat(n.get("type").asText()).isEqualTo("ORDER_FILLED");
            assertThat(n.get("position").get("id").asLong()).isEqualTo(b);
            assertThat(received.get(0)).doesNotContain(SimConfig.DEFAULT_SECRET);
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void dryRunRefusesAMarketEntryWithoutStoringAnything() throws Exception {
        try (JdbcPositionStore store = JdbcPositionStore.open("jdbc:sqlite:" + dir.resolve("dry.db"), null, null);
             SimExchange sim = new SimExchange(SimConfig.of(LiveHarness.BTC).withSpeed(1)).start()) {
            BinanceRest rest = new BinanceRest(URI.create(sim.baseUrl()), SimConfig.DEFAULT_KEY, SimConfig.DEFAULT_SECRET, Clock.systemUTC(), Thread::sleep, 1);
            LiveRunner r = new LiveRunner(new LiveRunner.Settings(WIDE, true, false, 60_000, 1_000), store, rest, new GapWalkTest.Feed(),
                    new GapWalkTest.History(), Notifier.NONE, Clock.systemUTC());
            r.start();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.open(new OpenRequest("BTCUSDT", io.ratchet.engine.Direction.LONG,
                    new java.math.BigDecimal("0.01"), Double.NaN, null))).hasMessageContaining("entryPrice");
            assertThat(store.all()).isEmpty();
            assertThat(LiveJson.MAPPER.readTree(sim.allOrdersJson()).size()).isZero();
            r.close();
        }
    }

    @Test
    void aTimestampOutsideTheWindowResyncsTheClockAndRetries() {
        try (SimExchange sim = new SimExchange(SimConfig.of(LiveHarness.BTC).withSpeed(1)).start()) {
            // Our clock runs 20 s behind the exchange's: every signed call is outside recvWindow until resynced.
            Clock behind = Clock.offset(Clock.systemUTC(), java.time.Duration.ofSeconds(-20));
            BinanceRest rest = new BinanceRest(URI.create(sim.baseUrl()), SimConfig.DEFAULT_KEY, SimConfig.DEFAULT_SECRET, behind, Thread::sleep, 2);
            assertThat(rest.balances()).containsKey("USDT");
            assertThat(rest.clockOffset()).isBetween(19_000L, 21_000L);
            assertThat(rest.toString()).doesNotContain(SimConfig.DEFAULT_KEY);
        }
    }
}
