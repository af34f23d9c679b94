package io.ratchet.sim;

import static io.ratchet.sim.SimExchangeXChangeTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The WebSocket API and the user data stream it carries, over a plain JDK WebSocket. */
class SimWsApiTest {
    SimExchange sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private SimExchange start(SimConfig cfg) {
        sim = new SimExchange(cfg).start();
        return sim;
    }

    private static SimConfig config() {
        return SimConfig.of(SimExchangeRawTest.SERIES).withSpeed(60);
    }

    @Test
    void pingTimeAndTheSubscriptionLifecycle() throws Exception {
        start(config());
        try (WsApiClient c = WsApiClient.connect(sim)) {
            JsonNode ping = c.request("ping", null);
            assertThat(ping.get("status").asInt()).isEqualTo(200);
            assertThat(ping.get("result").isEmpty()).isTrue();
            long before = System.currentTimeMillis();
            long serverTime = c.request("time", null).get("result").get("serverTime").asLong();
            assertThat(serverTime).isBetween(before - 1, System.currentTimeMillis() + 1);

            JsonNode sub = c.subscribe();
            assertThat(sub.get("status").asInt()).as(sub.toString()).isEqualTo(200);
            assertThat(sub.get("result").get("subscriptionId").asInt()).isEqualTo(0);
            assertThat(c.request("session.subscriptions", null).get("result").toString()).isEqualTo("[{\"subscriptionId\":0}]");
            assertThat(sim.userStreamSubscriptions()).isEqualTo(1);

            JsonNode unsub = c.request("userDataStream.unsubscribe", "{\"subscriptionId\":0}");
            assertThat(unsub.get("status").asInt()).isEqualTo(200);
            assertThat(c.request("session.subscriptions", null).get("result").toString()).isEqualTo("[]");
            assertThat(sim.userStreamSubscriptions()).isZero();
        }
    }

    @Test
    void subscribeChecksKeySignatureAndTimestampAsBinanceDoes() throws Exception {
        start(config());
        try (WsApiClient c = WsApiClient.connect(sim)) {
            long now = System.currentTimeMillis();
            assertError(c.subscribe("someone-elses-key", SimConfig.DEFAULT_SECRET, now), 401, -2015, "Invalid API-key, IP, or permissions for action.");
            assertError(c.subscribe("not a key!", SimConfig.DEFAULT_SECRET, now), 401, -2014, "API-key format invalid.");
            assertError(c.subscribe(SimConfig.DEFAULT_KEY, "wrong-secret", now), 400, -1022, "Signature for this request is not valid.");
            assertError(c.subscribe(SimConfig.DEFAULT_KEY, SimConfig.DEFAULT_SECRET, now - 60_000), 400, -1021,
                    "Timestamp for this request is outside of the recvWindow.");
            assertThat(sim.userStreamSubscriptions()).isZero();
            // the request's id comes back as sent
            assertThat(c.messages.get(0).get("id").asText()).isEqualTo("r1");
        }
    }

    private static void assertError(JsonNode reply, int status, int code, String msg) {
        assertThat(reply.get("status").asInt()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.get("error").get("code").asInt()).isEqualTo(code);
        assertThat(reply.get("error").get("msg").asText()).isEqualTo(msg);
        assertThat(reply.has("result")).isFalse();
    }

