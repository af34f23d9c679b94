package io.ratchet.live;

import io.ratchet.engine.TrailingConfig;
import io.ratchet.engine.TrailingStop;
import io.ratchet.live.exchange.Backoff;
import io.ratchet.live.exchange.KlineHistory;
import io.ratchet.live.exchange.OrderGateway;
import io.ratchet.live.exchange.OrderState;
import io.ratchet.live.exchange.OrderUpdates;
import io.ratchet.live.exchange.PriceSource;
import io.ratchet.live.record.TradeRecorder;
import io.ratchet.live.store.PositionStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-writer core: trails every open position with the engine, on one
 * {@link RunnerThread}. It alone holds the open positions and their engines; the parts that
 * change them do so on that thread, through a narrow view: {@link Entries} opens positions,
 * {@link ExchangeStops} keeps a stop resting on the exchange, {@link Exits} closes at market,
 * {@link Fills} hears the user data stream, {@link Reconciler} checks on restart. The network is
 * never waited on here: orders go through the {@link OrderDesk}, the feed and its gaps through
 * the {@link FeedSupervisor}, which hands every trade to the {@link TradeRecorder} ({@code --record}).
 *
 * <p>Rules: a client id is stored before its order is sent (write-ahead); every task is
 * guarded (an error is logged, stored, notified, and the runner goes on); the database
 * failing does not stop trading ({@link Journal}); every position ends in a definite
 * state or is flagged to a person.
 */
