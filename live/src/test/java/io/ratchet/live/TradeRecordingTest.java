package io.ratchet.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.engine.Direction;
import io.ratchet.live.exchange.AggTrade;
import io.ratchet.live.exchange.OrderUpdates;
import io.ratchet.live.record.BufferedTradeRecorder;
import io.ratchet.live.record.RecordingHealth;
import io.ratchet.live.record.TradeSink;
import io.ratchet.live.store.JdbcPositionStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --record}: what the runner receives is recorded once each; a failing disk is said and changes nothing else. */
class TradeRecordingTest {
    static final long T = GapWalkTest.T;

    @TempDir
    Path dir;

    /** A disk that fails while {@code failing} is set; what it took, append by append. */
    static final class Disk implements TradeSink {
        volatile boolean failing;
        final List<List<AggTrade>> appends = new CopyOnWriteArrayList<>();
        volatile boolean finished;

        @Override
        public void append(String symbol, List<AggTrade> trades) throws IOException {
            if (failing) {
                throw new IOException("/store/BTCUSDT.aggtrades.journal: No space left on device");
            }
            appends.add(List.copyOf(trades));
        }

        @Override
        public void finish() {
            finished = true;
        }

        @Override
        public String where() {
            return "/store";
        }

        List<Long> ids() {
            List<Long> out = new ArrayList<>();
            appends.forEach(a -> a.forEach(t -> out.add(t.id())));
            return out;
        }
    }

    static final class Told implements Notifier {
        final List<String> types = new CopyOnWriteArrayList<>();

        @Override
        public void notify(String type, Position p, String detail) {
            types.add(type);
        }
    }

    private static void settle(LiveRunner r) throws InterruptedException {
        LiveHarness.await(r::idle, 10_000, "the runner to settle");
    }

    @Test
    void aFailingDiskIsAnEventAndANotificationWhileEveryTradeIsStillWalkedAndTheExitSent() throws Exception {
        GapWalkTest.Feed feed = new GapWalkTest.Feed();
        GapWalkTest.Exchange x = new GapWalkTest.Exchange();
        Disk disk = new Disk();
        disk.failing = true;
        Told told = new Told();
        BufferedTradeRecorder recorder = new BufferedTradeRecorder(disk, 50, 10_000, 1_000);
        try (JdbcPositionStore store = JdbcPositionStore.open("jdbc:sqlite:" + dir.resolve("rec.db"), null, null)) {
            LiveRunner r = new LiveRunner(new LiveRunner.Settings(GapWalkTest.ONE_PCT, false, false, 600_000, 1), store, x, feed, new GapWalkTest.History(),
                    OrderUpdates.NONE, told, Clock.systemUTC(), recorder);
            r.start();
            Position p = r.open(new OpenRequest("BTCUSDT", Direction.LONG, new BigDecimal("0.01"), 100, null));
            LiveHarness.await(() -> feed.l != null, 10_000, "the subscription");
            feed.l.onAggTrade("BTCUSDT", new AggTrade(1, 100, 0.5, T + 1_000, false));
            feed.l.onAggTrade("BTCUSDT", new AggTrade(2, 102, 0.25, T + 2_000, true)); // a new high: stop 100.98
            settle(r);
            LiveHarness.await(() -> told.types.contains("RECORDING_FAILED"), 10_000, "the failure to be told");
            assertThat(store.events(p.id()).stream().map(StopEvent::type)).contains(EventType.RECORDING_FAILED);
            assertThat(store.events(p.id()).stream().filter(e -> e.type() == EventType.RECORDING_FAILED).findFirst().orElseThrow().detail())
                    .contains("No space left on device").contains("trades are kept in memory").contains("trading goes on");
            RecordingHealth h = r.health().recording();
            assertThat(h.failing()).isTrue();
            assertThat(h.waiting()).isEqualTo(2);
            assertThat(h.problem()).contains("No space left on device");
            assertThat(store.get(p.id()).orElseThrow().stop()).as("the trade was walked").isEqualTo(102 * (1 - 0.01));

            // Trading goes on: the next trade through the stop closes the position at market.
            feed.l.onAggTrade("BTCUSDT", new AggTrade(3, 100.5, 1, T + 3_000, false));
            settle(r);
            assertThat(store.get(p.id()).orElseThrow().status()).isEqualTo(PositionStatus.CLOSED);
            assertThat(x.orders).containsExactly("SELL 0.01 " + store.clientPrefix() + "-" + p.id() + "-x1");
            assertThat(told.types.stream().filter(t -> t.equals("RECORDING_FAILED"))).as("told once per spell, not at every retry").hasSize(1);
            assertThat(disk.appends).isEmpty();

            // The disk is back: everything kept is written, once, in order, and that is said too.
            disk.failing = false;
            LiveHarness.await(() -> told.types.contains("RECORDING_RESUMED"), 10_000, "the recovery to be told");
            assertThat(disk.ids()).containsExactly(1L, 2L, 3L);
            assertThat(disk.appends.get(0).get(1)).isEqualTo(new AggTrade(2, 102, 0.25, T + 2_000, true));
            assertThat(r.health().recording().failing()).isFalse();
            assertThat(r.health().recording().written()).isEqualTo(3);
            r.close();
            assertThat(disk.finished).isTrue();
        }
    }