    @Test
    void aMarketBuyIsReportedNewThenFilledWithTheCommissionInTheBaseAsset() throws Exception {
        start(config());
        RawClient rest = new RawClient(sim);
        try (WsApiClient c = WsApiClient.connect(sim)) {
            c.subscribe();
            JsonNode placed = rest.ok("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=buy-1");
            await(() -> c.reports("buy-1").size() == 2 && !c.events("outboundAccountPosition").isEmpty(), 10_000);
            List<JsonNode> r = c.reports("buy-1");
            JsonNode nw = r.get(0);
            assertThat(nw.get("x").asText()).isEqualTo("NEW");
            assertThat(nw.get("X").asText()).isEqualTo("NEW");
            assertThat(nw.get("i").asLong()).isEqualTo(placed.get("orderId").asLong());
            assertThat(nw.get("s").asText()).isEqualTo("BTCUSDT");
            assertThat(nw.get("S").asText()).isEqualTo("BUY");
            assertThat(nw.get("o").asText()).isEqualTo("MARKET");
            assertThat(nw.get("q").asText()).isEqualTo("0.01000000");
            assertThat(nw.get("z").asText()).isEqualTo("0.00000000");
            assertThat(nw.get("N").isNull()).isTrue();
            assertThat(nw.get("t").asLong()).isEqualTo(-1);
            JsonNode fill = placed.get("fills").get(0);
            JsonNode trade = r.get(1);
            assertThat(trade.get("x").asText()).isEqualTo("TRADE");
            assertThat(trade.get("X").asText()).isEqualTo("FILLED");
            assertThat(trade.get("l").asText()).isEqualTo("0.01000000");
            assertThat(trade.get("z").asText()).isEqualTo("0.01000000");
            assertThat(trade.get("L").asText()).isEqualTo(fill.get("price").asText());
            assertThat(trade.get("t").asLong()).isEqualTo(fill.get("tradeId").asLong());
            assertThat(trade.get("n").asText()).isEqualTo("0.00001000");
            assertThat(trade.get("N").asText()).isEqualTo("BTC");
            assertThat(new BigDecimal(trade.get("Z").asText())).isEqualByComparingTo(new BigDecimal(fill.get("price").asText()).multiply(new BigDecimal("0.01")));
            assertThat(fill.get("commission").asText()).isEqualTo("0.00001000");
            assertThat(fill.get("commissionAsset").asText()).isEqualTo("BTC");
            JsonNode myTrade = rest.ok("GET", "/api/v3/myTrades", "symbol=BTCUSDT").get(0);
            assertThat(myTrade.get("commissionAsset").asText()).isEqualTo("BTC");
            // 1 BTC + 0.01 bought - 0.00001 commission, in the account and in the stream
            assertThat(rest.balance("BTC").get("free").asText()).isEqualTo("1.00999000");
            JsonNode position = c.events("outboundAccountPosition").get(c.events("outboundAccountPosition").size() - 1);
            assertThat(position.get("B").findValuesAsText("f")).contains("1.00999000");
            assertThat(sim.filledByClientId()).isEqualTo(Map.of("buy-1", 1));
        }
    }

    @Test
    void aSplitFillIsReportedPartiallyFilledUntilTheLastPart() throws Exception {
        start(config());
        RawClient rest = new RawClient(sim);
        try (WsApiClient c = WsApiClient.connect(sim)) {
            c.subscribe();
            sim.faults().splitNextFill(3);
            JsonNode placed = rest.ok("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.05&newClientOrderId=split-1");
            await(() -> c.reports("split-1").size() == 4, 10_000);
            List<JsonNode> r = c.reports("split-1");
            assertThat(r).extracting(e -> e.get("x").asText() + " " + e.get("X").asText() + " " + e.get("l").asText() + " " + e.get("z").asText())
                    .containsExactly("NEW NEW 0.00000000 0.00000000", "TRADE PARTIALLY_FILLED 0.01666000 0.01666000",
                            "TRADE PARTIALLY_FILLED 0.01666000 0.03332000", "TRADE FILLED 0.01668000 0.05000000");
            assertThat(r.stream().skip(1).map(e -> e.get("t").asLong()).distinct().count()).isEqualTo(3);
            assertThat(placed.get("fills").size()).isEqualTo(3);
            assertThat(rest.ok("GET", "/api/v3/myTrades", "symbol=BTCUSDT&orderId=" + placed.get("orderId").asLong()).size()).isEqualTo(3);
            assertThat(rest.balance("BTC").get("free").asText()).isEqualTo("0.95000000");
            assertThat(sim.filledByClientId()).isEqualTo(Map.of("split-1", 1));
            // one shot: the next order fills in one
            rest.ok("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&newClientOrderId=whole-1");
            await(() -> c.reports("whole-1").size() == 2, 10_000);
            assertThat(c.reports("whole-1").get(1).get("X").asText()).isEqualTo("FILLED");
        }
    }

