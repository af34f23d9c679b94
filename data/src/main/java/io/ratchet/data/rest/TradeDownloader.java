package io.ratchet.data.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ratchet.data.store.TradeStore;
import io.ratchet.data.trades.AggTradeParser;
import io.ratchet.data.trades.TradeBuffer;
import io.ratchet.data.trades.TradeLoader;
import io.ratchet.data.trades.TradeSeries;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * Pages {@code GET /api/v3/aggTrades} 1000 trades a call by {@code fromId}, into the store,
 * resuming after the last stored id. The first call of an empty store finds the first trade at
 * or after {@code --from} by {@code startTime}. Transport, the weight limit, 429/418 and
 * retries are {@link KlineDownloader}'s.
 */
public final class TradeDownloader {
    public static final int PAGE = 1000;
    private static final JsonFactory JSON = new JsonFactory();

    /** Told of progress. */
    public interface Listener {
        void onPage(int tradesSoFar, long lastId);
    }

    /**
     * What a download did.
     *
     * @param fetched  trades fetched by this run
     * @param resumed  the id the run started at, if it resumed after stored trades
     * @param stored   the stored trades afterwards, or null if there are none
     */
    public record Result(int fetched, Long resumed, TradeSeries stored) {
    }

    private final KlineDownloader http;
    private final Listener listener;
    private int checkpointPages = 50;

    public TradeDownloader(KlineDownloader http, Listener listener) {
        this.http = http;
        this.listener = listener;
    }

    public TradeDownloader checkpointPages(int pages) {
        this.checkpointPages = pages;
        return this;
    }

    /**
     * Downloads trades with time before {@code to} (epoch ms), starting after the stored ones,
     * or at {@code from} (epoch ms) when none are stored.
     */
    public Result run(TradeStore store, String symbol, long from, long to) throws IOException, InterruptedException {
        Optional<TradeSeries> have = store.load(symbol);
        Long fromId = have.isPresent() && !have.get().isEmpty() ? have.get().lastId() + 1 : null;
        if (fromId == null && from == Long.MIN_VALUE) {
            throw new io.ratchet.data.read.KlineFormatException("no " + symbol + " trades in the store to resume after; give --from");
        }
        TradeBuffer buf = new TradeBuffer();
        String name = "download " + symbol + " aggTrades";
        int pages = 0;
        int saved = 0;
        Long next = fromId;
        boolean done = false;
        while (!done) {
            String q = "/api/v3/aggTrades?symbol=" + symbol + (next != null ? "&fromId=" + next : "&startTime=" + from) + "&limit=" + PAGE;
            HttpResponse<byte[]> resp = http.get(q);
            int before = buf.size();
            boolean past = parse(resp.body(), buf, to, name);
            int got = buf.size() - before;
            pages++;
            listener.onPage(buf.size(), buf.size() > 0 ? buf.lastTradeId() : 0);
            if (past || got < PAGE) { // a short page is the end of history
                done = true;
            } else {
                next = buf.lastTradeId() + 1;
                if (checkpointPages > 0 && pages % checkpointPages == 0 && buf.size() > saved) {
                    store.merge(TradeLoader.validate(buf, symbol, name).series(), name);
                    saved = buf.size();
                }
                http.throttle(resp);
            }
        }
        if (buf.size() == 0) {
            return new Result(0, fromId, store.load(symbol).orElse(null));
        }
        TradeSeries got = TradeLoader.validate(buf, symbol, name).series();
        TradeLoader.Loaded merged = store.merge(got, name);
        return new Result(buf.size(), fromId, merged.series());
    }

    /** Appends the page's trades before {@code to}; true when a trade at or after {@code to} was seen. */
    private static boolean parse(byte[] body, TradeBuffer out, long to, String name) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException(name + ": expected a JSON array of trades");
            }
            int row = 0;
            while (p.nextToken() == JsonToken.START_OBJECT) {
                row++;
                long id = -1;
                long first = -1;
                long last = -1;
                long time = -1;
                long price = -1;
                long qty = -1;
                boolean maker = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (f) {
                        case "a" -> id = p.getLongValue();
                        case "f" -> first = p.getLongValue();
                        case "l" -> last = p.getLongValue();
                        case "T" -> time = p.getLongValue();
                        case "p" -> price = AggTradeParser.units8(p.getText(), name + " trade " + row, true);
                        case "q" -> qty = AggTradeParser.units8(p.getText(), name + " trade " + row, false);
                        case "m" -> maker = v == JsonToken.VALUE_TRUE;
                        default -> p.skipChildren();
                    }
                }
                if (id < 0 || time < 0 || price < 0 || qty < 0) {
                    throw new IOException(name + ": trade " + row + " lacks a, p, q or T");
                }
                if (time >= to) {
                    return true;
                }
                if (out.size() > 0 && id <= out.lastTradeId()) {
                    throw new IOException(name + ": the server returned trade " + id + " after " + out.lastTradeId() + "; ids must increase");
                }
                out.add(id, first < 0 ? id : first, last < 0 ? id : last, time * 1000, price, qty, maker, out.size() + 1);
            }
        }
        return false;
    }
}
