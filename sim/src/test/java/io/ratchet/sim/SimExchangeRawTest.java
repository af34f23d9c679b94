package io.ratchet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import io.ratchet.data.rest.KlineDownloader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The parts XChange 5.2.4 does not call, with plain signed HTTP: what the live runner sends itself. */
class SimExchangeRawTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final KlineSeries SERIES = SyntheticKlines.randomWalk("BTCUSDT", Interval.M1, 5000, 3);
    final HttpClient http = HttpClient.newHttpClient();
    SimExchange sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private HttpResponse<String> signed(String method, String path, String params) throws Exception {
        String q = params + "&timestamp=" + System.currentTimeMillis();
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

    @Test
    void theDocumentedSignatureVector() {
        assertThat(Signature.hmac("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j",
                "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"))
                .isEqualTo("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
    }

    @Test
    void cancelReplaceMovesAStopAndDuplicateClientIdsAreRefused() throws Exception {
        sim = new SimExchange(SimConfig.of(SERIES).withSpeed(1)).start();
        double last = sim.lastPrice();
        String stop1 = String.format(java.util.Locale.ROOT, "%.2f", last * 0.9);
        String stop2 = String.format(java.util.Locale.ROOT, "%.2f", last * 0.95);
        HttpResponse<String> placed = signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.5&stopPrice=" + stop1 + "&newClientOrderId=pos1-stop-1");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
        HttpResponse<String> dup = signed("POST", "/api/v3/order",
                "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.1&stopPrice=" + stop1 + "&newClientOrderId=pos1-stop-1");
        assertThat(dup.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(dup.body()).get("code").asInt()).isEqualTo(-2010);
        assertThat(dup.body()).contains("Duplicate order sent.");

        HttpResponse<String> replaced = signed("POST", "/api/v3/order/cancelReplace", "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.5"
                + "&stopPrice=" + stop2 + "&cancelReplaceMode=STOP_ON_FAILURE&cancelOrigClientOrderId=pos1-stop-1&newClientOrderId=pos1-stop-2");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonNode r = JSON.readTree(replaced.body());
        assertThat(r.get("cancelResult").asText()).isEqualTo("SUCCESS");
        assertThat(r.get("newOrderResult").asText()).isEqualTo("SUCCESS");
        JsonNode open = JSON.readTree(signed("GET", "/api/v3/openOrders", "symbol=BTCUSDT").body());
        assertThat(open.size()).isEqualTo(1);
        assertThat(open.get(0).get("clientOrderId").asText()).isEqualTo("pos1-stop-2");
        assertThat(open.get(0).get("stopPrice").asDouble()).isEqualTo(Double.parseDouble(stop2));

        // Cancelling what is gone fails whole under STOP_ON_FAILURE: no second order appears.
        HttpResponse<String> again = signed("POST", "/api/v3/order/cancelReplace", "symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.5"
                + "&stopPrice=" + stop2 + "&cancelReplaceMode=STOP_ON_FAILURE&cancelOrigClientOrderId=pos1-stop-1&newClientOrderId=pos1-stop-3");
        assertThat(again.statusCode()).isEqualTo(400);
        JsonNode a = JSON.readTree(again.body());
        assertThat(a.get("code").asInt()).isEqualTo(-2022);
        assertThat(a.get("data").get("newOrderResult").asText()).isEqualTo("NOT_ATTEMPTED");
        assertThat(JSON.readTree(signed("GET", "/api/v3/openOrders", "symbol=BTCUSDT").body()).size()).isEqualTo(1);
        assertThat(JSON.readTree(signed("GET", "/api/v3/allOrders", "symbol=BTCUSDT").body()).size()).isEqualTo(2);
    }

    @Test
    void ratchetsDownloaderPagesHistoryAndWaitsOutA429() throws Exception {
        sim = new SimExchange(SimConfig.of(SERIES).withSpeed(1)).start();
        sim.faults().rateLimitNext(1, 3);
        List<Long> sleeps = new ArrayList<>();
        KlineDownloader d = new KlineDownloader(URI.create(sim.baseUrl()), http, Clock.systemUTC(), sleeps::add, new KlineDownloader.Listener() {
            @Override
            public void onPage(int barsSoFar, long lastOpenTime) {
            }

            @Override
            public void onWait(String reason, long millis) {
            }
        });
        KlineSeries got = d.download("BTCUSDT", Interval.M1, SERIES.openTime(0), sim.replayStart());
        assertThat(sleeps).containsExactly(3_000L);
        assertThat(got.size()).isEqualTo(2500);
        assertThat(got.closes()).isEqualTo(SERIES.slice(0, 2500).closes());
    }

    @Test
    void rawAndCombinedStreamsCarryTradesAndKlines() throws Exception {
        sim = new SimExchange(SimConfig.of(SERIES).withSpeed(240)).start();
        List<String> raw = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> combined = new java.util.concurrent.CopyOnWriteArrayList<>();
        var l1 = listener(raw);
        var l2 = listener(combined);
        var w1 = http.newWebSocketBuilder().buildAsync(URI.create(sim.wsUrl() + "ws/btcusdt@trade"), l1).get();
        var w2 = http.newWebSocketBuilder().buildAsync(URI.create(sim.wsUrl() + "stream?streams=btcusdt%40trade%2Fbtcusdt%40kline_1m"), l2).get();
        SimExchangeXChangeTest.await(() -> raw.size() >= 5 && combined.stream().anyMatch(s -> s.contains("\"x\":true")), 20_000);
        JsonNode t = JSON.readTree(raw.get(0));
        assertThat(t.get("e").asText()).isEqualTo("trade");
        assertThat(t.get("s").asText()).isEqualTo("BTCUSDT");
        assertThat(t.get("p").isTextual()).isTrue();
        JsonNode k = JSON.readTree(combined.stream().filter(s -> s.contains("\"x\":true")).findFirst().orElseThrow());
        assertThat(k.get("stream").asText()).isEqualTo("btcusdt@kline_1m");
        JsonNode kl = k.get("data").get("k");
        int bar = SERIES.bars().indexOf(kl.get("t").asLong());
        assertThat(kl.get("o").asDouble()).isEqualTo(SERIES.open(bar));
        assertThat(kl.get("h").asDouble()).isEqualTo(SERIES.high(bar));
        assertThat(kl.get("l").asDouble()).isEqualTo(SERIES.low(bar));
        assertThat(kl.get("c").asDouble()).isEqualTo(SERIES.close(bar));
        w1.abort();
        w2.abort();
    }

    private static java.net.http.WebSocket.Listener listener(List<String> into) {
        return new java.net.http.WebSocket.Listener() {
            final StringBuilder buf = new StringBuilder();

            @Override
            public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                buf.append(data);
                if (last) {
                    synchronized (into) {
                        into.add(buf.toString());
                    }
                    buf.setLength(0);
                }
                ws.request(1);
                return null;
            }
        };
    }
}
