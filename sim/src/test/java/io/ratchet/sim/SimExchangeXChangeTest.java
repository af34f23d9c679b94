package io.ratchet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import info.bitrich.xchangestream.core.ProductSubscription;
import info.bitrich.xchangestream.core.StreamingExchange;
import info.bitrich.xchangestream.core.StreamingExchangeFactory;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.read.KlineLoader;
import io.reactivex.rxjava3.disposables.Disposable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.dto.BinanceException;
import org.knowm.xchange.binance.dto.marketdata.BinanceKline;
import org.knowm.xchange.binance.dto.marketdata.KlineInterval;
import org.knowm.xchange.binance.service.BinanceMarketDataServiceRaw;
import org.knowm.xchange.currency.Currency;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.Order;
import org.knowm.xchange.dto.marketdata.Trade;
import org.knowm.xchange.dto.trade.MarketOrder;
import org.knowm.xchange.dto.trade.StopOrder;
import org.knowm.xchange.service.trade.params.orders.DefaultQueryOrderParamInstrument;

/** The simulator as the real XChange 5.2.4 clients see it, over loopback. */
class SimExchangeXChangeTest {
    static final KlineSeries BTC = KlineLoader.load(Path.of("..", "sample-data", "BTCUSDT-1m-2021-04-20_2021-05-20.zip").toString(), null, null).series();
    static final CurrencyPair PAIR = CurrencyPair.BTC_USDT;

    SimExchange sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private SimExchange start(double speed) {
        sim = new SimExchange(SimConfig.of(BTC).withSpeed(speed)).start();
        return sim;
    }

    private Exchange xchange(String key, String secret, boolean remoteInit) {
        ExchangeSpecification spec = new ExchangeSpecification(BinanceExchange.class);
        spec.setSslUri(sim.baseUrl());
        spec.setApiKey(key);
        spec.setSecretKey(secret);
        spec.setShouldLoadRemoteMetaData(remoteInit);
        return ExchangeFactory.INSTANCE.createExchange(spec);
    }

    private Exchange xchange() {
        return xchange(SimConfig.DEFAULT_KEY, SimConfig.DEFAULT_SECRET, true);
    }

    @Test
    void startUpExchangeInfoAndKlinePaging() throws Exception {
        start(1);
        Exchange ex = xchange();
        assertThat(ex.getExchangeMetaData().getInstruments()).containsKey(PAIR);
        BinanceMarketDataServiceRaw md = (BinanceMarketDataServiceRaw) ex.getMarketDataService();
        List<BinanceKline> page1 = md.klines(PAIR, KlineInterval.m1, 1000, BTC.openTime(0), null);
        assertThat(page1).hasSize(1000);
        assertThat(page1.get(0).getOpenTime()).isEqualTo(BTC.openTime(0));
        assertThat(page1.get(0).getOpen()).isEqualByComparingTo(BigDecimal.valueOf(BTC.open(0)));
        assertThat(page1.get(999).getClose()).isEqualByComparingTo(BigDecimal.valueOf(BTC.close(999)));
        List<BinanceKline> page2 = md.klines(PAIR, KlineInterval.m1, 1000, page1.get(999).getOpenTime() + 60_000, null);
        assertThat(page2.get(0).getOpenTime()).isEqualTo(BTC.openTime(1000));
        // History ends where the replay begins (plus whatever the replay has reached).
        List<BinanceKline> latest = md.klines(PAIR, KlineInterval.m1, 5, null, null);
        assertThat(latest.get(latest.size() - 1).getOpenTime()).isBetween(sim.replayStart() - 60_000, sim.replayStart() + 60_000);
    }

