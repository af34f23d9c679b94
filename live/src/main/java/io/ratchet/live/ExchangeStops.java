package io.ratchet.live;

import io.ratchet.live.exchange.OrderGateway;
import io.ratchet.live.exchange.OrderState;
import io.ratchet.live.exchange.SymbolRules;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * A STOP_LOSS resting on the exchange at each position's stop, so the position stays protected
 * while the runner is down. One change is in flight per position: its outcome looks again at
 * the stop then current, so the newest stop wins and a looser one never rests. Runs on the
 * runner's thread; the orders go through the desk.
 */
final class ExchangeStops {
    /** What the exchange stops may do to the runner; each call runs on the runner's thread. */
    interface Core {
        /** The open position, or null once it is closed. */
        Position get(long id);

        void put(Position p);

        ClientIds ids();

        void note(long id, EventType type, String detail, boolean tell);

        void finish(long id, double price, String reason, String detail);
    }

    private final boolean protectOnExchange;
    private final boolean dryRun;
    private final OrderGateway gateway;
    private final OrderDesk desk;
    private final Journal journal;
    private final Clock clock;
    private final RunnerThread thread;
    private final Core core;
    private final Set<Long> inFlight = new HashSet<>();

    ExchangeStops(LiveRunner.Settings settings, OrderGateway gateway, OrderDesk desk, Journal journal, Clock clock, RunnerThread thread, Core core) {
        this.protectOnExchange = settings.protectOnExchange();
        this.dryRun = settings.dryRun();
        this.gateway = gateway;
        this.desk = desk;
        this.journal = journal;
        this.clock = clock;
        this.thread = thread;
        this.core = core;
    }

    /** After the stop of a trailing position moved. */
    void protect(Position p) {
        if (protectOnExchange && !dryRun && p.status() == PositionStatus.TRAILING && p.stop() == p.stop()) {
            place(p);
        }
    }

    /** After a refused exit canceled it: the position is not left bare while a person looks. */
    void restore(Position p) {
        if (protectOnExchange && p.stop() == p.stop()) {
            place(p);
        }
    }

    /** Trailing stops but the position stays: nothing of ours is left resting. */
    void cancelAll(Position p) {
        for (String sid : new String[] {p.exchangeStop(), p.pendingStop()}) {
            if (sid != null && !dryRun) {
                desk.submit(p.id(), "cancel", () -> desk.cancel(p.id(), p.symbol(), sid));
            }
        }
    }

    boolean busy() {
        return !inFlight.isEmpty();
    }

    /**
     * A stop of {@code p} that triggered and ended without filling whole (expired in the match)
     * sold {@code ended}'s executed quantity: the position now holds the rest, stored and said
     * to a person, and no longer names that stop. Null if nothing is left (the position is closed). A
     * stop the position no longer names has been taken off before, and is not taken off again.
     */
    Position soldInPart(Position p, OrderState ended) {
        String sid = ended.clientOrderId();
        if (!sid.equals(p.exchangeStop()) && !sid.equals(p.pendingStop())) {
            // Taken off already (the reconciler found the same stop first): only a stop for what is held is left to place.
            core.put(p);
            return p;
        }
        BigDecimal rest = p.quantity().subtract(ended.executedQty());
        String what = "the exchange stop " + ended.clientOrderId() + " ended " + ended.status() + " having sold " + ended.executedQty().toPlainString();
        if (rest.signum() <= 0) {
            core.finish(p.id(), ended.averagePrice(), "STOP", what);
            return null;
        }
        Position q = p.withQuantity(rest);
        q = sid.equals(q.exchangeStop()) ? q.withExchangeStop(null) : q;
        q = sid.equals(q.pendingStop()) ? q.withPendingStop(null) : q;
        core.put(q);
        core.note(p.id(), EventType.ORDER_FILLED, what + ": the position holds the remaining " + rest.toPlainString()
                + ", and its stop is placed again for that", true);
        return q;
    }

    void forget(long id) {
        inFlight.remove(id);
    }

    private void place(Position p) {
        if (!journal.healthy()) {
            return; // its id could not be written first: the resting stop stays until the database is back and the stop moves again
        }
        if (!inFlight.add(p.id())) {
            return; // the outcome of the change in flight looks again at the stop then current
        }
        int seq = p.orderSeq() + 1;
        String sid = core.ids().stop(p.id(), seq);
        Position w = p.withOrderSeq(seq).withPendingStop(sid);
        core.put(w);
        journal.save(w); // write-ahead: a restart finds this id whatever the reply was
        String old = w.exchangeStop();
        desk.submit(w.id(), "exchange stop", () -> {
            BigDecimal stopPrice = BigDecimal.ZERO;
            StopResult r;
            try {
                SymbolRules rules = gateway.rules(w.symbol());
                stopPrice = rules.stopPrice(w.stop(), w.isLong());
                r = desk.placeStop(w.id(), w.symbol(), w.isLong(), old, sid, rules.quantity(w.quantity()), stopPrice);
            } catch (RuntimeException e) {
                // The change is given up, never left in flight: the next stop move tries again.
                r = StopResult.kept("the exchange stop could not be moved: " + e.getMessage());
            }
            BigDecimal price = stopPrice;
            StopResult result = r;
            thread.post("exchange stop outcome", () -> outcome(w.id(), sid, old, price, result));
        });
    }

    private void outcome(long id, String sid, String old, BigDecimal stopPrice, StopResult r) {
        inFlight.remove(id);
        Position p = core.get(id);
        if (p == null) {
            return;
        }
        switch (r.kind()) {
            case FILLED -> {
                core.finish(id, r.order().averagePrice(), "STOP", "the exchange stop " + r.order().clientOrderId() + " filled");
                return;
            }
            case PLACED -> {
                Position q = p.withExchangeStop(sid).withPendingStop(null);
                core.put(q);
                journal.save(q, StopEvent.of(q, clock.millis(), old == null ? EventType.STOP_PLACED : EventType.STOP_REPLACED, q.lastPrice(), q.stop(),
                        q.stop(), "STOP_LOSS " + (q.isLong() ? "SELL" : "BUY") + " at " + stopPrice.toPlainString() + ", client id " + sid));
                p = q;
            }
            case ENDED_IN_PART -> {
                // The stop this change tried to place was not placed (the cancel-replace was refused whole).
                Position q = soldInPart(sid.equals(p.pendingStop()) ? p.withPendingStop(null) : p, r.order());
                if (q != null) {
                    protect(q);
                }
                return;
            }
            case BARE -> {
                core.put(p.withExchangeStop(null).withPendingStop(null));
                core.note(id, EventType.ORDER_FAILED, "no stop rests on the exchange now: " + r.detail() + "; the runner trails and will close at market", true);
                return;
            }
            default -> {
                core.put(p.withPendingStop(null));
                core.note(id, EventType.ORDER_FAILED, "exchange stop not moved: " + r.detail() + (old == null ? "" : "; " + old + " still rests"), true);
                return;
            }
        }
        // A tighter stop arrived while this one was in flight: move again (a looser one never rests).
        if (p.status() == PositionStatus.TRAILING && gateway.rules(p.symbol()).stopPrice(p.stop(), p.isLong()).compareTo(stopPrice) != 0) {
            protect(p);
        }
    }
}
