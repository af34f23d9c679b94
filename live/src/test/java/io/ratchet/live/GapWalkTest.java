package io.ratchet.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.engine.Direction;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.live.exchange.KlineHistory;
import io.ratchet.live.exchange.OrderGateway;
import io.ratchet.live.exchange.OrderState;
import io.ratchet.live.exchange.PriceSource;
import io.ratchet.live.exchange.SymbolRules;
import io.ratchet.live.store.JdbcPositionStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the feed missed is walked exactly: partial minutes trade by trade, whole minutes as bars. */
class GapWalkTest {
    static final long T = 1_700_000_000_000L - 1_700_000_000_000L % 60_000; // a minute boundary
    static final TrailingConfig ONE_PCT = new TrailingConfig(Mode.PERCENT, 0.01, 0, Double.NaN, 0, 0.001, 0);

    @TempDir
    Path dir;

    static final class Feed implements PriceSource {
        volatile Listener l;

        @Override
        public void subscribe(Set<String> symbols, Listener listener) {
            this.l = listener;
        }

        @Override
        public void close() {
        }
    }

    static class History implements KlineHistory {
        final List<double[]> trades = new ArrayList<>();
        final List<double[]> bars = new ArrayList<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public List<double[]> minuteBars(String symbol, long from, long to) {
            calls.add("bars " + (from - T) / 1000 + ".." + (to - T) / 1000);
            return bars.stream().filter(b -> b[0] >= from && b[0] < to).toList();
        }

        @Override
        public List<double[]> trades(String symbol, long from, long to) {
            calls.add("trades " + (from - T) / 1000 + ".." + (to - T) / 1000);
            return trades.stream().filter(t -> t[1] >= from && t[1] < to).toList();
        }
    }

    static class Exchange implements OrderGateway {
        final List<String> orders = new ArrayList<>();
        double price = 101;

