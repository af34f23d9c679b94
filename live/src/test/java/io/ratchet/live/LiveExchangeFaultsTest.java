package io.ratchet.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.live.api.LiveJson;
import io.ratchet.sim.AimedFault;
import io.ratchet.sim.LostReply;
import io.ratchet.sim.Rejection;
import io.ratchet.sim.SimConfig;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults the exchange produces after it acted, and refusals aimed at the exit: each test
 * asserts that its fault happened (the simulator counts what it served) and that the
 * position still ends exactly once.
 */
class LiveExchangeFaultsTest {
    static final TrailingConfig TIGHT = new TrailingConfig(Mode.PERCENT, 0.001, 0, 0.001, 0, 0.001, 0);
    /** Wide enough that nothing is hit before the test closes it by hand. */
    static final TrailingConfig LOOSE = new TrailingConfig(Mode.PERCENT, 0.05, 0, 0.05, 0, 0.001, 0);

    @TempDir
    Path dir;

    private static long id(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return LiveJson.MAPPER.readTree(r.body()).get("id").asLong();
    }

    private static void awaitStatus(LiveHarness h, long id, PositionStatus s, long millis) throws InterruptedException {
        LiveHarness.await(() -> h.db.get(id).orElseThrow().status() == s, millis, "position " + id + " to be " + s);
    }

    private static List<EventType> types(LiveHarness h, long id) {
        return h.db.events(id).stream().map(StopEvent::type).toList();
    }

