package io.ratchet.live;

import io.ratchet.engine.TrailingConfig;
import io.ratchet.engine.TrailingStop;
import io.ratchet.live.exchange.Backoff;
import io.ratchet.live.exchange.ExchangeException;
import io.ratchet.live.exchange.ExecutionReport;
import io.ratchet.live.exchange.KlineHistory;
import io.ratchet.live.exchange.OrderGateway;
import io.ratchet.live.exchange.OrderState;
import io.ratchet.live.exchange.OrderUpdates;
import io.ratchet.live.exchange.PriceSource;
import io.ratchet.live.exchange.SymbolRules;
import io.ratchet.live.store.PositionStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-writer core: trails every open position with the engine, on one thread.
 * Prices, commands, order outcomes and timers all become tasks on that thread, so a position
 * is never touched by two threads and events keep the order of arrival. The network is
 * never waited on here: orders go through the {@link OrderDesk}, the feed and its gaps
 * through the {@link FeedSupervisor}, restart checks through the {@link Reconciler}.
 *
 * <p>Rules: a client id is stored before its order is sent (write-ahead); every task is
 * guarded (an error is logged, stored, notified, and the runner goes on); the database
 * failing does not stop trading ({@link Journal}); every position ends in a definite
 * state or is flagged to a person.
 */
