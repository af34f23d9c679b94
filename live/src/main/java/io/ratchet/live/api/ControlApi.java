package io.ratchet.live.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.ratchet.data.config.ConfigFileException;
import io.ratchet.data.config.TrailingConfigJson;
import io.ratchet.engine.Direction;
import io.ratchet.engine.InvalidConfigException;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.live.LiveRunner;
import io.ratchet.live.OpenRequest;
import io.ratchet.live.Position;
import io.ratchet.live.store.PositionStore;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The runner's control API: start trailing, look, stop. Bound to loopback unless told
 * otherwise; with a token set, every call must carry it as a bearer token; bound anywhere
 * else without a token, it refuses to start.
 *
 * <p>It also serves the dashboard at {@code /} (the page and its files need no token: they
 * hold no data, and the page asks for the token and sends it with each call) and
 * {@code /api/stream}, every change as Server-Sent Events.
 */
public final class ControlApi implements AutoCloseable {
    private static final Set<String> FIELDS = Set.of("symbol", "direction", "quantity", "entryPrice", "config");

    private final Javalin app;
    private final StreamBus bus;
    private final LiveRunner runner;

    private ControlApi(Javalin app, StreamBus bus, LiveRunner runner) {
        this.app = app;
        this.bus = bus;
        this.runner = runner;
    }

    public static ControlApi start(String host, int port, String token, LiveRunner runner, PositionStore store) {
        return start(host, port, token, runner, store, "sim");
    }

