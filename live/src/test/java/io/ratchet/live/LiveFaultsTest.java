package io.ratchet.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.live.api.LiveJson;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults the runner must survive: no position lost, none closed twice. */
class LiveFaultsTest {
    static final TrailingConfig WIDE = new TrailingConfig(Mode.PERCENT, 0.008, 0, 0.012, 0, 0.001, 0);

    @TempDir
    Path dir;

    private static long sells(LiveHarness h) throws Exception {
        JsonNode orders = LiveJson.MAPPER.readTree(h.sim.allOrdersJson());
        long n = 0;
        for (JsonNode o : orders) {
            if (o.get("side").asText().equals("SELL") && o.get("type").asText().equals("MARKET")) {
                n++;
            }
        }
        return n;
    }

    private static void assertNeverLoosened(List<StopEvent> events) {
        double last = Double.NEGATIVE_INFINITY;
        for (StopEvent e : events) {
            if (e.type() == EventType.STOP_MOVED) {
                assertThat(e.newStop()).as("stop moves in order: " + events).isGreaterThanOrEqualTo(last);
                last = e.newStop();
            }
        }
    }

    @Test
    void aRunnerKilledMidTrailResumesFromTheDatabaseAndClosesOnce() throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("crash.db");
        try (LiveHarness h = new LiveHarness(300, db)) {
            h.startRunner(WIDE, false);
            var r = h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.02\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            long id = LiveJson.MAPPER.readTree(r.body()).get("id").asLong();
            // The initial stop and one move: the crash comes mid-trail, not after the stop was hit.
            LiveHarness.await(() -> h.store.events(id).stream().filter(e -> e.type() == EventType.STOP_MOVED).count() >= 2, 60_000, "the stop to move");
            Position before = h.store.get(id).orElseThrow();
            h.crash();
            assertThat(before.status()).as("trailing when the runner crashed").isEqualTo(PositionStatus.TRAILING);
            Thread.sleep(1500); // the market goes on without us: a gap of several minutes of replay
            h.startRunner(WIDE, false);
            Position resumed = h.store.get(id).orElseThrow();
            assertThat(resumed.stop()).as("no stop lost across the crash").isGreaterThanOrEqualTo(before.stop());
            LiveHarness.await(() -> h.store.get(id).orElseThrow().status() == PositionStatus.CLOSED, 90_000, "the position to close");
            List<StopEvent> events = h.store.events(id);
            assertThat(events.stream().map(StopEvent::type)).contains(EventType.RESUMED);
            assertNeverLoosened(events);
            assertThat(sells(h)).as("exactly one exit order").isEqualTo(1);
            assertThat(h.store.open()).isEmpty();
        }
    }

    @Test
    void aStreamDroppedDuringTheTrailIsWalkedFromBarsAndRateLimitsAreWaitedOut() throws Exception {
        try (LiveHarness h = new LiveHarness(300, "jdbc:sqlite:" + dir.resolve("drop.db"))) {
            h.startRunner(WIDE, false);
            var r = h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.02\"}");
            long id = LiveJson.MAPPER.readTree(r.body()).get("id").asLong();
            LiveHarness.await(() -> h.source.trades.size() > 20, 30_000, "trades");
            assertThat(h.store.get(id).orElseThrow().status()).as("the drop comes mid-trail").isEqualTo(PositionStatus.TRAILING);
            h.sim.faults().rateLimitNext(3, 1); // a 429 storm on the next calls (the gap's klines among them)
            h.sim.faults().dropStreamsNow();
            LiveHarness.await(() -> h.store.events(id).stream().anyMatch(e -> e.type() == EventType.GAP_WALKED), 60_000, "the gap to be walked");
            LiveHarness.await(() -> h.store.get(id).orElseThrow().status() == PositionStatus.CLOSED, 90_000, "the position to close");
            assertNeverLoosened(h.store.events(id));
            assertThat(sells(h)).isEqualTo(1);
        }
    }

    @Test
    void protectOnExchangeKeepsAStopRestingAndNeverClosesTwice() throws Exception {
        try (LiveHarness h = new LiveHarness(300, "jdbc:sqlite:" + dir.resolve("protect.db"))) {
            h.startRunner(WIDE, true);
            var r = h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.02\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            long id = LiveJson.MAPPER.readTree(r.body()).get("id").asLong();
            LiveHarness.await(() -> h.store.events(id).stream().anyMatch(e -> e.type() == EventType.STOP_PLACED), 30_000, "an exchange stop");
            LiveHarness.await(() -> h.store.get(id).orElseThrow().status() == PositionStatus.CLOSED, 90_000, "the position to close");
            JsonNode orders = LiveJson.MAPPER.readTree(h.sim.allOrdersJson());
            long filledSells = 0;
            for (JsonNode o : orders) {
                if (o.get("side").asText().equals("SELL") && o.get("status").asText().equals("FILLED")) {
                    filledSells++;
                }
                if (o.get("type").asText().equals("STOP_LOSS")) {
                    assertThat(o.get("status").asText()).isIn("CANCELED", "FILLED");
                }
            }
            assertThat(filledSells).as("the exchange stop and the engine's exit never both fill").isEqualTo(1);
            assertThat(h.store.events(id).stream().map(StopEvent::type)).contains(EventType.STOP_REPLACED);
        }
    }

    @Test
    void aSilentStreamIsTreatedAsDeadAndStopsWorkFromPolledBars() throws Exception {
        try (LiveHarness h = new LiveHarness(300, "jdbc:sqlite:" + dir.resolve("stall.db"))) {
            h.staleAfterMillis = 1_500;
            h.startRunner(WIDE, false);
            var r = h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.02\"}");
            long id = LiveJson.MAPPER.readTree(r.body()).get("id").asLong();
            LiveHarness.await(() -> h.source.trades.size() > 8, 30_000, "trades");
            h.sim.faults().stallStreams(600_000, System.currentTimeMillis()); // connected, but silent from now on
            int seen = h.source.trades.size();
            LiveHarness.await(() -> h.store.get(id).orElseThrow().status() == PositionStatus.CLOSED, 120_000,
                    "the position to close on polled bars");
            assertThat(h.source.trades.size()).as("no trade arrived while stalled").isLessThanOrEqualTo(seen + 4);
            assertThat(h.store.events(id).stream().filter(e -> e.type() == EventType.GAP_WALKED).map(StopEvent::detail))
                    .anyMatch(d -> d.contains("polled from REST"));
            assertNeverLoosened(h.store.events(id));
            assertThat(sells(h)).isEqualTo(1);
        }
    }
}
