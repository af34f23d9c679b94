package io.ratchet.live;

import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.read.KlineLoader;
import io.ratchet.live.api.ControlApi;
import io.ratchet.live.exchange.BinanceRest;
import io.ratchet.live.exchange.XChangeMarket;
import io.ratchet.live.store.JdbcPositionStore;
import io.ratchet.live.store.PositionStore;
import io.ratchet.sim.SimConfig;
import io.ratchet.sim.SimExchange;
import io.ratchet.engine.TrailingConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.knowm.xchange.currency.CurrencyPair;

/** A runner wired to a simulated exchange over loopback, as {@code ratchet live --exchange sim} wires it. */
final class LiveHarness implements AutoCloseable {
    static final KlineSeries BTC = KlineLoader.load(Path.of("..", "sample-data", "BTCUSDT-1m-2021-04-20_2021-05-20.zip").toString(), null, null).series();

    final SimExchange sim;
    final String dbUrl;
    PositionStore store;
    LiveRunner runner;
    ControlApi api;
    RecordingSource source;
    io.ratchet.live.exchange.OrderUpdates updates;
    final HttpClient http = HttpClient.newHttpClient();
    long staleAfterMillis = 10_000;
    /** Above 0: trades come by REST polling at this interval ({@code --feed poll}), not from the stream. */
    long pollEveryMillis;
    io.ratchet.live.exchange.PollingFeed polling;
    Notifier notifier = Notifier.NONE;
    /** Wraps the real store (a test injects database failures with it). */
    java.util.function.UnaryOperator<PositionStore> wrapStore = s -> s;
    /** The real store under any wrapper: what the database holds. */
    PositionStore db;
    /** Every trade the feed delivered to any runner of this harness, {price, time, id, wall}: a failing walk shows what came in. */
    final List<double[]> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Records what the feed delivered, in order: the path the engine walked. */
    static final class RecordingSource implements io.ratchet.live.exchange.PriceSource {
        final io.ratchet.live.exchange.PriceSource inner;
        final List<double[]> trades = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<double[]> also;

        RecordingSource(io.ratchet.live.exchange.PriceSource inner, List<double[]> also) {
            this.inner = inner;
            this.also = also;
        }

        @Override
        public void subscribe(Set<String> symbols, Listener l) {
            inner.subscribe(symbols, new Listener() {
                @Override
                public void onTrade(String symbol, double price, long time) {
                    onTrade(symbol, price, time, -1);
                }

                @Override
                public void onTrade(String symbol, double price, long time, long tradeId) {
                    trades.add(new double[] {price, time});
                    also.add(new double[] {price, time, tradeId, System.currentTimeMillis()});
                    l.onTrade(symbol, price, time, tradeId);
                }

                @Override
                public void onAggTrade(String symbol, io.ratchet.live.exchange.AggTrade t) {
                    trades.add(new double[] {t.price(), t.time()});
                    also.add(new double[] {t.price(), t.time(), t.id(), System.currentTimeMillis()});
                    l.onAggTrade(symbol, t);
                }

                @Override
                public void onConnectionLost(String why) {
                    l.onConnectionLost(why);
                }
            });
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    LiveHarness(double speed, String dbUrl) {
        this(SimConfig.of(BTC).withSpeed(speed), dbUrl);
    }

    LiveHarness(SimConfig config, String dbUrl) {
        this(new SimExchange(config).start(), dbUrl, true);
    }

    private final boolean ownsSim;

    /** A runner on a simulator that outlives it ({@code ownsSim} false: closing the harness leaves the simulator running). */
    LiveHarness(SimExchange sim, String dbUrl, boolean ownsSim) {
        this.sim = sim;
        this.dbUrl = dbUrl;
        this.ownsSim = ownsSim;
    }

    /** The account's free balance of an asset on the simulator. */
    java.math.BigDecimal free(String asset) throws Exception {
        BinanceRest rest = new BinanceRest(URI.create(sim.baseUrl()), SimConfig.DEFAULT_KEY, SimConfig.DEFAULT_SECRET, Clock.systemUTC(), Thread::sleep, 5);
        return rest.balances().getOrDefault(asset, java.math.BigDecimal.ZERO);
    }

    LiveHarness startRunner(TrailingConfig cfg, boolean protect) {
        db = JdbcPositionStore.open(dbUrl, null, null);
        store = wrapStore.apply(db);
        BinanceRest rest = new BinanceRest(URI.create(sim.baseUrl()), SimConfig.DEFAULT_KEY, SimConfig.DEFAULT_SECRET, Clock.systemUTC(), Thread::sleep, 5);
        XChangeMarket market = new XChangeMarket(URI.create(sim.baseUrl()), URI.create(sim.wsUrl()), false,
                s -> new CurrencyPair(rest.rules(s).base(), rest.rules(s).quote()), Thread::sleep);
        polling = pollEveryMillis > 0 ? new io.ratchet.live.exchange.PollingFeed(market, pollEveryMillis, io.ratchet.live.exchange.PollingFeed.DEFAULT_WEIGHT_PER_MINUTE, Clock.systemUTC()) : null;
        source = new RecordingSource(polling != null ? polling : market, delivered);
        updates = new io.ratchet.live.exchange.BinanceUserStream(URI.create(sim.wsApiUrl()), SimConfig.DEFAULT_KEY, SimConfig.DEFAULT_SECRET,
                Clock.systemUTC());
        runner = new LiveRunner(new LiveRunner.Settings(cfg, false, protect, staleAfterMillis, 1_000), store, rest, source, market, updates, notifier,
                Clock.systemUTC());
        runner.start();
        api = ControlApi.start("127.0.0.1", 0, null, runner, store);
        return this;
    }

    /** Stops the runner like a crash: nothing flushed. */
    void crash() {
        api.close();
        runner.kill();
        db.close();
        runner = null;
        api = null;
        db = null;
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json, String idempotencyKey) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Orders the simulator took, as allOrders answers. */
    com.fasterxml.jackson.databind.JsonNode orders() {
        try {
            return io.ratchet.live.api.LiveJson.MAPPER.readTree(sim.allOrdersJson());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Filled orders of one side and type on the simulator. */
    long filled(String side, String type) {
        long n = 0;
        for (com.fasterxml.jackson.databind.JsonNode o : orders()) {
            if (o.get("side").asText().equals(side) && o.get("type").asText().equals(type) && o.get("status").asText().equals("FILLED")) {
                n++;
            }
        }
        return n;
    }

    HttpResponse<String> delete(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void await(BooleanSupplier c, long millis, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!c.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        try {
            if (api != null) {
                api.close();
            }
            if (runner != null) {
                runner.close();
            }
            if (db != null) {
                db.close();
            }
        } finally {
            if (ownsSim) {
                sim.close();
            }
        }
    }

    static List<String> list(String... s) {
        return new ArrayList<>(List.of(s));
    }
}
