package io.ratchet.data.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.read.KlineBuffer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Pages {@code GET /api/v3/klines} 1000 bars a call from any Binance-compatible base URL.
 * Stays under the request-weight limit ({@code X-MBX-USED-WEIGHT-1M}), waits out 429/418
 * for {@code Retry-After}, retries transient failures with exponential backoff, and drops
 * the still-open last bar. The clock and the sleeping are injected so tests run instantly.
 */
public final class KlineDownloader {
    /** Binance's cap per klines call. */
    public static final int PAGE = 1000;
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Pauses the caller; tests record instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** Told of progress and of every wait, with the reason. */
    public interface Listener {
        void onPage(int barsSoFar, long lastOpenTime);

        void onWait(String reason, long millis);

        /** Called every {@code checkpointPages} pages with all bars so far, so a killed run can resume. */
        default void onCheckpoint(KlineSeries soFar) throws IOException {
        }
    }

    private final URI base;
    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Listener listener;
    private int weightLimit = 6000;
    private static final int FIRST_CONTACT_RETRIES = 2;
    private int maxRetries = 6;
    private boolean reached;
    private int checkpointPages = 50;

    public KlineDownloader(URI base, HttpClient http, Clock clock, Sleeper sleeper, Listener listener) {
        this.base = base;
        this.http = http;
        this.clock = clock;
        this.sleeper = sleeper;
        this.listener = listener;
    }

    /** Binance spot's default; a server with a lower limit can say so. */
    public KlineDownloader weightLimit(int limit) {
        this.weightLimit = limit;
        return this;
    }

    public KlineDownloader maxRetries(int retries) {
        this.maxRetries = retries;
        return this;
    }

    public KlineDownloader checkpointPages(int pages) {
        this.checkpointPages = pages;
        return this;
    }

    /** Closed bars with open time in {@code [from, to)}. */
    public KlineSeries download(String symbol, Interval interval, long from, long to) throws IOException, InterruptedException {
        KlineBuffer cols = new KlineBuffer();
        long start = from;
        int pages = 0;
        while (start < to) {
            String query = "symbol=" + symbol + "&interval=" + interval.id() + "&startTime=" + start + "&endTime=" + (to - 1)
                    + "&limit=" + PAGE;
            HttpResponse<byte[]> resp = get("/api/v3/klines?" + query);
            int before = cols.size();
            boolean stillOpen = parse(resp.body(), cols, to);
            pages++;
            listener.onPage(cols.size(), cols.size() > 0 ? cols.lastTime() : start);
            int got = cols.size() - before;
            if (stillOpen || got < PAGE) { // a short page is the end of the range (or of history)
                break;
            }
            long next = interval.next(cols.lastTime());
            if (next <= start) {
                throw new IOException("server returned bars out of order at " + start);
            }
            start = next;
            if (checkpointPages > 0 && pages % checkpointPages == 0) {
                listener.onCheckpoint(cols.series(symbol, interval));
            }
            throttle(resp);
        }
        return cols.series(symbol, interval);
    }

    /** Pauses until the next minute when the used weight nears the limit. */
    void throttle(HttpResponse<?> resp) throws InterruptedException {
        OptionalLong used = resp.headers().firstValueAsLong("X-MBX-USED-WEIGHT-1M");
        if (used.isPresent() && used.getAsLong() >= weightLimit * 0.8) {
            long now = clock.millis();
            long wait = 60_000 - now % 60_000 + 500;
            listener.onWait("request weight " + used.getAsLong() + " of " + weightLimit + " used this minute", wait);
            sleeper.sleep(wait);
        }
    }

    HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + pathAndQuery);
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        int failures = 0; // transient errors: exponential backoff
        int limited = 0; // 429/418: the server says how long to wait
        while (true) {
            HttpResponse<byte[]> resp;
            try {
                resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                // A server never reached is most likely a wrong --base-url: say so in seconds, not after the full backoff.
                int retries = reached ? maxRetries : Math.min(maxRetries, FIRST_CONTACT_RETRIES);
                backoff(++failures, retries, "GET " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath() + ": " + describe(e), e);
                continue;
            }
            reached = true;
            int status = resp.statusCode();
            if (status == 200) {
                return resp;
            }
            if (status == 429 || status == 418) {
                long seconds = resp.headers().firstValueAsLong("Retry-After").orElse(60);
                if (++limited > maxRetries) {
                    throw new IOException("rate limited (HTTP " + status + ") " + limited + " times in a row; giving up");
                }
                listener.onWait("HTTP " + status + (status == 418 ? " (IP banned for now)" : " (rate limited)") + ", Retry-After " + seconds + " s",
                        seconds * 1000);
                sleeper.sleep(seconds * 1000);
                continue;
            }
            if (status >= 500) {
                backoff(++failures, maxRetries, "HTTP " + status + " from " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath(), null);
                continue;
            }
            throw apiError(status, resp.body());
        }
    }

    private void backoff(int failures, int retries, String why, IOException cause) throws IOException, InterruptedException {
        if (failures > retries) {
            throw new IOException(why + " (gave up after " + retries + " retries)", cause);
        }
        long wait = Math.min(60_000, 500L << (failures - 1));
        listener.onWait(why + ", retry " + failures + " of " + retries, wait);
        sleeper.sleep(wait);
    }

    /** What went wrong on the wire, in words: several of the JDK's exceptions carry no message. */
    static String describe(IOException e) {
        String kind = e instanceof java.net.http.HttpConnectTimeoutException ? "connection timed out"
                : e instanceof java.net.http.HttpTimeoutException ? "no response within 30 s"
                : e instanceof java.net.ConnectException ? "connection refused (is the server up, and the URL right?)"
                : e instanceof java.net.UnknownHostException || e.getCause() instanceof java.net.UnknownHostException ? "unknown host"
                : e instanceof javax.net.ssl.SSLException ? "TLS failed" : "network error";
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? kind : kind + ": " + msg;
    }

    private static BinanceApiException apiError(int status, byte[] body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n != null && n.has("code")) {
                return new BinanceApiException(status, n.get("code").asInt(), "Binance error " + n.get("code").asInt() + ": "
                        + n.path("msg").asText() + " (HTTP " + status + ")");
            }
        } catch (IOException ignored) {
            // not JSON: fall through to the status alone
        }
        return new BinanceApiException(status, 0, "HTTP " + status + " from the server");
    }

    /** Appends the page's closed bars before {@code to}; true when a still-open bar was seen (the end of history). */
    private boolean parse(byte[] body, KlineBuffer cols, long to) throws IOException {
        long now = clock.millis();
        boolean stillOpen = false;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("klines: expected a JSON array");
            }
            while (p.nextToken() == JsonToken.START_ARRAY) {
                p.nextToken();
                long t = p.getLongValue();
                double o = num(p);
                double h = num(p);
                double l = num(p);
                double c = num(p);
                double v = num(p);
                p.nextToken();
                long closeTime = p.getLongValue();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    p.skipChildren();
                }
                if (closeTime >= now) {
                    stillOpen = true;
                    continue;
                }
                if (t < to) {
                    cols.add(t, o, h, l, c, v);
                }
            }
        }
        return stillOpen;
    }

    private static double num(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        return t == JsonToken.VALUE_STRING ? Double.parseDouble(p.getText()) : p.getDoubleValue();
    }
}
