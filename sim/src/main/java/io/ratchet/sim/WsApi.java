package io.ratchet.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Binance's WebSocket API at {@code /ws-api/v3}, the part that carries the user data stream:
 * {@code ping}, {@code time}, {@code userDataStream.subscribe.signature},
 * {@code userDataStream.unsubscribe}, {@code session.subscriptions}. Requests are
 * {@code {"id","method","params"}}; replies {@code {"id","status":200,"result"}} or
 * {@code {"id","status":4xx,"error":{"code","msg"}}}; events
 * {@code {"subscriptionId":N,"event":{...}}}. The server pings every connection and closes it at
 * the end of its lifetime, a {@code serverShutdown} event ahead of that.
 */
final class WsApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class Conn {
        final WsContext ctx;
        final long openedAt;
        long lastPing;
        boolean noticeSent;
        final Set<Integer> subscriptions = ConcurrentHashMap.newKeySet();
        final AtomicInteger nextSubscription = new AtomicInteger();

        Conn(WsContext ctx, long openedAt) {
            this.ctx = ctx;
            this.openedAt = openedAt;
            this.lastPing = openedAt;
        }

        synchronized void send(String text) {
            ctx.send(text);
        }
    }

    private final Map<String, Conn> conns = new ConcurrentHashMap<>();
    private final String apiKey;
    private final String apiSecret;
    private final WsApiSettings settings;
    private final LongSupplier wall;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger pingsSent = new AtomicInteger();
    private final AtomicInteger shutdownsSent = new AtomicInteger();
    private final AtomicInteger cutAtLifetime = new AtomicInteger();

    WsApi(String apiKey, String apiSecret, WsApiSettings settings, LongSupplier wall) {
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.settings = settings;
        this.wall = wall;
    }

    void onConnect(WsContext ctx) {
        opened.incrementAndGet();
        conns.put(ctx.sessionId(), new Conn(ctx, wall.getAsLong()));
    }

    void onClose(WsContext ctx) {
        conns.remove(ctx.sessionId());
    }

    int connections() {
        return conns.size();
    }

    int opened() {
        return opened.get();
    }

    int subscriptions() {
        return conns.values().stream().mapToInt(c -> c.subscriptions.size()).sum();
    }

    int pingsSent() {
        return pingsSent.get();
    }

    int shutdownsSent() {
        return shutdownsSent.get();
    }

    int cutAtLifetime() {
        return cutAtLifetime.get();
    }

    void onMessage(WsContext ctx, String text) {
        Conn c = conns.get(ctx.sessionId());
        if (c == null) {
            return;
        }
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (Exception e) {
            c.send(error(null, 400, -1000, "Invalid JSON: the request is not a JSON object").toString());
            return;
        }
        JsonNode id = m.get("id");
        JsonNode params = m.path("params");
        ObjectNode reply;
        try {
            reply = JSON.createObjectNode();
            reply.set("id", id);
            reply.put("status", 200);
            reply.set("result", switch (m.path("method").asText()) {
                case "ping" -> JSON.createObjectNode();
                case "time" -> JSON.createObjectNode().put("serverTime", wall.getAsLong());
                case "userDataStream.subscribe.signature" -> {
                    checkSignature(params);
                    int sub = c.nextSubscription.getAndIncrement();
                    c.subscriptions.add(sub);
                    yield JSON.createObjectNode().put("subscriptionId", sub);
                }
                case "userDataStream.unsubscribe" -> {
                    if (params.has("subscriptionId")) {
                        c.subscriptions.remove(params.get("subscriptionId").asInt());
                    } else {
                        c.subscriptions.clear();
                    }
                    yield JSON.createObjectNode();
                }
                case "session.subscriptions" -> {
                    ArrayNode a = JSON.createArrayNode();
                    c.subscriptions.stream().sorted().forEach(s -> a.addObject().put("subscriptionId", s));
                    yield a;
                }
                default -> throw ApiException.badRequest(-1000, "Unknown method: " + m.path("method").asText());
            });
        } catch (ApiException e) {
            reply = error(id, e.status, e.code, e.getMessage());
        }
        c.send(reply.toString());
    }

    private static ObjectNode error(JsonNode id, int status, int code, String msg) {
        ObjectNode r = JSON.createObjectNode();
        r.set("id", id);
        r.put("status", status);
        r.putObject("error").put("code", code).put("msg", msg);
        return r;
    }

    /** The signature: hex HMAC-SHA256 of every other parameter, sorted by name, as {@code k=v&...}. */
    private void checkSignature(JsonNode params) {
        String key = params.path("apiKey").asText("");
        if (key.isBlank()) {
            throw ApiException.missing("apiKey");
        }
        if (!key.matches("[A-Za-z0-9-_]{1,128}")) {
            throw new ApiException(401, -2014, "API-key format invalid.");
        }
        if (!key.equals(apiKey)) {
            throw new ApiException(401, -2015, "Invalid API-key, IP, or permissions for action.");
        }
        if (!params.hasNonNull("timestamp")) {
            throw ApiException.missing("timestamp");
        }
        if (!params.hasNonNull("signature")) {
            throw ApiException.missing("signature");
        }
        Map<String, String> sorted = new TreeMap<>();
        params.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("signature")) {
                sorted.put(f.getKey(), f.getValue().asText());
            }
        });
        StringBuilder payload = new StringBuilder();
        sorted.forEach((k, v) -> payload.append(payload.length() == 0 ? "" : "&").append(k).append('=').append(v));
        if (!Signature.hmac(apiSecret, payload.toString()).equalsIgnoreCase(params.get("signature").asText())) {
            throw ApiException.badRequest(-1022, "Signature for this request is not valid.");
        }
        long recvWindow = params.path("recvWindow").asLong(5000);
        if (recvWindow > 60_000) {
            throw ApiException.badRequest(-1102, "'recvWindow' contains unexpected value. Cannot be greater than 60000.");
        }
        long timestamp = params.get("timestamp").asLong();
        long now = wall.getAsLong();
        if (now - timestamp > recvWindow) {
            throw ApiException.badRequest(-1021, "Timestamp for this request is outside of the recvWindow.");
        }
        if (timestamp >= now + 1000) {
            throw ApiException.badRequest(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
        }
    }

    /** An event to every subscription, in the order published. */
    void publish(ObjectNode event) {
        for (Conn c : conns.values()) {
            for (int sub : c.subscriptions) {
                ObjectNode wrap = JSON.createObjectNode();
                wrap.put("subscriptionId", sub);
                wrap.set("event", event);
                trySend(c, wrap.toString());
            }
        }
    }

    private void trySend(Conn c, String text) {
        try {
            c.send(text);
        } catch (RuntimeException e) {
            conns.remove(c.ctx.sessionId());
        }
    }

    /** Cuts every connection at once, no close handshake: a network failure as the client sees it. */
    void dropAll() {
        for (Iterator<Conn> it = conns.values().iterator(); it.hasNext(); ) {
            Conn c = it.next();
            it.remove();
            try {
                c.ctx.session.disconnect();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(WsApi.class).warn("dropping a WebSocket API connection failed", e);
            }
        }
    }

    /** Pings, shutdown notices and the end of a connection's lifetime; called by the replay loop. */
    void maintain() {
        long now = wall.getAsLong();
        List<Conn> expired = new ArrayList<>();
        for (Conn c : conns.values()) {
            long age = now - c.openedAt;
            // a late loop still sends the notice before the close, if with less lead
            if (!c.noticeSent && age >= settings.lifetimeMillis() - settings.shutdownNoticeMillis()) {
                c.noticeSent = true;
                shutdownsSent.incrementAndGet();
                ObjectNode e = JSON.createObjectNode();
                e.putObject("event").put("e", "serverShutdown").put("E", now);
                trySend(c, e.toString());
            }
            if (age >= settings.lifetimeMillis()) {
                expired.add(c);
                continue;
            }
            if (now - c.lastPing >= settings.pingMillis()) {
                c.lastPing = now;
                try {
                    synchronized (c) {
                        c.ctx.sendPing(ByteBuffer.wrap(Long.toString(now).getBytes(StandardCharsets.US_ASCII)));
                    }
                    pingsSent.incrementAndGet();
                } catch (RuntimeException e) {
                    conns.remove(c.ctx.sessionId());
                }
            }
        }
        for (Conn c : expired) {
            conns.remove(c.ctx.sessionId());
            cutAtLifetime.incrementAndGet();
            try {
                c.ctx.closeSession(1001, "connection lifetime reached");
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }
}
