package io.ratchet.live.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import io.ratchet.data.rest.BinanceSignature;
import io.ratchet.sim.SimConfig;
import io.ratchet.sim.SimExchange;
import io.ratchet.sim.WsApiSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The user data stream client against a simulated Binance on 127.0.0.1. */
class BinanceUserStreamTest {
    static final KlineSeries SERIES = SyntheticKlines.randomWalk("BTCUSDT", Interval.M1, 5000, 3);
    static final ObjectMapper JSON = new ObjectMapper();
    static final BinanceUserStream.Settings FAST = new BinanceUserStream.Settings(Duration.ofHours(24), Duration.ofMinutes(30),
            Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofSeconds(1));

    final HttpClient http = HttpClient.newHttpClient();
    final Recorder events = new Recorder();
    SimExchange sim;
    BinanceUserStream stream;

    /** What the listener was told, in order. */
    static class Recorder implements OrderUpdates.Listener {
        final List<ExecutionReport> reports = new CopyOnWriteArrayList<>();
        final List<String> lost = new CopyOnWriteArrayList<>();
        final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public void onExecution(ExecutionReport r) {
            reports.add(r);
            log.add("execution");
        }

        @Override
        public void onUpdatesConnected() {
            log.add("connected");
        }

        @Override
        public void onUpdatesLost(String why) {
            lost.add(why);
            log.add("lost");
        }

        long connected() {
            return log.stream().filter("connected"::equals).count();
        }

        List<ExecutionReport> of(String clientId) {
            return reports.stream().filter(r -> r.orderClientId().equals(clientId)).toList();
        }
    }

