package io.ratchet.live.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.engine.Direction;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.live.EventType;
import io.ratchet.live.Position;
import io.ratchet.live.PositionStatus;
import io.ratchet.live.StopEvent;
import io.ratchet.live.store.JdbcPositionStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's page, stream and origin rules over HTTP, without a browser. */
class DashboardApiTest {
    static final TrailingConfig CFG = new TrailingConfig(Mode.PERCENT, 0.1, 0, 0.2, 0, 0.001, 0);

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Position position(long id) {
        return new Position(id, "BTCUSDT", Direction.LONG, new BigDecimal("0.01"), 50_000, CFG, 50_000, 45_000, 50_000, 1, PositionStatus.TRAILING,
                Double.NaN, null, 1, 0, null);
    }

    @Test
    void withATokenThePageLoadsWithoutItAndEveryCallNeedsIt() throws Exception {
        try (JdbcPositionStore store = JdbcPositionStore.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null);
             ControlApi api = ControlApi.start("127.0.0.1", 0, "s3cret-token", null, store)) {
            HttpResponse<String> page = get(api.port(), "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'", "connect-src 'self'");
            assertThat(page.body()).contains("/assets/uPlot.iife.min.js", "/assets/dashboard.js").doesNotContain("s3cret-token").doesNotContain("http://", "https://");
            HttpResponse<String> uplot = get(api.port(), "/assets/uPlot.iife.min.js");
            assertThat(uplot.statusCode()).isEqualTo(200);
            assertThat(uplot.body()).contains("uPlot");
            assertThat(get(api.port(), "/assets/other.js").statusCode()).isEqualTo(404);
            assertThat(get(api.port(), "/assets/..%2F..%2FMETA-INF%2FMANIFEST.MF").statusCode()).isIn(400, 404);
            assertThat(get(api.port(), "/api/stream").statusCode()).isEqualTo(401);
            assertThat(get(api.port(), "/api/snapshot").statusCode()).isEqualTo(401);
            // With the token the stream answers; an id of another run of the runner tells the page to reload.
            HttpResponse<String> reset = get(api.port(), "/api/stream", "Authorization", "Bearer s3cret-token", "Last-Event-ID", "otherrun-12");
            assertThat(reset.statusCode()).isEqualTo(200);
            assertThat(reset.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
            assertThat(reset.body()).isEqualTo("event: reset\ndata: {}\n\n");
        }
    }

    @Test
    void anotherSiteOrAnotherHostNameIsRefused() throws Exception {
        try (JdbcPositionStore store = JdbcPositionStore.open("jdbc:sqlite:" + dir.resolve("o.db"), null, null);
             ControlApi api = ControlApi.start("127.0.0.1", 0, null, null, store)) {
            assertThat(get(api.port(), "/api/positions").statusCode()).isEqualTo(200);
            assertThat(get(api.port(), "/api/positions", "Origin", "http://127.0.0.1:" + api.port()).statusCode()).isEqualTo(200);
            HttpResponse<String> cross = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/positions"))
                    .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(cross.statusCode()).isEqualTo(403);
            assertThat(cross.body()).contains("another site");
            // DNS rebinding: the browser connects to 127.0.0.1 but names the attacker's host.
            try (Socket s = new Socket("127.0.0.1", api.port())) {
                s.getOutputStream().write(("GET /api/positions HTTP/1.1\r\nHost: evil.example:" + api.port() + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertThat(status).isEqualTo("HTTP/1.1 403 Forbidden");
            }
        }
    }

    @Test
    void aStalledReaderNeverSlowsTheRunner() throws Exception {
        try (JdbcPositionStore store = JdbcPositionStore.open("jdbc:sqlite:" + dir.resolve("s.db"), null, null);
             ControlApi api = ControlApi.start("127.0.0.1", 0, null, null, store);
             Socket stalled = new Socket("127.0.0.1", api.port())) {
            stalled.setReceiveBufferSize(4096);
            OutputStream o = stalled.getOutputStream();
            o.write(("GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1:" + api.port() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            o.flush();
            // The stream has started (its first comment came); from here on nothing is read until every append is made.
            stalled.setSoTimeout(20_000);
            var in = stalled.getInputStream();
            StringBuilder head = new StringBuilder();
            while (head.indexOf(": stream ") < 0) {
                int c = in.read();
                assertThat(c).as("the stream's start").isNotNegative();
                head.append((char) c);
            }
            Position p = position(1);
            String detail = "x".repeat(2_000);
            long worst = 0;
            long start = System.nanoTime();
            for (int i = 0; i < 40_000; i++) { // 80 MB of events: far more than any socket buffer holds
                long t = System.nanoTime();
                api.bus().saved(p, new StopEvent(1, 0, i, EventType.STOP_MOVED, 50_000, 45_000, 45_000 + i, detail));
                worst = Math.max(worst, System.nanoTime() - t);
            }
            long took = (System.nanoTime() - start) / 1_000_000;
            System.out.println("dashboard: 40000 appends with a stalled reader: " + took + " ms, the slowest " + worst / 1_000 + " µs");
            // Bounds a loaded machine's pauses allow: an append that waited for this reader would wait forever.
            assertThat(worst).as("the slowest append, ns").isLessThan(1_000_000_000L);
            assertThat(took).as("all appends, ms").isLessThan(5_000);
            // The server still serves: a new reader, behind by nothing, starts at the head.
            HttpResponse<java.io.InputStream> fresh = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/stream")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (var body = fresh.body()) {
                assertThat(fresh.statusCode()).isEqualTo(200);
                String first = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)).readLine();
                assertThat(first).isEqualTo(": stream " + api.bus().id(40_000));
            }
        }
    }

    @Test
    void aReaderResumesAfterItsLastIdAndADropEndsTheStream() throws Exception {
        StreamBus bus = new StreamBus(8);
        Position p = position(1);
        for (int i = 1; i <= 5; i++) {
            bus.saved(p, new StopEvent(1, 0, i, EventType.STOP_MOVED, 50_000, 45_000, 45_000 + i, "move " + i));
        }
        long after = bus.parse(bus.id(3));
        assertThat(after).isEqualTo(3);
        StreamBus.Batch b = bus.after(after, 0, bus.generation());
        assertThat(b.entries()).extracting(e -> e.seq).containsExactly(4L, 5L);
        assertThat(b.entries().get(0).json()).contains("\"newStop\":45004.0", "\"detail\":\"move 4\"");
        assertThat(bus.parse("another-3")).isEqualTo(-1);
        for (int i = 6; i <= 20; i++) {
            bus.saved(p);
        }
        assertThat(bus.after(3, 0, bus.generation()).reset()).as("entry 4 is no longer kept").isTrue();
        int gen = bus.generation();
        Thread waiter = new Thread(() -> {
            try {
                bus.after(20, 60_000, gen);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        Thread.sleep(200);
        assertThat(waiter.isAlive()).as("waiting for the next entry").isTrue();
        bus.drop();
        waiter.join(5_000);
        assertThat(waiter.isAlive()).as("a drop ends the wait").isFalse();
        assertThat(bus.after(20, 0, gen).end()).isTrue();
    }
}
