package io.ratchet.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ratchet.data.rest.BinanceSignature;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance's spot order API, signed, with what a long-running process needs: 429/418 wait
 * out {@code Retry-After}; -1021 resyncs the clock offset from {@code /api/v3/time}; reads
 * retry network errors and 5xx with backoff. A new order or a cancel-replace is never sent
 * twice here: Binance accepts a client id again once its first order is filled, so a blind
 * repeat can fill twice. An unknown outcome (network error, 5xx, -1001/-1006/-1007) is
 * thrown as not definite, for the caller to resolve by asking for the order. The key and
 * secret are held here only and never written to a log or a message.
 */
public final class BinanceRest implements OrderGateway {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceRest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long after its timestamp a signed request can still be accepted: past it, an order that is not found never will be. */
    public static final long RECV_WINDOW = 5_000;

    private final URI base;
    private final String apiKey;
    private final byte[] secret;
    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, SymbolRules> rules = new ConcurrentHashMap<>();
    private volatile long offset;
    private final int maxRetries;

    /** Pauses; tests count instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public BinanceRest(URI base, String apiKey, String apiSecret, Clock clock, Sleeper sleeper, int maxRetries) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.apiKey = apiKey;
        this.secret = apiSecret == null ? null : apiSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.sleeper = sleeper;
        this.maxRetries = maxRetries;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public String toString() {
        return "BinanceRest[" + base + "]"; // never the key
    }

    // ---- the port ----------------------------------------------------------------------------

    @Override
    public SymbolRules rules(String symbol) {
        SymbolRules known = rules.get(symbol);
        if (known != null) {
            return known;
        }
        JsonNode info;
        try {
            info = call("GET", "/api/v3/exchangeInfo", Map.of("symbol", symbol), false, true);
        } catch (ExchangeException e) {
            if (e.code() == -1121 || e.code() == -1100) {
                throw new ExchangeException(400, -1121, "unknown symbol " + symbol + " (Binance " + e.code() + ")", true);
            }
            throw e;
        }
        int ordersPer10s = 0;
        for (JsonNode l : info.path("rateLimits")) {
            if (l.path("rateLimitType").asText().equals("ORDERS") && l.path("interval").asText().equals("SECOND")) {
                ordersPer10s = (int) (l.path("limit").asLong() * 10 / Math.max(1, l.path("intervalNum").asLong()));
            }
        }
        for (JsonNode sym : info.path("symbols")) {
            if (sym.path("symbol").asText().equals(symbol)) {
                SymbolRules r = parseRules(sym, ordersPer10s);
                rules.put(symbol, r);
                return r;
            }
        }
        throw new ExchangeException(400, -1121, "unknown symbol " + symbol, true);
    }

    static SymbolRules parseRules(JsonNode sym, int ordersPer10s) {
        BigDecimal tick = BigDecimal.ZERO;
        BigDecimal minPrice = BigDecimal.ZERO;
        BigDecimal maxPrice = BigDecimal.ZERO;
        BigDecimal step = BigDecimal.ZERO;
        BigDecimal minQty = BigDecimal.ZERO;
        BigDecimal maxQty = BigDecimal.ZERO;
        BigDecimal mStep = BigDecimal.ZERO;
        BigDecimal mMin = BigDecimal.ZERO;
        BigDecimal mMax = BigDecimal.ZERO;
        BigDecimal minNotional = BigDecimal.ZERO;
        for (JsonNode f : sym.path("filters")) {
            switch (f.path("filterType").asText()) {
                case "PRICE_FILTER" -> {
                    tick = dec(f, "tickSize");
                    minPrice = dec(f, "minPrice");
                    maxPrice = dec(f, "maxPrice");
                }
                case "LOT_SIZE" -> {
                    step = dec(f, "stepSize");
                    minQty = dec(f, "minQty");
                    maxQty = dec(f, "maxQty");
                }
                case "MARKET_LOT_SIZE" -> {
                    mStep = dec(f, "stepSize");
                    mMin = dec(f, "minQty");
                    mMax = dec(f, "maxQty");
                }
                case "NOTIONAL", "MIN_NOTIONAL" -> minNotional = dec(f, "minNotional");
                default -> {
                }
            }
        }
        return new SymbolRules(sym.path("symbol").asText(), sym.path("baseAsset").asText(), sym.path("quoteAsset").asText(), tick.stripTrailingZeros(),
                step.stripTrailingZeros(), minQty, minNotional, maxQty, mMin, mMax, mStep.stripTrailingZeros(), minPrice, maxPrice, ordersPer10s);
    }

    private static BigDecimal dec(JsonNode f, String field) {
        return new BigDecimal(f.path(field).asText("0"));
    }

    @Override
    public OrderState market(String symbol, boolean sell, BigDecimal quantity, String clientOrderId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", symbol);
        p.put("side", sell ? "SELL" : "BUY");
        p.put("type", "MARKET");
        p.put("quantity", quantity.toPlainString());
        p.put("newClientOrderId", clientOrderId);
        p.put("newOrderRespType", "FULL");
        JsonNode o = call("POST", "/api/v3/order", p, true, false);
        String base = rules(symbol).base();
        BigDecimal commission = BigDecimal.ZERO;
        for (JsonNode f : o.path("fills")) {
            if (f.path("commissionAsset").asText().equals(base)) {
                commission = commission.add(new BigDecimal(f.path("commission").asText("0")));
            }
        }
        return state(o, commission);
    }

    @Override
    public OrderState stopLoss(String symbol, boolean sell, BigDecimal quantity, BigDecimal stopPrice, String clientOrderId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", symbol);
        p.put("side", sell ? "SELL" : "BUY");
        p.put("type", "STOP_LOSS");
        p.put("quantity", quantity.toPlainString());
        p.put("stopPrice", stopPrice.toPlainString());
        p.put("newClientOrderId", clientOrderId);
        p.put("newOrderRespType", "RESULT");
        return state(call("POST", "/api/v3/order", p, true, false), BigDecimal.ZERO);
    }

    @Override
    public OrderState replaceStop(String symbol, String oldClientId, boolean sell, BigDecimal quantity, BigDecimal stopPrice, String newClientId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", symbol);
        p.put("side", sell ? "SELL" : "BUY");
        p.put("type", "STOP_LOSS");
        p.put("cancelReplaceMode", "STOP_ON_FAILURE");
        p.put("cancelOrigClientOrderId", oldClientId);
        p.put("quantity", quantity.toPlainString());
        p.put("stopPrice", stopPrice.toPlainString());
        p.put("newClientOrderId", newClientId);
        p.put("newOrderRespType", "RESULT");
        // Refusals: -2021 the old stop was canceled but the new one refused; -2022 the cancel was refused, nothing placed.
        return state(call("POST", "/api/v3/order/cancelReplace", p, true, false).path("newOrderResponse"), BigDecimal.ZERO);
    }

    @Override
    public Optional<OrderState> cancel(String symbol, String clientOrderId) {
        try {
            return Optional.of(state(call("DELETE", "/api/v3/order", Map.of("symbol", symbol, "origClientOrderId", clientOrderId), true, true),
                    BigDecimal.ZERO));
        } catch (ExchangeException e) {
            if (e.code() == -2011) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<OrderState> find(String symbol, String clientOrderId) {
        try {
            JsonNode o = call("GET", "/api/v3/order", Map.of("symbol", symbol, "origClientOrderId", clientOrderId), true, true);
            BigDecimal commission = BigDecimal.ZERO;
            if (new BigDecimal(o.path("executedQty").asText("0")).signum() > 0) {
                // An order's own answer leaves out commission: the account's trades of that order say it.
                String base = rules(symbol).base();
                for (JsonNode t : call("GET", "/api/v3/myTrades", Map.of("symbol", symbol, "orderId", o.path("orderId").asText()), true, true)) {
                    if (t.path("commissionAsset").asText().equals(base)) {
                        commission = commission.add(new BigDecimal(t.path("commission").asText("0")));
                    }
                }
            }
            return Optional.of(state(o, commission));
        } catch (ExchangeException e) {
            if (e.code() == -2013) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<OrderState> openOrders(String symbol) {
        List<OrderState> out = new ArrayList<>();
        for (JsonNode o : call("GET", "/api/v3/openOrders", Map.of("symbol", symbol), true, true)) {
            out.add(state(o, BigDecimal.ZERO));
        }
        return out;
    }

    @Override
    public List<OrderState> recentOrders(String symbol) {
        List<OrderState> out = new ArrayList<>();
        for (JsonNode o : call("GET", "/api/v3/allOrders", Map.of("symbol", symbol, "limit", "1000"), true, true)) {
            out.add(state(o, BigDecimal.ZERO));
        }
        return out;
    }

    @Override
    public Map<String, BigDecimal> balances() {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (JsonNode b : call("GET", "/api/v3/account", Map.of(), true, true).path("balances")) {
            out.put(b.path("asset").asText(), new BigDecimal(b.path("free").asText("0")));
        }
        return out;
    }

    @Override
    public Map<String, BigDecimal> holdings() {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (JsonNode b : call("GET", "/api/v3/account", Map.of(), true, true).path("balances")) {
            out.put(b.path("asset").asText(), new BigDecimal(b.path("free").asText("0")).add(new BigDecimal(b.path("locked").asText("0"))));
        }
        return out;
    }

    private static OrderState state(JsonNode o, BigDecimal baseCommission) {
        BigDecimal executed = new BigDecimal(o.path("executedQty").asText("0"));
        BigDecimal quote = new BigDecimal(o.path("cummulativeQuoteQty").asText("0"));
        double avg = executed.signum() > 0 ? quote.divide(executed, java.math.MathContext.DECIMAL64).doubleValue() : Double.NaN;
        String stop = o.path("stopPrice").asText("0");
        return new OrderState(o.path("clientOrderId").asText(o.path("origClientOrderId").asText()), o.path("orderId").asLong(),
                o.path("status").asText("NEW"), o.path("type").asText(), o.path("side").asText(), executed, avg, new BigDecimal(stop), baseCommission,
                o.path("transactTime").asLong(o.path("updateTime").asLong(0)));
    }

    // ---- transport -----------------------------------------------------------------------------

    /**
     * One call with Binance's rules. {@code idempotent}: safe to repeat after an unknown
     * outcome (reads, cancels); otherwise an unknown outcome is thrown, never repeated here.
     * Rate limits and -1021 are refusals before the exchange acted: a call that is safe to
     * repeat is waited out (Retry-After) or resynced here and sent again; an order is thrown
     * back to its desk (after the resync), which sends it again as a new attempt with its own
     * time, so that its receive window is known.
     */
    JsonNode call(String method, String path, Map<String, String> params, boolean signed, boolean idempotent) {
        int failures = 0;
        int limited = 0;
        int resynced = 0;
        while (true) {
            HttpResponse<String> r;
            try {
                r = http.send(request(method, path, params, signed), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                String what = method + " " + path + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
                if (!idempotent || ++failures > maxRetries) {
                    throw new ExchangeException(0, 0, what + " (outcome unknown)", false);
                }
                pause(backoff(failures), what + ", retry " + failures);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExchangeException(0, 0, method + " " + path + ": interrupted (outcome unknown)", false);
            }
            int status = r.statusCode();
            if (status == 200) {
                try {
                    return JSON.readTree(r.body());
                } catch (IOException e) {
                    throw new ExchangeException(200, 0, method + " " + path + ": unreadable answer (outcome unknown)", false);
                }
            }
            int code = 0;
            String msg = "HTTP " + status;
            try {
                JsonNode e = JSON.readTree(r.body());
                code = e.path("code").asInt();
                msg = e.path("msg").asText(msg);
            } catch (IOException ignored) {
                // not JSON: the status says it
            }
            if (status == 429 || status == 418) {
                long wait = r.headers().firstValueAsLong("Retry-After").orElse(60) * 1000;
                if (!idempotent) {
                    // An order is sent again by its desk alone, which notes the time of each attempt: waited out and re-signed
                    // here, an unknown outcome of the later attempt would be looked up against the first one's receive window,
                    // found missing too early, and sent a third time (a second fill under a reused client id).
                    throw new ExchangeException(status, code != 0 ? code : -1003, method + " " + path + ": answered " + status
                            + ", Retry-After " + wait / 1000 + " s (not carried out)", true, wait);
                }
                if (++limited > maxRetries) {
                    throw new ExchangeException(status, code != 0 ? code : -1003, method + " " + path + ": rate limited " + limited + " times in a row", true);
                }
                pause(wait, method + " " + path + " answered " + status + ", Retry-After " + wait / 1000 + " s");
                continue;
            }
            if (status >= 500 || ExchangeException.unknownCode(code)) {
                String what = method + " " + path + ": HTTP " + status + (code != 0 ? " Binance " + code + " " + msg : "");
                if (!idempotent || ++failures > maxRetries) {
                    throw new ExchangeException(status, code, what + " (outcome unknown)", false);
                }
                pause(backoff(failures), what + ", retry " + failures);
                continue;
            }
            if (code == -1021 && !idempotent) {
                try {
                    resync(); // the desk sends the order again, signed with the corrected clock, as an attempt of its own
                } catch (ExchangeException e) {
                    LOG.warn("timestamp outside recvWindow (-1021), and the exchange's time could not be read to resync: {}", e.getMessage());
                }
                throw new ExchangeException(status, code, method + " " + path + ": Binance " + code + " " + msg + " (not carried out; clock resynced)",
                        true);
            }
            if (code == -1021 && resynced++ < maxRetries) {
                resync();
                continue;
            }
            throw new ExchangeException(status, code, method + " " + path + ": Binance " + code + " " + msg, true);
        }
    }

    private HttpRequest request(String method, String path, Map<String, String> params, boolean signed) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> {
            if (q.length() > 0) {
                q.append('&');
            }
            q.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        HttpRequest.Builder b;
        if (signed) {
            if (apiKey == null || secret == null) {
                throw new ExchangeException(0, -2014, "no API key: set BINANCE_API_KEY and BINANCE_API_SECRET", true);
            }
            if (q.length() > 0) {
                q.append('&');
            }
            q.append("recvWindow=").append(RECV_WINDOW).append("&timestamp=").append(clock.millis() + offset);
            String signature = sign(q.toString()); // before appending: the signature covers the rest only
            q.append("&signature=").append(signature);
        }
        b = HttpRequest.newBuilder(URI.create(base + path + (q.length() > 0 ? "?" + q : ""))).timeout(Duration.ofSeconds(20));
        if (signed) {
            b.header("X-MBX-APIKEY", apiKey);
        }
        return switch (method) {
            case "POST" -> b.POST(HttpRequest.BodyPublishers.noBody()).build();
            case "DELETE" -> b.DELETE().build();
            default -> b.GET().build();
        };
    }

    private String sign(String payload) {
        return BinanceSignature.hmac(secret, payload);
    }

    /** -1021: our clock and the exchange's disagree; measure the offset and retry. */
    private void resync() {
        long before = clock.millis();
        JsonNode t = call("GET", "/api/v3/time", Map.of(), false, true);
        long after = clock.millis();
        offset = t.path("serverTime").asLong() - (before + after) / 2;
        LOG.warn("timestamp outside recvWindow (-1021): clock offset to the exchange is now {} ms", offset);
    }

    public long clockOffset() {
        return offset;
    }

    private static long backoff(int failures) {
        return Backoff.DEFAULT.delay(failures);
    }

    private void pause(long millis, String why) {
        LOG.warn("{}: waiting {} ms", why, millis);
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeException(0, 0, "interrupted while waiting", false);
        }
    }
}