    @Test
    void withTheCommissionInQuoteABuyReceivesTheWholeQuantity() throws Exception {
        start(config().withCommission(Commission.QUOTE));
        RawClient rest = new RawClient(sim);
        try (WsApiClient c = WsApiClient.connect(sim)) {
            c.subscribe();
            JsonNode placed = rest.ok("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=buy-q");
            await(() -> c.reports("buy-q").size() == 2, 10_000);
            BigDecimal price = new BigDecimal(placed.get("fills").get(0).get("price").asText());
            BigDecimal fee = price.multiply(new BigDecimal("0.01")).multiply(new BigDecimal("0.001"));
            JsonNode trade = c.reports("buy-q").get(1);
            assertThat(trade.get("N").asText()).isEqualTo("USDT");
            assertThat(new BigDecimal(trade.get("n").asText())).isEqualByComparingTo(fee.setScale(8, java.math.RoundingMode.HALF_UP));
            assertThat(placed.get("fills").get(0).get("commissionAsset").asText()).isEqualTo("USDT");
            assertThat(rest.balance("BTC").get("free").asText()).isEqualTo("1.01000000");
            assertThat(new BigDecimal(rest.balance("USDT").get("free").asText()))
                    .isEqualByComparingTo(new BigDecimal("10000").subtract(price.multiply(new BigDecimal("0.01"))).subtract(fee.setScale(8, java.math.RoundingMode.HALF_UP)));
        }
    }

    @Test
    void aBuyTheQuoteCannotPayWithItsCommissionExpires() throws Exception {
        start(config().withCommission(Commission.QUOTE).withBalances(Map.of("USDT", new BigDecimal("1000"))));
        RawClient rest = new RawClient(sim);
        try (WsApiClient c = WsApiClient.connect(sim)) {
            c.subscribe();
            // all of the quote: the notional fits, the commission on top does not
            JsonNode placed = rest.ok("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quoteOrderQty=1000&newClientOrderId=buy-x");
            assertThat(placed.get("status").asText()).isEqualTo("EXPIRED");
            await(() -> c.reports("buy-x").size() == 2, 10_000);
            JsonNode expired = c.reports("buy-x").get(1);
            assertThat(expired.get("x").asText()).isEqualTo("EXPIRED");
            assertThat(expired.get("X").asText()).isEqualTo("EXPIRED");
            assertThat(expired.get("z").asText()).isEqualTo("0.00000000");
            assertThat(rest.balance("USDT").get("free").asText()).isEqualTo("1000.00000000");
        }
    }

    @Test
    void aRestingStopLossIsReportedNewUntriggeredThenFilledWhenTheReplayTradesThroughIt() throws Exception {
        start(SimConfig.of(SimExchangeRawTest.SERIES).withSpeed(240));
        RawClient rest = new RawClient(sim);
        try (WsApiClient c = WsApiClient.connect(sim)) {
            c.subscribe();
            String stop = rest.placeStopThatTriggers("stop-1");
            await(() -> c.reports("stop-1").size() == 2, 20_000);
            JsonNode nw = c.reports("stop-1").get(0);
            assertThat(nw.get("x").asText()).isEqualTo("NEW");
            assertThat(nw.get("o").asText()).isEqualTo("STOP_LOSS");
            assertThat(nw.get("w").asBoolean()).isFalse();
            assertThat(nw.get("P").asText()).isEqualTo(new BigDecimal(stop).setScale(8).toPlainString());
            JsonNode filled = c.reports("stop-1").get(1);
            assertThat(filled.get("x").asText()).isEqualTo("TRADE");
            assertThat(filled.get("X").asText()).isEqualTo("FILLED");
            assertThat(filled.get("z").asText()).isEqualTo("0.50000000");
            assertThat(new BigDecimal(filled.get("L").asText())).isLessThanOrEqualTo(new BigDecimal(stop));
            assertThat(filled.get("N").asText()).isEqualTo("USDT");
            assertThat(filled.has("W")).isTrue();
        }
    }

