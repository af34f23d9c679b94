package io.ratchet.data.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ratchet.data.kline.KlineSeries;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Binance klines endpoint on 127.0.0.1 serving a series, with scripted failures: what the
 * downloader must survive, on a real HTTP server.
 */
final class FakeKlineServer implements AutoCloseable {
    final KlineSeries series;
    final long intervalMillis;
    final List<String> queries = new ArrayList<>();
    /** Scripted answers to the next requests: status, or status + Retry-After / weight header. */
    final Deque<int[]> faults = new ArrayDeque<>();
    int usedWeight;
    /** Bars opening at or after this are still open (their close time lies in the future). */
    long openBarUntil = Long.MAX_VALUE;
    private final HttpServer server;

    FakeKlineServer(KlineSeries series) throws IOException {
        this.series = series;
        this.intervalMillis = series.interval().millis();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v3/klines", this::klines);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private synchronized void klines(HttpExchange ex) throws IOException {
        String q = ex.getRequestURI().getRawQuery();
        queries.add(q);
        int[] fault = faults.poll();
        if (fault != null) {
            if (fault[0] == 429 || fault[0] == 418) {
                ex.getResponseHeaders().add("Retry-After", Integer.toString(fault[1]));
            }
            String body = fault[0] == 400 ? "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}" : "{\"code\":-1003,\"msg\":\"Too many requests.\"}";
            send(ex, fault[0], body);
            return;
        }
        Map<String, String> p = new HashMap<>();
        for (String kv : q.split("&")) {
            String[] a = kv.split("=", 2);
            p.put(a[0], a[1]);
        }
        long start = Long.parseLong(p.get("startTime"));
        long end = Long.parseLong(p.getOrDefault("endTime", Long.toString(Long.MAX_VALUE)));
        int limit = Integer.parseInt(p.getOrDefault("limit", "500"));
        StringBuilder sb = new StringBuilder("[");
        int n = 0;
        for (int i = 0; i < series.size() && n < limit; i++) {
            long t = series.openTime(i);
            if (t < start || t > end) {
                continue;
            }
            if (n++ > 0) {
                sb.append(',');
            }
            long close = t + intervalMillis - 1;
            sb.append('[').append(t).append(",\"").append(series.open(i)).append("\",\"").append(series.high(i)).append("\",\"")
                    .append(series.low(i)).append("\",\"").append(series.close(i)).append("\",\"").append(series.volume(i))
                    .append("\",").append(t >= openBarUntil ? Long.MAX_VALUE / 2 : close).append(",\"0\",0,\"0\",\"0\",\"0\"]");
        }
        sb.append(']');
        usedWeight += 2;
        ex.getResponseHeaders().add("X-MBX-USED-WEIGHT-1M", Integer.toString(usedWeight));
        send(ex, 200, sb.toString());
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
