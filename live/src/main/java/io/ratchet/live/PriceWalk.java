package io.ratchet.live;

import static io.ratchet.live.LiveRunner.fmt;

import io.ratchet.engine.TrailingStop;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prices through the trailing positions' engines, on the runner's thread, in the order the feed
 * hands them over (live trades, and the trades and bars of a gap). A moved stop is stored at
 * once and taken to the exchange; a hit starts the exit; an unchanged position's last price is
 * stored at most every {@code saveEveryMillis}.
 */
final class PriceWalk implements FeedSupervisor.Walker {
    private static final Logger LOG = LoggerFactory.getLogger(PriceWalk.class);

    /** What the walk may do to the runner; each call runs on the runner's thread. */
    interface Core {
        /** The open position, or null once it is closed. */
        Position get(long id);

        Collection<Position> positions();

        void put(Position p);

        TrailingStop engine(long id);

        void tell(String type, Position p, String detail);
    }

    private final long saveEveryMillis;
    private final Journal journal;
    private final Clock clock;
    private final RunnerThread thread;
    private final ExchangeStops stops;
    private final Exits exits;
    private final Core core;
    private final Map<Long, Long> savedAt = new HashMap<>();
    private final Changes changes;

    PriceWalk(long saveEveryMillis, Journal journal, Clock clock, RunnerThread thread, ExchangeStops stops, Exits exits, Core core, Changes changes) {
        this.changes = changes;
        this.saveEveryMillis = saveEveryMillis;
        this.journal = journal;
        this.clock = clock;
        this.thread = thread;
        this.stops = stops;
        this.exits = exits;
        this.core = core;
    }

    @Override
    public void post(String what, Runnable task) {
        thread.post(what, task);
    }

    @Override
    public List<Position> trailing(String symbol) {
        List<Position> out = new ArrayList<>();
        for (Position p : core.positions()) {
            if (p.symbol().equals(symbol) && p.status() == PositionStatus.TRAILING) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public void walkTrade(String symbol, double price, long time) {
        changes.traded(symbol, price, time);
        for (Position p : trailing(symbol)) {
            if (before(p, time)) {
                continue;
            }
            // A trade is a print, not a path (the contract's trades rule): each is reached by a jump, so a hit
            // triggers at the trade that crossed the stop, as the tick-exact backtest exits.
            walk(p, price, time, true, null);
        }
    }

    @Override
    public boolean walkPoints(long id, List<double[]> points, String cause) {
        for (double[] pt : points) {
            Position p = core.get(id);
            if (p == null || p.status() != PositionStatus.TRAILING) {
                return true;
            }
            long t = (long) pt[1];
            if (before(p, t)) {
                continue;
            }
            String why = cause.startsWith("bar") ? "bar " + Instant.ofEpochMilli(Math.floorDiv(t, FeedSupervisor.MINUTE) * FeedSupervisor.MINUTE)
                    + " after a gap in the feed" : cause;
            if (walk(p, pt[0], t, pt[2] == 1 || p.lastTime() <= 0, why)) {
                return true;
            }
        }
        Position p = core.get(id);
        return p == null || p.status() != PositionStatus.TRAILING;
    }

    /**
     * Whether a point at {@code time} lies before what the position walks: before its last point,
     * or in its entry's millisecond. A position walks the trades printed after the millisecond of
     * its fill: the trades of that millisecond (its own fill's among them) may reach the runner
     * before or after the fill does, and from REST the gap after the entry starts one millisecond
     * later, so none of them is ever walked, whichever way it comes (the contract's "A live
     * position, replayed").
     */
    static boolean before(Position p, long time) {
        return time < p.lastTime() || p.entryTime() > 0 && time <= p.entryTime();
    }

    @Override
    public void gapNote(long id, String detail) {
        Position p = core.get(id);
        if (p != null) {
            journal.save(p, StopEvent.of(p, p.lastTime(), EventType.GAP_WALKED, p.lastPrice(), p.stop(), p.stop(), detail));
        }
    }

    @Override
    public void gapUnwalked(long id, String why) {
        Position p = core.get(id);
        if (p == null) {
            return;
        }
        Position f = p.withAttention(why);
        core.put(f);
        journal.save(f, StopEvent.of(f, p.lastTime(), EventType.GAP_WALKED, p.lastPrice(), p.stop(), p.stop(), why));
        LOG.error("position {} {}: {}", id, p.symbol(), why);
        core.tell("GAP_UNWALKED", f, why);
    }

    /** One price through one position; returns true if the position's stop was hit. */
    private boolean walk(Position p, double price, long time, boolean gap, String cause) {
        TrailingStop ts = core.engine(p.id());
        double old = ts.stop();
        int r = gap ? ts.onGap(time, price) : ts.onPrice(time, price);
        Position q = p.withState(ts.peak(), r == TrailingStop.HIT ? old : ts.stop(), price, time);
        core.put(q);
        if (r == TrailingStop.MOVED) {
            journal.save(q, StopEvent.of(q, time, EventType.STOP_MOVED, price, old, ts.stop(), cause));
            savedAt.put(q.id(), clock.millis());
            LOG.info("position {} {} {}: stop {} -> {} at {}", q.id(), q.symbol(), q.direction().id(), fmt(old), fmt(ts.stop()), fmt(price));
            stops.protect(q);
            return false;
        }
        if (r == TrailingStop.HIT) {
            Position c = q.withStatus(PositionStatus.CLOSING);
            journal.save(c, StopEvent.of(c, time, EventType.STOP_HIT, price, old, old, "trigger " + fmt(ts.trigger()) + (cause == null ? "" : ", " + cause)));
            core.put(c);
            LOG.info("position {} {} {}: stop {} hit at {} (trigger {})", c.id(), c.symbol(), c.direction().id(), fmt(old), fmt(price), fmt(ts.trigger()));
            core.tell("STOP_HIT", c, "price " + fmt(price) + ", trigger " + fmt(ts.trigger()));
            exits.begin(c, "STOP", ts.trigger());
            return true;
        }
        long now = clock.millis();
        if (now - savedAt.getOrDefault(q.id(), 0L) >= saveEveryMillis) {
            journal.save(q);
            savedAt.put(q.id(), now);
        }
        return false;
    }
}
