package io.ratchet.live.exchange;

import info.bitrich.xchangestream.core.ProductSubscription;
import info.bitrich.xchangestream.core.StreamingExchange;
import info.bitrich.xchangestream.core.StreamingExchangeFactory;
import info.bitrich.xchangestream.service.netty.ConnectionStateModel;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.dto.BinanceException;
import org.knowm.xchange.binance.dto.marketdata.BinanceAggTrades;
import org.knowm.xchange.binance.dto.marketdata.BinanceKline;
import org.knowm.xchange.binance.dto.marketdata.KlineInterval;
import org.knowm.xchange.binance.service.BinanceMarketDataServiceRaw;
import org.knowm.xchange.currency.CurrencyPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Market data through XChange: aggregate trades from its streaming client (see
 * {@link ConfigurableBinanceStreaming}), gap bars from its REST klines, gap trades from its REST
 * aggTrades, each with its aggTradeId, quantity and maker flag. Reconnects are XChange's (with
 * backoff); this class reports every loss of the connection so the runner walks the gap before
 * live prices resume.
 */
public final class XChangeMarket implements PriceSource, KlineHistory {
    private static final Logger LOG = LoggerFactory.getLogger(XChangeMarket.class);

    private final ExchangeSpecification spec;
    private final Function<String, CurrencyPair> pairs;
    private final BinanceRest.Sleeper sleeper;
    private StreamingExchange exchange;
    private CompositeDisposable subs = new CompositeDisposable();

    /**
     * @param restBase   REST base URL (the simulator's, or Binance's)
     * @param streamBase stream base URL ending in '/', or null for XChange's own (mainnet or testnet)
     * @param testnet    Binance spot testnet
     * @param pairs      symbol to XChange pair (from the exchange's rules)
     */
    public XChangeMarket(URI restBase, URI streamBase, boolean testnet, Function<String, CurrencyPair> pairs, BinanceRest.Sleeper sleeper) {
        this.pairs = pairs;
        this.sleeper = sleeper;
        spec = new ExchangeSpecification(ConfigurableBinanceStreaming.class);
        if (testnet) {
            spec.setExchangeSpecificParametersItem(Exchange.USE_SANDBOX, true);
            spec.setExchangeSpecificParametersItem("Exchange_Type", org.knowm.xchange.binance.dto.ExchangeType.SPOT);
        } else {
            spec.setSslUri(restBase.toString());
        }
        if (streamBase != null) {
            spec.setExchangeSpecificParametersItem(ConfigurableBinanceStreaming.STREAM_URI, streamBase.toString());
        }
        spec.setExchangeSpecificParametersItem(StreamingExchange.WS_RETRY_DURATION, Duration.ofSeconds(1));
    }

    private synchronized StreamingExchange exchange() {
        if (exchange == null) {
            exchange = StreamingExchangeFactory.INSTANCE.createExchange(spec);
        }
        return exchange;
    }

    @Override
    public synchronized void subscribe(Set<String> symbols, Listener listener) {
        StreamingExchange ex = exchange();
        subs.dispose();
        subs = new CompositeDisposable();
        if (ex.isAlive()) {
            ex.disconnect().blockingAwait();
        }
        if (symbols.isEmpty()) {
            return;
        }
        ProductSubscription.ProductSubscriptionBuilder b = ProductSubscription.create();
        for (String s : symbols) {
            b.addTrades(pairs.apply(s));
        }
        ex.connect(b.build()).blockingAwait();
        for (String s : symbols) {
            subs.add(((ConfigurableBinanceStreaming) ex).aggTrades(pairs.apply(s)).subscribe(
                    t -> listener.onAggTrade(s, aggTrade(t)),
                    e -> listener.onConnectionLost("trade stream error: " + e.getMessage())));
        }
        subs.add(ex.connectionStateObservable().subscribe(state -> {
            if (state == ConnectionStateModel.State.CLOSED) {
                listener.onConnectionLost("stream connection " + state.name().toLowerCase(java.util.Locale.ROOT));
            }
        }, e -> listener.onConnectionLost("connection state error: " + e.getMessage())));
        LOG.info("streaming trades for {}", symbols);
    }

    /** An {@code aggTrade} payload: {@code a} id, {@code p} price, {@code q} quantity, {@code T} time, {@code m} buyer is maker. */
    static AggTrade aggTrade(com.fasterxml.jackson.databind.JsonNode t) {
        String q = t.path("q").asText("");
        return new AggTrade(t.path("a").asLong(-1), Double.parseDouble(t.path("p").asText()), q.isEmpty() ? Double.NaN : Double.parseDouble(q),
                t.path("T").asLong(), t.path("m").asBoolean(false));
    }

