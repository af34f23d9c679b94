package io.ratchet.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.live.api.LiveJson;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the control API refuses, what a failing database or notifier cannot stop, and where a walk starts. */
class LiveMoneySafetyTest {
    /** 0.1 % behind the extreme from the entry: on the replay it moves and is hit within seconds. */
    static final TrailingConfig TIGHT = new TrailingConfig(Mode.PERCENT, 0.001, 0, 0.001, 0, 0.001, 0);

    @TempDir
    Path dir;

    private static long id(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return LiveJson.MAPPER.readTree(r.body()).get("id").asLong();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a quantity beyond any number         | {\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"1e400\"}                      | quantity: | maxQty 9000",
        "a quantity above LOT_SIZE            | {\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"1e20\"}                       | quantity: | LOT_SIZE maxQty",
        "a market quantity above its lot      | {\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"150\"}                        | quantity: | MARKET_LOT_SIZE maxQty 100",
        "a quantity off the step              | {\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.000015\"}                   | quantity: | stepSize 0.00001",
        "an entry price past PRICE_FILTER     | {\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\",\"entryPrice\":1e308}  | entryPrice: | maxPrice",
        "adopting coins the account lacks     | {\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"5000\",\"entryPrice\":50000} | quantity: | holds 1 BTC free",
        "an unknown symbol                    | {\"symbol\":\"DOGEUSDT\",\"direction\":\"long\",\"quantity\":\"1\"}                         | symbol: | DOGEUSDT"})
    void nonsenseIsRefusedWith400NamingTheFieldAndNothingIsSent(String what, String body, String field, String why) throws Exception {
        try (LiveHarness h = new LiveHarness(60, "jdbc:sqlite:" + dir.resolve("bad.db"))) {
            h.startRunner(TIGHT, false);
            HttpResponse<String> r = h.post("/api/positions", body);
            assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(400);
            String error = LiveJson.MAPPER.readTree(r.body()).get("error").asText();
            assertThat(error).startsWith(field).contains(why);
            assertThat(h.orders().size()).as("no order reached the exchange").isZero();
            assertThat(h.db.all()).as("no position was stored").isEmpty();
        }
    }

    @Test
    void theSameIdempotencyKeyOpensOnePositionAndSendsOneOrder() throws Exception {
        try (LiveHarness h = new LiveHarness(60, "jdbc:sqlite:" + dir.resolve("idem.db"))) {
            h.startRunner(TIGHT, false);
            String body = "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\"}";
            long first = id(h.post("/api/positions", body, "order-7f3a"));
            HttpResponse<String> again = h.post("/api/positions", body, "order-7f3a");
            assertThat(again.statusCode()).isEqualTo(201);
            assertThat(LiveJson.MAPPER.readTree(again.body()).get("id").asLong()).isEqualTo(first);
            assertThat(h.filled("BUY", "MARKET")).as("one entry for one key").isEqualTo(1);
            long other = id(h.post("/api/positions", body, "order-9c21"));
            assertThat(other).isNotEqualTo(first);
            assertThat(h.filled("BUY", "MARKET")).isEqualTo(2);
            assertThat(h.db.all()).hasSize(2);
        }
    }

    @Test
    void aPositionOpenedAfterAnotherClosedIsWalkedFromItsOwnEntry() throws Exception {
        try (LiveHarness h = new LiveHarness(60, "jdbc:sqlite:" + dir.resolve("second.db"))) {
            h.startRunner(TIGHT, false);
            String body = "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\"}";
            long first = id(h.post("/api/positions", body));
            LiveHarness.await(() -> h.db.get(first).orElseThrow().status() == PositionStatus.CLOSED, 60_000, "the first position to close");
            Thread.sleep(3_000); // three minutes of replay without a position: the symbol is unsubscribed
            List<double[]> printed = h.sim.printedTrades(0, Long.MAX_VALUE);
            long before = (long) printed.get(printed.size() - 1)[1]; // the last trade printed before the entry
            long second = id(h.post("/api/positions", body));
            LiveHarness.await(() -> h.db.events(second).stream().filter(e -> e.type() == EventType.STOP_MOVED).count() >= 3
                    || h.db.get(second).orElseThrow().status() == PositionStatus.CLOSED, 60_000, "the second position to trail");
            List<StopEvent> events = h.db.events(second);
            long entryTime = events.stream().filter(e -> e.type() == EventType.STOP_MOVED).findFirst().orElseThrow().time();
            assertThat(entryTime).as("the entry is stamped with its fill's time").isGreaterThanOrEqualTo(before);
            assertThat(events.stream().filter(e -> e.type() == EventType.STOP_MOVED || e.type() == EventType.STOP_HIT))
                    .as("no price from before the entry was walked").allMatch(e -> e.time() >= entryTime);
        }
    }