    @AfterEach
    void stop() {
        if (stream != null) {
            stream.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private void start(SimConfig cfg, BinanceUserStream.Settings settings) throws Exception {
        sim = new SimExchange(cfg).start();
        stream = new BinanceUserStream(URI.create(sim.wsApiUrl()), SimConfig.DEFAULT_KEY, SimConfig.DEFAULT_SECRET, Clock.systemUTC(), settings);
        stream.start(events);
        await(() -> events.connected() == 1, 15_000);
    }

    private HttpResponse<String> send(String params) throws Exception {
        String q = params + "&timestamp=" + System.currentTimeMillis();
        HttpRequest req = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/v3/order?" + q + "&signature="
                + BinanceSignature.hmac(SimConfig.DEFAULT_SECRET, q))).header("X-MBX-APIKEY", SimConfig.DEFAULT_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode order(String params) throws Exception {
        HttpResponse<String> r = send("symbol=BTCUSDT&" + params);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static void await(BooleanSupplier cond, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("condition not met in " + millis + " ms");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aMarketBuyArrivesAsNewThenFilledWithTheCommissionInTheBaseAsset() throws Exception {
        start(SimConfig.of(SERIES).withSpeed(60), FAST);
        JsonNode placed = order("side=BUY&type=MARKET&quantity=0.01&newClientOrderId=entry-1");
        await(() -> events.of("entry-1").size() == 2, 10_000);
        ExecutionReport nw = events.of("entry-1").get(0);
        assertThat(nw.executionType()).isEqualTo("NEW");
        assertThat(nw.status()).isEqualTo("NEW");
        assertThat(nw.orderId()).isEqualTo(placed.get("orderId").asLong());
        assertThat(nw.symbol()).isEqualTo("BTCUSDT");
        assertThat(nw.side()).isEqualTo("BUY");
        assertThat(nw.type()).isEqualTo("MARKET");
        assertThat(nw.commissionAsset()).isNull();
        ExecutionReport fill = events.of("entry-1").get(1);
        assertThat(fill.executionType()).isEqualTo("TRADE");
        assertThat(fill.filled()).isTrue();
        assertThat(fill.lastQty()).isEqualByComparingTo("0.01");
        assertThat(fill.cumQty()).isEqualByComparingTo("0.01");
        assertThat(fill.lastPrice()).isEqualByComparingTo(placed.get("fills").get(0).get("price").asText());
        assertThat(fill.commission()).isEqualByComparingTo("0.00001");
        assertThat(fill.commissionAsset()).isEqualTo("BTC");
        assertThat(fill.transactTime()).isEqualTo(placed.get("transactTime").asLong());
        assertThat(events.lost).isEmpty();
    }

    @Test
    void aRestingStopLossThatTriggersArrivesAsFilled() throws Exception {
        start(SimConfig.of(SERIES).withSpeed(240), FAST);
        String stop = placeStopThatTriggers("stop-1");
        await(() -> events.of("stop-1").size() == 2, 20_000);
        assertThat(events.of("stop-1").get(0).executionType()).isEqualTo("NEW");
        ExecutionReport filled = events.of("stop-1").get(1);
        assertThat(filled.type()).isEqualTo("STOP_LOSS");
        assertThat(filled.executionType()).isEqualTo("TRADE");
        assertThat(filled.status()).isEqualTo("FILLED");
        assertThat(filled.cumQty()).isEqualByComparingTo("0.5");
        assertThat(filled.lastPrice()).isLessThanOrEqualTo(new BigDecimal(stop));
        assertThat(filled.commissionAsset()).isEqualTo("USDT");
    }

    /**
     * Places a SELL STOP_LOSS of 0.5 0.1 % under the last trade, which the data trade through
     * within 40 bars; again if the replay crossed it before it was placed (-2010).
     */
    private String placeStopThatTriggers(String clientId) throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            double stop = sim.lastPrice() * (1 - 0.001);
            int bar = (int) ((sim.marketTime() - SERIES.openTime(0)) / SERIES.interval().millis());
            boolean falls = false;
            for (int i = bar; i < bar + 40; i++) {
                falls |= SERIES.low(i) < stop;
            }
            assertThat(falls).as("the data fall 0.1 % within 40 bars of " + bar).isTrue();
            String text = BigDecimal.valueOf(stop).setScale(2, RoundingMode.DOWN).toPlainString();
            HttpResponse<String> r = send("symbol=BTCUSDT&side=SELL&type=STOP_LOSS&quantity=0.5&stopPrice=" + text + "&newClientOrderId=" + clientId);
            if (r.statusCode() == 200) {
                return text;
            }
            assertThat(r.body()).contains("Order would trigger immediately.");
        }
        throw new AssertionError("the replay crossed every stop chosen before it was placed");
    }

    @Test
    void aBadKeyIsRefusedOnceNotRetriedAndNeverLogged() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("io.ratchet.live.exchange");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            sim = new SimExchange(SimConfig.of(SERIES).withSpeed(60)).start();
            String key = "wrong-key-4711";
            String secret = "wrong-secret-4711";
            stream = new BinanceUserStream(URI.create(sim.wsApiUrl()), key, secret, Clock.systemUTC(), FAST);
            stream.start(events);
            await(() -> !events.lost.isEmpty(), 10_000);
            assertThat(events.lost.get(0)).isEqualTo("subscription refused: -2015 Invalid API-key, IP, or permissions for action.");
            // several backoffs long: a permanent refusal is not retried
            Thread.sleep(1_500);
            assertThat(events.log).containsExactly("lost");
            assertThat(sim.wsApiConnectionsOpened()).isEqualTo(1);
            assertThat(sim.wsApiConnections()).isZero();
            assertThat(stream.toString()).doesNotContain(key).doesNotContain(secret);
            assertThat(logs.list).isNotEmpty();
            for (ILoggingEvent e : logs.list) {
                String all = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
                assertThat(all).doesNotContain(key).doesNotContain(secret);
            }
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void onServerShutdownItRenewsWithoutMissingOrDoublingAReport() throws Exception {
        // the server announces the end 1 s into each connection and cuts it at 4 s
        start(SimConfig.of(SERIES).withSpeed(60).withWsApi(new WsApiSettings(200, 4_000, 3_000)), FAST);
        List<Long> placed = new ArrayList<>();
        long end = System.currentTimeMillis() + 5_000;
        int n = 0;
        while (System.currentTimeMillis() < end) {
            placed.add(order("side=BUY&type=MARKET&quantity=0.001&newClientOrderId=b-" + n++).get("orderId").asLong());
            Thread.sleep(100);
        }
        await(() -> events.reports.size() >= 2 * placed.size(), 30_000);
        Thread.sleep(300);
        assertThat(sim.wsApiShutdownsSent()).isGreaterThanOrEqualTo(2);
        // every notice was followed by a new connection (a notice sent a moment ago may still be answering: wait for it)
        await(() -> sim.wsApiConnectionsOpened() == sim.wsApiShutdownsSent() + 1, 5_000);
        // each old connection was left by the client before the server had to cut it
        assertThat(sim.wsApiConnectionsCutAtLifetime()).isZero();
        List<String> got = events.reports.stream().map(r -> r.orderId() + " " + r.executionType()).toList();
        List<String> expected = new ArrayList<>();
        for (long id : placed) {
            expected.add(id + " NEW");
            expected.add(id + " TRADE");
        }
        assertThat(got).containsExactlyElementsOf(expected);
        assertThat(events.lost).isEmpty();
        assertThat(events.connected()).isEqualTo(1);
    }

    @Test
    void itRenewsAheadOfTheLifetimeItWasGiven() throws Exception {
        start(SimConfig.of(SERIES).withSpeed(60), new BinanceUserStream.Settings(Duration.ofMillis(1_500), Duration.ofMillis(1_000),
                Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofSeconds(1)));
        // renewed every 0.5 s: the first connection and two successors
        await(() -> sim.wsApiConnectionsOpened() >= 3, 10_000);
        assertThat(sim.wsApiShutdownsSent()).isZero();
        order("side=BUY&type=MARKET&quantity=0.001&newClientOrderId=after-renewals");
        await(() -> events.of("after-renewals").size() == 2, 10_000);
        assertThat(events.lost).isEmpty();
    }

    @Test
    void aDroppedConnectionIsReportedLostThenReconnected() throws Exception {
        start(SimConfig.of(SERIES).withSpeed(60), FAST);
        sim.dropWsApiConnections();
        await(() -> events.connected() == 2, 10_000);
        assertThat(events.log).containsExactly("connected", "lost", "connected");
        assertThat(events.lost.get(0)).startsWith("connection ");
        assertThat(sim.wsApiConnectionsOpened()).isEqualTo(2);
        order("side=BUY&type=MARKET&quantity=0.001&newClientOrderId=after-drop");
        await(() -> events.of("after-drop").size() == 2, 10_000);
    }

    @Test
    void aFillThatDropsTheStreamIsLostAndTheListenerIsToldSo() throws Exception {
        start(SimConfig.of(SERIES).withSpeed(60), FAST);
        sim.faults().dropStreamsAfterNextFill();
        order("side=BUY&type=MARKET&quantity=0.001&newClientOrderId=lost-fill");
        await(() -> events.connected() == 2, 10_000);
        assertThat(sim.faults().streamDropsAfterFill()).isEqualTo(1);
        assertThat(events.of("lost-fill")).extracting(ExecutionReport::executionType).containsExactly("NEW");
        assertThat(events.log).containsExactly("connected", "execution", "lost", "connected");
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheReportsThatFollow() throws Exception {
        sim = new SimExchange(SimConfig.of(SERIES).withSpeed(60)).start();
        List<ExecutionReport> after = new CopyOnWriteArrayList<>();
        stream = new BinanceUserStream(URI.create(sim.wsApiUrl()), SimConfig.DEFAULT_KEY, SimConfig.DEFAULT_SECRET, Clock.systemUTC(), FAST);
        stream.start(new Recorder() {
            @Override
            public void onExecution(ExecutionReport r) {
                after.add(r);
                if (after.size() == 1) {
                    throw new IllegalStateException("listener bug");
                }
            }
        });
        await(() -> sim.userStreamSubscriptions() == 1, 10_000);
        order("side=BUY&type=MARKET&quantity=0.001&newClientOrderId=t-1");
        order("side=BUY&type=MARKET&quantity=0.001&newClientOrderId=t-2");
        await(() -> after.size() == 4, 10_000);
        assertThat(after).extracting(ExecutionReport::clientOrderId).containsExactly("t-1", "t-1", "t-2", "t-2");
        assertThat(sim.wsApiConnectionsOpened()).isEqualTo(1);
    }
}
