package io.ratchet.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ratchet.live.exchange.Backoff;
import io.ratchet.live.exchange.BinanceRest;
import io.ratchet.live.exchange.OrderState;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An exit order refused by a rate limit (or a clock error) is sent again as a new attempt,
 * with its own time: when that attempt's outcome is then unknown, the lookup waits out that
 * attempt's receive window, finds the order the exchange carried out, and sends nothing more.
 * The server is a real HTTP server on 127.0.0.1; time is a clock the waits advance.
 */
class OrderRateLimitTest {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final List<String> posts = new CopyOnWriteArrayList<>();
    private final List<String> carriedOut = new CopyOnWriteArrayList<>();
    private final List<Long> waits = new CopyOnWriteArrayList<>();
    /** When the carried-out order shows on GET /api/v3/order: a moment after it was taken, as the matching engine lags. */
    private final AtomicLong visibleAt = new AtomicLong(Long.MAX_VALUE);
    private HttpServer server;

    private final Clock clock = new Clock() {
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(ZoneId z) {
            return this;
        }

        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    private static void send(HttpExchange x, int status, String body, String retryAfter) throws IOException {
        if (retryAfter != null) {
            x.getResponseHeaders().add("Retry-After", retryAfter);
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    private static final String FILLED = "{\"symbol\":\"BTCUSDT\",\"orderId\":7,\"clientOrderId\":\"p1-x1\",\"status\":\"FILLED\",\"type\":\"MARKET\","
            + "\"side\":\"SELL\",\"executedQty\":\"0.01000000\",\"cummulativeQuoteQty\":\"300.00\"}";

    /** {@code refusal}: what the first POST gets, before the exchange acts: a 429 with Retry-After, or -1021. */
    private OrderState exitAfter(int status, String body, String retryAfter) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v3/exchangeInfo", x -> send(x, 200, "{\"rateLimits\":[],\"symbols\":[{\"symbol\":\"BTCUSDT\",\"baseAsset\":\"BTC\","
                + "\"quoteAsset\":\"USDT\",\"filters\":[]}]}", null));
        server.createContext("/api/v3/time", x -> send(x, 200, "{\"serverTime\":" + now.get() + "}", null));
        server.createContext("/api/v3/myTrades", x -> send(x, 200, "[]", null));
        server.createContext("/api/v3/order", x -> {
            if (x.getRequestMethod().equals("POST")) {
                posts.add(x.getRequestURI().getRawQuery());
                if (posts.size() == 1) {
                    send(x, status, body, retryAfter);
                    return;
                }
                carriedOut.add(x.getRequestURI().getRawQuery());
                if (posts.size() == 2) {
                    // Taken by the backend, the reply lost to a timeout: the outcome is unknown to the client.
                    visibleAt.set(now.get() + 300);
                    send(x, 503, "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend server. Send status unknown; "
                            + "execution status unknown.\"}", null);
                    return;
                }
                send(x, 200, FILLED, null); // Binance takes a reused client id once the first order filled
                return;
            }
            if (now.get() >= visibleAt.get()) {
                send(x, 200, FILLED, null);
            } else {
                send(x, 400, "{\"code\":-2013,\"msg\":\"Order does not exist.\"}", null);
            }
        });
        server.start();
        BinanceRest.Sleeper restWaits = ms -> {
            waits.add(ms);
            now.addAndGet(ms);
        };
        OrderDesk.Sleeper advance = ms -> {
            waits.add(ms);
            now.addAndGet(ms);
        };
        BinanceRest rest = new BinanceRest(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "key", "secret", clock, restWaits, 6);
        rest.rules("BTCUSDT");
        try (OrderDesk desk = new OrderDesk(rest, clock, advance, new Backoff(1, 2), new OrderDesk.Reporter() {
            public void unknown(long p, String c, String why) {
            }

            public void waiting(long p, String why) {
            }
        })) {
            return desk.place(1, "BTCUSDT", "p1-x1", () -> rest.market("BTCUSDT", true, new BigDecimal("0.01"), "p1-x1"));
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aRateLimitedExitWhoseResendIsLostIsFoundNotSentAThirdTime() throws Exception {
        OrderState o = exitAfter(429, "{\"code\":-1003,\"msg\":\"Too much request weight used\"}", "7");
        // The faults happened: refused first, then carried out with its reply lost.
        assertThat(posts).hasSize(2);
        assertThat(waits).contains(7_000L); // the desk waited the exchange's Retry-After
        assertThat(carriedOut).hasSize(1);
        assertThat(o.status()).isEqualTo("FILLED");
        assertThat(o.executedQty()).isEqualByComparingTo("0.01");
    }

    @Test
    void aClockRefusedExitWhoseResendIsLostIsFoundNotSentAThirdTime() throws Exception {
        OrderState o = exitAfter(400, "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}", null);
        assertThat(posts).hasSize(2);
        assertThat(carriedOut).hasSize(1);
        assertThat(o.status()).isEqualTo("FILLED");
    }
}