    @Test
    void aCancelCarriesTheCancelsIdInCAndTheOrdersInBigC() throws Exception {
        start(config());
        RawClient rest = new RawClient(sim);
        try (WsApiClient c = WsApiClient.connect(sim)) {
            c.subscribe();
            rest.ok("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.5&stopPrice=" + RawClient.below(sim, 0.5)
                    + "&newClientOrderId=stop-c");
            JsonNode canceled = rest.ok("DELETE", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=stop-c&newClientOrderId=cx-1");
            assertThat(canceled.get("clientOrderId").asText()).isEqualTo("cx-1");
            await(() -> c.reports("stop-c").size() == 2, 10_000);
            JsonNode r = c.reports("stop-c").get(1);
            assertThat(r.get("x").asText()).isEqualTo("CANCELED");
            assertThat(r.get("X").asText()).isEqualTo("CANCELED");
            assertThat(r.get("c").asText()).isEqualTo("cx-1");
            assertThat(r.get("C").asText()).isEqualTo("stop-c");
        }
    }

    @Test
    void aCancelReplaceWhoseNewOrderFailsReportsTheCancelAndARejection() throws Exception {
        start(config());
        RawClient rest = new RawClient(sim);
        try (WsApiClient c = WsApiClient.connect(sim)) {
            c.subscribe();
            rest.ok("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.5&stopPrice=" + RawClient.below(sim, 0.5)
                    + "&newClientOrderId=s-1");
            // a SELL stop above the market would trigger at once: refused after the cancel went through
            var r = rest.signed("POST", "/api/v3/order/cancelReplace", "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.5&stopPrice="
                    + RawClient.below(sim, -0.5) + "&cancelReplaceMode=STOP_ON_FAILURE&cancelOrigClientOrderId=s-1&newClientOrderId=s-2");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
            await(() -> c.reports("s-2").size() == 1 && c.reports("s-1").size() == 2, 10_000);
            assertThat(c.reports("s-1").get(1).get("x").asText()).isEqualTo("CANCELED");
            JsonNode rejected = c.reports("s-2").get(0);
            assertThat(rejected.get("x").asText()).isEqualTo("REJECTED");
            assertThat(rejected.get("X").asText()).isEqualTo("REJECTED");
            assertThat(rejected.get("r").asText()).isEqualTo("STOP_PRICE_WOULD_TRIGGER_IMMEDIATELY");
        }
    }

    @Test
    void theServerPingsAndEndsAConnectionAtItsLifetimeAfterAServerShutdownEvent() throws Exception {
        start(config().withWsApi(new WsApiSettings(100, 1_500, 600)));
        long beforeConnect = System.currentTimeMillis();
        try (WsApiClient c = WsApiClient.connect(sim)) {
            c.subscribe();
            String closed = c.closed.get(15, TimeUnit.SECONDS);
            long closedAt = System.currentTimeMillis();
            assertThat(closed).isEqualTo("1001 connection lifetime reached");
            List<JsonNode> shutdown = c.messages.stream().filter(m -> m.path("event").path("e").asText().equals("serverShutdown")).toList();
            assertThat(shutdown).hasSize(1);
            assertThat(shutdown.get(0).has("subscriptionId")).isFalse();
            long noticeAt = shutdown.get(0).get("event").get("E").asLong();
            // the notice 0.9 s into the connection, the close 0.6 s after it (the server opened it after beforeConnect)
            assertThat(noticeAt - beforeConnect).isGreaterThanOrEqualTo(900);
            assertThat(closedAt - noticeAt).isGreaterThanOrEqualTo(590);
            assertThat(closedAt - beforeConnect).isGreaterThanOrEqualTo(1_500);
            // a ping each 100 ms over 1.5 s is 14; a loaded machine delays the replay loop that sends them
            assertThat(c.pings.get()).isGreaterThanOrEqualTo(3);
            assertThat(sim.wsApiPingsSent()).isEqualTo(c.pings.get());
            assertThat(sim.wsApiShutdownsSent()).isEqualTo(1);
            assertThat(sim.wsApiConnectionsCutAtLifetime()).isEqualTo(1);
            assertThat(sim.wsApiConnections()).isZero();
        }
    }
}
