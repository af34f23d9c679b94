package io.ratchet.live;

import static io.ratchet.live.LiveRunner.fmt;

import io.ratchet.engine.TrailingConfig;
import io.ratchet.engine.TrailingStop;
import io.ratchet.live.exchange.ExchangeException;
import io.ratchet.live.exchange.KlineHistory;
import io.ratchet.live.exchange.OrderGateway;
import io.ratchet.live.exchange.OrderState;
import io.ratchet.live.exchange.SymbolRules;
import io.ratchet.live.store.PositionStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a position through the control API. The checks that need the network (the symbol's
 * filters, the free balance, the latest trade) run on the caller's thread, so the runner's
 * thread never waits on the exchange; the position is created on the runner's thread, where a
 * request that raced in with the same idempotency key finds the first one. An adopted position
 * trails at once; one entered at market trails once the desk reports its fill.
 */
final class Entries {
    private static final Logger LOG = LoggerFactory.getLogger(Entries.class);

    /** What the entries may do to the runner; each call runs on the runner's thread. */
    interface Core {
        /** The open position, or null once it is closed. */
        Position get(long id);

        Collection<Position> positions();

        /** Opens (or replaces) the position with the engine that trails it. */
        void track(Position p, TrailingStop engine);

        void untrack(long id);

        ClientIds ids();

        void tell(String type, Position p, String detail);

        /** The trailing positions changed: the feed follows their symbols. */
        /** A position started trailing: its symbol is subscribed, and what the feed walked before it joined is filled for it. */
        void joined(Position p);
    }

    private final LiveRunner.Settings settings;
    private final PositionStore store;
    private final OrderGateway gateway;
    private final KlineHistory history;
    private final OrderDesk desk;
    private final Journal journal;
    private final Clock clock;
    private final RunnerThread thread;
    private final ExchangeStops stops;
    private final Core core;
    private final Replies entering = new Replies();

    Entries(LiveRunner.Settings settings, PositionStore store, OrderGateway gateway, KlineHistory history, OrderDesk desk, Journal journal, Clock clock,
            RunnerThread thread, ExchangeStops stops, Core core) {
        this.settings = settings;
        this.store = store;
        this.gateway = gateway;
        this.history = history;
        this.desk = desk;
        this.journal = journal;
        this.clock = clock;
        this.thread = thread;
        this.stops = stops;
        this.core = core;
    }

    /** On the caller's thread; waits up to 30 s for a market entry to fill. */
    Position open(OpenRequest r, String idempotencyKey) {
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
        check(r, market);
        long since = market ? 0 : adoptedAt(r.symbol());
        CompletableFuture<Position> entered = new CompletableFuture<>();
        boolean[] sent = {false};
        Position started = thread.call(() -> {
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
            sent[0] = true;
            return enter(made, now, entered);
        });
        if (!sent[0]) {
            return started;
        }
        Position p = Replies.await(entered, started);
        if (p.status() == PositionStatus.FAILED) {
            throw new IllegalStateException("entry order failed: " + p.attention());
        }
        return p;
    }

    /** The symbol's filters, and for an adopted long the free balance not claimed by open positions. */
    private void check(OpenRequest r, boolean market) {
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
        if (market) {
            return;
        }
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
            BigDecimal claimed = thread.call(() -> claimed(rules.base()));
            if (free.subtract(claimed).compareTo(r.quantity()) < 0) {
                throw new IllegalArgumentException("quantity: the account holds " + free.stripTrailingZeros().toPlainString() + " " + rules.base() + " free"
                        + (claimed.signum() > 0 ? ", of which open positions claim " + claimed.toPlainString() : "")
                        + ": it cannot adopt a position of " + r.quantity().toPlainString());
            }
        }
    }

    private BigDecimal claimed(String base) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Position p : core.positions()) {
            if (p.isLong() && gateway.rules(p.symbol()).base().equals(base)) {
                sum = sum.add(p.quantity());
            }
        }
        return sum;
    }

    /** Just after the exchange's latest trade: that trade was printed before the position existed, so the walk never looks at it. */
    private long adoptedAt(String symbol) {
        try {
            List<double[]> latest = history.latestTrade(symbol);
            return latest.isEmpty() ? 0 : (long) latest.get(0)[1] + 1;
        } catch (RuntimeException e) {
            LOG.warn("could not read the latest trade of {} ({}): the position's first trade is walked as a jump", symbol, e.getMessage());
            return 0;
        }
    }

    /** On the runner's thread: the entry's client id is stored before the desk sends it. */
    private Position enter(Position w, long now, CompletableFuture<Position> entered) {
        String eid = core.ids().entry(w.id());
        core.track(w, new TrailingStop(w.config()));
        entering.expect(w.id(), entered);
        journal.save(w, StopEvent.of(w, now, EventType.ORDER_SENT, Double.NaN, Double.NaN, Double.NaN,
                "MARKET " + (w.isLong() ? "BUY " : "SELL ") + w.quantity().toPlainString() + " " + w.symbol() + ", client id " + eid));
        desk.submit(w.id(), "entry", () -> {
            try {
                OrderState o = desk.place(w.id(), w.symbol(), eid, () -> gateway.market(w.symbol(), !w.isLong(), w.quantity(), eid));
                thread.post("entry outcome", () -> {
                    if (o.executedQty().signum() > 0) {
                        filled(w.id(), o, "entered at market");
                    } else {
                        failed(w.id(), "entry order " + eid + " ended " + o.status() + " with nothing filled");
                    }
                });
            } catch (ExchangeException e) {
                thread.post("entry refused", () -> failed(w.id(), "entry refused: " + e.getMessage()));
            }
        });
        return w;
    }

    void filled(long id, OrderState o, String detail) {
        Position p = core.get(id);
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

    void failed(long id, String why) {
        Position p = core.get(id);
        if (p == null) {
            return;
        }
        Position f = p.withStatus(PositionStatus.FAILED).withAttention(why);
        journal.save(f, StopEvent.of(f, clock.millis(), EventType.ORDER_FAILED, p.lastPrice(), p.stop(), p.stop(), why));
        core.untrack(id);
        LOG.error("position {} {}: entry failed: {}", id, p.symbol(), why);
        core.tell("ORDER_FAILED", f, why);
        entering.answer(id, f);
    }

    private Position startTrailing(Position p, double entry, BigDecimal qty, long time, String detail) {
        TrailingStop ts = new TrailingStop(p.config());
        ts.open(p.direction(), entry, time);
        Position q = p.withEntry(entry, qty, time).withState(ts.peak(), ts.stop(), entry, time).withStatus(PositionStatus.TRAILING);
        journal.save(q, StopEvent.of(q, time, EventType.STOP_MOVED, entry, Double.NaN, ts.stop(),
                detail + (ts.hasStop() ? ": initial stop" : ": no stop until activation")));
        core.track(q, ts);
        LOG.info("position {} {} {} {} at {}: trailing with {}, stop {}", q.id(), q.symbol(), q.direction().id(), qty.toPlainString(), fmt(entry),
                q.config().label(), fmt(ts.stop()));
        stops.protect(q);
        core.joined(q);
        Position now = core.get(q.id());
        Position out = now != null ? now : q; // protecting it may have changed it already
        entering.answer(q.id(), out);
        return out;
    }
}
