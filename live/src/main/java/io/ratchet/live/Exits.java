package io.ratchet.live;

import static io.ratchet.live.LiveRunner.fmt;

import io.ratchet.live.exchange.ExchangeException;
import io.ratchet.live.exchange.OrderGateway;
import io.ratchet.live.exchange.OrderState;
import io.ratchet.live.exchange.SymbolRules;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closing a position at market, on the runner's thread; the order goes through the desk. The
 * exit's client id is written before it is sent, so a restart finds it whatever the reply was.
 * One exit is in flight per position: another reason to close waits for its outcome.
 */
final class Exits {
    private static final Logger LOG = LoggerFactory.getLogger(Exits.class);

    /** What the exits may do to the runner; each call runs on the runner's thread. */
    interface Core {
        /** The open position, or null once it is closed. */
        Position get(long id);

        void put(Position p);

        ClientIds ids();

        void note(long id, EventType type, String detail, boolean tell);

        void tell(String type, Position p, String detail);

        void finish(long id, double price, String reason, String detail);
    }

    private final boolean dryRun;
    private final OrderGateway gateway;
    private final OrderDesk desk;
    private final Journal journal;
    private final Clock clock;
    private final RunnerThread thread;
    private final ExchangeStops stops;
    private final Core core;
    private final Set<Long> inFlight = new HashSet<>();
    private final Map<Long, String> reasons = new HashMap<>();
    /** The last exit id of each closed position: its own reply arriving after the stream closed the position is no second fill. */
    private final Map<Long, String> settled = new HashMap<>();
    private final Replies closing = new Replies();

    Exits(boolean dryRun, OrderGateway gateway, OrderDesk desk, Journal journal, Clock clock, RunnerThread thread, ExchangeStops stops, Core core) {
        this.dryRun = dryRun;
        this.gateway = gateway;
        this.desk = desk;
        this.journal = journal;
        this.clock = clock;
        this.thread = thread;
        this.stops = stops;
        this.core = core;
    }

    /** A close asked through the API; {@code reply} hears how it ended. */
    Position requested(Position p, CompletableFuture<Position> reply) {
        if (p.status() == PositionStatus.PENDING) {
            throw new IllegalArgumentException("close: the entry of position " + p.id() + " is still being resolved; close it once it trails");
        }
        Position c = p.withStatus(PositionStatus.CLOSING).withAttention(null);
        core.put(c);
        journal.save(c, StopEvent.of(c, clock.millis(), EventType.CLOSE_REQUESTED, p.lastPrice(), p.stop(), p.stop(), "closed through the API"));
        closing.expect(c.id(), reply);
        begin(c, "MANUAL", p.lastPrice());
        return c;
    }

    void begin(Position p, String reason, double trigger) {
        if (dryRun) {
            core.finish(p.id(), trigger, reason, "dry-run: no order sent; closed at the trigger");
            return;
        }
        if (!inFlight.add(p.id())) {
            return; // an exit is on its way; its outcome decides
        }
        reasons.put(p.id(), reason);
        int seq = p.orderSeq() + 1;
        String xid = core.ids().exit(p.id(), seq);
        Position w = p.withOrderSeq(seq).withExitOrder(xid).withStatus(PositionStatus.CLOSING);
        core.put(w);
        journal.save(w, StopEvent.of(w, clock.millis(), EventType.ORDER_SENT, trigger, w.stop(), w.stop(),
                "MARKET " + (w.isLong() ? "SELL " : "BUY ") + "of " + w.quantity().toPlainString() + " " + w.symbol() + " (what is held, at most), client id " + xid));
        desk.submit(w.id(), "exit", () -> send(w, reason));
    }

    /** Why the position is being closed, for a fill that the user data stream reports first. */
    String reason(long id) {
        return reasons.getOrDefault(id, "STOP");
    }

    /** The position closed, whichever way: a caller waiting on the API hears it. */
    void closed(Position c) {
        reasons.remove(c.id());
        closing.answer(c.id(), c);
        if (c.exitOrder() != null) {
            settled.put(c.id(), c.exitOrder());
        }
    }

    boolean busy() {
        return !inFlight.isEmpty();
    }

    /** On the desk: the exchange stop is canceled (or found filled) before the market order, so the two never both fill. */
    private void send(Position w, String reason) {
        try {
            sendOnce(w, reason);
        } catch (RuntimeException e) {
            // Whatever broke (a key refused for a moment, the desk closing), the position is not left waiting on an exit that will not come.
            thread.post("exit failed", () -> failed(w.id(), reason, e));
        }
    }