public final class LiveRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRunner.class);

    /**
     * @param staleAfterMillis a feed silent this long (wall time) with open positions is treated as dead
     * @param saveEveryMillis  price and time of unchanged positions are stored at most this often
     */
    public record Settings(TrailingConfig defaultConfig, boolean dryRun, boolean protectOnExchange, long staleAfterMillis, long saveEveryMillis) {
    }

    private final PositionStore store;
    private final Journal journal;
    private final OrderUpdates updates;
    private final Notifier notifier;
    private final Clock clock;
    private final RunnerThread thread = new RunnerThread(this::failed);
    private final Inside inside = new Inside();
    private final OrderDesk desk;
    private final FeedSupervisor feed;
    private final Reconciler reconciler;
    private final ExchangeStops stops;
    private final Exits exits;
    private final Entries entries;
    private final Fills fills;
    private final Map<Long, Position> open = new LinkedHashMap<>();
    private final Map<Long, TrailingStop> trackers = new HashMap<>();
    private ClientIds ids;
    private final boolean dryRun;
    private final boolean protectOnExchange;
    private final ChangeFanout changes = new ChangeFanout();
    private final TradeRecorder recorder;

    public LiveRunner(Settings settings, PositionStore store, OrderGateway gateway, PriceSource prices, KlineHistory history, Notifier notifier,
                      Clock clock) {
        this(settings, store, gateway, prices, history, OrderUpdates.NONE, notifier, clock, Thread::sleep, TradeRecorder.NONE);
    }

    public LiveRunner(Settings settings, PositionStore store, OrderGateway gateway, PriceSource prices, KlineHistory history, OrderUpdates updates,
                      Notifier notifier, Clock clock) {
        this(settings, store, gateway, prices, history, updates, notifier, clock, Thread::sleep, TradeRecorder.NONE);
    }

    /** With every trade received handed to {@code recorder} ({@code --record}). */
    public LiveRunner(Settings settings, PositionStore store, OrderGateway gateway, PriceSource prices, KlineHistory history, OrderUpdates updates,
                      Notifier notifier, Clock clock, TradeRecorder recorder) {
        this(settings, store, gateway, prices, history, updates, notifier, clock, Thread::sleep, recorder);
    }

    LiveRunner(Settings settings, PositionStore store, OrderGateway gateway, PriceSource prices, KlineHistory history, OrderUpdates updates,
               Notifier notifier, Clock clock, OrderDesk.Sleeper sleeper) {
        this(settings, store, gateway, prices, history, updates, notifier, clock, sleeper, TradeRecorder.NONE);
    }

    LiveRunner(Settings settings, PositionStore store, OrderGateway gateway, PriceSource prices, KlineHistory history, OrderUpdates updates,
               Notifier notifier, Clock clock, OrderDesk.Sleeper sleeper, TradeRecorder recorder) {
        this.recorder = recorder;
        this.store = store;
        this.updates = updates;
        this.notifier = notifier;
        this.clock = clock;
        this.journal = new Journal(store, inside::tell, changes);
        this.desk = new OrderDesk(gateway, clock, sleeper, Backoff.DEFAULT, new OrderDesk.Reporter() {
            @Override
            public void unknown(long position, String clientId, String why) {
                thread.post("unknown outcome", () -> inside.note(position, EventType.ORDER_UNKNOWN, "outcome of " + clientId + " unknown (" + why
                        + "): asking the exchange before anything is sent again", true));
            }

            @Override
            public void waiting(long position, String why) {
                thread.post("desk waiting", () -> inside.note(position, EventType.ORDER_FAILED, why, true));
            }
        });
        this.stops = new ExchangeStops(settings, gateway, desk, journal, clock, thread, inside);
        this.dryRun = settings.dryRun();
        this.protectOnExchange = settings.protectOnExchange();
        this.exits = new Exits(settings.dryRun(), gateway, desk, journal, clock, thread, stops, inside);
        this.entries = new Entries(settings, store, gateway, history, desk, journal, clock, thread, stops, inside);
        this.reconciler = new Reconciler(gateway, desk, thread, entries, exits, inside, settings.dryRun());
        this.fills = new Fills(thread, exits, inside);
        this.feed = new FeedSupervisor(prices, history, clock, settings.staleAfterMillis(),
                new PriceWalk(settings.saveEveryMillis(), journal, clock, thread, stops, exits, inside, changes), recorder);
    }

    /** Loads the stored open positions, reconciles them with the exchange, and starts the feeds. */
    public void start() {
        recorder.start(new RecordingAlerts(thread, journal, clock, inside));
        thread.call(() -> {
            ids = new ClientIds(store.clientPrefix());
            List<Position> stored = store.open();
            // A database's positions are either on paper or real: a dry run would close real ones on paper and leave
            // their coins and resting stops to no one; a live run would sell coins for positions that were never bought.
            String mode = dryRun ? "dry-run" : "orders";
            String was = store.setting("mode", mode);
            if (!was.equals(mode) && !stored.isEmpty()) {
                throw new IllegalStateException("the database holds " + stored.size() + " open position(s) of a " + (was.equals("dry-run")
                        ? "dry run: start with --dry-run, or use another --db for orders" : "run that sent orders: start with --no-dry-run, or use another --db for a dry run"));
            }
            if (!was.equals(mode)) {
                store.putSetting("mode", mode);
            }
            for (Position p : stored) {
                resume(p);
            }
            reconciler.reconcile(new ArrayList<>(open.values()), ids);
            feed.want(symbols());
            return null;
        });
        thread.every("watchdog", () -> feed.watchdog(!open.isEmpty()), 1_000);
        thread.every("database", journal::flush, 1_000);
        updates.start(fills);
    }

    private void resume(Position p) {
        TrailingStop ts = new TrailingStop(p.config());
        if (p.status() != PositionStatus.PENDING) {
            ts.resume(p.direction(), p.entryPrice(), p.peak(), p.stop(), p.lastPrice());
        }
        open.put(p.id(), p);
        trackers.put(p.id(), ts);
        journal.save(p, StopEvent.of(p, p.lastTime(), EventType.RESUMED, p.lastPrice(), p.stop(), p.stop(),
                "loaded from the database: " + p.status() + ", stop " + fmt(p.stop()) + ", extreme " + fmt(p.peak()) + ", last price " + fmt(p.lastPrice())));
        LOG.info("position {} {} {}: resumed, stop {}, status {}", p.id(), p.symbol(), p.direction().id(), fmt(p.stop()), p.status());
    }

    private Set<String> symbols() {
        Set<String> want = new TreeSet<>();
        for (Position p : open.values()) {
            if (p.status() != PositionStatus.PENDING) {
                want.add(p.symbol());
            }
        }
        return want;
    }

    /** A task threw: every open position records it, so the error is seen where the money is. */
    private void failed(String what, Throwable e) {
        String detail = what + " failed: " + e;
        inside.tell("RUNNER_ERROR", open.values().stream().findFirst().orElse(null), detail);
        for (Position p : open.values()) {
            journal.save(p, StopEvent.of(p, clock.millis(), EventType.RUNNER_ERROR, p.lastPrice(), p.stop(), p.stop(), detail));
        }
    }

    /** Starts trailing a position (entering at market first when it has no entry price). */
    public Position open(OpenRequest r) {
        return open(r, null);
    }

    /**
     * Starts trailing a position. Checked first against the symbol's filters (and, for an
     * adopted position, the account's free balance); with an idempotency key, a repeat of
     * the same request answers the first one's position and sends nothing.
     */
    public Position open(OpenRequest r, String idempotencyKey) {
        return entries.open(r, idempotencyKey);
    }

    /** Stops trailing a position; with {@code close}, closes it at market first (waiting up to 30 s for the fill). */
    public Position stop(long id, boolean close) {
        CompletableFuture<Position> done = new CompletableFuture<>();
        Position now = thread.call(() -> {
            Position p = open.get(id);
            if (p == null) {
                return store.get(id).orElseThrow(() -> new NoSuchElementException("no position " + id));
            }
            if (close) {
                Position c = exits.requested(p, done);
                return open.containsKey(id) ? c : store.get(id).orElse(c);
            }
            if (p.status() != PositionStatus.TRAILING && p.status() != PositionStatus.EXIT_REFUSED) {
                throw new IllegalArgumentException("position " + id + " is " + p.status() + ": its order is being resolved; stop it once that is done");
            }
            stops.cancelAll(p);
            Position c = p.closed(Double.NaN, "TRAILING_STOPPED", clock.millis());
            journal.save(c, StopEvent.of(c, clock.millis(), EventType.TRAILING_STOPPED, p.lastPrice(), p.stop(), p.stop(),
                    "trailing stopped through the API; the position is left as it is"));
            inside.untrack(id);
            feed.want(symbols());
            return c;
        });
        return now.status() == PositionStatus.CLOSING ? Replies.await(done, now) : now;
    }

    static String fmt(double v) {
        return v != v ? "none" : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Positions still open, as the runner sees them now. */
    public List<Position> openPositions() {
        return thread.call(() -> List.copyOf(open.values()));
    }

    /** Adds a listener of every change, called on the runner's thread (it must only hand over, never wait). */
    public void listen(Changes c) {
        changes.add(c);
    }

    public void unlisten(Changes c) {
        changes.remove(c);
    }

    /** The feed, the database and the mode, as the runner sees them now. */
    public LiveHealth health() {
        return thread.call(() -> new LiveHealth(dryRun, protectOnExchange, feed.health(), journal.waiting(), recorder.health()));
    }

    /** True when no order, feed or database work is waiting (tests settle on it). */
    boolean idle() {
        return thread.call(() -> !desk.busy() && !feed.busy() && journal.healthy() && !exits.busy() && !stops.busy());
    }

    /** Graceful stop: flushes every position's last price, leaves exchange stops in place. */
    @Override
    public void close() {
        if (thread.refusing()) {
            return;
        }
        try {
            thread.call(() -> {
                for (Position p : open.values()) {
                    journal.save(p);
                }
                journal.flush();
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("flush on close failed: {}", e.getMessage());
        }
        thread.refuse();
        updates.close();
        desk.close();
        thread.shutdown();
        feed.close();
        recorder.close(); // after the feed: nothing comes in any more; what was recorded is written
    }

    /** Stops at once without flushing: what a crash looks like (tests use it to prove recovery). */
    public void kill() {
        thread.kill();
        desk.kill();
        updates.close();
        feed.close();
        recorder.kill();
    }

    /** The parts' view of the state above; every call comes on the runner's thread. */
    private final class Inside implements Reconciler.Core, PriceWalk.Core, ExchangeStops.Core, Exits.Core, Entries.Core, Fills.Core, RecordingAlerts.Core {
        @Override
        public Position get(long id) {
            return open.get(id);
        }

        @Override
        public Collection<Position> positions() {
            return Collections.unmodifiableCollection(open.values());
        }

        @Override
        public TrailingStop engine(long id) {
            return trackers.get(id);
        }

        @Override
        public void put(Position p) {
            open.put(p.id(), p);
        }

        @Override
        public void track(Position p, TrailingStop engine) {
            open.put(p.id(), p);
            trackers.put(p.id(), engine);
        }

        @Override
        public void untrack(long id) {
            open.remove(id);
            trackers.remove(id);
        }

        @Override
        public void replace(Position p, EventType type, String detail) {
            open.put(p.id(), p);
            journal.save(p, StopEvent.of(p, clock.millis(), type, p.lastPrice(), p.stop(), p.stop(), detail));
        }

        @Override
        public void reprotect(Position p) {
            open.put(p.id(), p);
            stops.protect(p);
        }

        @Override
        public Position soldInPart(Position p, OrderState ended) {
            return stops.soldInPart(p, ended);
        }

        @Override
        public void flag(long id, String why) {
            Position p = open.get(id);
            if (p == null) {
                return;
            }
            Position f = p.withAttention(why);
            open.put(id, f);
            journal.save(f, StopEvent.of(f, clock.millis(), EventType.RECONCILED, p.lastPrice(), p.stop(), p.stop(), why));
            tell("RECONCILED", f, why);
        }

        @Override
        public ClientIds ids() {
            return ids;
        }

        @Override
        public void joined(Position p) {
            feed.want(symbols());
            feed.joined(p.symbol());
        }

        /** The position is closed, whichever way it happened; the stream and the desk may both say so, the first one counts. */
        @Override
        public void finish(long id, double price, String reason, String detail) {
            Position p = open.get(id);
            if (p == null) {
                return;
            }
            Position c = p.closed(price, reason, clock.millis()).withAttention(null);
            journal.save(c, StopEvent.of(c, clock.millis(), EventType.ORDER_FILLED, price, p.stop(), p.stop(), detail));
            untrack(id);
            stops.forget(id);
            LOG.info("position {} {} closed at {} ({}): {}", c.id(), c.symbol(), fmt(price), reason, detail);
            tell("ORDER_FILLED", c, detail);
            exits.closed(c);
            feed.want(symbols());
        }

        /** A notification that cannot stop trading: a notifier that throws is logged and stored, never in the way of an order. */
        @Override
        public void tell(String type, Position p, String detail) {
            changes.told(type, p, detail);
            try {
                notifier.notify(type, p, detail);
            } catch (RuntimeException e) {
                LOG.error("notification {} failed: {}", type, e.toString());
                if (p != null && open.containsKey(p.id())) {
                    journal.save(p, StopEvent.of(p, clock.millis(), EventType.RUNNER_ERROR, p.lastPrice(), p.stop(), p.stop(), "notification " + type + " failed: " + e));
                }
            }
        }

        /** An order event on a position, stored and, for failures, notified. */
        @Override
        public void note(long id, EventType type, String detail, boolean tell) {
            Position p = open.get(id);
            if (p == null) {
                LOG.info("position {}: {}", id, detail);
                return;
            }
            journal.save(p, StopEvent.of(p, clock.millis(), type, p.lastPrice(), p.stop(), p.stop(), detail));
            LOG.warn("position {} {}: {}", p.id(), p.symbol(), detail);
            if (tell) {
                tell(type.name(), p, detail);
            }
        }
    }
}
