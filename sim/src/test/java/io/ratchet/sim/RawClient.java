package io.ratchet.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ratchet.data.kline.KlineSeries;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain signed HTTP against a simulator, as a client that signs its own calls sends them. */
final class RawClient {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    private final SimExchange sim;

    RawClient(SimExchange sim) {
        this.sim = sim;
    }

    HttpResponse<String> signed(String method, String path, String params) throws Exception {
        String q = (params.isEmpty() ? "" : params + "&") + "timestamp=" + System.currentTimeMillis();
        String sig = Signature.hmac(SimConfig.DEFAULT_SECRET, q);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path + "?" + q + "&signature=" + sig))
                .header("X-MBX-APIKEY", SimConfig.DEFAULT_KEY);
        b = switch (method) {
            case "POST" -> b.POST(HttpRequest.BodyPublishers.noBody());
            case "DELETE" -> b.DELETE();
            default -> b.GET();
        };
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode ok(String method, String path, String params) throws Exception {
        HttpResponse<String> r = signed(method, path, params);
        if (r.statusCode() != 200) {
            throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    JsonNode allOrders() throws Exception {
        return ok("GET", "/api/v3/allOrders", "symbol=BTCUSDT");
    }

    JsonNode balance(String asset) throws Exception {
        for (JsonNode b : ok("GET", "/api/v3/account", "").get("balances")) {
            if (b.get("asset").asText().equals(asset)) {
                return b;
            }
        }
        throw new AssertionError("no balance of " + asset);
    }

    /** A price {@code fraction} below the last trade, on the tick grid. */
    static String below(SimExchange sim, double fraction) {
        BigDecimal tick = SimExchange.tickOf(SimExchangeRawTest.SERIES);
        return BigDecimal.valueOf(sim.lastPrice() * (1 - fraction)).setScale(tick.scale(), RoundingMode.DOWN).toPlainString();
    }

    /**
     * A SELL stop below the last trade that the replay will trade through within 40 bars: 0.1 %
     * below, or deeper if the data dips deeper first (the data fix the path; only the moment varies).
     */
    static String stopThatTriggers(SimExchange sim) {
        KlineSeries s = SimExchangeRawTest.SERIES;
        double last = sim.lastPrice();
        double stop = last * (1 - 0.001);
        int bar = (int) ((sim.marketTime() - s.openTime(0)) / s.interval().millis());
        for (int i = bar; i < bar + 40; i++) {
            if (s.low(i) < stop) {
                BigDecimal tick = SimExchange.tickOf(s);
                return BigDecimal.valueOf(stop).setScale(tick.scale(), RoundingMode.DOWN).toPlainString();
            }
        }
        throw new AssertionError("the data do not fall 0.1 % within 40 bars of " + bar + ": pick another seed");
    }

    /**
     * Places a SELL STOP_LOSS of 0.5 that will trigger; returns its stop. The replay may cross
     * the stop between choosing and placing it (-2010 "would trigger immediately"): then again.
     */
    String placeStopThatTriggers(String clientId) throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            String stop = stopThatTriggers(sim);
            HttpResponse<String> r = signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.5&stopPrice=" + stop
                    + "&newClientOrderId=" + clientId);
            if (r.statusCode() == 200) {
                return stop;
            }
            if (!r.body().contains("Order would trigger immediately.")) {
                throw new AssertionError("placing the stop answered " + r.statusCode() + ": " + r.body());
            }
        }
        throw new AssertionError("the replay crossed every stop chosen before it was placed");
    }
}