    /** A REST aggTrade as a history row: {price, time, aggTradeId, quantity, buyerMaker 1/0}. */
    private static double[] row(BinanceAggTrades t) {
        return new double[] {t.price.doubleValue(), t.timestamp, t.aggregateTradeId, t.quantity == null ? Double.NaN : t.quantity.doubleValue(),
            t.buyerMaker ? 1 : 0};
    }

    @Override
    public List<double[]> minuteBars(String symbol, long from, long to) {
        BinanceMarketDataServiceRaw md = (BinanceMarketDataServiceRaw) exchange().getMarketDataService();
        List<double[]> out = new ArrayList<>();
        long start = from;
        while (start < to) {
            long s = start;
            List<BinanceKline> page = retrying("klines", () -> md.klines(pairs.apply(symbol), KlineInterval.m1, 1000, s, to - 1));
            for (BinanceKline k : page) {
                if (k.getOpenTime() < to) {
                    out.add(new double[] {k.getOpenTime(), k.getOpen().doubleValue(), k.getHigh().doubleValue(), k.getLow().doubleValue(),
                        k.getClose().doubleValue()});
                }
            }
            if (page.size() < 1000) {
                break;
            }
            start = page.get(page.size() - 1).getOpenTime() + 60_000;
        }
        return out;
    }

    @Override
    public List<double[]> trades(String symbol, long from, long to) {
        BinanceMarketDataServiceRaw md = (BinanceMarketDataServiceRaw) exchange().getMarketDataService();
        List<double[]> out = new ArrayList<>();
        if (from >= to) {
            return out;
        }
        Long fromId = null;
        while (true) {
            Long id = fromId;
            // A time window first; then by id, as Binance does not take both.
            // Binance takes a start and an end less than an hour apart; a longer span starts at the start and pages by id.
            Long end = to - from < 3_600_000L ? to - 1 : null;
            List<BinanceAggTrades> page = retrying("aggTrades", () -> id == null
                    ? md.aggTradesAllProducts(pairs.apply(symbol), null, from, end, 1000)
                    : md.aggTradesAllProducts(pairs.apply(symbol), id, null, null, 1000));
            for (BinanceAggTrades t : page) {
                if (t.timestamp >= to) {
                    return out;
                }
                if (t.timestamp >= from) {
                    out.add(row(t));
                }
            }
            if (page.size() < 1000) {
                return out;
            }
            fromId = page.get(page.size() - 1).aggregateTradeId + 1;
        }
    }

    @Override
    public List<double[]> latestTrade(String symbol) {
        BinanceMarketDataServiceRaw md = (BinanceMarketDataServiceRaw) exchange().getMarketDataService();
        List<double[]> out = new ArrayList<>();
        for (BinanceAggTrades t : retrying("aggTrades", () -> md.aggTradesAllProducts(pairs.apply(symbol), null, null, null, 1))) {
            out.add(row(t));
        }
        return out;
    }

    @Override
    public List<double[]> tradesAfter(String symbol, long lastId, int limit) {
        BinanceMarketDataServiceRaw md = (BinanceMarketDataServiceRaw) exchange().getMarketDataService();
        List<double[]> out = new ArrayList<>();
        for (BinanceAggTrades t : retrying("aggTrades", () -> md.aggTradesAllProducts(pairs.apply(symbol), lastId + 1, null, null, limit))) {
            out.add(row(t));
        }
        return out;
    }

    /** One REST call, waiting out 429/418 for Retry-After (at most 10 times). */
    private <T> T retrying(String what, java.util.concurrent.Callable<T> call) {
        int limited = 0;
        while (true) {
            try {
                return call.call();
            } catch (Exception e) {
                BinanceException b = binance(e);
                if (b != null && (b.getHttpStatusCode() == 429 || b.getHttpStatusCode() == 418) && ++limited <= 10) {
                    long wait = retryAfter(b.getResponseHeaders()) * 1000;
                    LOG.warn("{} rate limited, waiting {} ms", what, wait);
                    try {
                        sleeper.sleep(wait);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new ExchangeException(0, 0, "interrupted", false);
                    }
                    continue;
                }
                throw new ExchangeException(0, b == null ? 0 : b.getCode(), what + " for the gap: " + e.getMessage(), false);
            }
        }
    }

    private static BinanceException binance(Throwable t) {
        while (t != null && !(t instanceof BinanceException)) {
            t = t.getCause();
        }
        return (BinanceException) t;
    }

    private static long retryAfter(Map<String, List<String>> headers) {
        if (headers != null) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase("Retry-After") && !h.getValue().isEmpty()) {
                    return Long.parseLong(h.getValue().get(0).trim());
                }
            }
        }
        return 60;
    }

    @Override
    public synchronized void close() {
        subs.dispose();
        if (exchange != null && exchange.isAlive()) {
            exchange.disconnect().blockingAwait();
        }
    }
}