    private void sendOnce(Position w, String reason) {
        BigDecimal stopFilled = BigDecimal.ZERO;
        double stopPrice = Double.NaN;
        for (String sid : new String[] {w.exchangeStop(), w.pendingStop()}) {
            if (sid == null) {
                continue;
            }
            Optional<OrderState> s = desk.cancel(w.id(), w.symbol(), sid);
            if (s.isEmpty()) {
                s = desk.find(w.id(), w.symbol(), sid);
            }
            if (s.isPresent() && s.get().executedQty().signum() > 0) {
                // Filled, or filled in part before it was canceled or expired: that much is no longer held.
                stopFilled = stopFilled.add(s.get().executedQty());
                stopPrice = s.get().averagePrice();
            }
        }
        BigDecimal qty = w.quantity().subtract(stopFilled);
        if (qty.signum() <= 0) {
            double price = stopPrice;
            thread.post("exchange stop filled", () -> {
                inFlight.remove(w.id());
                core.finish(w.id(), price, reason, "the exchange stop filled");
            });
            return;
        }
        SymbolRules rules = gateway.rules(w.symbol());
        qty = rules.quantity(qty);
        if (w.isLong()) {
            // Sell what is held, never more.
            BigDecimal free = desk.read(w.id(), "reading the balance", gateway::balances).getOrDefault(rules.base(), BigDecimal.ZERO);
            if (free.compareTo(qty) < 0) {
                LOG.warn("position {}: the account holds {} {} free, less than the {} to sell: selling what is held", w.id(), free.toPlainString(),
                        rules.base(), qty.toPlainString());
                qty = rules.quantity(free);
            }
        }
        if (stopFilled.signum() > 0) {
            BigDecimal part = stopFilled;
            thread.post("exchange stop filled in part", () -> core.note(w.id(), EventType.ORDER_FILLED, "the exchange stop filled "
                    + part.toPlainString() + " before it was canceled: the exit sends the rest", true));
        }
        BigDecimal q = qty;
        // Checked here, not left to the exchange: a refused order still costs a request, and what cannot be
        // sold (dust after a partial stop fill, coins moved away by hand) needs a person, not a retry.
        String filter = rules.quantityProblem(q, true);
        if (filter == null && Double.isFinite(w.lastPrice()) && w.lastPrice() > 0) {
            filter = rules.problem(q, w.lastPrice());
        }
        if (filter != null) {
            String why = "the exit of " + q.toPlainString() + " " + w.symbol() + " was not sent: " + filter;
            thread.post("exit below the symbol's filters", () -> refused(w.id(), why));
            return;
        }
        try {
            OrderState o = desk.place(w.id(), w.symbol(), w.exitOrder(), () -> gateway.market(w.symbol(), w.isLong(), q, w.exitOrder()));
            thread.post("exit outcome", () -> outcome(w.id(), reason, o));
        } catch (ExchangeException e) {
            if (!e.definite()) {
                throw e;
            }
            thread.post("exit refused", () -> refused(w.id(), reason, e));
        }
    }

    /** The exit could not be carried through (not a refusal): said, and tried again with a new id after a pause. */
    private void failed(long id, String reason, RuntimeException e) {
        inFlight.remove(id);
        Position p = core.get(id);
        if (p == null) {
            return;
        }
        core.note(id, EventType.ORDER_FAILED, "the exit could not be sent (" + e.getMessage() + "): trying again in 5 s", true);
        thread.later("exit retry", () -> {
            Position c = core.get(id);
            if (c != null && c.status() == PositionStatus.CLOSING) {
                begin(c, reason, c.lastPrice());
            }
        }, 5_000);
    }

    private void outcome(long id, String reason, OrderState o) {
        inFlight.remove(id);
        Position p = core.get(id);
        if (p == null) {
            if (o.executedQty().signum() > 0 && !o.clientOrderId().equals(settled.get(id))) {
                // The position was closed another way (its exchange stop) and this exit filled too: a person must know at once.
                String why = "position " + id + " was already closed when its exit " + o.clientOrderId() + " filled " + o.executedQty().toPlainString()
                        + ": the account sold twice";
                LOG.error(why);
                core.tell("DOUBLE_FILL", null, why);
            }
            return;
        }
        if (o.filled()) {
            core.finish(id, o.averagePrice(), reason, "MARKET " + o.clientOrderId() + " filled " + o.executedQty().toPlainString() + " at " + fmt(o.averagePrice()));
            return;
        }
        // Not filled (Binance can expire a market order on its price-range rule): what filled is no longer held; send the rest again.
        BigDecimal rest = p.quantity().subtract(o.executedQty());
        // Stored without the exit it came from: a restart before the resend must not take that exit's fill off the rest again.
        core.put(p.withQuantity(rest).withExitOrder(null));
        core.note(id, EventType.ORDER_FAILED, "exit " + o.clientOrderId() + " ended " + o.status() + " with " + o.executedQty().toPlainString()
                + " filled: sending the remaining " + rest.toPlainString() + " again", true);
        if (rest.signum() > 0) {
            thread.later("exit retry", () -> {
                Position c = core.get(id);
                if (c != null && c.status() == PositionStatus.CLOSING) {
                    begin(c, reason, c.lastPrice());
                }
            }, 1_000);
        } else {
            core.finish(id, o.averagePrice(), reason, "the exit filled in parts");
        }
    }

    /** Refused for good: the position is flagged to a person. */
    private void refused(long id, String reason, ExchangeException e) {
        refused(id, "the exchange refused the exit (" + reason + "): Binance " + e.code() + " " + e.getMessage());
    }

    /** The exit cannot be carried through as things stand: flagged to a person, the exchange stop put back. */
    private void refused(long id, String cause) {
        inFlight.remove(id);
        Position p = core.get(id);
        if (p == null) {
            return;
        }
        String why = cause + "; the position is still held and needs a person (DELETE /api/positions/" + id + "?close=true tries again)";
        Position f = p.withStatus(PositionStatus.EXIT_REFUSED).withAttention(why).withExchangeStop(null).withPendingStop(null);
        core.put(f);
        journal.save(f, StopEvent.of(f, clock.millis(), EventType.EXIT_REFUSED, p.lastPrice(), p.stop(), p.stop(), why));
        LOG.error("position {} {}: {}", id, p.symbol(), why);
        core.tell("EXIT_REFUSED", f, why);
        closing.answer(id, f);
        stops.restore(f);
    }
}
