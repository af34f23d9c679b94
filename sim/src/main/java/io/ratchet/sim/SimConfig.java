package io.ratchet.sim;

import io.ratchet.data.kline.KlineSeries;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a simulated exchange runs.
 *
 * @param series   the klines: bars before {@code start} are history ({@code klines}), bars from
 *                 it on are replayed as live trades
 * @param start    replay start, epoch ms of a bar open; 0 for the middle of the data
 * @param speed    replayed market time per wall time (60: a 1m bar a second)
 * @param apiKey   the key it accepts (signed calls must carry it)
 * @param apiSecret the secret signatures are checked with
 * @param balances starting free balances by asset
 * @param quote    quote asset of the symbol (the rest of the symbol is the base)
 * @param fee      taker commission rate
 * @param clock    the wall clock: {@code time}, order times, timestamp checks
 * @param commission in which asset a BUY pays its commission
 * @param ordersPer10s the ORDERS rate limit: new orders accepted per rolling 10 s
 * @param wsApi    the WebSocket API's ping interval and connection lifetime
 */
public record SimConfig(KlineSeries series, long start, double speed, long seed, String apiKey, String apiSecret,
                        Map<String, BigDecimal> balances, String quote, double fee, Clock clock, Faults faults,
                        Commission commission, int ordersPer10s, WsApiSettings wsApi) {

    /** The documented default key pair: what {@code ratchet sim-exchange} accepts unless told otherwise. */
    public static final String DEFAULT_KEY = "ratchet-sim-key";
    public static final String DEFAULT_SECRET = "ratchet-sim-secret";

    public SimConfig {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("the simulator needs klines to replay");
        }
        if (!(speed > 0)) {
            throw new IllegalArgumentException("--speed must be positive, got " + speed);
        }
        if (ordersPer10s < 1) {
            throw new IllegalArgumentException("the ORDERS limit must be at least 1, got " + ordersPer10s);
        }
    }

    public static SimConfig of(KlineSeries series) {
        Map<String, BigDecimal> b = new LinkedHashMap<>();
        String quote = quoteOf(series.symbol());
        b.put(quote, new BigDecimal("10000"));
        b.put(series.symbol().substring(0, series.symbol().length() - quote.length()), new BigDecimal("1"));
        return new SimConfig(series, 0, 60, 1, DEFAULT_KEY, DEFAULT_SECRET, b, quote, 0.001, Clock.systemUTC(), new Faults(1),
                Commission.RECEIVED_ASSET, 100, WsApiSettings.BINANCE);
    }

    public SimConfig withStart(long s) {
        return new SimConfig(series, s, speed, seed, apiKey, apiSecret, balances, quote, fee, clock, faults, commission, ordersPer10s, wsApi);
    }

    public SimConfig withSpeed(double s) {
        return new SimConfig(series, start, s, seed, apiKey, apiSecret, balances, quote, fee, clock, faults, commission, ordersPer10s, wsApi);
    }

    public SimConfig withKeys(String key, String secret) {
        return new SimConfig(series, start, speed, seed, key, secret, balances, quote, fee, clock, faults, commission, ordersPer10s, wsApi);
    }

    public SimConfig withBalances(Map<String, BigDecimal> b) {
        return new SimConfig(series, start, speed, seed, apiKey, apiSecret, b, quote, fee, clock, faults, commission, ordersPer10s, wsApi);
    }

    public SimConfig withSeed(long s) {
        return new SimConfig(series, start, speed, s, apiKey, apiSecret, balances, quote, fee, clock, new Faults(s), commission, ordersPer10s, wsApi);
    }

    public SimConfig withFee(double f) {
        return new SimConfig(series, start, speed, seed, apiKey, apiSecret, balances, quote, f, clock, faults, commission, ordersPer10s, wsApi);
    }

    public SimConfig withFaults(Faults f) {
        return new SimConfig(series, start, speed, seed, apiKey, apiSecret, balances, quote, fee, clock, f, commission, ordersPer10s, wsApi);
    }

    public SimConfig withCommission(Commission c) {
        return new SimConfig(series, start, speed, seed, apiKey, apiSecret, balances, quote, fee, clock, faults, c, ordersPer10s, wsApi);
    }

    public SimConfig withOrdersPer10s(int n) {
        return new SimConfig(series, start, speed, seed, apiKey, apiSecret, balances, quote, fee, clock, faults, commission, n, wsApi);
    }

    public SimConfig withWsApi(WsApiSettings w) {
        return new SimConfig(series, start, speed, seed, apiKey, apiSecret, balances, quote, fee, clock, faults, commission, ordersPer10s, w);
    }

    /** The quote asset by Binance's usual suffixes. */
    public static String quoteOf(String symbol) {
        for (String q : new String[] {"FDUSD", "USDT", "USDC", "BUSD", "TUSD", "BTC", "ETH", "BNB", "EUR", "TRY", "USD"}) {
            if (symbol.endsWith(q) && symbol.length() > q.length()) {
                return q;
            }
        }
        throw new IllegalArgumentException("cannot tell the quote asset of " + symbol);
    }

    public String base() {
        return series.symbol().substring(0, series.symbol().length() - quote.length());
    }
}
