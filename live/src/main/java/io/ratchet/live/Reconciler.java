package io.ratchet.live;

import io.ratchet.live.exchange.ExchangeException;
import io.ratchet.live.exchange.OrderGateway;
import io.ratchet.live.exchange.OrderState;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On start, brings each stored position in line with what the exchange says, on the order
 * desk (the runner's thread never waits): entries and exits in flight are looked up by the
 * client ids written before they were sent, exchange stops are checked, and the exchange's
 * open orders that carry our prefix but that the database does not explain are canceled.
 * Differences become events; nothing is guessed away.
 */
final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /** What the reconciler may do to the runner; each call runs on the runner's thread. */
    interface Core {
        /** The open position, or null once it is closed. */
        Position get(long id);

        void replace(Position p, EventType type, String detail);

        void finish(long id, double price, String reason, String detail);

        void reprotect(Position p);

        /** A stop of {@code p} ended having sold part of it: the position now, or null if nothing is left ({@link ExchangeStops#soldInPart}). */
        Position soldInPart(Position p, OrderState ended);

        void flag(long id, String why);
    }

    private final OrderGateway gateway;
    private final OrderDesk desk;
    private final RunnerThread thread;
    private final Entries entries;
    private final Exits exits;
    private final Core core;
    private final boolean dryRun;

    Reconciler(OrderGateway gateway, OrderDesk desk, RunnerThread thread, Entries entries, Exits exits, Core core, boolean dryRun) {
        this.gateway = gateway;
        this.desk = desk;
        this.thread = thread;
        this.entries = entries;
        this.exits = exits;
        this.core = core;
        this.dryRun = dryRun;
    }

    void reconcile(List<Position> positions, ClientIds ids) {
        if (dryRun) {
            for (Position p : positions) {
                if (p.status() == PositionStatus.CLOSING || p.status() == PositionStatus.EXIT_REFUSED) {
                    core.finish(p.id(), p.lastPrice(), "STOP", "dry-run: closed at the last price on restart");
                }
            }
            return;
        }
        for (Position p : positions) {
            desk.submit(p.id(), "reconcile", () -> one(p, ids));
        }
        Set<String> symbols = new TreeSet<>();
        positions.forEach(p -> symbols.add(p.symbol()));
        desk.submit(-1, "open orders", () -> orphans(symbols, ids));
        desk.submit(-2, "balances", () -> balances(positions));
    }

    private void one(Position p, ClientIds ids) {
        if (p.status() != PositionStatus.PENDING && closedWhileAway(p, ids)) {
            return;
        }
        switch (p.status()) {
            case PENDING -> {
                String eid = ids.entry(p.id());
                Optional<OrderState> e = desk.resolve(p.id(), p.symbol(), eid, p.openedAt());
                thread.post("reconcile entry", () -> {
                    if (e.isPresent() && e.get().executedQty().signum() > 0) {
                        entries.filled(p.id(), e.get(), "entry " + eid + " found filled on restart");
                    } else {
                        entries.failed(p.id(), "entry order " + eid + (e.isPresent() ? " is " + e.get().status() + " with nothing filled"
                                : " never reached the exchange") + ": nothing is held, nothing to trail");
                    }
                });
            }
            case CLOSING, EXIT_REFUSED -> {
                if (p.exitOrder() == null) {
                    thread.post("reconcile exit", () -> {
                        Position cur = core.get(p.id());
                        if (cur != null) {
                            exits.begin(cur, "STOP", cur.lastPrice());
                        }
                    });
                    return;
                }
                Optional<OrderState> x = desk.resolve(p.id(), p.symbol(), p.exitOrder(), System.currentTimeMillis());
                thread.post("reconcile exit", () -> {
                    Optional<Position> now = Optional.ofNullable(core.get(p.id()));
                    if (now.isEmpty() || !p.exitOrder().equals(now.get().exitOrder())) {
                        return; // a newer exit was sent meanwhile (a person closed it): its outcome decides
                    }
                    Position cur = now.get();
                    if (x.isPresent() && x.get().filled()) {
                        core.finish(p.id(), x.get().averagePrice(), "STOP", "exit order " + p.exitOrder() + " found filled on restart");
                    } else if (x.isPresent() && x.get().open()) {
                        core.flag(p.id(), "exit order " + p.exitOrder() + " is still " + x.get().status() + " on the exchange: waiting for it, not sending another");
                    } else {
                        // Ended without filling whole (a market order expires on the price-range rule): what it sold is no longer
                        // held, and the database, stopped before the outcome came back, still has the quantity before it.
                        java.math.BigDecimal sold = x.map(OrderState::executedQty).orElse(java.math.BigDecimal.ZERO);
                        Position rest = sold.signum() > 0 ? cur.withQuantity(cur.quantity().subtract(sold)) : cur;
                        if (rest.quantity().signum() <= 0) {
                            core.finish(p.id(), x.get().averagePrice(), "STOP", "exit order " + p.exitOrder() + " found " + x.get().status()
                                    + " on restart, having sold all " + sold.toPlainString());
                            return;
                        }
                        core.replace(rest, EventType.RECONCILED, "exit order " + p.exitOrder() + (x.isPresent() ? " is " + x.get().status()
                                + (sold.signum() > 0 ? " with " + sold.toPlainString() + " filled" : "") : " never reached the exchange")
                                + ": sending the exit" + (sold.signum() > 0 ? " of the remaining " + rest.quantity().toPlainString() : ""));
                        exits.begin(rest, "STOP", rest.lastPrice());
                    }
                });
            }
            case TRAILING -> stops(p);
            default -> {
            }
        }
    }

    /**
     * An exit of this position that filled, whatever the database says: the database may have
     * been down when the exit was sent (it is sent anyway) and the runner stopped before it came
     * back, so the account's own orders are the last word.
     */
    private boolean closedWhileAway(Position p, ClientIds ids) {
        List<OrderState> orders = desk.read(p.id(), "reading recent orders of " + p.symbol(), () -> gateway.recentOrders(p.symbol()));
        // Ids sent while the database was down are on the exchange only: the next id is past every one of them.
        int highest = p.orderSeq();
        for (OrderState o : orders) {
            Optional<ClientIds.Parsed> ours = ids.parse(o.clientOrderId());
            if (ours.isPresent() && ours.get().position() == p.id()) {
                highest = Math.max(highest, ours.get().n());
            }
        }
        if (highest > p.orderSeq()) {
            int seq = highest;
            thread.post("reconcile: client ids", () -> Optional.ofNullable(core.get(p.id())).ifPresent(cur -> {
                if (cur.orderSeq() < seq) {
                    core.replace(cur.withOrderSeq(seq), EventType.RECONCILED, "the exchange has orders of this position up to number " + seq
                            + " that the database did not record: new ids start after them");
                }
            }));
        }
        for (OrderState o : orders) {
            Optional<ClientIds.Parsed> ours = ids.parse(o.clientOrderId());
            if (ours.isPresent() && ours.get().position() == p.id() && (ours.get().kind() == 'x' || ours.get().kind() == 's') && o.filled()) {
                thread.post("reconcile: closed while away", () -> core.finish(p.id(), o.averagePrice(), "STOP",
                        "exit " + o.clientOrderId() + " found filled on the exchange on restart"));
                return true;
            }
        }
        return false;
    }

    /** The exchange stop as stored, and the one being placed when the runner stopped. */
    private void stops(Position p) {
        Optional<OrderState> rest = p.exchangeStop() == null ? Optional.empty() : desk.find(p.id(), p.symbol(), p.exchangeStop());
        Optional<OrderState> pend = p.pendingStop() == null ? Optional.empty() : desk.find(p.id(), p.symbol(), p.pendingStop());
        thread.post("reconcile stops", () -> {
            for (Optional<OrderState> s : List.of(rest, pend)) {
                if (s.isPresent() && s.get().filled()) {
                    core.finish(p.id(), s.get().averagePrice(), "STOP", "the exchange stop " + s.get().clientOrderId() + " filled while the runner was away");
                    return;
                }
            }
            Position cur = core.get(p.id());
            if (cur == null) {
                return; // closed while its stops were looked up (a fill on the user data stream): nothing to put back
            }
            if (pend.isPresent() && pend.get().open()) {
                core.replace(cur.withExchangeStop(p.pendingStop()).withPendingStop(null), EventType.RECONCILED,
                        "the exchange stop " + p.pendingStop() + " placed before the restart rests: adopted");
                return;
            }
            if (rest.isPresent() && rest.get().open()) {
                if (p.pendingStop() != null) {
                    cur = cur.withPendingStop(null);
                    core.replace(cur, EventType.RECONCILED, "the stop change to " + p.pendingStop()
                            + " never reached the exchange; " + p.exchangeStop() + " still rests");
                }
                // The resting stop may be looser than the stored one: move it up to where the engine is.
                core.reprotect(cur);
                return;
            }
            if (p.exchangeStop() != null || p.pendingStop() != null) {
                // A stop that triggered and expired in the match sold part of the position: taken off by the rule a stop move uses
                // (once: a stop the position no longer names was taken off already).
                Position now = cur;
                for (Optional<OrderState> s : List.of(rest, pend)) {
                    if (now != null && s.isPresent() && s.get().executedQty().signum() > 0) {
                        now = core.soldInPart(now, s.get());
                    }
                }
                if (now == null) {
                    return; // it sold all: closed
                }
                Position bare = now.withExchangeStop(null).withPendingStop(null);
                core.replace(bare, EventType.RECONCILED, "no exchange stop of this position rests (" + p.exchangeStop() + " "
                        + rest.map(OrderState::status).orElse("not found") + "): placing it again");
                core.reprotect(bare);
            } else {
                core.reprotect(cur);
            }
        });
    }

    /** Orders of ours that no stored open position explains: canceled, so nothing of ours rests unaccounted for. */
    private void orphans(Set<String> symbols, ClientIds ids) {
        for (String symbol : symbols) {
            List<OrderState> orders = desk.read(-1, "reading open orders of " + symbol, () -> gateway.openOrders(symbol));
            for (OrderState o : orders) {
                Optional<ClientIds.Parsed> ours = ids.parse(o.clientOrderId());
                if (ours.isEmpty()) {
                    LOG.info("open order {} on {} is not Ratchet's: left alone", o.clientOrderId(), symbol);
                    continue;
                }
                long id = ours.get().position();
                String cid = o.clientOrderId();
                thread.post("open order " + cid, () -> {
                    Optional<Position> p = Optional.ofNullable(core.get(id));
                    boolean explained = p.isPresent() && (cid.equals(p.get().exchangeStop()) || cid.equals(p.get().pendingStop())
                            || cid.equals(p.get().exitOrder()));
                    if (!explained) {
                        desk.submit(id, "cancel orphan", () -> {
                            desk.cancel(id, symbol, cid);
                            LOG.warn("canceled {} on {}: an order of ours that no open position explains", cid, symbol);
                        });
                        p.ifPresent(x -> core.flag(id, "canceled " + cid + ": an order of ours on the exchange that the database does not explain"));
                    }
                });
            }
        }
    }

    /** Positions claim base assets; if the account holds less, say so (it is not ours to fix). */
    private void balances(List<Position> positions) {
        Map<String, BigDecimal> need = new HashMap<>();
        Map<String, String> baseOf = new HashMap<>();
        for (Position p : positions) {
            if (p.isLong() && p.status() == PositionStatus.TRAILING) {
                String base = gateway.rules(p.symbol()).base();
                baseOf.put(p.symbol(), base);
                need.merge(base, p.quantity(), BigDecimal::add);
            }
        }
        if (need.isEmpty()) {
            return;
        }
        Map<String, BigDecimal> have;
        try {
            have = desk.read(-2, "reading the account", gateway::holdings);
        } catch (ExchangeException e) {
            LOG.warn("balance check skipped: {}", e.getMessage());
            return;
        }
        for (Map.Entry<String, BigDecimal> e : need.entrySet()) {
            BigDecimal h = have.getOrDefault(e.getKey(), BigDecimal.ZERO);
            if (h.compareTo(e.getValue()) < 0) {
                String why = "the account holds " + h.toPlainString() + " " + e.getKey() + ", less than the " + e.getValue().toPlainString()
                        + " the open positions claim: something else sold it, or a position was closed by hand";
                LOG.warn("balance check: {}", why);
                for (Position p : positions) {
                    if (e.getKey().equals(baseOf.get(p.symbol()))) {
                        thread.post("balance check", () -> core.flag(p.id(), why));
                    }
                }
            }
        }
    }
}