    /** @param network where orders go, as the dashboard shows it: {@code sim}, {@code testnet} or {@code mainnet} */
    public static ControlApi start(String host, int port, String token, LiveRunner runner, PositionStore store, String network) {
        if (!isLoopback(host) && (token == null || token.isBlank())) {
            throw new IllegalArgumentException("--api-host " + host + " is not loopback: set RATCHET_API_TOKEN so the API is not open to the network");
        }
        byte[] expected = token == null || token.isBlank() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        StreamBus bus = new StreamBus(20_000);
        DashboardAssets assets = new DashboardAssets();
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = host;
            cfg.jetty.port = port;
            cfg.routes.before(ctx -> {
                String refused = RequestOrigin.refusal(ctx, expected != null);
                if (refused != null) {
                    ctx.status(403).json(error(refused));
                    ctx.skipRemainingHandlers();
                    return;
                }
                if (expected != null && !DashboardAssets.isAsset(ctx.path())) {
                    String h = ctx.header("Authorization");
                    if (h == null || !MessageDigest.isEqual(expected, h.getBytes(StandardCharsets.UTF_8))) {
                        ctx.status(401).json(error("a bearer token is required (Authorization: Bearer $RATCHET_API_TOKEN)"));
                        ctx.skipRemainingHandlers();
                    }
                }
            });
            cfg.routes.exception(BadRequest.class, (e, ctx) -> ctx.status(400).contentType("application/json").result(error(e.getMessage()).toString()));
            cfg.routes.exception(NoSuchElementException.class, (e, ctx) -> ctx.status(404).contentType("application/json").result(error(e.getMessage()).toString()));
            cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).contentType("application/json").result(error(e.getMessage()).toString()));
            cfg.routes.exception(IllegalStateException.class, (e, ctx) -> ctx.status(503).contentType("application/json").result(error(e.getMessage()).toString()));
            cfg.routes.exception(Exception.class, (e, ctx) -> ctx.status(500).contentType("application/json").result(error(e.getMessage()).toString()));
            cfg.routes.post("/api/positions", ctx -> {
                String key = ctx.header("Idempotency-Key");
                if (key != null && !key.matches("[\\x21-\\x7e]{1,200}")) {
                    throw new BadRequest("Idempotency-Key: 1 to 200 visible ASCII characters, got '" + key + "'");
                }
                Position p = runner.open(parse(ctx), key);
                ctx.status(201).contentType("application/json").result(LiveJson.position(p).toString());
            });
            cfg.routes.get("/api/positions", ctx -> {
                ArrayNode a = LiveJson.MAPPER.createArrayNode();
                store.all().forEach(p -> a.add(LiveJson.position(p)));
                ctx.contentType("application/json").result(a.toString());
            });
            cfg.routes.get("/api/positions/{id}", ctx -> ctx.contentType("application/json")
                    .result(LiveJson.position(store.get(id(ctx)).orElseThrow(() -> new NoSuchElementException("no position " + ctx.pathParam("id")))).toString()));
            cfg.routes.get("/api/positions/{id}/events", ctx -> {
                long id = id(ctx);
                store.get(id).orElseThrow(() -> new NoSuchElementException("no position " + id));
                ArrayNode a = LiveJson.MAPPER.createArrayNode();
                store.events(id).forEach(e -> a.add(LiveJson.event(e)));
                ctx.contentType("application/json").result(a.toString());
            });
            cfg.routes.get("/", assets::serve);
            cfg.routes.get("/assets/{name}", assets::serve);
            cfg.routes.get("/api/stream", ctx -> EventStream.serve(ctx, bus));
            cfg.routes.get("/api/health", ctx -> ctx.contentType("application/json").result(DashboardJson.health(runner.health(), network, bus).toString()));
            cfg.routes.get("/api/snapshot", ctx -> ctx.contentType("application/json").result(DashboardJson.snapshot(runner, store, network, bus).toString()));
            cfg.routes.delete("/api/positions/{id}", ctx -> {
                boolean close = "true".equalsIgnoreCase(ctx.queryParam("close"));
                ctx.contentType("application/json").result(LiveJson.position(runner.stop(id(ctx), close)).toString());
            });
        });
        if (runner != null) {
            runner.listen(bus);
        }
        app.start();
        return new ControlApi(app, bus, runner);
    }

    public int port() {
        return app.port();
    }

    /** The stream's bus (tests publish to it without a runner). */
    StreamBus bus() {
        return bus;
    }

    /** Ends every open {@code /api/stream} at once, as a network drop would: each page resumes from its last id (tests prove it). */
    public void dropStreams() {
        bus.drop();
    }

    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String m) {
            super(m, null, false, false);
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode error(String m) {
        return LiveJson.MAPPER.createObjectNode().put("error", m);
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new BadRequest("id: not a position id: " + ctx.pathParam("id"));
        }
    }

    private static OpenRequest parse(Context ctx) {
        JsonNode n;
        try {
            n = LiveJson.MAPPER.readTree(ctx.body());
        } catch (Exception e) {
            throw new BadRequest("body: not valid JSON");
        }
        if (n == null || !n.isObject()) {
            throw new BadRequest("body: expected an object {symbol, direction, quantity, entryPrice?, config?}");
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new BadRequest(f + ": unknown field (allowed: symbol, direction, quantity, entryPrice, config)");
            }
        });
        String symbol = n.path("symbol").asText("");
        if (!symbol.matches("[A-Z0-9]{2,20}")) {
            throw new BadRequest("symbol: expected a Binance symbol such as BTCUSDT, got '" + symbol + "'");
        }
        Direction d;
        try {
            d = Direction.parse(n.path("direction").asText(null));
        } catch (InvalidConfigException e) {
            throw new BadRequest(e.getMessage());
        }
        BigDecimal qty;
        JsonNode q = n.get("quantity");
        if (q == null || !(q.isTextual() || q.isNumber())) {
            throw new BadRequest("quantity: expected a positive number such as \"0.01\", got " + q);
        }
        try {
            qty = new BigDecimal(q.asText());
        } catch (NumberFormatException e) {
            throw new BadRequest("quantity: expected a positive number such as \"0.01\", got " + q);
        }
        if (qty.signum() <= 0) {
            throw new BadRequest("quantity: must be positive, got " + qty.toPlainString());
        }
        double entry = Double.NaN;
        if (n.hasNonNull("entryPrice")) {
            if (!n.get("entryPrice").isNumber() || !(n.get("entryPrice").asDouble() > 0) || Double.isInfinite(n.get("entryPrice").asDouble())) {
                throw new BadRequest("entryPrice: must be a positive number (or absent to enter at market), got " + n.get("entryPrice"));
            }
            entry = n.get("entryPrice").asDouble();
        }
        TrailingConfig cfg = null;
        if (n.hasNonNull("config")) {
            try {
                cfg = TrailingConfigJson.fromNode(n.get("config"), "config");
            } catch (ConfigFileException e) {
                throw new BadRequest(e.getMessage());
            }
        }
        return new OpenRequest(symbol, d, qty, entry, cfg);
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (runner != null) {
            runner.unlisten(bus);
        }
        bus.close();
        app.stop();
    }
}