        @Override
        public SymbolRules rules(String symbol) {
            // NOTIONAL 0.5: these positions are 0.01 at about 100, and an exit below the minimum is not sent (LiveExitFiltersTest).
            return new SymbolRules(symbol, "BTC", "USDT", new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"), new BigDecimal("0.5"));
        }

        @Override
        public OrderState market(String symbol, boolean sell, BigDecimal quantity, String clientOrderId) {
            orders.add((sell ? "SELL " : "BUY ") + quantity.toPlainString() + " " + clientOrderId);
            return new OrderState(clientOrderId, orders.size(), "FILLED", "MARKET", sell ? "SELL" : "BUY", quantity, price, BigDecimal.ZERO);
        }

        @Override
        public OrderState stopLoss(String s, boolean sell, BigDecimal q, BigDecimal p, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OrderState replaceStop(String s, String old, boolean sell, BigDecimal q, BigDecimal p, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<OrderState> cancel(String symbol, String clientOrderId) {
            return Optional.empty();
        }

        @Override
        public Optional<OrderState> find(String symbol, String clientOrderId) {
            return Optional.empty();
        }

        @Override
        public List<OrderState> openOrders(String symbol) {
            return List.of();
        }

        @Override
        public Map<String, BigDecimal> balances() {
            return Map.of("BTC", BigDecimal.TEN, "USDT", new BigDecimal("100000"));
        }

        @Override
        public Map<String, BigDecimal> holdings() {
            return balances();
        }
    }

    /** Waits until the runner, its feed and its desk have nothing left to do. */
    private static void settle(LiveRunner r) throws InterruptedException {
        LiveHarness.await(r::idle, 10_000, "the runner to settle");
    }

    @Test
    void aPeakAndAHitInsideTheMinuteTheFeedDroppedInAreFound() throws Exception {
        Feed feed = new Feed();
        History h = new History();
        Exchange x = new Exchange();
        try (JdbcPositionStore store = JdbcPositionStore.open("jdbc:sqlite:" + dir.resolve("gap.db"), null, null)) {
            LiveRunner r = new LiveRunner(new LiveRunner.Settings(ONE_PCT, false, false, 600_000, 1), store, x, feed, h, Notifier.NONE, Clock.systemUTC());
            r.start();
            Position p = r.open(new OpenRequest("BTCUSDT", Direction.LONG, new BigDecimal("0.01"), 100, null));
            LiveHarness.await(() -> feed.l != null, 10_000, "the subscription");
            feed.l.onTrade("BTCUSDT", 100, T + 20_000);
            settle(r);
            feed.l.onConnectionLost("test");
            // Missed: a new high at :30 (stop 101.97), a fall through it at :40, then calm minutes above the stop.
            h.trades.add(new double[] {103, T + 30_000});
            h.trades.add(new double[] {101.5, T + 40_000});
            h.bars.add(new double[] {T + 60_000, 102, 103.2, 102, 103});
            h.trades.add(new double[] {103.1, T + 120_000});
            feed.l.onTrade("BTCUSDT", 103.4, T + 125_000);
            settle(r);
            Position closed = store.get(p.id()).orElseThrow();
            assertThat(closed.status()).isEqualTo(PositionStatus.CLOSED);
            StopEvent hit = store.events(p.id()).stream().filter(e -> e.type() == EventType.STOP_HIT).findFirst().orElseThrow();
            assertThat(hit.price()).isEqualTo(101.5);
            assertThat(hit.time()).isEqualTo(T + 40_000);
            // A trade is a print: the exit triggers at the trade that crossed the stop (101.5), not at the stop (101.97).
            assertThat(hit.detail()).contains("trigger 101.5");
            assertThat(x.orders).containsExactly("SELL 0.01 " + store.clientPrefix() + "-" + p.id() + "-x1");
            assertThat(h.calls).containsExactly("trades 20..60");
            r.close();
        }
    }

    @Test
    void aGapThatCannotBeFetchedIsFlaggedToAPersonAndLiveTradesGoOn() throws Exception {
        Feed feed = new Feed();
        History h = new History() {
            @Override
            public List<double[]> trades(String symbol, long from, long to) {
                calls.add("trades (refused)");
                throw new IllegalStateException("GET /api/v3/aggTrades: HTTP 503 after 5 tries");
            }
        };
        Exchange x = new Exchange();
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (JdbcPositionStore store = JdbcPositionStore.open("jdbc:sqlite:" + dir.resolve("gap-refused.db"), null, null)) {
            LiveRunner r = new LiveRunner(new LiveRunner.Settings(ONE_PCT, false, false, 600_000, 1), store, x, feed, h,
                    (type, pos, detail) -> told.add(type + " " + detail), Clock.systemUTC());
            r.start();
            Position p = r.open(new OpenRequest("BTCUSDT", Direction.LONG, new BigDecimal("0.01"), 100, null));
            LiveHarness.await(() -> feed.l != null, 10_000, "the subscription");
            feed.l.onTrade("BTCUSDT", 100, T + 20_000);
            settle(r);
            feed.l.onConnectionLost("test");
            feed.l.onTrade("BTCUSDT", 102, T + 30_000);
            settle(r);
            assertThat(h.calls).as("the gap was asked for, and refused").containsExactly("trades (refused)");
            Position flagged = store.get(p.id()).orElseThrow();
            assertThat(flagged.attention()).contains("could not be fetched").contains("HTTP 503").contains("crossed unseen");
            assertThat(told).anyMatch(t -> t.startsWith("GAP_UNWALKED") && t.contains("HTTP 503"));
            // Live trades go on: the trade after the gap still moved the stop (1% under 102).
            assertThat(flagged.status()).isEqualTo(PositionStatus.TRAILING);
            assertThat(flagged.stop()).isEqualTo(102 * 0.99);
            r.close();
        }
    }

    @Test
    void wholeMinutesAreWalkedAsBarsAndTheResumingMinuteTradeByTrade() throws Exception {
        Feed feed = new Feed();
        History h = new History();
        Exchange x = new Exchange();
        try (JdbcPositionStore store = JdbcPositionStore.open("jdbc:sqlite:" + dir.resolve("gap2.db"), null, null)) {
            LiveRunner r = new LiveRunner(new LiveRunner.Settings(ONE_PCT, false, false, 600_000, 1), store, x, feed, h, Notifier.NONE, Clock.systemUTC());
            r.start();
            Position p = r.open(new OpenRequest("BTCUSDT", Direction.LONG, new BigDecimal("0.01"), 100, null));
            LiveHarness.await(() -> feed.l != null, 10_000, "the subscription");
            feed.l.onTrade("BTCUSDT", 100, T + 50_000);
            settle(r);
            feed.l.onConnectionLost("test");
            h.trades.add(new double[] {100.5, T + 55_000});
            h.bars.add(new double[] {T + 60_000, 100.5, 104, 100.4, 103.8}); // new high 104: stop 102.96
            h.bars.add(new double[] {T + 120_000, 103.8, 103.9, 103.1, 103.5});
            h.trades.add(new double[] {103.3, T + 180_000});
            h.trades.add(new double[] {105, T + 185_000}); // new high in the resuming minute: stop 103.95
            feed.l.onTrade("BTCUSDT", 104.5, T + 190_000);
            settle(r);
            Position q = store.get(p.id()).orElseThrow();
            assertThat(q.status()).isEqualTo(PositionStatus.TRAILING);
            assertThat(q.peak()).isEqualTo(105.0);
            assertThat(q.stop()).isEqualTo(105 * (1 - 0.01));
            assertThat(h.calls).containsExactly("trades 50..60", "bars 60..180", "trades 180..190");
            assertThat(store.events(p.id()).stream().filter(e -> e.type() == EventType.GAP_WALKED).map(StopEvent::detail))
                    .anyMatch(d -> d.contains("3 trades and 2 one-minute bars"));
            // The live trade after the walk prints below the stop (103.95): the exit triggers at that print, 103.5.
            feed.l.onTrade("BTCUSDT", 103.5, T + 191_000);
            settle(r);
            assertThat(store.get(p.id()).orElseThrow().status()).isEqualTo(PositionStatus.CLOSED);
            assertThat(store.events(p.id()).stream().filter(e -> e.type() == EventType.STOP_HIT).findFirst().orElseThrow().detail())
                    .contains("trigger 103.5");
            r.close();
        }
    }

    @Test
    void aDropWhileAGapIsFilledIsFilledToo() throws Exception {
        Feed feed = new Feed();
        java.util.concurrent.CountDownLatch fetching = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        History h = new History() {
            @Override
            public List<double[]> trades(String symbol, long from, long to) {
                if (calls.isEmpty()) {
                    fetching.countDown();
                    try {
                        answer.await(); // the first gap's answer comes late: the stream drops again meanwhile
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return super.trades(symbol, from, to);
            }
        };
        Exchange x = new Exchange();
        try (JdbcPositionStore store = JdbcPositionStore.open("jdbc:sqlite:" + dir.resolve("gap3.db"), null, null)) {
            LiveRunner r = new LiveRunner(new LiveRunner.Settings(ONE_PCT, false, false, 600_000, 1), store, x, feed, h, Notifier.NONE, Clock.systemUTC());
            r.start();
            Position p = r.open(new OpenRequest("BTCUSDT", Direction.LONG, new BigDecimal("0.01"), 100, null));
            LiveHarness.await(() -> feed.l != null, 10_000, "the subscription");
            feed.l.onTrade("BTCUSDT", 100, T + 20_000);
            settle(r);
            feed.l.onConnectionLost("first drop");
            h.trades.add(new double[] {100.2, T + 25_000});
            feed.l.onTrade("BTCUSDT", 100.2, T + 25_000); // the stream is back: the gap 20..25 is asked for
            assertThat(fetching.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the first gap was asked for").isTrue();
            feed.l.onConnectionLost("second drop, while the first gap is fetched");
            // Missed by the stream, printed by the exchange: a fall through the stop (100.2 * 0.99 = 99.198) at :30.
            h.trades.add(new double[] {98.5, T + 30_000});
            h.trades.add(new double[] {101, T + 50_000});
            feed.l.onTrade("BTCUSDT", 101, T + 50_000);
            answer.countDown();
            settle(r);
            assertThat(store.get(p.id()).orElseThrow().status()).isEqualTo(PositionStatus.CLOSED);
            StopEvent hit = store.events(p.id()).stream().filter(e -> e.type() == EventType.STOP_HIT).findFirst().orElseThrow();
            assertThat(hit.price()).isEqualTo(98.5);
            assertThat(hit.time()).isEqualTo(T + 30_000);
            assertThat(h.calls).containsExactly("trades 20..25", "trades 20..50");
            assertThat(x.orders).containsExactly("SELL 0.01 " + store.clientPrefix() + "-" + p.id() + "-x1");
            r.close();
        }
    }
}
