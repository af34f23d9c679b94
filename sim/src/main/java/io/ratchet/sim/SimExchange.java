package io.ratchet.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Binance spot exchange on 127.0.0.1: {@link #start()}, {@link #port()},
 * {@link #close()}. REST under {@code /api/v3}, streams under {@code /ws/<stream>} and
 * {@code /stream?streams=...}, all on one port.
 */
public final class SimExchange implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimConfig config;
    private final Market market;
    private final Book book;
    private final Streams streams;
    private final Faults faults;
    private final WsApi wsApi;
    private final UserDataEvents userEvents;
    private final OrderRateLimit orderLimit;
    private final AtomicInteger weight = new AtomicInteger();
    private volatile long weightMinute;
    private Javalin app;
    private ScheduledExecutorService replay;

    public SimExchange(SimConfig config) {
        this.config = config;
        this.faults = config.faults();
        this.market = new Market(config.series(), config.start(), config.speed(), config.seed());
        String symbol = config.series().symbol();
        this.wsApi = new WsApi(config.apiKey(), config.apiSecret(), config.wsApi(), () -> config.clock().millis());
        this.userEvents = new UserDataEvents(symbol, wsApi, faults);
        this.orderLimit = new OrderRateLimit(config.ordersPer10s());
        // Orders are stamped in the replay's time: on Binance, trades and orders share one clock.
        this.book = new Book(symbol, config.base(), config.quote(), tickOf(config.series()), config.fee(), config.commission(),
                config.balances(), market, market::lastTradeTime, config.seed(), userEvents, faults::takeFillParts);
        this.streams = new Streams(symbol, () -> config.clock().millis(), faults, (from, to) -> market.klines(from, to, Integer.MAX_VALUE, false));
        market.addListener((id, price, qty, t, maker) -> book.onTrade(price));
        market.addListener(streams);
    }

    /** The price grid of the data: the finest decimal any of the first bars uses. */
    static BigDecimal tickOf(KlineSeries s) {
        int scale = 2;
        for (int i = 0; i < Math.min(s.size(), 2000); i++) {
            for (double p : new double[] {s.open(i), s.high(i), s.low(i), s.close(i)}) {
                scale = Math.max(scale, BigDecimal.valueOf(p).stripTrailingZeros().scale());
            }
        }
        return BigDecimal.ONE.movePointLeft(Math.min(scale, 8));
    }

    public Faults faults() {
        return faults;
    }

    public synchronized SimExchange start() {
        return start(0);
    }

    /** Binds 127.0.0.1:{@code port} (0 for a free one) and starts the replay. */
    public synchronized SimExchange start(int port) {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = port;
            routes(cfg.routes);
            cfg.routes.ws("/ws/{stream}", ws -> {
                ws.onConnect(ctx -> streams.onConnect(ctx, ctx.pathParam("stream"), null));
                ws.onMessage(ctx -> streams.onMessage(ctx, ctx.message()));
                ws.onClose(streams::onClose);
                ws.onError(streams::onClose);
            });
            cfg.routes.ws("/ws", ws -> {
                ws.onConnect(ctx -> streams.onConnect(ctx, "", null));
                ws.onMessage(ctx -> streams.onMessage(ctx, ctx.message()));
                ws.onClose(streams::onClose);
                ws.onError(streams::onClose);
            });
            cfg.routes.ws("/ws-api/v3", ws -> {
                ws.onConnect(wsApi::onConnect);
                ws.onMessage(ctx -> wsApi.onMessage(ctx, ctx.message()));
                ws.onClose(wsApi::onClose);
                ws.onError(wsApi::onClose);
            });
            cfg.routes.ws("/stream", ws -> {
                ws.onConnect(ctx -> streams.onConnect(ctx, null, ctx.queryParam("streams")));
                ws.onMessage(ctx -> streams.onMessage(ctx, ctx.message()));
                ws.onClose(streams::onClose);
                ws.onError(streams::onClose);
            });
        });
        app.start();
        market.begin(config.clock().millis());
        replay = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-replay");
            t.setDaemon(true);
            return t;
        });
        replay.scheduleWithFixedDelay(() -> {
            try {
                market.advance(config.clock().millis());
                streams.maintain();
                wsApi.maintain();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(SimExchange.class).warn("replay step failed", e);
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** {@code http://127.0.0.1:PORT}: the REST base URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code ws://127.0.0.1:PORT/}: the stream base (append {@code ws/<stream>} or {@code stream?streams=}). */
    public String wsUrl() {
        return "ws://127.0.0.1:" + port() + "/";
    }

    /** Market time of the replay now (replayed data's time, not the wall clock). */
    public long marketTime() {
        return market.marketTime(config.clock().millis());
    }

    public double lastPrice() {
        return market.lastPrice();
    }

    /**
     * Holds the replay still: no trade is printed until {@link #resumeReplay()}, while REST,
     * orders and the clock carry on. Two runners started meanwhile see the same market from
     * the same trade on.
     */
    public void pauseReplay() {
        market.pause(config.clock().millis());
    }

    public void resumeReplay() {
        market.resume(config.clock().millis());
    }

    /** Every trade printed so far with time in {@code [from, to]}, in order, each {price, time}: what a test compares a live walk with. */
    public List<double[]> printedTrades(long from, long to) {
        List<double[]> out = new java.util.ArrayList<>();
        for (double[] t : market.aggTrades(null, from, to, Integer.MAX_VALUE)) {
            out.add(new double[] {t[1], t[3]});
        }
        return out;
    }

    /** Open time of the first replayed bar: bars before it are history. */
    public long replayStart() {
        return market.start();
    }

    /** Every order that reached the exchange, as {@code allOrders} answers (for tests and users). */
    public String allOrdersJson() {
        ArrayNode a = JSON.createArrayNode();
        book.all().forEach(o -> a.add(orderNode(o)));
        return a.toString();
    }

    public int streamConnections() {
        return streams.connections();
    }

    /** {@code ws://127.0.0.1:PORT/ws-api/v3}: the WebSocket API (the user data stream's home). */
    public String wsApiUrl() {
        return "ws://127.0.0.1:" + port() + "/ws-api/v3";
    }

    public int wsApiConnections() {
        return wsApi.connections();
    }

    /** WebSocket API connections opened since the start. */
    public int wsApiConnectionsOpened() {
        return wsApi.opened();
    }

    /** Active user data stream subscriptions over all WebSocket API connections. */
    public int userStreamSubscriptions() {
        return wsApi.subscriptions();
    }

    public int wsApiPingsSent() {
        return wsApi.pingsSent();
    }

    public int wsApiShutdownsSent() {
        return wsApi.shutdownsSent();
    }

    /** WebSocket API connections the server closed because their lifetime ran out (the client had not left first). */
    public int wsApiConnectionsCutAtLifetime() {
        return wsApi.cutAtLifetime();
    }

    /** Cuts every WebSocket API connection now, without a close handshake. */
    public void dropWsApiConnections() {
        wsApi.dropAll();
    }

    /** How many orders filled under each client id: a reused id counts each order that used it. */
    public Map<String, Integer> filledByClientId() {
        return book.filledByClientId();
    }

    /** New orders the ORDERS limit refused (429 -1015). */
    public int ordersRefusedByRateLimit() {
        return orderLimit.refused();
    }

    @Override
    public synchronized void close() {
        if (replay != null) {
            replay.shutdownNow();
        }
        if (app != null) {
            app.stop();
        }
    }

    // ---- REST ------------------------------------------------------------------------------

    private void routes(io.javalin.config.RoutesConfig r) {
        r.before(this::beforeRequest);
        r.after(this::afterRequest);
        r.exception(ApiException.class, (e, ctx) -> {
            if (e instanceof OrderRateLimit.Refused refused) {
                ctx.header("Retry-After", Integer.toString(refused.retryAfterSeconds));
            }
            error(ctx, e.status, e.code, e.getMessage());
        });
        r.exception(Exception.class, (e, ctx) -> error(ctx, 500, -1000, "An unknown error occurred while processing the request."));
        r.get("/api/v3/ping", ctx -> json(ctx, JSON.createObjectNode(), 1));
        r.get("/api/v3/time", ctx -> json(ctx, JSON.createObjectNode().put("serverTime", config.clock().millis()), 1));
        r.get("/api/v3/exchangeInfo", ctx -> json(ctx, exchangeInfo(), 20));
        r.get("/api/v3/klines", this::klines);
        r.get("/api/v3/aggTrades", ctx -> {
            Map<String, String> p = params(ctx);
            checkSymbol(p.get("symbol"));
            int limit = p.get("limit") == null ? 500 : Integer.parseInt(p.get("limit"));
            if (limit < 1 || limit > 1000) {
                throw ApiException.badRequest(-1102, "'limit' contains unexpected value. Cannot be greater than 1000.");
            }
            Long fromId = longParam(p, "fromId");
            Long start = longParam(p, "startTime");
            Long end = longParam(p, "endTime");
            if (start != null && end != null && end - start > 3_600_000L) {
                throw ApiException.badRequest(-1127, "More than 1 hours between startTime and endTime.");
            }
            ArrayNode a = JSON.createArrayNode();
            for (double[] t : market.aggTrades(fromId, start == null ? Long.MIN_VALUE : start, end == null ? Long.MAX_VALUE : end, limit)) {
                long id = (long) t[0];
                a.addObject().put("a", id).put("p", Decimals.of(t[1])).put("q", Decimals.of(t[2])).put("f", id).put("l", id)
                        .put("T", (long) t[3]).put("m", t[4] == 1).put("M", true);
            }
            json(ctx, a, 4);
        });
        r.get("/api/v3/ticker/price", ctx -> {
            checkSymbol(params(ctx).getOrDefault("symbol", book.symbol));
            json(ctx, JSON.createObjectNode().put("symbol", book.symbol).put("price", Decimals.of(market.lastPrice())), 2);
        });
        r.get("/api/v3/avgPrice", ctx -> json(ctx, JSON.createObjectNode().put("mins", 5).put("price", Decimals.of(market.lastPrice()))
                .put("closeTime", market.lastTradeTime()), 2));
        r.get("/sapi/v1/asset/assetDetail", ctx -> {
            signed(ctx);
            json(ctx, JSON.createObjectNode(), 1);
        });
        r.get("/api/v3/account", ctx -> {
            signed(ctx);
            json(ctx, account(), 20);
        });
        r.post("/api/v3/order", ctx -> {
            Map<String, String> p = signed(ctx);
            ctx.header("X-MBX-ORDER-COUNT-10S", Integer.toString(orderLimit.take(config.clock().millis())));
            Order o = book.place(newOrder(p));
            json(ctx, orderResponse(o, p.getOrDefault("newOrderRespType", o.type.equals("MARKET") || o.type.equals("LIMIT") ? "FULL" : "ACK")), 1);
        });
        r.post("/api/v3/order/test", ctx -> {
            signed(ctx);
            json(ctx, JSON.createObjectNode(), 1);
        });
        r.get("/api/v3/order", ctx -> {
            Map<String, String> p = signed(ctx);
            checkSymbol(p.get("symbol"));
            json(ctx, orderNode(book.get(longParam(p, "orderId"), p.get("origClientOrderId"))), 4);
        });
        r.delete("/api/v3/order", ctx -> {
            Map<String, String> p = signed(ctx);
            checkSymbol(p.get("symbol"));
            json(ctx, cancelNode(book.cancel(longParam(p, "orderId"), p.get("origClientOrderId"), p.get("newClientOrderId"))), 1);
        });
        r.get("/api/v3/openOrders", ctx -> {
            Map<String, String> p = signed(ctx);
            if (p.get("symbol") != null) {
                checkSymbol(p.get("symbol"));
            }
            ArrayNode a = JSON.createArrayNode();
            book.open().forEach(o -> a.add(orderNode(o)));
            json(ctx, a, 6);
        });
        r.delete("/api/v3/openOrders", ctx -> {
            Map<String, String> p = signed(ctx);
            checkSymbol(p.get("symbol"));
            ArrayNode a = JSON.createArrayNode();
            for (Order o : book.open()) {
                a.add(cancelNode(book.cancel(o.id, null, null)));
            }
            json(ctx, a, 1);
        });
        r.get("/api/v3/allOrders", ctx -> {
            Map<String, String> p = signed(ctx);
            checkSymbol(p.get("symbol"));
            Long from = longParam(p, "orderId");
            ArrayNode a = JSON.createArrayNode();
            book.all().stream().filter(o -> from == null || o.id >= from).forEach(o -> a.add(orderNode(o)));
            json(ctx, a, 20);
        });
        r.get("/api/v3/myTrades", ctx -> {
            Map<String, String> p = signed(ctx);
            checkSymbol(p.get("symbol"));
            Long orderId = longParam(p, "orderId");
            ArrayNode a = JSON.createArrayNode();
            for (Fill f : book.fills()) {
                if (orderId != null && f.orderId() != orderId) {
                    continue;
                }
                ObjectNode n = a.addObject();
                n.put("symbol", book.symbol);
                n.put("id", f.id());
                n.put("orderId", f.orderId());
                n.put("orderListId", -1);
                n.put("price", Decimals.of(f.price()));
                n.put("qty", Decimals.of(f.qty()));
                n.put("quoteQty", Decimals.of(f.price().multiply(f.qty())));
                n.put("commission", Decimals.of(f.commission()));
                n.put("commissionAsset", f.commissionAsset());
                n.put("time", f.time());
                n.put("isBuyer", f.side().equals("BUY"));
                n.put("isMaker", false);
                n.put("isBestMatch", true);
            }
            json(ctx, a, 20);
        });
        r.post("/api/v3/order/cancelReplace", this::cancelReplace);
    }

    private void beforeRequest(Context ctx) throws InterruptedException {
        if (faults.delayMillis > 0) {
            Thread.sleep(faults.delayMillis);
        }
        long minute = config.clock().millis() / 60_000;
        if (minute != weightMinute) {
            weightMinute = minute;
            weight.set(0);
        }
        int fault = faults.restFault();
        if (fault == 429) {
            ctx.header("Retry-After", Integer.toString(faults.retryAfterSeconds));
            throw new ApiException(429, -1003, "Too much request weight used; current limit is 6000 request weight per 1 MINUTE. "
                    + "Please use WebSocket Streams for live updates to avoid polling the API.");
        }
        if (fault == 503) {
            throw new ApiException(503, -1000, "An unknown error occurred while processing the request.");
        }
        ApiException aimed = faults.aimedFault(ctx.method().name(), ctx.path(), params(ctx));
        if (aimed != null) {
            if (aimed.status == 429) {
                ctx.header("Retry-After", Integer.toString(faults.retryAfterSeconds));
            }
            throw aimed;
        }
    }

    /** A request the exchange carried out may still lose its reply on the way back. */
    private void afterRequest(Context ctx) {
        if (ctx.statusCode() != 200) {
            return;
        }
        LostReply lost = faults.lostReply(ctx.method().name(), ctx.path(), params(ctx));
        if (lost == LostReply.STATUS_503) {
            error(ctx, 503, -1000, "An unknown error occurred while processing the request.");
        } else if (lost == LostReply.CLOSE) {
            ctx.result("");
            org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req())
                    .getConnectionMetaData().getConnection().getEndPoint().close();
        }
    }

    private void json(Context ctx, Object body, int cost) {
        ctx.header("X-MBX-USED-WEIGHT-1M", Integer.toString(weight.addAndGet(cost)));
        ctx.contentType("application/json");
        ctx.result(body.toString());
    }

    private void error(Context ctx, int status, int code, String msg) {
        ctx.status(status);
        ctx.header("X-MBX-USED-WEIGHT-1M", Integer.toString(weight.get()));
        ctx.contentType("application/json");
        ctx.result(JSON.createObjectNode().put("code", code).put("msg", msg).toString());
    }

    /** Query and form parameters; a parameter in both: the query wins. */
    private static Map<String, String> params(Context ctx) {
        Map<String, String> p = new LinkedHashMap<>();
        String body = ctx.body();
        if (body != null && !body.isEmpty() && !body.trim().startsWith("{")) {
            parse(body, p);
        }
        parse(ctx.queryString(), p);
        return p;
    }

    private static void parse(String raw, Map<String, String> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(k, v);
        }
    }

    /** Checks key, timestamp window and signature; returns the parameters. */
    private Map<String, String> signed(Context ctx) {
        Map<String, String> p = params(ctx);
        String key = ctx.header("X-MBX-APIKEY");
        if (key == null || key.isBlank()) {
            throw new ApiException(401, -2014, "API-key format invalid.");
        }
        if (!key.equals(config.apiKey())) {
            throw new ApiException(401, -2015, "Invalid API-key, IP, or permissions for action.");
        }
        String ts = p.get("timestamp");
        if (ts == null || ts.isBlank()) {
            throw ApiException.missing("timestamp");
        }
        String sig = p.get("signature");
        if (sig == null || sig.isBlank()) {
            throw ApiException.missing("signature");
        }
        long recvWindow = 5000;
        if (p.get("recvWindow") != null) {
            recvWindow = (long) Double.parseDouble(p.get("recvWindow"));
            if (recvWindow > 60_000) {
                throw ApiException.badRequest(-1102, "'recvWindow' contains unexpected value. Cannot be greater than 60000.");
            }
        }
        String body = ctx.body();
        String payload = Signature.withoutSignature(ctx.queryString()) + Signature.withoutSignature(body == null ? "" : body);
        if (!Signature.hmac(config.apiSecret(), payload).equalsIgnoreCase(sig)) {
            throw ApiException.badRequest(-1022, "Signature for this request is not valid.");
        }
        long timestamp = Long.parseLong(ts);
        if (timestamp > 1_000_000_000_000_000L) {
            timestamp /= 1000; // microseconds
        }
        long now = config.clock().millis();
        if (faults.timestampFault() || now - timestamp > recvWindow) {
            throw ApiException.badRequest(-1021, "Timestamp for this request is outside of the recvWindow.");
        }
        if (timestamp >= now + 1000) {
            throw ApiException.badRequest(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
        }
        return p;
    }

    private void checkSymbol(String s) {
        if (s == null) {
            throw ApiException.missing("symbol");
        }
        if (!s.equals(book.symbol)) {
            throw ApiException.badRequest(-1121, "Invalid symbol.");
        }
    }

    private static Long longParam(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(-1100, "Illegal characters found in parameter '" + name + "'; legal range is '^[0-9]{1,20}$'.");
        }
    }

    private static Book.NewOrder newOrder(Map<String, String> p) {
        return new Book.NewOrder(p.get("symbol"), p.get("side"), p.get("type"), p.get("quantity"), p.get("price"), p.get("stopPrice"),
                p.get("timeInForce"), p.get("newClientOrderId"), p.get("quoteOrderQty"));
    }

    private ObjectNode exchangeInfo() {
        ObjectNode root = JSON.createObjectNode();
        root.put("timezone", "UTC");
        root.put("serverTime", config.clock().millis());
        ArrayNode limits = root.putArray("rateLimits");
        limits.addObject().put("rateLimitType", "REQUEST_WEIGHT").put("interval", "MINUTE").put("intervalNum", 1).put("limit", 6000);
        limits.addObject().put("rateLimitType", "ORDERS").put("interval", "SECOND").put("intervalNum", 10).put("limit", orderLimit.limit());
        limits.addObject().put("rateLimitType", "ORDERS").put("interval", "DAY").put("intervalNum", 1).put("limit", 200000);
        limits.addObject().put("rateLimitType", "RAW_REQUESTS").put("interval", "MINUTE").put("intervalNum", 5).put("limit", 300000);
        root.putArray("exchangeFilters");
        ObjectNode s = root.putArray("symbols").addObject();
        s.put("symbol", book.symbol);
        s.put("status", "TRADING");
        s.put("baseAsset", book.base);
        s.put("baseAssetPrecision", 8);
        s.put("quoteAsset", book.quote);
        s.put("quotePrecision", 8);
        s.put("quoteAssetPrecision", 8);
        s.put("baseCommissionPrecision", 8);
        s.put("quoteCommissionPrecision", 8);
        ArrayNode types = s.putArray("orderTypes");
        for (String t : List.of("LIMIT", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT")) {
            types.add(t);
        }
        s.put("icebergAllowed", false);
        s.put("ocoAllowed", false);
        s.put("quoteOrderQtyMarketAllowed", true);
        s.put("allowTrailingStop", false);
        s.put("cancelReplaceAllowed", true);
        s.put("isSpotTradingAllowed", true);
        s.put("isMarginTradingAllowed", false);
        ArrayNode f = s.putArray("filters");
        f.addObject().put("filterType", "PRICE_FILTER").put("minPrice", Decimals.of(book.tick)).put("maxPrice", Decimals.of(Book.MAX_PRICE))
                .put("tickSize", Decimals.of(book.tick));
        f.addObject().put("filterType", "LOT_SIZE").put("minQty", Decimals.of(Book.STEP)).put("maxQty", Decimals.of(Book.MAX_QTY))
                .put("stepSize", Decimals.of(Book.STEP));
        f.addObject().put("filterType", "MARKET_LOT_SIZE").put("minQty", "0.00000000").put("maxQty", Decimals.of(Book.MARKET_MAX_QTY))
                .put("stepSize", "0.00000000");
        f.addObject().put("filterType", "NOTIONAL").put("minNotional", Decimals.of(Book.MIN_NOTIONAL)).put("applyMinToMarket", true)
                .put("maxNotional", Decimals.of(Book.MAX_NOTIONAL)).put("applyMaxToMarket", false).put("avgPriceMins", 5);
        s.putArray("permissions");
        s.putArray("permissionSets").addArray().add("SPOT");
        s.put("defaultSelfTradePreventionMode", "NONE");
        s.putArray("allowedSelfTradePreventionModes").add("NONE");
        return root;
    }

    private void klines(Context ctx) {
        Map<String, String> p = params(ctx);
        checkSymbol(p.get("symbol"));
        String iv = p.get("interval");
        if (iv == null) {
            throw ApiException.missing("interval");
        }
        Interval interval;
        try {
            interval = Interval.parse(iv);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(-1120, "Invalid interval.");
        }
        if (interval != config.series().interval()) {
            throw ApiException.badRequest(-1120, "Invalid interval.");
        }
        int limit = p.get("limit") == null ? 500 : Integer.parseInt(p.get("limit"));
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest(-1102, "'limit' contains unexpected value. Cannot be greater than 1000.");
        }
        Long start = longParam(p, "startTime");
        Long end = longParam(p, "endTime");
        List<double[]> rows = market.klines(start == null ? Long.MIN_VALUE : start, end == null ? Long.MAX_VALUE : end, limit, start == null);
        ArrayNode a = JSON.createArrayNode();
        for (double[] r : rows) {
            long t = (long) r[0];
            ArrayNode row = a.addArray();
            row.add(t).add(Decimals.of(r[1])).add(Decimals.of(r[2])).add(Decimals.of(r[3])).add(Decimals.of(r[4])).add(Decimals.of(r[5]))
                    .add(interval.next(t) - 1).add("0.00000000").add(0).add("0.00000000").add("0.00000000").add("0");
        }
        json(ctx, a, 2);
    }

    private ObjectNode account() {
        ObjectNode a = JSON.createObjectNode();
        int bps = (int) Math.round(config.fee() * 10_000);
        a.put("makerCommission", bps).put("takerCommission", bps).put("buyerCommission", 0).put("sellerCommission", 0);
        a.putObject("commissionRates").put("maker", Decimals.of(config.fee())).put("taker", Decimals.of(config.fee()))
                .put("buyer", "0.00000000").put("seller", "0.00000000");
        a.put("canTrade", true).put("canWithdraw", false).put("canDeposit", false).put("brokered", false)
                .put("requireSelfTradePrevention", false).put("preventSor", false).put("updateTime", config.clock().millis())
                .put("accountType", "SPOT");
        ArrayNode b = a.putArray("balances");
        book.balances().forEach((asset, v) -> b.addObject().put("asset", asset).put("free", Decimals.of(v[0])).put("locked", Decimals.of(v[1])));
        a.putArray("permissions").add("SPOT");
        a.put("uid", 1);
        return a;
    }

    /** The fields every order answer shares, in Binance's order. */
    private void orderFields(ObjectNode n, Order o) {
        n.put("price", Decimals.of(o.price));
        n.put("origQty", Decimals.of(o.origQty));
        n.put("executedQty", Decimals.of(o.executedQty));
        n.put("origQuoteOrderQty", "0.00000000");
        n.put("cummulativeQuoteQty", Decimals.of(o.cumQuote));
        n.put("status", o.status);
        n.put("timeInForce", o.timeInForce == null ? "GTC" : o.timeInForce);
        n.put("type", o.type);
        n.put("side", o.side);
    }

    private ObjectNode orderNode(Order o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("symbol", book.symbol);
        n.put("orderId", o.id);
        n.put("orderListId", -1);
        n.put("clientOrderId", o.clientOrderId);
        orderFields(n, o);
        n.put("stopPrice", Decimals.of(o.stopPrice));
        n.put("icebergQty", "0.00000000");
        n.put("time", o.time);
        n.put("updateTime", o.updateTime);
        n.put("isWorking", o.workingTime >= 0);
        n.put("workingTime", o.workingTime);
        n.put("selfTradePreventionMode", "NONE");
        return n;
    }

    private ObjectNode orderResponse(Order o, String respType) {
        ObjectNode n = JSON.createObjectNode();
        n.put("symbol", book.symbol);
        n.put("orderId", o.id);
        n.put("orderListId", -1);
        n.put("clientOrderId", o.clientOrderId);
        n.put("transactTime", o.updateTime);
        if (respType.equals("ACK")) {
            return n;
        }
        orderFields(n, o);
        if (o.stopPrice != null) {
            n.put("stopPrice", Decimals.of(o.stopPrice));
        }
        n.put("workingTime", o.workingTime);
        n.put("selfTradePreventionMode", "NONE");
        if (respType.equals("FULL")) {
            ArrayNode fills = n.putArray("fills");
            for (Fill f : book.fills()) {
                if (f.orderId() == o.id) {
                    fills.addObject().put("price", Decimals.of(f.price())).put("qty", Decimals.of(f.qty()))
                            .put("commission", Decimals.of(f.commission())).put("commissionAsset", f.commissionAsset()).put("tradeId", f.id());
                }
            }
        }
        return n;
    }

    private ObjectNode cancelNode(Order o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("symbol", book.symbol);
        n.put("origClientOrderId", o.clientOrderId);
        n.put("orderId", o.id);
        n.put("orderListId", -1);
        n.put("clientOrderId", o.cancelClientOrderId);
        n.put("transactTime", o.updateTime);
        orderFields(n, o);
        n.put("selfTradePreventionMode", "NONE");
        return n;
    }

    private void cancelReplace(Context ctx) {
        Map<String, String> p = signed(ctx);
        checkSymbol(p.get("symbol"));
        String mode = p.get("cancelReplaceMode");
        if (mode == null) {
            throw ApiException.missing("cancelReplaceMode");
        }
        // the new order counts against the ORDERS limit before anything is canceled
        ctx.header("X-MBX-ORDER-COUNT-10S", Integer.toString(orderLimit.take(config.clock().millis())));
        ObjectNode data = JSON.createObjectNode();
        Order canceled = null;
        try {
            canceled = book.cancel(longParam(p, "cancelOrderId"), p.get("cancelOrigClientOrderId"), p.get("cancelNewClientOrderId"));
            data.put("cancelResult", "SUCCESS");
            data.set("cancelResponse", cancelNode(canceled));
        } catch (ApiException e) {
            data.put("cancelResult", "FAILURE");
            data.set("cancelResponse", JSON.createObjectNode().put("code", e.code).put("msg", e.getMessage()));
            if (mode.equals("STOP_ON_FAILURE")) {
                data.put("newOrderResult", "NOT_ATTEMPTED");
                data.putNull("newOrderResponse");
                replaceError(ctx, 400, -2022, "Order cancel-replace failed.", data);
                return;
            }
        }
        try {
            Order o = book.place(newOrder(p));
            data.put("newOrderResult", "SUCCESS");
            data.set("newOrderResponse", orderResponse(o, p.getOrDefault("newOrderRespType", "ACK")));
        } catch (ApiException e) {
            data.put("newOrderResult", "FAILURE");
            data.set("newOrderResponse", JSON.createObjectNode().put("code", e.code).put("msg", e.getMessage()));
            if (canceled != null) {
                userEvents.rejected(newOrder(p), rejectReason(e), config.clock().millis());
                replaceError(ctx, 409, -2021, "Order cancel-replace partially failed.", data);
            } else {
                replaceError(ctx, 400, -2022, "Order cancel-replace failed.", data);
            }
            return;
        }
        if (canceled == null) {
            replaceError(ctx, 409, -2021, "Order cancel-replace partially failed.", data);
            return;
        }
        json(ctx, data, 1);
    }

    /** The {@code r} of a REJECTED report, by the engine's message. */
    private static String rejectReason(ApiException e) {
        return switch (e.getMessage()) {
            case "Account has insufficient balance for requested action." -> "INSUFFICIENT_BALANCES";
            case "Order would trigger immediately." -> "STOP_PRICE_WOULD_TRIGGER_IMMEDIATELY";
            case "Duplicate order sent." -> "DUPLICATE_ORDER";
            default -> "UNKNOWN_ORDER";
        };
    }

    private void replaceError(Context ctx, int status, int code, String msg, ObjectNode data) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(JSON.createObjectNode().put("code", code).put("msg", msg).set("data", data).toString());
    }
}
