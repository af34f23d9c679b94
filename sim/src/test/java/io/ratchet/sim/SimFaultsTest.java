package io.ratchet.sim;

import static io.ratchet.sim.SimExchangeXChangeTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Faults after the exchange acted, aimed bursts and rejections, the ORDERS limit: with plain HTTP. */
class SimFaultsTest {
    SimExchange sim;
    RawClient rest;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private void start(SimConfig cfg) {
        sim = new SimExchange(cfg).start();
        rest = new RawClient(sim);
    }

    private void start() {
        start(SimConfig.of(SimExchangeRawTest.SERIES).withSpeed(1));
    }

    private List<JsonNode> ordersWithClientId(String id) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        rest.allOrders().forEach(o -> {
            if (o.get("clientOrderId").asText().equals(id)) {
                out.add(o);
            }
        });
        return out;
    }

    private static int code(HttpResponse<String> r) throws Exception {
        return RawClient.JSON.readTree(r.body()).get("code").asInt();
    }

    @Test
    void aReplyLostAs503AfterTheOrderFilled() throws Exception {
        start();
        AimedFault lost = sim.faults().loseReplyNext("POST /api/v3/order SELL", LostReply.STATUS_503);
        // a BUY is not aimed at
        assertThat(rest.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=b-1")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> r = rest.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&newClientOrderId=exit-1");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(code(r)).isEqualTo(-1000);
        assertThat(lost.served()).isEqualTo(1);
        List<JsonNode> placed = ordersWithClientId("exit-1");
        assertThat(placed).hasSize(1);
        assertThat(placed.get(0).get("status").asText()).isEqualTo("FILLED");
        assertThat(sim.filledByClientId()).containsEntry("exit-1", 1);
        // one shot: the next SELL is answered
        assertThat(rest.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&newClientOrderId=exit-2")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aReplyLostByAClosedConnectionAfterTheOrderFilled() throws Exception {
        start();
        AimedFault lost = sim.faults().loseReplyNext("POST /api/v3/order SELL MARKET", LostReply.CLOSE);
        assertThatThrownBy(() -> rest.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&newClientOrderId=exit-c"))
                .isInstanceOf(IOException.class);
        assertThat(lost.served()).isEqualTo(1);
        List<JsonNode> placed = ordersWithClientId("exit-c");
        assertThat(placed).hasSize(1);
        assertThat(placed.get(0).get("status").asText()).isEqualTo("FILLED");
        assertThat(rest.balance("BTC").get("free").asText()).isEqualTo("0.99000000");
    }

    @Test
    void aCancelWhoseReplyIsLostStillCanceled() throws Exception {
        start();
        rest.ok("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.5&stopPrice=" + RawClient.below(sim, 0.5)
                + "&newClientOrderId=stop-l");
        AimedFault lost = sim.faults().loseReplyNext("DELETE /api/v3/order", LostReply.CLOSE);
        assertThatThrownBy(() -> rest.signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=stop-l")).isInstanceOf(IOException.class);
        assertThat(lost.served()).isEqualTo(1);
        assertThat(ordersWithClientId("stop-l").get(0).get("status").asText()).isEqualTo("CANCELED");
    }

    @Test
    void aBurstOf429AimedAtSellMarketIsCountedAndProcessesNothing() throws Exception {
        start();
        AimedFault burst = sim.faults().rateLimitBurst("POST /api/v3/order SELL MARKET", 3, 2);
        assertThat(rest.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01").statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = rest.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01");
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(code(r)).isEqualTo(-1003);
        }
        assertThat(burst.served()).isEqualTo(3);
        assertThat(rest.allOrders().size()).isEqualTo(1);
        assertThat(rest.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01").statusCode()).isEqualTo(200);
        assertThat(burst.served()).isEqualTo(3);
        assertThat(burst.left()).isZero();
    }

    @Test
    void aBurstOfTimestampErrorsAimedAtCancelReplace() throws Exception {
        start();
        String stop1 = RawClient.below(sim, 0.5);
        String stop2 = RawClient.below(sim, 0.4);
        rest.ok("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.5&stopPrice=" + stop1 + "&newClientOrderId=t-1");
        AimedFault burst = sim.faults().timestampBurst("POST /api/v3/order/cancelReplace", 2);
        String replace = "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.5&stopPrice=" + stop2
                + "&cancelReplaceMode=STOP_ON_FAILURE&cancelOrigClientOrderId=t-1&newClientOrderId=t-2";
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = rest.signed("POST", "/api/v3/order/cancelReplace", replace);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(code(r)).isEqualTo(-1021);
        }
        // a plain order is not aimed at
        assertThat(rest.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01").statusCode()).isEqualTo(200);
        assertThat(ordersWithClientId("t-1").get(0).get("status").asText()).isEqualTo("NEW");
        assertThat(rest.signed("POST", "/api/v3/order/cancelReplace", replace).statusCode()).isEqualTo(200);
        assertThat(burst.served()).isEqualTo(2);
    }

    @Test
    void theNextOrderRefusedByAFilterAndThenByTheBalance() throws Exception {
        start();
        AimedFault lot = sim.faults().rejectNext("POST /api/v3/order SELL", Rejection.LOT_SIZE);
        HttpResponse<String> r = rest.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&newClientOrderId=r-1");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"code\":-1013,\"msg\":\"Filter failure: LOT_SIZE\"}");
        AimedFault balance = sim.faults().rejectNext("POST /api/v3/order SELL", Rejection.BALANCE);
        r = rest.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&newClientOrderId=r-2");
        assertThat(r.body()).isEqualTo("{\"code\":-2010,\"msg\":\"Account has insufficient balance for requested action.\"}");
        assertThat(lot.served()).isEqualTo(1);
        assertThat(balance.served()).isEqualTo(1);
        assertThat(rest.allOrders().size()).isZero();
    }

    @Test
    void aClientIdIsUniqueOnlyAmongOpenOrders_aReusedIdFillsAgain() throws Exception {
        start();
        rest.ok("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&newClientOrderId=exit-1");
        // the first is done, so Binance takes the same id again: a second SELL
        JsonNode again = rest.ok("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&newClientOrderId=exit-1");
        assertThat(again.get("status").asText()).isEqualTo("FILLED");
        assertThat(sim.filledByClientId()).isEqualTo(Map.of("exit-1", 2));
        assertThat(ordersWithClientId("exit-1")).hasSize(2);
        assertThat(rest.balance("BTC").get("free").asText()).isEqualTo("0.98000000");
    }

    @Test
    void theOrdersLimitRefusesACancelReplaceSpammer() throws Exception {
        // a limit of 20, so that 20 requests fit in 10 s even on a loaded machine
        start(SimConfig.of(SimExchangeRawTest.SERIES).withSpeed(1).withOrdersPer10s(20));
        JsonNode limits = RawClient.JSON.readTree(rest.http.send(java.net.http.HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/v3/exchangeInfo"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).get("rateLimits");
        assertThat(limits.get(1).toString()).isEqualTo("{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":20}");
        String low = RawClient.below(sim, 0.5);
        String lower = RawClient.below(sim, 0.6);
        rest.ok("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.5&stopPrice=" + low + "&newClientOrderId=s0");
        for (int i = 1; i < 20; i++) {
            HttpResponse<String> ok = rest.signed("POST", "/api/v3/order/cancelReplace", "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.5&stopPrice="
                    + (i % 2 == 0 ? low : lower) + "&cancelReplaceMode=STOP_ON_FAILURE&cancelOrigClientOrderId=s" + (i - 1) + "&newClientOrderId=s" + i);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-MBX-ORDER-COUNT-10S")).hasValue(Integer.toString(i + 1));
        }
        HttpResponse<String> r = rest.signed("POST", "/api/v3/order/cancelReplace", "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.5&stopPrice="
                + low + "&cancelReplaceMode=STOP_ON_FAILURE&cancelOrigClientOrderId=s19&newClientOrderId=s20");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.body()).isEqualTo("{\"code\":-1015,\"msg\":\"Too many new orders; current limit is 20 orders per TEN_SECOND.\"}");
        assertThat(Integer.parseInt(r.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 10);
        assertThat(sim.ordersRefusedByRateLimit()).isEqualTo(1);
        // refused whole: the stop it would have replaced is still there
        JsonNode open = rest.ok("GET", "/api/v3/openOrders", "symbol=BTCUSDT");
        assertThat(open.size()).isEqualTo(1);
        assertThat(open.get(0).get("clientOrderId").asText()).isEqualTo("s19");
        assertThat(rest.signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01").statusCode()).isEqualTo(429);
    }

    @Test
    void filtersAsBinanceChecksThem() throws Exception {
        start();
        JsonNode info = RawClient.JSON.readTree(rest.http.send(java.net.http.HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/v3/exchangeInfo"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).get("symbols").get(0).get("filters");
        assertThat(info.get(2).toString()).isEqualTo("{\"filterType\":\"MARKET_LOT_SIZE\",\"minQty\":\"0.00000000\",\"maxQty\":\"100.00000000\",\"stepSize\":\"0.00000000\"}");
        assertRefused("side=BUY&type=MARKET&quantity=100.00001", "Filter failure: MARKET_LOT_SIZE");
        assertRefused("side=BUY&type=MARKET&quantity=0.000001", "Filter failure: LOT_SIZE");
        assertRefused("side=BUY&type=LIMIT&timeInForce=GTC&quantity=9000.00001&price=0.10", "Filter failure: LOT_SIZE");
        assertRefused("side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=1000000.01", "Filter failure: PRICE_FILTER");
        assertRefused("side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.005", "Filter failure: PRICE_FILTER");
        assertRefused("side=SELL&type=STOP_LOSS&quantity=0.5&stopPrice=100.001", "Filter failure: PRICE_FILTER");
        assertRefused("side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.0001&price=100.00", "Filter failure: NOTIONAL");
        assertRefused("side=BUY&type=LIMIT&timeInForce=GTC&quantity=9000&price=1001.00", "Filter failure: NOTIONAL");
        // over MARKET_LOT_SIZE is fine for a LIMIT (LOT_SIZE allows 9000)
        JsonNode limit = rest.ok("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=200&price=0.10");
        assertThat(limit.get("status").asText()).isEqualTo("NEW");
    }

    private void assertRefused(String params, String msg) throws Exception {
        HttpResponse<String> r = rest.signed("POST", "/api/v3/order", "symbol=BTCUSDT&" + params);
        assertThat(r.statusCode()).as(params).isEqualTo(400);
        assertThat(r.body()).as(params).isEqualTo("{\"code\":-1013,\"msg\":\"" + msg + "\"}");
    }

    @Test
    void theStreamsDropRightAfterTheNextFillAndItsReportIsLost() throws Exception {
        start(SimConfig.of(SimExchangeRawTest.SERIES).withSpeed(60));
        List<String> trades = new CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Integer> marketClosed = new java.util.concurrent.CompletableFuture<>();
        var market = rest.http.newWebSocketBuilder().buildAsync(URI.create(sim.wsUrl() + "ws/btcusdt@trade"), new java.net.http.WebSocket.Listener() {
            @Override
            public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                trades.add(data.toString());
                ws.request(1);
                return null;
            }

            @Override
            public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket ws, int status, String reason) {
                marketClosed.complete(status);
                return null;
            }
        }).get(5, TimeUnit.SECONDS);
        try (WsApiClient user = WsApiClient.connect(sim)) {
            user.subscribe();
            await(() -> sim.streamConnections() == 1, 10_000);
            sim.faults().dropStreamsAfterNextFill();
            rest.ok("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01&newClientOrderId=d-1");
            assertThat(marketClosed.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
            // The server's side is the evidence: JDK 17's WebSocket now and then misses an abrupt
            // close altogether (no onClose, writes still "succeed"), so the client's view is not.
            await(() -> sim.wsApiConnections() == 0 && sim.userStreamSubscriptions() == 0, 10_000);
            assertThat(sim.faults().streamDropsAfterFill()).isEqualTo(1);
            // NEW came through, the fill's report died with the connection
            assertThat(user.reports("d-1")).extracting(r -> r.get("x").asText()).containsExactly("NEW");
            assertThat(ordersWithClientId("d-1").get(0).get("status").asText()).isEqualTo("FILLED");
        } finally {
            market.abort();
        }
    }
}