    @Test
    void aSignedMarketOrderFillsAndTheBalancesMove() throws Exception {
        start(1);
        Exchange ex = xchange();
        BigDecimal usdtBefore = ex.getAccountService().getAccountInfo().getWallet().getBalance(Currency.USDT).getAvailable();
        String id = ex.getTradeService().placeMarketOrder(new MarketOrder(Order.OrderType.ASK, new BigDecimal("0.01"), PAIR));
        Order o = ex.getTradeService().getOrder(new DefaultQueryOrderParamInstrument(PAIR, id)).iterator().next();
        assertThat(o.getStatus()).isEqualTo(Order.OrderStatus.FILLED);
        assertThat(o.getCumulativeAmount()).isEqualByComparingTo("0.01");
        BigDecimal price = o.getAveragePrice();
        BigDecimal usdtAfter = ex.getAccountService().getAccountInfo().getWallet().getBalance(Currency.USDT).getAvailable();
        BigDecimal expected = price.multiply(new BigDecimal("0.01")).multiply(new BigDecimal("0.999"));
        assertThat(usdtAfter.subtract(usdtBefore)).isEqualByComparingTo(expected.setScale(8, java.math.RoundingMode.HALF_UP));
        assertThat(ex.getAccountService().getAccountInfo().getWallet().getBalance(Currency.BTC).getAvailable()).isEqualByComparingTo("0.99");
    }

    @Test
    void ordersOutsideTheFiltersOrBalancesAreRejectedWithBinanceCodes() {
        start(1);
        Exchange ex = xchange();
        assertThatThrownBy(() -> ex.getTradeService().placeMarketOrder(new MarketOrder(Order.OrderType.ASK, new BigDecimal("0.000015"), PAIR)))
                .satisfies(t -> binance(t, e -> assertThat(e.getCode()).isEqualTo(-1013)));
        assertThatThrownBy(() -> ex.getTradeService().placeMarketOrder(new MarketOrder(Order.OrderType.ASK, new BigDecimal("5"), PAIR)))
                .satisfies(t -> binance(t, e -> {
                    assertThat(e.getCode()).isEqualTo(-2010);
                    assertThat(e.getMessage()).contains("insufficient balance");
                }));
        assertThatThrownBy(() -> ex.getTradeService().placeMarketOrder(new MarketOrder(Order.OrderType.ASK, new BigDecimal("0.00005"), PAIR)))
                .satisfies(t -> binance(t, e -> assertThat(e.getMessage()).contains("NOTIONAL")));
    }

    @Test
    void aStopLossTriggersOnTheReplayedPath() throws Exception {
        start(600);
        Exchange ex = xchange();
        BigDecimal stop = null;
        String id = null;
        // The replay runs on while we place: a price that fell through the stop meanwhile is refused, so try again.
        for (int attempt = 0; id == null && attempt < 10; attempt++) {
            stop = BigDecimal.valueOf(sim.lastPrice() * 0.998).setScale(2, java.math.RoundingMode.DOWN);
            try {
                id = ex.getTradeService().placeStopOrder(new StopOrder.Builder(Order.OrderType.ASK, PAIR).originalAmount(new BigDecimal("0.01"))
                        .stopPrice(stop).intention(StopOrder.Intention.STOP_LOSS).build());
            } catch (org.knowm.xchange.exceptions.ExchangeException e) {
                assertThat(e.getMessage()).contains("would trigger immediately");
            }
        }
        Order placed = ex.getTradeService().getOrder(new DefaultQueryOrderParamInstrument(PAIR, id)).iterator().next();
        // The replay runs on: by the first look the stop may already have triggered.
        assertThat(placed.getStatus()).isIn(Order.OrderStatus.NEW, Order.OrderStatus.FILLED);
        if (placed.getStatus() == Order.OrderStatus.NEW) {
            BigDecimal frozen = ex.getAccountService().getAccountInfo().getWallet().getBalance(Currency.BTC).getFrozen();
            assertThat(frozen).isIn(new BigDecimal("0.01000000"), BigDecimal.ZERO.setScale(8)); // locked while resting, freed once filled
        }
        Order filled = placed;
        long deadline = System.currentTimeMillis() + 30_000;
        while (filled.getStatus() != Order.OrderStatus.FILLED && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            filled = ex.getTradeService().getOrder(new DefaultQueryOrderParamInstrument(PAIR, id)).iterator().next();
        }
        assertThat(filled.getStatus()).as("stop at " + stop + ", market now " + sim.lastPrice()).isEqualTo(Order.OrderStatus.FILLED);
        assertThat(filled.getAveragePrice()).isLessThanOrEqualTo(stop);
        // An immediate stop is refused as Binance does.
        BigDecimal above = BigDecimal.valueOf(sim.lastPrice() * 1.01).setScale(2, java.math.RoundingMode.UP);
        assertThatThrownBy(() -> ex.getTradeService().placeStopOrder(new StopOrder.Builder(Order.OrderType.ASK, PAIR)
                .originalAmount(new BigDecimal("0.01")).stopPrice(above).intention(StopOrder.Intention.STOP_LOSS).build()))
                .satisfies(t -> binance(t, e -> assertThat(e.getMessage()).contains("would trigger immediately")));
    }