    @Test
    void aDatabaseThatFailsAtTheHitStillExitsOnceAndRecordsItWhenBack() throws Exception {
        try (LiveHarness h = new LiveHarness(60, "jdbc:sqlite:" + dir.resolve("dbfail.db"))) {
            h.wrapStore = FailingStore::new;
            h.startRunner(TIGHT, false);
            FailingStore fs = (FailingStore) h.store;
            long id = id(h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\",\"entryPrice\":"
                    + h.sim.lastPrice() + "}"));
            fs.failing.set(true);
            LiveHarness.await(() -> h.filled("SELL", "MARKET") == 1, 60_000, "the exit to fill while the database is down");
            assertThat(fs.refused.get()).as("the database refused writes").isPositive();
            assertThat(h.db.get(id).orElseThrow().status()).as("the database did not hear of the hit").isEqualTo(PositionStatus.TRAILING);
            fs.failing.set(false);
            LiveHarness.await(() -> h.db.get(id).orElseThrow().status() == PositionStatus.CLOSED, 20_000, "the kept writes to be stored");
            List<EventType> types = h.db.events(id).stream().map(StopEvent::type).toList();
            assertThat(types).containsSubsequence(EventType.STOP_HIT, EventType.ORDER_SENT, EventType.ORDER_FILLED);
            assertThat(h.filled("SELL", "MARKET")).as("one exit").isEqualTo(1);
        }
    }

    @Test
    void aNotifierThatThrowsIsSaidAndNeverStopsTheExit() throws Exception {
        try (LiveHarness h = new LiveHarness(60, "jdbc:sqlite:" + dir.resolve("notify.db"))) {
            h.notifier = (type, p, detail) -> {
                throw new IllegalStateException("webhook down (injected)");
            };
            h.startRunner(TIGHT, false);
            long id = id(h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\",\"entryPrice\":"
                    + h.sim.lastPrice() + "}"));
            LiveHarness.await(() -> h.db.get(id).orElseThrow().status() == PositionStatus.CLOSED, 60_000, "the position to close");
            assertThat(h.db.events(id)).anyMatch(e -> e.type() == EventType.RUNNER_ERROR && e.detail().contains("notification STOP_HIT failed"));
            assertThat(h.filled("SELL", "MARKET")).isEqualTo(1);
        }
    }

    @Test
    void theExitCarriesTheClientIdStoredBeforeItWasSent() throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("restart.db");
        try (LiveHarness h = new LiveHarness(60, db)) {
            h.startRunner(TIGHT, false);
            long id = id(h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\"}"));
            LiveHarness.await(() -> h.db.get(id).orElseThrow().status() == PositionStatus.CLOSED, 60_000, "the position to close");
            JsonNode sell = null;
            for (JsonNode o : h.orders()) {
                if (o.get("side").asText().equals("SELL")) {
                    sell = o;
                }
            }
            assertThat(sell).isNotNull();
            assertThat(sell.get("clientOrderId").asText()).isEqualTo(h.db.get(id).orElseThrow().exitOrder());
            assertThat(sell.get("clientOrderId").asText()).matches("r[a-z2-9]{8}-" + id + "-x1");
        }
    }

    @Test
    void aDatabaseWithPositionsThatSentOrdersRefusesADryRun() throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("mode.db");
        try (LiveHarness h = new LiveHarness(60, db)) {
            h.startRunner(TIGHT, false);
            long id = id(h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\",\"entryPrice\":"
                    + h.sim.lastPrice() + "}"));
            h.crash();
            assertThat(h.db).isNull();
            try (io.ratchet.live.store.JdbcPositionStore store = io.ratchet.live.store.JdbcPositionStore.open(db, null, null)) {
                LiveRunner paper = new LiveRunner(new LiveRunner.Settings(TIGHT, true, false, 10_000, 1_000), store,
                        new io.ratchet.live.exchange.BinanceRest(java.net.URI.create(h.sim.baseUrl()), null, null, java.time.Clock.systemUTC(),
                                Thread::sleep, 1), new GapWalkTest.Feed(), new GapWalkTest.History(), Notifier.NONE, java.time.Clock.systemUTC());
                org.assertj.core.api.Assertions.assertThatThrownBy(paper::start).hasMessageContaining("--no-dry-run");
                paper.kill();
                assertThat(store.get(id).orElseThrow().status()).as("the real position is left as it was").isEqualTo(PositionStatus.TRAILING);
            }
        }
    }
}
