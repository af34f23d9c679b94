package io.ratchet.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A bare WebSocket API client: sends requests, keeps every message, counts pings, notes the close. */
final class WsApiClient implements WebSocket.Listener, AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    final AtomicInteger pings = new AtomicInteger();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder buf = new StringBuilder();
    private final AtomicInteger ids = new AtomicInteger();
    private WebSocket ws;

    static WsApiClient connect(SimExchange sim) throws Exception {
        WsApiClient c = new WsApiClient();
        c.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(sim.wsApiUrl()), c).get(5, TimeUnit.SECONDS);
        return c;
    }

    /** Sends {@code method} with {@code params} (a JSON object or null) and waits for the reply with its id. */
    JsonNode request(String method, String params) throws Exception {
        String id = "r" + ids.incrementAndGet();
        ws.sendText("{\"id\":\"" + id + "\",\"method\":\"" + method + "\"" + (params == null ? "" : ",\"params\":" + params) + "}", true)
                .get(5, TimeUnit.SECONDS);
        SimExchangeXChangeTest.await(() -> messages.stream().anyMatch(m -> m.path("id").asText().equals(id)), 5_000);
        return messages.stream().filter(m -> m.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    /** {@code userDataStream.subscribe.signature} signed with {@code secret} at {@code timestamp}. */
    JsonNode subscribe(String key, String secret, long timestamp) throws Exception {
        String payload = "apiKey=" + key + "&recvWindow=5000&timestamp=" + timestamp;
        String sig = Signature.hmac(secret, payload);
        return request("userDataStream.subscribe.signature",
                "{\"apiKey\":\"" + key + "\",\"recvWindow\":5000,\"timestamp\":" + timestamp + ",\"signature\":\"" + sig + "\"}");
    }

    JsonNode subscribe() throws Exception {
        return subscribe(SimConfig.DEFAULT_KEY, SimConfig.DEFAULT_SECRET, System.currentTimeMillis());
    }

    /** The events of type {@code e} received so far (the {@code event} objects). */
    List<JsonNode> events(String e) {
        return messages.stream().filter(m -> m.path("event").path("e").asText().equals(e)).map(m -> m.get("event")).toList();
    }

    /** executionReports about the order with this client id (a cancel's names it in C). */
    List<JsonNode> reports(String clientId) {
        return events("executionReport").stream()
                .filter(r -> r.get("c").asText().equals(clientId) || r.get("C").asText().equals(clientId)).toList();
    }

    @Override
    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        buf.append(data);
        if (last) {
            try {
                messages.add(JSON.readTree(buf.toString()));
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + buf, e);
            }
            buf.setLength(0);
        }
        w.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket w, ByteBuffer message) {
        pings.incrementAndGet();
        w.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket w, Throwable error) {
        closed.complete("error " + error);
    }

    @Override
    public void close() {
        ws.abort();
    }
}
