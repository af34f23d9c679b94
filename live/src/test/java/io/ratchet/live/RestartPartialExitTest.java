package io.ratchet.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.engine.Direction;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.live.exchange.KlineHistory;
import io.ratchet.live.exchange.OrderGateway;
import io.ratchet.live.exchange.OrderState;
import io.ratchet.live.exchange.OrderUpdates;
import io.ratchet.live.exchange.PriceSource;
import io.ratchet.live.exchange.SymbolRules;
import io.ratchet.live.store.JdbcPositionStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart finds the exit it sent before the crash ended EXPIRED (a market order can expire
 * on Binance's price-range rule), with part of it filled. The database, stopped before that
 * outcome came back, still holds the whole quantity; the account holds this position's rest
 * and other coins of the same asset. The restart sells the rest only.
 */
class RestartPartialExitTest {
    @TempDir
    Path dir;

    @org.junit.jupiter.params.ParameterizedTest(name = "expired with {0} of 1 filled: sells {1}")
    @org.junit.jupiter.params.provider.CsvSource({"0.6, 0.4", "0, 1"})
    void anExitFoundExpiredOnRestartSellsWhatItDidNotSell(String filled, String expected) throws Exception {
        TrailingConfig cfg = new TrailingConfig(Mode.PERCENT, 0.05, 0, 0.05, 0, 0.001, 0);
        JdbcPositionStore db = JdbcPositionStore.open("jdbc:sqlite:" + dir.resolve("r.db"), null, null);
        db.setting("mode", "orders");
        String prefix = db.clientPrefix();
        long now = System.currentTimeMillis();
        Position p = new Position(0, "BTCUSDT", Direction.LONG, new BigDecimal("1"), 30000, cfg, 30000, 28500, 29000, now - 60_000,
                PositionStatus.TRAILING, Double.NaN, null, now - 120_000, 0, null);
        Position made = db.create(p, new StopEvent(0, 0, now, EventType.OPENED, 30000, Double.NaN, Double.NaN, "adopted"));
        String x1 = prefix + "-" + made.id() + "-x1";
        // What the DB holds after a crash while the first exit's outcome was being resolved.
        db.save(made.withStatus(PositionStatus.CLOSING).withOrderSeq(1).withExitOrder(x1));

        OrderState expired = new OrderState(x1, 11, "EXPIRED", "MARKET", "SELL", new BigDecimal(filled), 29000, BigDecimal.ZERO);
        List<BigDecimal> sold = new CopyOnWriteArrayList<>();
        OrderGateway gw = new OrderGateway() {
            public SymbolRules rules(String s) {
                return new SymbolRules("BTCUSDT", "BTC", "USDT", new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"), new BigDecimal("5"));
            }
            public OrderState market(String s, boolean sell, BigDecimal q, String cid) {
                sold.add(q);
                return new OrderState(cid, 12, "FILLED", "MARKET", "SELL", q, 29000, BigDecimal.ZERO);
            }
            public OrderState stopLoss(String s, boolean sell, BigDecimal q, BigDecimal sp, String cid) { throw new AssertionError(); }
            public OrderState replaceStop(String s, String o, boolean sell, BigDecimal q, BigDecimal sp, String n) { throw new AssertionError(); }
            public Optional<OrderState> cancel(String s, String cid) { return Optional.empty(); }
            public Optional<OrderState> find(String s, String cid) { return cid.equals(x1) ? Optional.of(expired) : Optional.empty(); }
            public List<OrderState> openOrders(String s) { return List.of(); }
            public List<OrderState> recentOrders(String s) { return List.of(expired); }
            // 0.4 of this position plus 2 BTC of another position / the owner's own coins.
            public Map<String, BigDecimal> balances() { return Map.of("BTC", new BigDecimal("2.4")); }
            public Map<String, BigDecimal> holdings() { return balances(); }
        };
        PriceSource none = new PriceSource() {
            public void subscribe(Set<String> symbols, Listener l) { }
            public void close() { }
        };
        KlineHistory hist = new KlineHistory() {
            public List<double[]> minuteBars(String s, long f, long t) { return List.of(); }
            public List<double[]> trades(String s, long f, long t) { return List.of(); }
        };
        LiveRunner r = new LiveRunner(new LiveRunner.Settings(cfg, false, false, 600_000, 1_000), db, gw, none, hist, OrderUpdates.NONE,
                Notifier.NONE, Clock.systemUTC(), ms -> Thread.sleep(Math.min(ms, 10)));
        r.start();
        LiveHarness.await(() -> db.get(made.id()).orElseThrow().status() == PositionStatus.CLOSED, 20_000, "closed");
        r.close();
        assertThat(sold).as("what the restart sold").hasSize(1);
        assertThat(sold.get(0)).isEqualByComparingTo(expected);
        // The fault is the one arranged: the exit was found expired on restart, and said so with what it had sold.
        assertThat(db.events(made.id())).anySatisfy(e -> assertThat(e.detail()).startsWith("exit order " + x1 + " is EXPIRED"
                + (new BigDecimal(filled).signum() > 0 ? " with " + filled + " filled" : "")));
        assertThat(db.get(made.id()).orElseThrow().status()).isEqualTo(PositionStatus.CLOSED);
        db.close();
    }

    /** A gateway whose exits end as {@code first} says, the first time; any later exit waits until the runner is stopped. */
    private static OrderGateway exchange(List<BigDecimal> sold, String x1, OrderState x1State, boolean holdLater) {
        return new OrderGateway() {
            public SymbolRules rules(String s) {
                return new SymbolRules("BTCUSDT", "BTC", "USDT", new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"),
                        new BigDecimal("5"));
            }

            public OrderState market(String s, boolean sell, BigDecimal q, String cid) {
                if (cid.equals(x1)) {
                    sold.add(x1State.executedQty());
                    return x1State;
                }
                if (holdLater) {
                    try {
                        Thread.sleep(Long.MAX_VALUE); // the resend: not carried out before the runner stops
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new io.ratchet.live.exchange.ExchangeException(0, 0, "interrupted (outcome unknown)", false);
                    }
                }
                sold.add(q);
                return new OrderState(cid, 12, "FILLED", "MARKET", "SELL", q, 29000, BigDecimal.ZERO);
            }

            public OrderState stopLoss(String s, boolean sell, BigDecimal q, BigDecimal sp, String cid) {
                throw new AssertionError("no stop for a closing position");
            }

            public OrderState replaceStop(String s, String o, boolean sell, BigDecimal q, BigDecimal sp, String n) {
                throw new AssertionError("no stop for a closing position");
            }

            public Optional<OrderState> cancel(String s, String cid) {
                return Optional.empty();
            }

            public Optional<OrderState> find(String s, String cid) {
                return cid.equals(x1) && !sold.isEmpty() ? Optional.of(x1State) : Optional.empty();
            }

            public List<OrderState> openOrders(String s) {
                return List.of();
            }

            public List<OrderState> recentOrders(String s) {
                return sold.isEmpty() ? List.of() : List.of(x1State);
            }

            public Map<String, BigDecimal> balances() {
                return Map.of("BTC", new BigDecimal("2.4"));
            }

            public Map<String, BigDecimal> holdings() {
                return balances();
            }
        };
    }

    @Test
    void aRestartAfterAPartialExitWasStoredTakesItsFillOffOnce() throws Exception {
        TrailingConfig cfg = new TrailingConfig(Mode.PERCENT, 0.05, 0, 0.05, 0, 0.001, 0);
        JdbcPositionStore db = JdbcPositionStore.open("jdbc:sqlite:" + dir.resolve("twice.db"), null, null);
        db.setting("mode", "orders");
        long now = System.currentTimeMillis();
        Position p = new Position(0, "BTCUSDT", Direction.LONG, new BigDecimal("1"), 30000, cfg, 30000, 28500, 29000, now - 60_000,
                PositionStatus.TRAILING, Double.NaN, null, now - 120_000, 0, null);
        Position made = db.create(p, new StopEvent(0, 0, now, EventType.OPENED, 30000, Double.NaN, Double.NaN, "adopted"));
        // Stopped while closing, before its exit was sent: the restart sends it.
        db.save(made.withStatus(PositionStatus.CLOSING));
        String x1 = db.clientPrefix() + "-" + made.id() + "-x1";
        OrderState expired = new OrderState(x1, 11, "EXPIRED", "MARKET", "SELL", new BigDecimal("0.6"), 29000, BigDecimal.ZERO);
        PriceSource none = new PriceSource() {
            public void subscribe(Set<String> symbols, Listener l) {
            }

            public void close() {
            }
        };
        KlineHistory hist = new KlineHistory() {
            public List<double[]> minuteBars(String s, long f, long t) {
                return List.of();
            }

            public List<double[]> trades(String s, long f, long t) {
                return List.of();
            }
        };
        List<BigDecimal> soldFirst = new CopyOnWriteArrayList<>();
        LiveRunner first = new LiveRunner(new LiveRunner.Settings(cfg, false, false, 600_000, 1_000), db, exchange(soldFirst, x1, expired, true),
                none, hist, OrderUpdates.NONE, Notifier.NONE, Clock.systemUTC(), ms -> Thread.sleep(Math.min(ms, 10)));
        first.start();
        // x1 sold 0.6 and expired; the rest is stored before its resend, and the runner stops before that resend is carried out.
        java.util.concurrent.atomic.AtomicReference<Position> rest = new java.util.concurrent.atomic.AtomicReference<>();
        LiveHarness.await(() -> {
            Position now1 = db.get(made.id()).orElseThrow();
            if (now1.quantity().compareTo(new BigDecimal("0.4")) == 0) {
                rest.set(now1);
                return true;
            }
            return false;
        }, 20_000, "the rest stored");
        // As stored in the second before the resend (a crash there restarts from this row): the rest, and no exit whose fill is
        // already taken off it. With x1 still named, a restart would find x1's 0.6 again and take it off the 0.4.
        assertThat(rest.get().exitOrder()).isNull();
        assertThat(rest.get().status()).isEqualTo(PositionStatus.CLOSING);
        first.close();
        assertThat(soldFirst).containsExactly(new BigDecimal("0.6"));
        assertThat(db.get(made.id()).orElseThrow().quantity()).isEqualByComparingTo("0.4");

        List<BigDecimal> soldAfter = new CopyOnWriteArrayList<>(List.of(new BigDecimal("0.6"))); // x1 is on the exchange, expired
        LiveRunner second = new LiveRunner(new LiveRunner.Settings(cfg, false, false, 600_000, 1_000), db, exchange(soldAfter, x1, expired, false),
                none, hist, OrderUpdates.NONE, Notifier.NONE, Clock.systemUTC(), ms -> Thread.sleep(Math.min(ms, 10)));
        second.start();
        LiveHarness.await(() -> db.get(made.id()).orElseThrow().status() == PositionStatus.CLOSED, 20_000, "closed");
        second.close();
        // The restart sold the 0.4 still held: x1's 0.6 was taken off once, before the stop, not again after it.
        assertThat(soldAfter).hasSize(2);
        assertThat(soldAfter.get(1)).isEqualByComparingTo("0.4");
        db.close();
    }
}
