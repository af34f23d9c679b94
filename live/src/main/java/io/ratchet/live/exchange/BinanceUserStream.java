package io.ratchet.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ratchet.data.rest.BinanceSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's order updates from Binance's user data stream, subscribed over the WebSocket
 * API with {@code userDataStream.subscribe.signature} (the REST listenKey is gone since
 * 2026-02-20). A connection lasts 24 h: ahead of that, or when the server sends
 * {@code serverShutdown}, a new connection is opened and subscribed before the old one is
 * closed, and reports both deliver are passed on once. After a drop it reconnects with
 * exponential backoff and jitter, telling the listener {@code onUpdatesLost} and, once
 * subscribed again, {@code onUpdatesConnected}. The key and secret go into the signed subscribe
 * request only: never into a log line, a {@code toString} or an exception.
 */
public final class BinanceUserStream implements OrderUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceUserStream.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Refusals that no retry cures: a wrong key, a key without the right, a wrong secret. */
    private static final Set<Integer> PERMANENT = Set.of(-2014, -2015, -1022);

    public static final URI PRODUCTION = URI.create("wss://ws-api.binance.com:443/ws-api/v3");
    public static final URI TESTNET = URI.create("wss://ws-api.testnet.binance.vision/ws-api/v3");

    /**
     * @param lifetime     how long the server keeps a connection (Binance: 24 h)
     * @param renewAhead   a new connection is subscribed this long before the lifetime ends
     * @param minBackoff   the first wait before reconnecting after a drop; doubles per failure
     * @param maxBackoff   the longest wait
     * @param replyTimeout how long a connect or the subscribe reply may take
     * @param silence      a connection that has sent nothing (not even a ping or a pong) this long is
     *                     given up; we ping it four times in that span
     */
    public record Settings(Duration lifetime, Duration renewAhead, Duration minBackoff, Duration maxBackoff, Duration replyTimeout,
                           Duration silence) {
        /** Binance pings every 20 s and cuts at 24 h. */
        public static final Settings BINANCE = new Settings(Duration.ofHours(24), Duration.ofMinutes(30), Duration.ofMillis(500),
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(60));

        public Settings {
            if (renewAhead.compareTo(lifetime) >= 0 || minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
                throw new IllegalArgumentException("user stream settings: renew ahead of a lifetime longer than it, backoff positive and min <= max");
            }
        }
    }

    /** The exchange refused the subscription. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        Refused(int code, String msg) {
            super(code + " " + msg, null, false, false);
            this.code = code;
        }
    }

    private final URI wsApi;
    private final String apiKey;
    private final String apiSecret;
    private final Clock clock;
    private final Settings settings;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService scheduler;
    private final RecentKeys seen = new RecentKeys(4096);
    private final Object dispatch = new Object();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong connectionNumbers = new AtomicLong();
    private final SplittableRandom jitter = new SplittableRandom();
    private final UserStreamConnection.Handler handler = new Handler();
    private volatile Listener listener;
    private volatile boolean closed;
    // the rest is touched on the scheduler thread only
    private UserStreamConnection current;
    private ScheduledFuture<?> renewal;
    private boolean up;
    private boolean lostTold;
    private int failures;

    public BinanceUserStream(URI wsApi, String apiKey, String apiSecret, Clock clock, Settings settings) {
        if (apiKey == null || apiKey.isBlank() || apiSecret == null || apiSecret.isBlank()) {
            throw new IllegalArgumentException("the user data stream needs an API key and secret");
        }
        this.wsApi = wsApi;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.clock = clock;
        this.settings = settings;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "user-stream");
            t.setDaemon(true);
            return t;
        });
    }

    public BinanceUserStream(URI wsApi, String apiKey, String apiSecret, Clock clock) {
        this(wsApi, apiKey, apiSecret, clock, Settings.BINANCE);
    }

    @Override
    public void start(Listener l) {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        listener = l;
        scheduler.execute(this::connect);
        long tick = Math.max(1, settings.silence().toMillis() / 4);
        scheduler.scheduleWithFixedDelay(this::watch, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Pings the current connection and gives it up when it has been silent too long. */
    private void watch() {
        UserStreamConnection c = current;
        if (c == null || closed) {
            return;
        }
        long silentMillis = c.silentNanos() / 1_000_000;
        if (silentMillis > settings.silence().toMillis()) {
            c.fail("silent for " + silentMillis + " ms");
        } else {
            c.ping();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.execute(() -> {
            if (renewal != null) {
                renewal.cancel(false);
            }
            if (current != null) {
                current.close();
                current = null;
            }
        });
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "BinanceUserStream[" + wsApi + "]";
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            current = subscribed();
            failures = 0;
            scheduleRenewal(settings.lifetime().minus(settings.renewAhead()));
            LOG.info("user data stream subscribed on {} ({})", wsApi, current);
            tellConnected();
        } catch (Refused r) {
            tellLost("subscription refused: " + r.getMessage());
            if (PERMANENT.contains(r.code)) {
                LOG.error("user data stream refused by {}: {}; not retrying (check the API key, its permissions and the secret)", wsApi, r.getMessage());
                return;
            }
            reconnectLater();
        } catch (Exception e) {
            tellLost("cannot subscribe: " + describe(e));
            reconnectLater();
        }
    }

    private void reconnectLater() {
        if (closed) {
            return;
        }
        long min = settings.minBackoff().toMillis();
        long base = Math.min(settings.maxBackoff().toMillis(), min << Math.min(failures, 20));
        failures++;
        // half fixed, half random: many clients cut at once do not come back at once
        long delay = base / 2 + jitter.nextLong(base / 2 + 1);
        LOG.info("user data stream: reconnecting in {} ms", delay);
        scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void scheduleRenewal(Duration in) {
        if (renewal != null) {
            renewal.cancel(false);
        }
        renewal = scheduler.schedule(this::renew, Math.max(0, in.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** A new subscribed connection first, then the old one closed: no moment without a subscription. */
    private void renew() {
        UserStreamConnection old = current;
        if (closed || old == null) {
            return;
        }
        try {
            UserStreamConnection next = subscribed();
            current = next;
            scheduleRenewal(settings.lifetime().minus(settings.renewAhead()));
            boolean gap = old.endedByPeer();
            old.close();
            LOG.info("user data stream renewed: {} replaces {}", next, old);
            if (gap) {
                // the old one died before its successor was subscribed: what came in between is unknown
                tellLost("the old connection ended before the new subscription was up");
                tellConnected();
            }
        } catch (Exception e) {
            if (closed) {
                return;
            }
            LOG.warn("user data stream: renewal failed ({}); retrying while the old connection lasts", describe(e));
            scheduleRenewal(settings.minBackoff());
        }
    }

    /** Opens a connection and subscribes on it; the connection is closed again if that fails. */
    private UserStreamConnection subscribed() throws Exception {
        long timeout = settings.replyTimeout().toMillis();
        var opening = UserStreamConnection.open(http, wsApi, "ws-api#" + connectionNumbers.incrementAndGet(), handler);
        UserStreamConnection c;
        try {
            c = opening.get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // it may still open after we gave up on it: then it is closed at once
            opening.thenAccept(UserStreamConnection::abort);
            throw e;
        }
        try {
            String id = "sub-" + ids.incrementAndGet();
            JsonNode reply = c.request(id, subscribeRequest(id)).get(timeout, TimeUnit.MILLISECONDS);
            if (reply.path("status").asInt() != 200) {
                throw new Refused(reply.path("error").path("code").asInt(), reply.path("error").path("msg").asText());
            }
            return c;
        } catch (Exception e) {
            c.abort();
            throw e;
        }
    }

    private String subscribeRequest(String id) {
        long timestamp = clock.millis();
        long recvWindow = 10_000;
        // signed: every parameter but the signature, sorted by name, as a query string
        String payload = "apiKey=" + apiKey + "&recvWindow=" + recvWindow + "&timestamp=" + timestamp;
        ObjectNode r = JSON.createObjectNode();
        r.put("id", id);
        r.put("method", "userDataStream.subscribe.signature");
        r.putObject("params").put("apiKey", apiKey).put("recvWindow", recvWindow).put("timestamp", timestamp)
                .put("signature", BinanceSignature.hmac(apiSecret, payload));
        return r.toString();
    }

    private static String describe(Exception e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof TimeoutException) {
            return "no answer in time";
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private void tellConnected() {
        up = true;
        lostTold = false;
        synchronized (dispatch) {
            try {
                listener.onUpdatesConnected();
            } catch (RuntimeException e) {
                LOG.error("order-updates listener failed in onUpdatesConnected", e);
            }
        }
    }

    /** Once per outage: retries that fail in a row do not repeat it. */
    private void tellLost(String why) {
        if (!up && lostTold) {
            return;
        }
        up = false;
        lostTold = true;
        LOG.warn("user data stream lost: {}", why);
        synchronized (dispatch) {
            try {
                listener.onUpdatesLost(why);
            } catch (RuntimeException e) {
                LOG.error("order-updates listener failed in onUpdatesLost", e);
            }
        }
    }

    private final class Handler implements UserStreamConnection.Handler {
        @Override
        public void onEvent(UserStreamConnection from, JsonNode event) {
            if (!event.path("e").asText().equals("executionReport")) {
                return;
            }
            synchronized (dispatch) {
                if (!seen.firstTime(ExecutionReportJson.identity(event))) {
                    return;
                }
                ExecutionReport r;
                try {
                    r = ExecutionReportJson.parse(event);
                } catch (RuntimeException e) {
                    LOG.warn("an executionReport could not be read: {}", event, e);
                    return;
                }
                try {
                    listener.onExecution(r);
                } catch (RuntimeException e) {
                    LOG.error("order-updates listener failed on {} {} of order {}", r.executionType(), r.status(), r.orderId(), e);
                }
            }
        }

        @Override
        public void onShutdownNotice(UserStreamConnection from) {
            LOG.info("user data stream: {} announced serverShutdown; renewing", from);
            scheduler.execute(() -> {
                if (from == current) {
                    renew();
                }
            });
        }

        @Override
        public void onClosed(UserStreamConnection from, String why) {
            if (closed) {
                return;
            }
            scheduler.execute(() -> {
                if (from != current) {
                    return;
                }
                current = null;
                if (renewal != null) {
                    renewal.cancel(false);
                }
                tellLost("connection " + why);
                reconnectLater();
            });
        }
    }
}