    @Test
    void aBadSignatureIsRefusedWith1022AndABadKeyWith2015() {
        start(1);
        Exchange wrongSecret = xchange(SimConfig.DEFAULT_KEY, "not-the-secret", false);
        assertThatThrownBy(() -> wrongSecret.getAccountService().getAccountInfo())
                .satisfies(t -> binance(t, e -> assertThat(e.getCode()).isEqualTo(-1022)));
        Exchange wrongKey = xchange("someone-else", SimConfig.DEFAULT_SECRET, false);
        assertThatThrownBy(() -> wrongKey.getAccountService().getAccountInfo())
                .satisfies(t -> binance(t, e -> assertThat(e.getCode()).isEqualTo(-2015)));
    }

    @Test
    void rateLimitsAnswer429WithRetryAfterAndTimestampsOutsideTheWindow1021() {
        start(1);
        Exchange ex = xchange();
        sim.faults().rateLimitNext(1, 7);
        assertThatThrownBy(() -> ex.getAccountService().getAccountInfo())
                .satisfies(t -> binance(t, e -> {
                    assertThat(e.getCode()).isEqualTo(-1003);
                    assertThat(e.getHttpStatusCode()).isEqualTo(429);
                    assertThat(e.getResponseHeaders().get("Retry-After")).containsExactly("7");
                }));
        sim.faults().timestampErrorNext(1);
        assertThatThrownBy(() -> ex.getAccountService().getAccountInfo())
                .satisfies(t -> binance(t, e -> assertThat(e.getCode()).isEqualTo(-1021)));
        assertThat(ex.getTradeService()).isNotNull();
    }

    @Test
    void theStreamingClientGetsReplayedTradesAndReconnectsAfterADrop() throws Exception {
        start(600);
        LocalBinanceStreaming.wsBase = sim.wsUrl();
        ExchangeSpecification spec = new ExchangeSpecification(LocalBinanceStreaming.class);
        spec.setSslUri(sim.baseUrl());
        spec.setExchangeSpecificParametersItem(StreamingExchange.WS_RETRY_DURATION, Duration.ofMillis(300));
        StreamingExchange sx = StreamingExchangeFactory.INSTANCE.createExchange(spec);
        sx.connect(ProductSubscription.create().addTrades(PAIR).build()).blockingAwait();
        List<Trade> trades = new CopyOnWriteArrayList<>();
        Disposable sub = sx.getStreamingMarketDataService().getTrades(PAIR).subscribe(trades::add);
        try {
            await(() -> trades.size() >= 8, 20_000);
            Trade first = trades.get(0);
            assertThat(first.getInstrument()).isEqualTo(PAIR);
            assertThat(first.getTimestamp().getTime()).isGreaterThanOrEqualTo(sim.replayStart());
            // Prices are the replayed bars' points.
            int bar = BTC.bars().indexOf(first.getTimestamp().getTime() - first.getTimestamp().getTime() % 60_000);
            assertThat(bar).isNotNegative();
            assertThat(List.of(BTC.open(bar), BTC.high(bar), BTC.low(bar), BTC.close(bar))).contains(first.getPrice().doubleValue());

            sim.faults().dropStreamsNow();
            await(() -> sim.streamConnections() == 0, 5_000);
            int before = trades.size();
            await(() -> trades.size() > before + 8, 20_000);
            assertThat(sim.streamConnections()).isEqualTo(1);
        } finally {
            sub.dispose();
            sx.disconnect().blockingAwait();
        }
    }

    /** XChange adapts Binance's errors into its own exceptions, with Binance's as the cause. */
    static void binance(Throwable t, java.util.function.Consumer<BinanceException> check) {
        Throwable c = t;
        while (c != null && !(c instanceof BinanceException)) {
            c = c.getCause();
        }
        assertThat(c).as("a BinanceException in the causes of " + t).isInstanceOf(BinanceException.class);
        check.accept((BinanceException) c);
    }

    static void await(java.util.function.BooleanSupplier cond, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("condition not met in " + millis + " ms");
            }
            Thread.sleep(20);
        }
    }
}
