package io.ratchet.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.live.api.LiveJson;
import io.ratchet.live.exchange.BinanceRest;
import io.ratchet.sim.AimedFault;
import io.ratchet.sim.Rejection;
import io.ratchet.sim.SimConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exit the symbol's filters would refuse is not sent: the account was left holding dust
 * (here: someone sold most of the coins by hand), so the position is flagged to a person
 * before any order goes out.
 */
class LiveExitFiltersTest {
    @TempDir
    Path dir;

    @Test
    void anExitBelowMinNotionalIsFlaggedWithoutSendingAnOrder() throws Exception {
        List<String> hooks = new CopyOnWriteArrayList<>();
        SimConfig cfg = SimConfig.of(LiveHarness.BTC).withSpeed(60).withBalances(Map.of("USDT", new BigDecimal("10000"), "BTC", BigDecimal.ZERO));
        try (LiveHarness h = new LiveHarness(cfg, "jdbc:sqlite:" + dir.resolve("dust.db"))) {
            h.notifier = (type, p, detail) -> hooks.add(type + " " + detail);
            h.startRunner(LiveExchangeFaultsTest.LOOSE, false);
            HttpResponse<String> made = h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.01\"}");
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            long id = LiveJson.MAPPER.readTree(made.body()).get("id").asLong();
            LiveHarness.await(() -> h.db.get(id).orElseThrow().status() == PositionStatus.TRAILING, 20_000, "the position to trail");
            assertThat(h.free("BTC")).as("0.01 bought, 0.1% commission taken in BTC").isEqualByComparingTo("0.00999");

            // Someone sells most of it by hand, from another client: 0.00004 BTC is left, a few dollars' worth.
            BinanceRest other = new BinanceRest(URI.create(h.sim.baseUrl()), SimConfig.DEFAULT_KEY, SimConfig.DEFAULT_SECRET, Clock.systemUTC(), Thread::sleep, 5);
            other.market("BTCUSDT", true, new BigDecimal("0.00995"), "by-hand-1");
            assertThat(h.free("BTC")).isEqualByComparingTo("0.00004");
            assertThat(0.00004 * h.sim.lastPrice()).as("what is left is below the simulator's NOTIONAL minimum of 5").isLessThan(5);

            // Were the exit sent, this refusal would answer it (and name -1013): it must never be served.
            AimedFault refusal = h.sim.faults().rejectNext("POST /api/v3/order SELL MARKET", Rejection.LOT_SIZE);
            HttpResponse<String> close = h.delete("/api/positions/" + id + "?close=true");
            assertThat(LiveJson.MAPPER.readTree(close.body()).get("status").asText()).as(close.body()).isEqualTo("EXIT_REFUSED");
            assertThat(refusal.served()).as("no SELL reached the exchange").isZero();
            assertThat(h.filled("SELL", "MARKET")).as("only the sale by hand").isEqualTo(1);
            Position flagged = h.db.get(id).orElseThrow();
            assertThat(flagged.attention()).contains("was not sent").contains("NOTIONAL minNotional 5").doesNotContain("-1013");
            assertThat(hooks).anyMatch(s -> s.startsWith("EXIT_REFUSED") && s.contains("NOTIONAL"));
            assertThat(h.db.events(id)).extracting(StopEvent::type).contains(EventType.EXIT_REFUSED);
        }
    }
}