    @Test
    void tradesFromTheStreamAndFromGapFillsAreRecordedOnceEachInIdOrderButBarsAreNot() throws Exception {
        GapWalkTest.Feed feed = new GapWalkTest.Feed();
        GapWalkTest.History h = new GapWalkTest.History();
        GapWalkTest.Exchange x = new GapWalkTest.Exchange();
        Disk disk = new Disk();
        BufferedTradeRecorder recorder = new BufferedTradeRecorder(disk, 60_000, 10_000, 1_000);
        try (JdbcPositionStore store = JdbcPositionStore.open("jdbc:sqlite:" + dir.resolve("gap.db"), null, null)) {
            LiveRunner r = new LiveRunner(new LiveRunner.Settings(GapWalkTest.ONE_PCT, false, false, 600_000, 1), store, x, feed, h, OrderUpdates.NONE,
                    Notifier.NONE, Clock.systemUTC(), recorder);
            r.start();
            // Two positions on one symbol: after the drop each gap is filled from its own last point, so REST is asked twice for the same trades.
            Position a = r.open(new OpenRequest("BTCUSDT", Direction.LONG, new BigDecimal("0.01"), 100, null));
            Position b = r.open(new OpenRequest("BTCUSDT", Direction.LONG, new BigDecimal("0.01"), 100, null));
            LiveHarness.await(() -> feed.l != null, 10_000, "the subscription");
            feed.l.onAggTrade("BTCUSDT", new AggTrade(10, 100, 0.1, T + 20_000, false));
            feed.l.onAggTrade("BTCUSDT", new AggTrade(10, 100, 0.1, T + 20_000, false)); // a reconnect's overlap: dropped by the feed
            settle(r);
            feed.l.onConnectionLost("test");
            // Missed: two trades in the partial minute, two whole minutes (walked as bars, not trades), one trade in the resuming minute.
            h.trades.add(new double[] {100.5, T + 30_000, 11, 0.2, 1});
            h.trades.add(new double[] {101, T + 40_000, 12, 0.3, 0});
            h.bars.add(new double[] {T + 60_000, 101, 101.5, 100.8, 101.2});
            h.bars.add(new double[] {T + 120_000, 101.2, 101.4, 101, 101.3});
            h.trades.add(new double[] {101.3, T + 185_000, 13, 0.4, 0});
            feed.l.onAggTrade("BTCUSDT", new AggTrade(14, 101.4, 0.5, T + 190_000, true));
            settle(r);
            assertThat(h.calls).as("each position's gap asked for on its own").containsExactly("trades 20..60", "trades 20..60", "bars 60..180", "bars 60..180",
                    "trades 180..190", "trades 180..190");
            assertThat(store.get(a.id()).orElseThrow().lastTime()).isEqualTo(T + 190_000);
            assertThat(store.get(b.id()).orElseThrow().lastTime()).isEqualTo(T + 190_000);
            r.close(); // writes what is buffered
            assertThat(disk.ids()).containsExactly(10L, 11L, 12L, 13L, 14L);
            assertThat(disk.appends.get(0)).contains(new AggTrade(11, 100.5, 0.2, T + 30_000, true), new AggTrade(13, 101.3, 0.4, T + 185_000, false));
            assertThat(disk.finished).isTrue();
        }
    }

    @Test
    void aMarketEntryWalksOnlyTheTradesAfterItsFillsMillisecondWhicheverWayTheyCome() throws Exception {
        GapWalkTest.Feed feed = new GapWalkTest.Feed();
        GapWalkTest.History h = new GapWalkTest.History();
        long fill = T + 10_000;
        GapWalkTest.Exchange x = new GapWalkTest.Exchange() {
            @Override
            public io.ratchet.live.exchange.OrderState market(String symbol, boolean sell, BigDecimal quantity, String clientOrderId) {
                orders.add((sell ? "SELL " : "BUY ") + quantity.toPlainString() + " " + clientOrderId);
                return new io.ratchet.live.exchange.OrderState(clientOrderId, orders.size(), "FILLED", "MARKET", sell ? "SELL" : "BUY", quantity, 100,
                        BigDecimal.ZERO, BigDecimal.ZERO, fill);
            }
        };
        Disk disk = new Disk();
        try (JdbcPositionStore store = JdbcPositionStore.open("jdbc:sqlite:" + dir.resolve("fill.db"), null, null)) {
            LiveRunner r = new LiveRunner(new LiveRunner.Settings(GapWalkTest.ONE_PCT, false, false, 600_000, 1), store, x, feed, h, OrderUpdates.NONE,
                    Notifier.NONE, Clock.systemUTC(), new BufferedTradeRecorder(disk, 60_000, 10_000, 1_000));
            r.start();
            Position p = r.open(new OpenRequest("BTCUSDT", Direction.LONG, new BigDecimal("0.01"), Double.NaN, null));
            assertThat(p.entryTime()).isEqualTo(fill);
            LiveHarness.await(() -> feed.l != null, 10_000, "the subscription");
            // A print of the fill's own millisecond reaches the stream after the fill: not walked (a new high would have moved the stop).
            feed.l.onAggTrade("BTCUSDT", new AggTrade(7, 103, 0.01, fill, false));
            feed.l.onAggTrade("BTCUSDT", new AggTrade(8, 101, 0.02, fill + 1, false));
            settle(r);
            Position q = store.get(p.id()).orElseThrow();
            assertThat(q.peak()).isEqualTo(101.0);
            assertThat(q.stop()).isEqualTo(101 * (1 - 0.01));
            r.close();
            assertThat(disk.ids()).as("received, so recorded, walked or not").containsExactly(7L, 8L);
        }
    }
}
