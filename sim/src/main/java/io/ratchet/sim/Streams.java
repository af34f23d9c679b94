package io.ratchet.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import io.ratchet.data.kline.Interval;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The market streams: {@code /ws/<stream>} (raw payloads) and {@code /stream?streams=a/b}
 * (wrapped as {@code {"stream", "data"}}), {@code <symbol>@trade}, {@code <symbol>@aggTrade}
 * (each replayed trade is its own aggregate trade, with the same id) and
 * {@code <symbol>@kline_<interval>}, plus SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS.
 */
final class Streams implements Market.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final class Conn {
        final WsContext ctx;
        final boolean combined;
        final Set<String> streams = ConcurrentHashMap.newKeySet();
        final long readyAt;

        Conn(WsContext ctx, boolean combined, long readyAt) {
            this.ctx = ctx;
            this.combined = combined;
            this.readyAt = readyAt;
        }
    }

    /** A kline being built from trades for one interval. */
    private static final class Candle {
        long open = Long.MIN_VALUE;
        double o;
        double h;
        double l;
        double c;
        double v;
        int n;
        long firstId;
        long lastId;
    }

    private final Map<String, Conn> conns = new ConcurrentHashMap<>();
    private final Map<String, Candle> candles = new ConcurrentHashMap<>();
    private final String symbolLower;
    private final String symbol;
    private final LongSupplier wall;
    private final Faults faults;
    private int dropsSeen;
    private long lastScheduledDrop;

    /** The market's bars in a time range (rows {t, o, h, l, c, v}), to seed a candle that starts mid-way. */
    interface BarSource {
        java.util.List<double[]> bars(long from, long to);
    }

    private final BarSource bars;

    Streams(String symbol, LongSupplier wall, Faults faults, BarSource bars) {
        this.bars = bars;
        this.symbol = symbol;
        this.symbolLower = symbol.toLowerCase(java.util.Locale.ROOT);
        this.wall = wall;
        this.faults = faults;
        this.lastScheduledDrop = wall.getAsLong();
    }

    int connections() {
        return conns.size();
    }

    void onConnect(WsContext ctx, String rawStream, String combinedQuery) {
        boolean combined = rawStream == null;
        // A frame sent at once can arrive before the client registered its channels: wait a little.
        Conn c = new Conn(ctx, combined, wall.getAsLong() + 200);
        if (combined && combinedQuery != null) {
            for (String s : URLDecoder.decode(combinedQuery, StandardCharsets.UTF_8).split("/")) {
                if (!s.isBlank()) {
                    c.streams.add(s.trim());
                }
            }
        } else if (rawStream != null && !rawStream.isBlank() && rawStream.contains("@")) {
            c.streams.add(rawStream);
        }
        conns.put(ctx.sessionId(), c);
    }

    void onClose(WsContext ctx) {
        conns.remove(ctx.sessionId());
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
            ctx.send("{\"code\":3,\"msg\":\"Invalid JSON: " + e.getClass().getSimpleName() + "\"}");
            return;
        }
        String method = m.path("method").asText();
        JsonNode id = m.get("id");
        ObjectNode reply = JSON.createObjectNode();
        switch (method) {
            case "SUBSCRIBE" -> m.path("params").forEach(p -> c.streams.add(p.asText()));
            case "UNSUBSCRIBE" -> m.path("params").forEach(p -> c.streams.remove(p.asText()));
            case "LIST_SUBSCRIPTIONS" -> {
                reply.set("result", JSON.valueToTree(new LinkedHashSet<>(c.streams)));
                reply.set("id", id);
                ctx.send(reply.toString());
                return;
            }
            default -> {
                ctx.send("{\"code\":2,\"msg\":\"Invalid request: unknown method\"" + (id == null ? "" : ",\"id\":" + id) + "}");
                return;
            }
        }
        reply.putNull("result");
        reply.set("id", id);
        ctx.send(reply.toString());
    }

    /** Drops connections when a fault says so; called by the replay loop. */
    void maintain() {
        long now = wall.getAsLong();
        int drops = faults.dropRequests.get();
        boolean scheduled = faults.dropStreamEverySeconds > 0 && now - lastScheduledDrop >= faults.dropStreamEverySeconds * 1000L;
        if (drops != dropsSeen || scheduled) {
            dropsSeen = drops;
            lastScheduledDrop = now;
            for (Conn c : conns.values()) {
                try {
                    c.ctx.closeSession(1001, "simulated drop");
                } catch (RuntimeException ignored) {
                    // already gone
                }
            }
            conns.clear();
        }
    }

    /** A {@code trade} or {@code aggTrade} stream event of one replayed trade, fields in Binance's order. */
    private ObjectNode tradeEvent(boolean aggregate, long id, double price, double qty, long marketTime, boolean buyerMaker) {
        ObjectNode n = JSON.createObjectNode();
        n.put("e", aggregate ? "aggTrade" : "trade");
        n.put("E", marketTime);
        n.put("s", symbol);
        n.put(aggregate ? "a" : "t", id);
        n.put("p", Decimals.of(price));
        n.put("q", Decimals.of(qty));
        if (aggregate) {
            n.put("f", id);
            n.put("l", id);
        }
        n.put("T", marketTime);
        n.put("m", buyerMaker);
        n.put("M", true);
        return n;
    }

    @Override
    public void onTrade(long tradeId, double price, double qty, long marketTime, boolean buyerMaker) {
        long now = wall.getAsLong();
        boolean stalled = now < faults.stallUntilWallMillis.get();
        String tradeStream = symbolLower + "@trade";
        ObjectNode trade = tradeEvent(false, tradeId, price, qty, marketTime, buyerMaker);
        // Each replayed trade is one taker order's only fill: its aggregate trade has the same id, first and last id.
        String aggStream = symbolLower + "@aggTrade";
        ObjectNode agg = tradeEvent(true, tradeId, price, qty, marketTime, buyerMaker);
        Set<String> klineStreams = new LinkedHashSet<>();
        for (Conn c : conns.values()) {
            for (String s : c.streams) {
                if (s.startsWith(symbolLower + "@kline_")) {
                    klineStreams.add(s);
                }
            }
        }
        Map<String, ObjectNode> klines = new java.util.HashMap<>();
        for (String s : klineStreams) {
            ObjectNode k = updateCandle(s, tradeId, price, qty, marketTime);
            if (k != null) {
                klines.put(s, k);
            }
        }
        if (stalled) {
            return;
        }
        for (Conn c : conns.values()) {
            if (now < c.readyAt) {
                continue;
            }
            if (c.streams.contains(tradeStream)) {
                send(c, tradeStream, trade);
            }
            if (c.streams.contains(aggStream)) {
                send(c, aggStream, agg);
            }
            for (Map.Entry<String, ObjectNode> k : klines.entrySet()) {
                if (c.streams.contains(k.getKey())) {
                    send(c, k.getKey(), k.getValue());
                }
            }
        }
    }

    private ObjectNode updateCandle(String stream, long tradeId, double price, double qty, long t) {
        Interval iv;
        try {
            iv = Interval.parse(stream.substring(stream.indexOf("@kline_") + 7));
        } catch (IllegalArgumentException e) {
            return null;
        }
        Candle c = candles.computeIfAbsent(stream, k -> new Candle());
        long open = iv == Interval.MONTH1 ? t : Math.floorDiv(t, iv.millis()) * iv.millis();
        ObjectNode closed = null;
        if (c.open != open) {
            if (c.open != Long.MIN_VALUE) {
                closed = candle(c, iv, true, t);
            }
            c.open = open;
            c.firstId = tradeId;
            // A candle first seen mid-way starts from what the market already traded in it
            // (the bars include this trade), so its open, high and low are the exchange's.
            java.util.List<double[]> rows = bars.bars(open, t);
            if (rows.isEmpty()) {
                c.o = price;
                c.h = price;
                c.l = price;
                c.v = qty;
            } else {
                c.o = rows.get(0)[1];
                c.h = rows.stream().mapToDouble(r -> r[2]).max().orElse(price);
                c.l = rows.stream().mapToDouble(r -> r[3]).min().orElse(price);
                c.v = rows.stream().mapToDouble(r -> r[5]).sum();
            }
            c.n = 1;
        } else {
            c.h = Math.max(c.h, price);
            c.l = Math.min(c.l, price);
            c.v += qty;
            c.n++;
        }
        c.c = price;
        c.lastId = tradeId;
        // The close of the previous candle goes out first; the new one follows with the next trade.
        return closed != null ? closed : candle(c, iv, false, t);
    }

    private ObjectNode candle(Candle c, Interval iv, boolean closed, long eventTime) {
        ObjectNode root = JSON.createObjectNode();
        root.put("e", "kline");
        root.put("E", eventTime);
        root.put("s", symbol);
        ObjectNode k = root.putObject("k");
        k.put("t", c.open);
        k.put("T", iv.next(c.open) - 1);
        k.put("s", symbol);
        k.put("i", iv.id());
        k.put("f", c.firstId);
        k.put("L", c.lastId);
        k.put("o", Decimals.of(c.o));
        k.put("c", Decimals.of(c.c));
        k.put("h", Decimals.of(c.h));
        k.put("l", Decimals.of(c.l));
        k.put("v", Decimals.of(c.v));
        k.put("n", c.n);
        k.put("x", closed);
        k.put("q", Decimals.of(c.v * c.c));
        k.put("V", "0");
        k.put("Q", "0");
        k.put("B", "0");
        return root;
    }

    private void send(Conn c, String stream, ObjectNode payload) {
        try {
            if (c.combined) {
                ObjectNode wrap = JSON.createObjectNode();
                wrap.put("stream", stream);
                wrap.set("data", payload);
                c.ctx.send(wrap.toString());
            } else {
                c.ctx.send(payload.toString());
            }
        } catch (RuntimeException e) {
            conns.remove(c.ctx.sessionId());
        }
    }
}
