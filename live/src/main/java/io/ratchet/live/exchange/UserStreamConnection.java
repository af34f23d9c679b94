package io.ratchet.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to Binance's WebSocket API: requests matched to their replies by id, events
 * handed on, the close reported once. Pings need nothing here: the JDK's WebSocket answers
 * each Ping with a Pong by itself unless the listener sends its own (JdkPongTest shows it).
 */
final class UserStreamConnection implements WebSocket.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(UserStreamConnection.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    interface Handler {
        /** An event of a subscription (the {@code event} object). */
        void onEvent(UserStreamConnection from, JsonNode event);

        /** The server said it will close this connection soon. */
        void onShutdownNotice(UserStreamConnection from);

        void onClosed(UserStreamConnection from, String why);
    }

    private final Handler handler;
    private final String name;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final StringBuilder text = new StringBuilder();
    private final AtomicBoolean closedByUs = new AtomicBoolean();
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile boolean endedByPeer;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile WebSocket ws;

    private UserStreamConnection(Handler handler, String name) {
        this.handler = handler;
        this.name = name;
    }

    static CompletableFuture<UserStreamConnection> open(HttpClient http, URI uri, String name, Handler handler) {
        UserStreamConnection c = new UserStreamConnection(handler, name);
        return http.newWebSocketBuilder().buildAsync(uri, c).thenApply(ws -> {
            c.ws = ws;
            return c;
        });
    }

    /** Sends a request whose {@code id} field is {@code id}; completes with the reply. */
    CompletableFuture<JsonNode> request(String id, String json) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ws.sendText(json, true).whenComplete((w, e) -> {
            if (e != null) {
                pending.remove(id);
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }

    /** Whether the server or the network ended it before we closed it. */
    boolean endedByPeer() {
        return endedByPeer;
    }

    /** Ends the connection politely (a close frame), e.g. once its successor is subscribed. */
    void close() {
        closedByUs.set(true);
        WebSocket w = ws;
        if (w != null) {
            w.sendClose(WebSocket.NORMAL_CLOSURE, "renewed").whenComplete((x, e) -> w.abort());
        }
    }

    void abort() {
        closedByUs.set(true);
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
    }

    /** Nanoseconds since anything (a message, a ping, a pong) last came in. */
    long silentNanos() {
        return System.nanoTime() - lastHeardNanos;
    }

    /**
     * Pings the server. A closed peer can go unnoticed by the reader; a write to it fails,
     * and that failure ends the connection here.
     */
    void ping() {
        WebSocket w = ws;
        if (w != null) {
            w.sendPing(java.nio.ByteBuffer.allocate(0)).whenComplete((x, e) -> {
                if (e != null) {
                    fail("ping failed: " + e);
                }
            });
        }
    }

    /** Gives the connection up from our side (silent, or a write failed) and reports it ended. */
    void fail(String why) {
        endedByPeer = true;
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
        ended(why);
    }

    @Override
    public CompletionStage<?> onPing(WebSocket w, java.nio.ByteBuffer message) {
        lastHeardNanos = System.nanoTime();
        w.request(1);
        // null: the JDK then sends the Pong itself
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket w, java.nio.ByteBuffer message) {
        lastHeardNanos = System.nanoTime();
        w.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        lastHeardNanos = System.nanoTime();
        text.append(data);
        if (last) {
            String message = text.toString();
            text.setLength(0);
            try {
                dispatch(JSON.readTree(message));
            } catch (Exception e) {
                // a bad message or a failing handler must not kill the connection's reader
                LOG.warn("{}: a WebSocket API message could not be handled", name, e);
            }
        }
        w.request(1);
        return null;
    }

    private void dispatch(JsonNode m) {
        JsonNode id = m.get("id");
        if (id != null && !id.isNull() && m.has("status")) {
            CompletableFuture<JsonNode> reply = pending.remove(id.asText());
            if (reply != null) {
                reply.complete(m);
            }
            return;
        }
        JsonNode event = m.get("event");
        if (event == null) {
            return;
        }
        if (event.path("e").asText().equals("serverShutdown")) {
            handler.onShutdownNotice(this);
        } else {
            handler.onEvent(this, event);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
        ended("closed by the server: " + statusCode + (reason.isEmpty() ? "" : " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket w, Throwable error) {
        ended("failed: " + error);
    }

    private void ended(String why) {
        if (!closedByUs.get()) {
            endedByPeer = true;
        }
        pending.values().forEach(f -> f.completeExceptionally(new java.io.IOException("connection " + why)));
        pending.clear();
        if (reported.compareAndSet(false, true)) {
            handler.onClosed(this, why);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