    @ParameterizedTest
    @EnumSource(LostReply.class)
    void anExitWhoseReplyIsLostAfterTheFillSellsOnce(LostReply how) throws Exception {
        try (LiveHarness h = new LiveHarness(60, "jdbc:sqlite:" + dir.resolve("lost-" + how + ".db"))) {
            h.startRunner(TIGHT, false);
            // The account holds 1 BTC, far more than the position: a blind resend would fill a second SELL.
            AimedFault lost = h.sim.faults().loseReplyNext("POST /api/v3/order SELL MARKET", how);
            long id = id(h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\"}"));
            awaitStatus(h, id, PositionStatus.CLOSED, 60_000);
            // The user data stream can close the position before the lost reply is even due: the fault is awaited, not raced.
            LiveHarness.await(() -> lost.served() == 1, 10_000, "the exit's reply to be lost after the fill");
            LiveHarness.await(() -> h.runner.idle(), 20_000, "the desk to resolve the unknown outcome");
            assertThat(h.filled("SELL", "MARKET")).as("one SELL").isEqualTo(1);
            assertThat(types(h, id)).containsSubsequence(EventType.STOP_HIT, EventType.ORDER_SENT, EventType.ORDER_FILLED);
            assertThat(h.free("BTC")).as("1 BTC held, 0.01 less commission bought, 0.00999 sold").isEqualByComparingTo("1");
        }
    }

    @Test
    void anEntryWhoseReplyIsLostAfterTheFillBuysOnceAndTrails() throws Exception {
        try (LiveHarness h = new LiveHarness(60, "jdbc:sqlite:" + dir.resolve("lost-entry.db"))) {
            h.startRunner(TIGHT, false);
            AimedFault lost = h.sim.faults().loseReplyNext("POST /api/v3/order BUY MARKET", LostReply.CLOSE);
            long id = id(h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\"}"));
            awaitStatus(h, id, PositionStatus.CLOSED, 60_000);
            LiveHarness.await(() -> lost.served() == 1, 10_000, "the entry's reply to be lost after the fill");
            assertThat(h.filled("BUY", "MARKET")).as("one BUY").isEqualTo(1);
            assertThat(h.filled("SELL", "MARKET")).as("one SELL").isEqualTo(1);
            assertThat(types(h, id)).containsSubsequence(EventType.ORDER_SENT, EventType.ORDER_UNKNOWN, EventType.STOP_MOVED, EventType.ORDER_FILLED);
        }
    }

    @Test
    void aBurstOf429AndOneOf1021AtTheExitAreWaitedOutAndThePositionCloses() throws Exception {
        try (LiveHarness h = new LiveHarness(60, "jdbc:sqlite:" + dir.resolve("burst.db"))) {
            h.startRunner(TIGHT, false);
            AimedFault limited = h.sim.faults().rateLimitBurst("POST /api/v3/order SELL MARKET", 20, 0);
            AimedFault clock = h.sim.faults().timestampBurst("POST /api/v3/order SELL MARKET", 6);
            long id = id(h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\"}"));
            awaitStatus(h, id, PositionStatus.CLOSED, 120_000);
            assertThat(limited.served()).as("20 answers of 429 at the exit").isEqualTo(20);
            assertThat(clock.served()).as("6 answers of -1021 at the exit").isEqualTo(6);
            assertThat(h.filled("SELL", "MARKET")).isEqualTo(1);
            assertThat(h.db.get(id).orElseThrow().exitReason()).isEqualTo("STOP");
        }
    }

    @Test
    void aRefusedExitIsFlaggedTheExchangeStopRestoredAndAPersonCanCloseIt() throws Exception {
        List<String> hooks = new CopyOnWriteArrayList<>();
        try (LiveHarness h = new LiveHarness(60, "jdbc:sqlite:" + dir.resolve("refused.db"))) {
            h.notifier = (type, p, detail) -> hooks.add(type + " " + detail);
            h.startRunner(LOOSE, true);
            long id = id(h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\"}"));
            LiveHarness.await(() -> h.db.get(id).orElseThrow().exchangeStop() != null, 20_000, "an exchange stop");
            AimedFault refusal = h.sim.faults().rejectNext("POST /api/v3/order SELL MARKET", Rejection.LOT_SIZE);
            HttpResponse<String> close = h.delete("/api/positions/" + id + "?close=true");
            assertThat(LiveJson.MAPPER.readTree(close.body()).get("status").asText()).isEqualTo("EXIT_REFUSED");
            assertThat(refusal.served()).isEqualTo(1);
            Position flagged = h.db.get(id).orElseThrow();
            assertThat(flagged.attention()).contains("-1013").contains("Filter failure: LOT_SIZE");
            assertThat(hooks).anyMatch(s -> s.startsWith("EXIT_REFUSED") && s.contains("-1013"));
            LiveHarness.await(() -> restingStops(h) == 1, 20_000, "the exchange stop to be restored");
            assertThat(h.filled("SELL", "MARKET")).isZero();

            HttpResponse<String> again = h.delete("/api/positions/" + id + "?close=true");
            assertThat(LiveJson.MAPPER.readTree(again.body()).get("status").asText()).isEqualTo("CLOSED");
            assertThat(h.filled("SELL", "MARKET")).isEqualTo(1);
            assertThat(restingStops(h)).as("the restored stop was canceled before the exit").isZero();
        }
    }

    private static long restingStops(LiveHarness h) {
        long n = 0;
        for (JsonNode o : h.orders()) {
            if (o.get("type").asText().equals("STOP_LOSS") && o.get("status").asText().equals("NEW")) {
                n++;
            }
        }
        return n;
    }

    @Test
    void withCommissionInTheCoinTheExchangeStopAsksForWhatIsHeld() throws Exception {
        // The account holds no BTC but what the position buys; the commission is taken in BTC.
        SimConfig cfg = SimConfig.of(LiveHarness.BTC).withSpeed(60).withBalances(Map.of("USDT", new BigDecimal("10000"), "BTC", BigDecimal.ZERO));
        try (LiveHarness h = new LiveHarness(cfg, "jdbc:sqlite:" + dir.resolve("commission.db"))) {
            h.startRunner(LOOSE, true);
            long id = id(h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\"}"));
            Position p = h.db.get(id).orElseThrow();
            assertThat(p.quantity()).as("0.01 bought, 0.00001 paid in commission").isEqualByComparingTo("0.00999");
            LiveHarness.await(() -> h.db.events(id).stream().anyMatch(e -> e.type() == EventType.STOP_PLACED), 20_000, "the exchange stop");
            JsonNode stop = null;
            for (JsonNode o : h.orders()) {
                if (o.get("type").asText().equals("STOP_LOSS")) {
                    stop = o;
                }
            }
            assertThat(stop).isNotNull();
            assertThat(new BigDecimal(stop.get("origQty").asText())).isEqualByComparingTo("0.00999");
            HttpResponse<String> close = h.delete("/api/positions/" + id + "?close=true");
            assertThat(LiveJson.MAPPER.readTree(close.body()).get("status").asText()).isEqualTo("CLOSED");
            assertThat(h.free("BTC")).as("everything held was sold").isEqualByComparingTo("0");
        }
    }

    @Test
    void streamsDroppedRightAfterTheEntryFillAndAfterTheExitFillLoseNothing() throws Exception {
        try (LiveHarness h = new LiveHarness(60, "jdbc:sqlite:" + dir.resolve("dropfill.db"))) {
            h.startRunner(TIGHT, false);
            h.sim.faults().dropStreamsAfterNextFill(); // the entry's fill
            long id = id(h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\"}"));
            assertThat(h.sim.faults().streamDropsAfterFill()).as("the streams dropped right after the entry filled").isEqualTo(1);
            h.sim.faults().dropStreamsAfterNextFill(); // the exit's fill: the user data stream never tells of it
            awaitStatus(h, id, PositionStatus.CLOSED, 60_000);
            assertThat(h.sim.faults().streamDropsAfterFill()).as("the streams dropped right after the exit filled").isEqualTo(2);
            assertThat(h.filled("BUY", "MARKET")).isEqualTo(1);
            assertThat(h.filled("SELL", "MARKET")).isEqualTo(1);
            List<StopEvent> events = h.db.events(id);
            assertThat(events.stream().filter(e -> e.type() == EventType.ORDER_FILLED)).singleElement()
                    .satisfies(e -> assertThat(e.detail()).doesNotContain("user data stream"));
        }
    }
}