public final class LiveRunner implements OrderUpdates.Listener, FeedSupervisor.Walker, Reconciler.Core, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRunner.class);

    /**
     * @param staleAfterMillis a feed silent this long (wall time) with open positions is treated as dead
     * @param saveEveryMillis  price and time of unchanged positions are stored at most this often
     */
    public record Settings(TrailingConfig defaultConfig, boolean dryRun, boolean protectOnExchange, long staleAfterMillis, long saveEveryMillis) {
    }

    private final Settings settings;
    private final PositionStore store;
    private final Journal journal;
    private final OrderGateway gateway;
    private final KlineHistory history;
    private final OrderUpdates updates;
    private final Notifier notifier;
    private final Clock clock;
    private final ScheduledExecutorService core;
    private final OrderDesk desk;
    private final FeedSupervisor feed;
    private final Reconciler reconciler;
    private final Map<Long, Position> open = new LinkedHashMap<>();
    private final Map<Long, TrailingStop> trackers = new HashMap<>();
    private final Map<Long, Long> savedAt = new HashMap<>();
    private final Set<Long> stopBusy = new HashSet<>();
    private final Set<Long> exitBusy = new HashSet<>();
    private final Map<Long, String> exitReasons = new HashMap<>();
    private final Map<Long, CompletableFuture<Position>> entering = new HashMap<>();
    private final Map<Long, CompletableFuture<Position>> closing = new HashMap<>();
    private ClientIds ids;
    private volatile boolean closed;

    public LiveRunner(Settings settings, PositionStore store, OrderGateway gateway, PriceSource prices, KlineHistory history, Notifier notifier,
                      Clock clock) {
        this(settings, store, gateway, prices, history, OrderUpdates.NONE, notifier, clock, Thread::sleep);
    }

    public LiveRunner(Settings settings, PositionStore store, OrderGateway gateway, PriceSource prices, KlineHistory history, OrderUpdates updates,
                      Notifier notifier, Clock clock) {
        this(settings, store, gateway, prices, history, updates, notifier, clock, Thread::sleep);
    }

    LiveRunner(Settings settings, PositionStore store, OrderGateway gateway, PriceSource prices, KlineHistory history, OrderUpdates updates,
               Notifier notifier, Clock clock, OrderDesk.Sleeper sleeper) {
        this.settings = settings;
        this.store = store;
        this.gateway = gateway;
        this.history = history;
        this.updates = updates;
        this.notifier = notifier;
        this.clock = clock;
        this.journal = new Journal(store, (type, p, detail) -> tell(type, p, detail));
        this.core = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ratchet-live");
            t.setDaemon(false);
            return t;
        });
        this.desk = new OrderDesk(gateway, clock, sleeper, Backoff.DEFAULT, new OrderDesk.Reporter() {
            @Override
            public void unknown(long position, String clientId, String why) {
                post("unknown outcome", () -> note(position, EventType.ORDER_UNKNOWN, "outcome of " + clientId + " unknown (" + why
                        + "): asking the exchange before anything is sent again", true));
            }

            @Override
            public void waiting(long position, String why) {
                post("desk waiting", () -> note(position, EventType.ORDER_FAILED, why, true));
            }
        });
        this.feed = new FeedSupervisor(prices, history, clock, settings.staleAfterMillis(), this);
        this.reconciler = new Reconciler(gateway, desk, this, settings.dryRun());
    }

    // ---- lifecycle -------------------------------------------------------------------------------

    /** Loads the stored open positions, reconciles them with the exchange, and starts the feeds. */
    public void start() {
        call(() -> {
            ids = new ClientIds(store.clientPrefix());
            for (Position p : store.open()) {
                resume(p);
            }
            reconciler.reconcile(new ArrayList<>(open.values()), ids);
            feed.want(symbols());
            return null;
        });
        core.scheduleWithFixedDelay(guard("watchdog", () -> feed.watchdog(!open.isEmpty())), 1, 1, TimeUnit.SECONDS);
        core.scheduleWithFixedDelay(guard("database", journal::flush), 1, 1, TimeUnit.SECONDS);
        updates.start(this);
    }

    private void resume(Position p) {
        TrailingStop ts = new TrailingStop(p.config());
        if (p.status() != PositionStatus.PENDING) {
            ts.resume(p.direction(), p.entryPrice(), p.peak(), p.stop(), p.lastPrice());
        }
        open.put(p.id(), p);
        trackers.put(p.id(), ts);
        journal.save(p, event(p, p.lastTime(), EventType.RESUMED, p.lastPrice(), p.stop(), p.stop(),
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

    // ---- the runner's thread: every task guarded -----------------------------------------------------

    @Override
    public void post(String what, Runnable task) {
        if (!closed) {
            try {
                core.execute(guard(what, task));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("runner stopped: {} dropped", what);
            }
        }
    }

    /** A task that cannot throw into the void: an error is logged, stored, notified, and the runner goes on. */
    private Runnable guard(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable e) {
                LOG.error("runner: {} failed", what, e);
                String detail = what + " failed: " + e;
                Position any = open.values().stream().findFirst().orElse(null);
                tell("RUNNER_ERROR", any, detail);
                for (Position p : open.values()) {
                    journal.save(p, event(p, clock.millis(), EventType.RUNNER_ERROR, p.lastPrice(), p.stop(), p.stop(), detail));
                }
            }
        };
    }

    /** A notification that cannot stop trading: a notifier that throws is logged and stored, never in the way of an order. */
    private void tell(String type, Position p, String detail) {
        try {
            notifier.notify(type, p, detail);
        } catch (RuntimeException e) {
            LOG.error("notification {} failed: {}", type, e.toString());
            if (p != null && open.containsKey(p.id())) {
                journal.save(p, event(p, clock.millis(), EventType.RUNNER_ERROR, p.lastPrice(), p.stop(), p.stop(), "notification " + type + " failed: " + e));
            }
        }
    }

    /** An order event on a position, stored and, for failures, notified. */
    private void note(long id, EventType type, String detail, boolean tell) {
        Position p = open.get(id);
        if (p == null) {
            LOG.info("position {}: {}", id, detail);
            return;
        }
        journal.save(p, event(p, clock.millis(), type, p.lastPrice(), p.stop(), p.stop(), detail));
        LOG.warn("position {} {}: {}", p.id(), p.symbol(), detail);
        if (tell) {
            tell(type.name(), p, detail);
        }
    }

    // ---- walking prices -----------------------------------------------------------------------------

    @Override
    public List<Position> trailing(String symbol) {
        List<Position> out = new ArrayList<>();
        for (Position p : open.values()) {
            if (p.symbol().equals(symbol) && p.status() == PositionStatus.TRAILING) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public void walkTrade(String symbol, double price, long time, Set<Long> jump) {
        for (Position p : trailing(symbol)) {
            if (time < p.lastTime()) {
                continue;
            }
            walk(p, price, time, jump.contains(p.id()) || p.lastTime() <= 0, null);
        }
    }

    @Override
    public boolean walkPoints(long id, List<double[]> points, String cause) {
        for (double[] pt : points) {
            Position p = open.get(id);
            if (p == null || p.status() != PositionStatus.TRAILING) {
                return true;
            }
            long t = (long) pt[1];
            if (t < p.lastTime()) {
                continue;
            }
            String why = cause.startsWith("bar") ? "bar " + java.time.Instant.ofEpochMilli(Math.floorDiv(t, FeedSupervisor.MINUTE) * FeedSupervisor.MINUTE)
                    + " after a gap in the feed" : cause;
            if (walk(p, pt[0], t, pt[2] == 1 || p.lastTime() <= 0, why)) {
                return true;
            }
        }
        Position p = open.get(id);
        return p == null || p.status() != PositionStatus.TRAILING;
    }

    @Override
    public void gapNote(long id, String detail) {
        Position p = open.get(id);
        if (p != null) {
            journal.save(p, event(p, p.lastTime(), EventType.GAP_WALKED, p.lastPrice(), p.stop(), p.stop(), detail));
        }
    }

    /** One price through one position; returns true if the position's stop was hit. */
    private boolean walk(Position p, double price, long time, boolean gap, String cause) {
        TrailingStop ts = trackers.get(p.id());
        double old = ts.stop();
        int r = gap ? ts.onGap(time, price) : ts.onPrice(time, price);
        Position q = p.withState(ts.peak(), r == TrailingStop.HIT ? old : ts.stop(), price, time);
        open.put(q.id(), q);
        if (r == TrailingStop.MOVED) {
            journal.save(q, event(q, time, EventType.STOP_MOVED, price, old, ts.stop(), cause));
            savedAt.put(q.id(), clock.millis());
            LOG.info("position {} {} {}: stop {} -> {} at {}", q.id(), q.symbol(), q.direction().id(), fmt(old), fmt(ts.stop()), fmt(price));
            protect(q);
            return false;
        }
        if (r == TrailingStop.HIT) {
            Position c = q.withStatus(PositionStatus.CLOSING);
            journal.save(c, event(c, time, EventType.STOP_HIT, price, old, old, "trigger " + fmt(ts.trigger()) + (cause == null ? "" : ", " + cause)));
            open.put(c.id(), c);
            LOG.info("position {} {} {}: stop {} hit at {} (trigger {})", c.id(), c.symbol(), c.direction().id(), fmt(old), fmt(price), fmt(ts.trigger()));
            tell("STOP_HIT", c, "price " + fmt(price) + ", trigger " + fmt(ts.trigger()));
            beginExit(c, "STOP", ts.trigger());
            return true;
        }
        long now = clock.millis();
        if (now - savedAt.getOrDefault(q.id(), 0L) >= settings.saveEveryMillis()) {
            journal.save(q);
            savedAt.put(q.id(), now);
        }
        return false;
    }

    // ---- exits ----------------------------------------------------------------------------------------

    /** Writes the exit's client id, then hands the exit to the desk: the exchange stop goes first, then one MARKET order. */
    @Override
    public void beginExit(Position p, String reason, double trigger) {
        if (settings.dryRun()) {
            finish(p.id(), trigger, reason, "dry-run: no order sent; closed at the trigger");
            return;
        }
        if (!exitBusy.add(p.id())) {
            return; // an exit is on its way; its outcome decides
        }
        exitReasons.put(p.id(), reason);
        int seq = p.orderSeq() + 1;
        String xid = ids.exit(p.id(), seq);
        Position w = p.withOrderSeq(seq).withExitOrder(xid).withStatus(PositionStatus.CLOSING);
        open.put(w.id(), w);
        journal.save(w, event(w, clock.millis(), EventType.ORDER_SENT, trigger, w.stop(), w.stop(),
                "MARKET " + (w.isLong() ? "SELL " : "BUY ") + "of " + w.quantity().toPlainString() + " " + w.symbol() + " (what is held, at most), client id " + xid));
        desk.submit(w.id(), "exit", () -> sendExit(w, reason));
    }

    /** On the desk: the exchange stop is canceled (or found filled) before the market order, so the two never both fill. */
    private void sendExit(Position w, String reason) {
        for (String sid : new String[] {w.exchangeStop(), w.pendingStop()}) {
            if (sid == null) {
                continue;
            }
            Optional<OrderState> canceled = desk.cancel(w.id(), w.symbol(), sid);
            if (canceled.isEmpty()) {
                Optional<OrderState> s = desk.find(w.id(), w.symbol(), sid);
                if (s.isPresent() && s.get().filled()) {
                    post("exchange stop filled", () -> {
                        exitBusy.remove(w.id());
                        finish(w.id(), s.get().averagePrice(), reason, "the exchange stop " + sid + " filled");
                    });
                    return;
                }
            }
        }
        SymbolRules rules = gateway.rules(w.symbol());
        BigDecimal qty = w.quantity();
        if (w.isLong()) {
            // Sell what is held, never more.
            BigDecimal free = desk.read(w.id(), "reading the balance", gateway::balances).getOrDefault(rules.base(), BigDecimal.ZERO);
            if (free.compareTo(qty) < 0) {
                qty = rules.quantity(free);
            }
        }
        BigDecimal q = qty;
        try {
            OrderState o = desk.place(w.id(), w.symbol(), w.exitOrder(), () -> gateway.market(w.symbol(), w.isLong(), q, w.exitOrder()));
            post("exit outcome", () -> exitOutcome(w.id(), reason, o));
        } catch (ExchangeException e) {
            post("exit refused", () -> exitRefused(w.id(), reason, e));
        }
    }

    private void exitOutcome(long id, String reason, OrderState o) {
        exitBusy.remove(id);
        Position p = open.get(id);
        if (p == null) {
            return;
        }
        if (o.filled()) {
            finish(id, o.averagePrice(), reason, "MARKET " + o.clientOrderId() + " filled " + o.executedQty().toPlainString() + " at " + fmt(o.averagePrice()));
            return;
        }
        // Not filled (Binance can expire a market order on its price-range rule): what filled is no longer held; send the rest again.
        BigDecimal rest = p.quantity().subtract(o.executedQty());
        Position r = p.withQuantity(rest);
        open.put(id, r);
        note(id, EventType.ORDER_FAILED, "exit " + o.clientOrderId() + " ended " + o.status() + " with " + o.executedQty().toPlainString()
                + " filled: sending the remaining " + rest.toPlainString() + " again", true);
        if (rest.signum() > 0) {
            core.schedule(guard("exit retry", () -> {
                Position c = open.get(id);
                if (c != null && c.status() == PositionStatus.CLOSING) {
                    beginExit(c, reason, c.lastPrice());
                }
            }), 1, TimeUnit.SECONDS);
        } else {
            finish(id, o.averagePrice(), reason, "the exit filled in parts");
        }
    }

    /** The exchange refused the exit for good: the position is flagged, and protected on the exchange where it can be. */
    private void exitRefused(long id, String reason, ExchangeException e) {
        exitBusy.remove(id);
        Position p = open.get(id);
        if (p == null) {
            return;
        }
        String why = "the exchange refused the exit (" + reason + "): Binance " + e.code() + " " + e.getMessage()
                + "; the position is still held and needs a person (DELETE /api/positions/" + id + "?close=true tries again)";
        Position f = p.withStatus(PositionStatus.EXIT_REFUSED).withAttention(why).withExchangeStop(null).withPendingStop(null);
        open.put(id, f);
        journal.save(f, event(f, clock.millis(), EventType.EXIT_REFUSED, p.lastPrice(), p.stop(), p.stop(), why));
        LOG.error("position {} {}: {}", id, p.symbol(), why);
        tell("EXIT_REFUSED", f, why);
        answer(closing, id, f);
        if (settings.protectOnExchange() && f.stop() == f.stop()) {
            placeStop(f); // the canceled exchange stop comes back: the position is not left bare while a person looks
        }
    }

    @Override
    public void finish(long id, double price, String reason, String detail) {
        Position p = open.get(id);
        if (p == null) {
            return; // already closed (the stream and the desk can both say so)
        }
        Position c = p.closed(price, reason, clock.millis()).withAttention(null);
        journal.save(c, event(c, clock.millis(), EventType.ORDER_FILLED, price, p.stop(), p.stop(), detail));
        open.remove(id);
        trackers.remove(id);
        stopBusy.remove(id);
        exitReasons.remove(id);
        LOG.info("position {} {} closed at {} ({}): {}", c.id(), c.symbol(), fmt(price), reason, detail);
        tell("ORDER_FILLED", c, detail);
        answer(closing, id, c);
        feed.want(symbols());
    }

    // ---- the exchange stop ------------------------------------------------------------------------------

    /** Keeps a STOP_LOSS resting on the exchange at the current stop; one change in flight per position, the newest stop wins. */
    private void protect(Position p) {
        if (!settings.protectOnExchange() || settings.dryRun() || p.status() != PositionStatus.TRAILING || p.stop() != p.stop()) {
            return;
        }
        placeStop(p);
    }

    private void placeStop(Position p) {
        if (!stopBusy.add(p.id())) {
            return; // the outcome of the change in flight looks again at the stop then current
        }
        int seq = p.orderSeq() + 1;
        String sid = ids.stop(p.id(), seq);
        Position w = p.withOrderSeq(seq).withPendingStop(sid);
        open.put(w.id(), w);
        journal.save(w); // write-ahead: a restart finds this id whatever the reply was
        String old = w.exchangeStop();
        desk.submit(w.id(), "exchange stop", () -> {
            SymbolRules rules = gateway.rules(w.symbol());
            BigDecimal stopPrice = rules.stopPrice(w.stop(), w.isLong());
            StopResult r = desk.placeStop(w.id(), w.symbol(), w.isLong(), old, sid, rules.quantity(w.quantity()), stopPrice);
            post("exchange stop outcome", () -> stopOutcome(w.id(), sid, old, stopPrice, r));
        });
    }

    private void stopOutcome(long id, String sid, String old, BigDecimal stopPrice, StopResult r) {
        stopBusy.remove(id);
        Position p = open.get(id);
        if (p == null) {
            return;
        }
        switch (r.kind()) {
            case FILLED -> {
                finish(id, r.order().averagePrice(), "STOP", "the exchange stop " + r.order().clientOrderId() + " filled");
                return;
            }
            case PLACED -> {
                Position q = p.withExchangeStop(sid).withPendingStop(null);
                open.put(id, q);
                journal.save(q, event(q, clock.millis(), old == null ? EventType.STOP_PLACED : EventType.STOP_REPLACED, q.lastPrice(), q.stop(), q.stop(),
                        "STOP_LOSS " + (q.isLong() ? "SELL" : "BUY") + " at " + stopPrice.toPlainString() + ", client id " + sid));
                p = q;
            }
            case BARE -> {
                Position q = p.withExchangeStop(null).withPendingStop(null);
                open.put(id, q);
                note(id, EventType.ORDER_FAILED, "no stop rests on the exchange now: " + r.detail() + "; the runner trails and will close at market", true);
                return;
            }
            default -> {
                Position q = p.withPendingStop(null);
                open.put(id, q);
                note(id, EventType.ORDER_FAILED, "exchange stop not moved: " + r.detail() + (old == null ? "" : "; " + old + " still rests"), true);
                return;
            }
        }
        // A tighter stop arrived while this one was in flight: move again (a looser one never rests).
        if (p.status() == PositionStatus.TRAILING && gateway.rules(p.symbol()).stopPrice(p.stop(), p.isLong()).compareTo(stopPrice) != 0) {
            protect(p);
        }
    }

    // ---- the user data stream (first word on fills) --------------------------------------------------

    @Override
    public void onExecution(ExecutionReport report) {
        post("execution report", () -> {
            if (ids == null) {
                return;
            }
            Optional<ClientIds.Parsed> ours = ids.parse(report.orderClientId());
            if (ours.isEmpty()) {
                return;
            }
            Position p = open.get(ours.get().position());
            if (p == null || !report.filled()) {
                return;
            }
            String cid = report.orderClientId();
            double avg = report.cumQty().signum() > 0 ? report.cumQuote().divide(report.cumQty(), java.math.MathContext.DECIMAL64).doubleValue() : Double.NaN;
            if (cid.equals(p.exchangeStop()) || cid.equals(p.pendingStop())) {
                finish(p.id(), avg, "STOP", "the exchange stop " + cid + " filled (user data stream)");
            } else if (cid.equals(p.exitOrder())) {
                finish(p.id(), avg, exitReasons.getOrDefault(p.id(), "STOP"), "MARKET " + cid + " filled at " + fmt(avg) + " (user data stream)");
            }
        });
    }

    @Override
    public void onUpdatesConnected() {
        LOG.info("user data stream subscribed: fills are pushed");
    }

    @Override
    public void onUpdatesLost(String why) {
        LOG.warn("user data stream lost ({}): fills are found by asking for orders until it is back", why);
    }

    // ---- the reconciler's view of the core ------------------------------------------------------------

    @Override
    public Optional<Position> position(long id) {
        return Optional.ofNullable(open.get(id));
    }

    @Override
    public void replace(Position p, EventType type, String detail) {
        open.put(p.id(), p);
        journal.save(p, event(p, clock.millis(), type, p.lastPrice(), p.stop(), p.stop(), detail));
    }

    @Override
    public void entryFilled(long id, OrderState o, String detail) {
        Position p = open.get(id);
        if (p == null || p.status() != PositionStatus.PENDING) {
            return;
        }
        SymbolRules rules = gateway.rules(p.symbol());
        // What the account holds: the fill less commission taken in the coin, on the step.
        BigDecimal qty = p.isLong() ? rules.quantity(o.netQty()) : rules.quantity(o.executedQty());
        String held = o.baseCommission().signum() > 0 ? " (" + o.executedQty().toPlainString() + " filled, " + o.baseCommission().toPlainString()
                + " paid in commission)" : "";
        startTrailing(p, o.averagePrice(), qty, o.time(), detail + held);
    }

    @Override
    public void entryFailed(long id, String why) {
        Position p = open.get(id);
        if (p == null) {
            return;
        }
        Position f = p.withStatus(PositionStatus.FAILED).withAttention(why);
        journal.save(f, event(f, clock.millis(), EventType.ORDER_FAILED, p.lastPrice(), p.stop(), p.stop(), why));
        open.remove(id);
        trackers.remove(id);
        LOG.error("position {} {}: entry failed: {}", id, p.symbol(), why);
        tell("ORDER_FAILED", f, why);
        answer(entering, id, f);
    }

    @Override
    public void reprotect(Position p) {
        open.put(p.id(), p);
        protect(p);
    }

    @Override
    public void flag(long id, String why) {
        Position p = open.get(id);
        if (p == null) {
            return;
        }
        Position f = p.withAttention(why);
        open.put(id, f);
        journal.save(f, event(f, clock.millis(), EventType.RECONCILED, p.lastPrice(), p.stop(), p.stop(), why));
        tell("RECONCILED", f, why);
    }

    // ---- commands (any thread) --------------------------------------------------------------------

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
        if (idempotencyKey != null) {
            Optional<Position> done = store.byIdempotencyKey(idempotencyKey);
            if (done.isPresent()) {
                return done.get();
            }
        }
        TrailingConfig cfg = r.config() != null ? r.config() : settings.defaultConfig();
        if (cfg == null) {
            throw new IllegalArgumentException("config: none given and the runner has no --config");
        }
        boolean market = r.entryPrice() != r.entryPrice();
        if (market && settings.dryRun()) {
            throw new IllegalArgumentException("entryPrice: required in dry-run (no order is sent to enter at market)");
        }
        // Network checks on the caller's thread: the runner's thread never waits on the exchange.
        SymbolRules rules;
        try {
            rules = gateway.rules(r.symbol());
        } catch (ExchangeException e) {
            if (e.definite() && e.code() == -1121) {
                throw new IllegalArgumentException("symbol: " + r.symbol() + " is not a symbol the exchange trades");
            }
            throw new IllegalStateException("could not read the symbol's filters: " + e.getMessage());
        }
        desk.ordersPer10s(rules.ordersPer10s());
        String qtyProblem = rules.quantityProblem(r.quantity(), market);
        if (qtyProblem != null) {
            throw new IllegalArgumentException("quantity: " + qtyProblem);
        }
        if (!market) {
            String priceProblem = rules.priceProblem(r.entryPrice());
            if (priceProblem != null) {
                throw new IllegalArgumentException("entryPrice: " + priceProblem);
            }
            String notional = rules.problem(r.quantity(), r.entryPrice());
            if (notional != null) {
                throw new IllegalArgumentException("quantity: " + notional);
            }
            if (!settings.dryRun() && r.direction().sign() > 0) {
                BigDecimal free = gateway.balances().getOrDefault(rules.base(), BigDecimal.ZERO);
                BigDecimal claimed = call(() -> claimed(rules.base()));
                if (free.subtract(claimed).compareTo(r.quantity()) < 0) {
                    throw new IllegalArgumentException("quantity: the account holds " + free.stripTrailingZeros().toPlainString() + " " + rules.base() + " free"
                            + (claimed.signum() > 0 ? ", of which open positions claim " + claimed.toPlainString() : "")
                            + ": it cannot adopt a position of " + r.quantity().toPlainString());
                }
            }
        }
        // An adopted position starts at the exchange's latest trade: the walk never looks before it.
        long adoptedAt = 0;
        if (!market) {
            try {
                List<double[]> latest = history.latestTrade(r.symbol());
                // Just after it: that trade was printed before the position existed.
                adoptedAt = latest.isEmpty() ? 0 : (long) latest.get(0)[1] + 1;
            } catch (RuntimeException e) {
                LOG.warn("could not read the latest trade of {} ({}): the position's first trade is walked as a jump", r.symbol(), e.getMessage());
            }
        }
        long since = adoptedAt;
        CompletableFuture<Position> entered = new CompletableFuture<>();
        boolean[] sent = {false};
        Position started = call(() -> {
            if (idempotencyKey != null) {
                Optional<Position> raced = store.byIdempotencyKey(idempotencyKey);
                if (raced.isPresent()) {
                    return raced.get(); // the same request raced in: the runner's thread creates one at a time
                }
            }
            long now = clock.millis();
            Position p = new Position(0, r.symbol(), r.direction(), r.quantity(), market ? Double.NaN : r.entryPrice(), cfg, Double.NaN, Double.NaN,
                    market ? Double.NaN : r.entryPrice(), 0, market ? PositionStatus.PENDING : PositionStatus.TRAILING, Double.NaN, null, now, 0,
                    null);
            Position made = store.create(p, new StopEvent(0, 0, now, EventType.OPENED, p.entryPrice(), Double.NaN, Double.NaN,
                    (market ? "entering at market " : "entered at " + fmt(r.entryPrice()) + " ") + r.direction().id() + " " + r.quantity().toPlainString()
                            + " " + r.symbol() + " with " + cfg.label()), idempotencyKey);
            if (!market) {
                return startTrailing(made, r.entryPrice(), r.quantity(), since, "trailing from the given entry");
            }
            String eid = ids.entry(made.id());
            Position w = made;
            open.put(w.id(), w);
            trackers.put(w.id(), new TrailingStop(cfg));
            entering.put(w.id(), entered);
            sent[0] = true;
            journal.save(w, event(w, now, EventType.ORDER_SENT, Double.NaN, Double.NaN, Double.NaN,
                    "MARKET " + (w.isLong() ? "BUY " : "SELL ") + w.quantity().toPlainString() + " " + w.symbol() + ", client id " + eid));
            desk.submit(w.id(), "entry", () -> {
                try {
                    OrderState o = desk.place(w.id(), w.symbol(), eid, () -> gateway.market(w.symbol(), !w.isLong(), w.quantity(), eid));
                    post("entry outcome", () -> {
                        if (o.executedQty().signum() > 0) {
                            entryFilled(w.id(), o, "entered at market");
                        } else {
                            entryFailed(w.id(), "entry order " + eid + " ended " + o.status() + " with nothing filled");
                        }
                    });
                } catch (ExchangeException e) {
                    post("entry refused", () -> entryFailed(w.id(), "entry refused: " + e.getMessage()));
                }
            });
            return w;
        });
        if (!sent[0]) {
            return started;
        }
        Position p = await(entered, started);
        if (p.status() == PositionStatus.FAILED) {
            throw new IllegalStateException("entry order failed: " + p.attention());
        }
        return p;
    }

    private static void answer(Map<Long, CompletableFuture<Position>> waiting, long id, Position p) {
        CompletableFuture<Position> f = waiting.remove(id);
        if (f != null) {
            f.complete(p);
        }
    }

    private static Position await(CompletableFuture<Position> f, Position meanwhile) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return meanwhile; // still resolving: the runner keeps at it, and the position says so
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return meanwhile;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private BigDecimal claimed(String base) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Position p : open.values()) {
            if (p.isLong() && gateway.rules(p.symbol()).base().equals(base)) {
                sum = sum.add(p.quantity());
            }
        }
        return sum;
    }

    private Position startTrailing(Position p, double entry, BigDecimal qty, long time, String detail) {
        TrailingStop ts = new TrailingStop(p.config());
        ts.open(p.direction(), entry, time);
        Position q = p.withEntry(entry, qty, time).withState(ts.peak(), ts.stop(), entry, time).withStatus(PositionStatus.TRAILING);
        journal.save(q, event(q, time, EventType.STOP_MOVED, entry, Double.NaN, ts.stop(), detail + (ts.hasStop() ? ": initial stop" : ": no stop until activation")));
        open.put(q.id(), q);
        trackers.put(q.id(), ts);
        LOG.info("position {} {} {} {} at {}: trailing with {}, stop {}", q.id(), q.symbol(), q.direction().id(), qty.toPlainString(), fmt(entry),
                q.config().label(), fmt(ts.stop()));
        protect(q);
        feed.want(symbols());
        answer(entering, q.id(), open.getOrDefault(q.id(), q));
        return open.getOrDefault(q.id(), q);
    }

    /** Stops trailing a position; with {@code close}, closes it at market first (waiting up to 30 s for the fill). */
    public Position stop(long id, boolean close) {
        CompletableFuture<Position> done = new CompletableFuture<>();
        Position now = call(() -> {
            Position p = open.get(id);
            if (p == null) {
                return store.get(id).orElseThrow(() -> new NoSuchElementException("no position " + id));
            }
            if (close) {
                if (p.status() == PositionStatus.PENDING) {
                    throw new IllegalArgumentException("close: the entry of position " + id + " is still being resolved; close it once it trails");
                }
                Position c = p.withStatus(PositionStatus.CLOSING).withAttention(null);
                open.put(id, c);
                journal.save(c, event(c, clock.millis(), EventType.CLOSE_REQUESTED, p.lastPrice(), p.stop(), p.stop(), "closed through the API"));
                closing.put(id, done);
                beginExit(c, "MANUAL", p.lastPrice());
                return open.containsKey(id) ? c : store.get(id).orElse(c);
            }
            if (p.status() != PositionStatus.TRAILING && p.status() != PositionStatus.EXIT_REFUSED) {
                throw new IllegalArgumentException("position " + id + " is " + p.status() + ": its order is being resolved; stop it once that is done");
            }
            for (String sid : new String[] {p.exchangeStop(), p.pendingStop()}) {
                if (sid != null && !settings.dryRun()) {
                    desk.submit(id, "cancel", () -> desk.cancel(id, p.symbol(), sid));
                }
            }
            Position c = p.closed(Double.NaN, "TRAILING_STOPPED", clock.millis());
            journal.save(c, event(c, clock.millis(), EventType.TRAILING_STOPPED, p.lastPrice(), p.stop(), p.stop(),
                    "trailing stopped through the API; the position is left as it is"));
            open.remove(id);
            trackers.remove(id);
            feed.want(symbols());
            return c;
        });
        return now.status() == PositionStatus.CLOSING ? await(done, now) : now;
    }

    /** Runs on the runner's thread and waits for it. */
    private <T> T call(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            core.execute(() -> {
                try {
                    f.complete(task.call());
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("the runner is stopped");
        }
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (TimeoutException e) {
            throw new IllegalStateException("the runner did not answer in 60 s");
        }
    }

    private static StopEvent event(Position p, long time, EventType type, double price, double oldStop, double newStop, String detail) {
        return new StopEvent(p.id(), 0, time, type, price, oldStop, newStop, detail);
    }

    static String fmt(double v) {
        return v != v ? "none" : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Positions still open, as the runner sees them now. */
    public List<Position> openPositions() {
        return call(() -> List.copyOf(open.values()));
    }

    /** True when no order, feed or database work is waiting (tests settle on it). */
    boolean idle() {
        return call(() -> !desk.busy() && !feed.busy() && journal.healthy() && exitBusy.isEmpty() && stopBusy.isEmpty());
    }

    /** Graceful stop: flushes every position's last price, leaves exchange stops in place. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            call(() -> {
                for (Position p : open.values()) {
                    journal.save(p);
                }
                journal.flush();
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("flush on close failed: {}", e.getMessage());
        }
        closed = true;
        updates.close();
        desk.close();
        core.shutdown();
        try {
            core.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        feed.close();
    }

    /** Stops at once without flushing: what a crash looks like (tests use it to prove recovery). */
    public void kill() {
        closed = true;
        core.shutdownNow();
        desk.kill();
        updates.close();
        feed.close();
    }
}
