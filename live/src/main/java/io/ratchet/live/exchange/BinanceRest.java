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
 * out {@code Retry-After}; -1021 resyncs the clock offset from {@code /api/v3/time}; 5xx and
 * network errors retry with backoff where retrying is safe (reads, and orders that carry a
 * client id: a repeat is refused as a duplicate, never filled twice). The key and secret are
 * held here only and never written to a log or a message.
 */
public final class BinanceRest implements OrderGateway {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceRest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

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
        return rules.computeIfAbsent(symbol, s -> {
            JsonNode info = call("GET", "/api/v3/exchangeInfo", Map.of("symbol", s), false, true);
            for (JsonNode sym : info.path("symbols")) {
                if (sym.path("symbol").asText().equals(s)) {
                    BigDecimal tick = BigDecimal.ZERO;
                    BigDecimal step = BigDecimal.ZERO;
                    BigDecimal minQty = BigDecimal.ZERO;
                    BigDecimal minNotional = BigDecimal.ZERO;
                    for (JsonNode f : sym.path("filters")) {
                        switch (f.path("filterType").asText()) {
                            case "PRICE_FILTER" -> tick = new BigDecimal(f.path("tickSize").asText("0"));
                            case "LOT_SIZE" -> {
                                step = new BigDecimal(f.path("stepSize").asText("0"));
                                minQty = new BigDecimal(f.path("minQty").asText("0"));
                            }
                            case "NOTIONAL", "MIN_NOTIONAL" -> minNotional = new BigDecimal(f.path("minNotional").asText("0"));
                            default -> {
                            }
                        }
                    }
                    return new SymbolRules(s, sym.path("baseAsset").asText(), sym.path("quoteAsset").asText(), tick.stripTrailingZeros(),
                            step.stripTrailingZeros(), minQty, minNotional);
                }
            }
            throw new ExchangeException(400, -1121, "Invalid symbol: " + s, true);
        });
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
        return state(call("POST", "/api/v3/order", p, true, true));
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
        return state(call("POST", "/api/v3/order", p, true, true));
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
        return state(call("POST", "/api/v3/order/cancelReplace", p, true, true).path("newOrderResponse"));
    }

    @Override
    public Optional<OrderState> cancel(String symbol, String clientOrderId) {
        try {
            return Optional.of(state(call("DELETE", "/api/v3/order", Map.of("symbol", symbol, "origClientOrderId", clientOrderId), true, true)));
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
            return Optional.of(state(call("GET", "/api/v3/order", Map.of("symbol", symbol, "origClientOrderId", clientOrderId), true, true)));
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
            out.add(state(o));
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

    private static OrderState state(JsonNode o) {
        BigDecimal executed = new BigDecimal(o.path("executedQty").asText("0"));
        BigDecimal quote = new BigDecimal(o.path("cummulativeQuoteQty").asText("0"));
        double avg = executed.signum() > 0 ? quote.divide(executed, java.math.MathContext.DECIMAL64).doubleValue() : Double.NaN;
        String stop = o.path("stopPrice").asText("0");
        return new OrderState(o.path("clientOrderId").asText(o.path("origClientOrderId").asText()), o.path("orderId").asLong(),
                o.path("status").asText("NEW"), o.path("type").asText(), o.path("side").asText(), executed, avg, new BigDecimal(stop));
    }

    // ---- transport -----------------------------------------------------------------------------

    /** One call with Binance's retry rules; {@code idempotent}: safe to repeat after an unknown outcome. */
    JsonNode call(String method, String path, Map<String, String> params, boolean signed, boolean idempotent) {
        int failures = 0;
        int limited = 0;
        boolean resynced = false;
        while (true) {
            HttpResponse<String> r;
            try {
                r = http.send(request(method, path, params, signed), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (!idempotent || ++failures > maxRetries) {
                    throw new ExchangeException(0, 0, method + " " + path + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), false);
                }
                pause(backoff(failures), method + " " + path + " network error, retry " + failures);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExchangeException(0, 0, "interrupted", false);
            }
            int status = r.statusCode();
            if (status == 200) {
                try {
                    return JSON.readTree(r.body());
                } catch (IOException e) {
                    throw new ExchangeException(200, 0, path + ": unreadable answer", false);
                }
            }
            if (status == 429 || status == 418) {
                long wait = r.headers().firstValueAsLong("Retry-After").orElse(60) * 1000;
                if (++limited > maxRetries) {
                    throw new ExchangeException(status, -1003, path + ": rate limited " + limited + " times in a row", true);
                }
                pause(wait, path + " answered " + status + ", Retry-After " + wait / 1000 + " s");
                continue;
            }
            if (status >= 500) {
                if (!idempotent || ++failures > maxRetries) {
                    throw new ExchangeException(status, 0, path + ": HTTP " + status + " (outcome unknown)", false);
                }
                pause(backoff(failures), path + " answered " + status + ", retry " + failures);
                continue;
            }
            int code = 0;
            String msg = "HTTP " + status;
            try {
                JsonNode e = JSON.readTree(r.body());
                code = e.path("code").asInt();
                msg = e.path("msg").asText(msg);
            } catch (IOException ignored) {
                // not JSON
            }
            if (code == -1021 && !resynced) {
                resynced = true;
                resync();
                continue;
            }
            throw new ExchangeException(status, code, path + ": Binance " + code + " " + msg, true);
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
            q.append("recvWindow=10000&timestamp=").append(clock.millis() + offset);
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
        return Math.min(30_000, 250L << Math.min(failures - 1, 7));
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
