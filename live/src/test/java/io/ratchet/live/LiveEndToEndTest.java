package io.ratchet.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ratchet.engine.Direction;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.engine.TrailingStop;
import io.ratchet.live.api.LiveJson;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ratchet live against the local exchange, end to end over loopback, with a real SQLite file. */
class LiveEndToEndTest {
    static final TrailingConfig CFG = new TrailingConfig(Mode.PERCENT, 0.002, 0, 0.004, 0, 0.001, 0);

    @TempDir
    Path dir;

    /** SQLite (the embedded default) always; PostgreSQL where ./run-tests started one. */
    static java.util.stream.Stream<String> databases() {
        String pg = System.getenv("RATCHET_TEST_PG_URL");
        if (pg == null && System.getenv("CI") != null) {
            throw new IllegalStateException("RATCHET_TEST_PG_URL is not set: run the tests with ./run-tests, which starts PostgreSQL");
        }
        return pg == null ? java.util.stream.Stream.of("sqlite") : java.util.stream.Stream.of("sqlite", "postgresql");
    }

    private String url(String db) throws Exception {
        if (db.equals("sqlite")) {
            return "jdbc:sqlite:" + dir.resolve("ratchet.db");
        }
        String pg = System.getenv("RATCHET_TEST_PG_URL");
        try (var c = java.sql.DriverManager.getConnection(pg); var s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
        return pg;
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("databases")
    void aPositionOpenedThroughTheApiTrailsIsStoppedAndClosedOnce(String db) throws Exception {
        try (LiveHarness h = new LiveHarness(600, url(db))) {
            h.startRunner(CFG, false);
            var created = h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode p = LiveJson.MAPPER.readTree(created.body());
            long id = p.get("id").asLong();
            assertThat(p.get("status").asText()).isEqualTo("TRAILING");
            double entry = p.get("entryPrice").asDouble();
            // percent with no activation trails from the entry: tighter than the 0.4% initial stop
            assertThat(p.get("stop").asDouble()).isEqualTo(entry * (1 - 0.002));

            LiveHarness.await(() -> h.store.get(id).orElseThrow().status() == PositionStatus.CLOSED, 60_000, "the stop to be hit and the exit filled");
            Position closed = h.store.get(id).orElseThrow();
            List<StopEvent> events = h.store.events(id);
            List<EventType> types = events.stream().map(StopEvent::type).toList();
            assertThat(types).contains(EventType.OPENED, EventType.STOP_MOVED, EventType.STOP_HIT, EventType.ORDER_SENT, EventType.ORDER_FILLED);
            // The stop only ever tightened.
            double last = Double.NEGATIVE_INFINITY;
            for (StopEvent e : events) {
                if (e.type() == EventType.STOP_MOVED) {
                    assertThat(e.newStop()).isGreaterThanOrEqualTo(last);
                    last = e.newStop();
                }
            }
            // The trades the exchange printed after the entry, through the engine, give the same stop moves and the same hit:
            // the runner walked what the position lived through, whether from the stream or from REST.
            long entryTime = events.stream().filter(e -> e.type() == EventType.STOP_MOVED).findFirst().orElseThrow().time();
            TrailingStop ts = new TrailingStop(CFG);
            ts.open(Direction.LONG, entry, entryTime);
            List<Double> engineStops = new java.util.ArrayList<>();
            engineStops.add(ts.stop());
            double trigger = Double.NaN;
            double stopAtHit = Double.NaN;
            for (double[] t : h.sim.printedTrades(entryTime + 1, Long.MAX_VALUE)) {
                double before = ts.stop();
                int r = ts.onGap((long) t[1], t[0]); // each trade a print (the contract's trades rule)
                if (r == TrailingStop.MOVED) {
                    engineStops.add(ts.stop());
                } else if (r == TrailingStop.HIT) {
                    trigger = ts.trigger();
                    stopAtHit = before;
                    break;
                }
            }
            assertThat(trigger).as("the engine's walk of the printed trades ends in a hit").isNotNaN();
            List<Double> liveStops = events.stream().filter(e -> e.type() == EventType.STOP_MOVED).map(StopEvent::newStop).toList();
            assertThat(liveStops).isEqualTo(engineStops);
            String atTrade = "trigger " + LiveRunner.fmt(trigger);
            String atStop = "trigger " + LiveRunner.fmt(stopAtHit) + ", bar ";
            // The trade that crossed is the trigger; when the runner walked that minute from REST as a 1m bar (a gap at the
            // subscription), the bar's low is reached by a continuous move and the trigger is the stop (contract, rules 1-2).
            assertThat(events.stream().filter(e -> e.type() == EventType.STOP_HIT).findFirst().orElseThrow().detail())
                    .satisfiesAnyOf(d -> assertThat(d).isEqualTo(atTrade), d -> assertThat(d).startsWith(atTrade + ", "),
                            d -> assertThat(d).startsWith(atStop));

            // One entry and one exit reached the exchange, with the position's client ids.
            JsonNode orders = LiveJson.MAPPER.readTree(h.sim.allOrdersJson());
            assertThat(orders.size()).isEqualTo(2);
            assertThat(orders.get(0).get("clientOrderId").asText()).isEqualTo(h.store.clientPrefix() + "-" + id + "-e");
            assertThat(orders.get(0).get("side").asText()).isEqualTo("BUY");
            assertThat(orders.get(1).get("clientOrderId").asText()).isEqualTo(h.store.clientPrefix() + "-" + id + "-x1");
            assertThat(orders.get(1).get("side").asText()).isEqualTo("SELL");
            assertThat(orders.get(1).get("status").asText()).isEqualTo("FILLED");
            // The stored exit is the exchange's fill (a MARKET order fills where the market is, not at the trigger).
            double fill = orders.get(1).get("cummulativeQuoteQty").asDouble() / orders.get(1).get("executedQty").asDouble();
            assertThat(closed.exitPrice()).isCloseTo(fill, org.assertj.core.api.Assertions.within(1e-6));

            // The API serves what the store holds.
            JsonNode ev = LiveJson.MAPPER.readTree(h.get("/api/positions/" + id + "/events").body());
            assertThat(ev.size()).isEqualTo(events.size());
            assertThat(ev.get(0).fieldNames()).toIterable().containsExactly("time", "type", "price", "oldStop", "newStop", "detail");
            JsonNode pos = LiveJson.MAPPER.readTree(h.get("/api/positions/" + id).body());
            assertThat(pos.get("status").asText()).isEqualTo("CLOSED");
            assertThat(pos.get("exitReason").asText()).isEqualTo("STOP");
        }
    }

    @Test
    void badRequestsAre400NamingTheField() throws Exception {
        try (LiveHarness h = new LiveHarness(60, "jdbc:sqlite:" + dir.resolve("bad.db"))) {
            h.startRunner(CFG, false);
            assertThat(h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"up\",\"quantity\":\"0.01\"}").body()).contains("direction");
            var r = h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"-1\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("quantity");
            var c = h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\",\"config\":{\"mode\":\"percent\",\"trail\":2}}");
            assertThat(c.statusCode()).isEqualTo(400);
            assertThat(c.body()).contains("trail");
            var j = h.post("/api/positions", "{not json");
            assertThat(j.statusCode()).isEqualTo(400);
            var small = h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.00001\",\"entryPrice\":50000}");
            assertThat(small.statusCode()).isEqualTo(400);
            assertThat(small.body()).contains("NOTIONAL");
            assertThat(h.get("/api/positions/99").statusCode()).isEqualTo(404);
        }
    }
}
