package io.ratchet.live;

import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.engine.TrailingStop;
import io.ratchet.live.exchange.ExchangeException;
import io.ratchet.live.exchange.KlineHistory;
import io.ratchet.live.exchange.OrderGateway;
import io.ratchet.live.exchange.OrderState;
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
 * Trails every open position with the engine, on one thread. Prices, commands and timers
 * all become tasks on that thread (network threads only enqueue), so a position is never
 * touched by two threads and the order of events is the order of arrival.
 *
 * <p>Safety rules, in order: a state change is committed before the order that depends on
 * it is sent; every order carries a client id derived from the position, so a retry after an
 * unknown outcome is answered "duplicate" or found filled, never filled twice; after any gap
 * (disconnect, silence, restart) the missed minutes are walked from REST bars before live
 * prices go on; on start, stored positions are reconciled with the exchange and differences
 * are reported as events, never guessed away.
 */
public final class LiveRunner implements PriceSource.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRunner.class);
    private static final long MINUTE = 60_000;

    /**
     * @param staleAfterMillis a feed silent this long (wall time) with open positions is treated as dead
     * @param saveEveryMillis  price and time of unchanged positions are stored at most this often
     */
    public record Settings(TrailingConfig defaultConfig, boolean dryRun, boolean protectOnExchange, long staleAfterMillis, long saveEveryMillis) {
    }

    private final Settings settings;
    private final PositionStore store;
    private final OrderGateway gateway;
    private final PriceSource prices;
    private final KlineHistory history;
    private final Notifier notifier;
    private final Clock clock;
    private final ScheduledExecutorService writer;
    private final Map<Long, Position> open = new LinkedHashMap<>();
    private final Map<Long, TrailingStop> trackers = new HashMap<>();
    private final Map<Long, Long> savedAt = new HashMap<>();
    private final Set<String> gapped = new HashSet<>();
    private final Map<String, Long> marketTime = new HashMap<>();
    private Set<String> subscribed = Set.of();
    private volatile long lastTradeWall;
    private long nextReconnectWall;
    private int reconnects;
    private final java.util.SplittableRandom jitter = new java.util.SplittableRandom();
    private long lastPollWall;
    private volatile boolean closed;

    public LiveRunner(Settings settings, PositionStore store, OrderGateway gateway, PriceSource prices, KlineHistory history, Notifier notifier,
                      Clock clock) {
        this.settings = settings;
        this.store = store;
        this.gateway = gateway;
        this.prices = prices;
        this.history = history;
        this.notifier = notifier;
        this.clock = clock;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ratchet-live");
            t.setDaemon(false);
            return t;
        });
    }

    // ---- lifecycle -------------------------------------------------------------------------------

    /** Loads the stored open positions, reconciles them with the exchange, and starts the feed. */
    public void start() {
        call(() -> {
            for (Position p : store.open()) {
                resume(p);
            }
            for (Position p : new ArrayList<>(open.values())) {
                reconcile(p);
            }
            checkBalances();
            resubscribe();
            return null;
        });
        lastTradeWall = clock.millis();
        writer.scheduleWithFixedDelay(this::watchdog, 1, 1, TimeUnit.SECONDS);
    }

    private void resume(Position p) {
        TrailingStop ts = new TrailingStop(p.config());
        if (p.status() != PositionStatus.PENDING) {
            ts.resume(p.direction(), p.entryPrice(), p.peak(), p.stop(), p.lastPrice());
        }
        open.put(p.id(), p);
        trackers.put(p.id(), ts);
        if (p.lastTime() > 0) {
            gapped.add(p.symbol());
        }
        store.save(p, event(p, p.lastTime(), EventType.RESUMED, p.lastPrice(), p.stop(), p.stop(),
                "loaded from the database: stop " + fmt(p.stop()) + ", extreme " + fmt(p.peak()) + ", last price " + fmt(p.lastPrice())));
        LOG.info("position {} {} {}: resumed, stop {}, status {}", p.id(), p.symbol(), p.direction().id(), fmt(p.stop()), p.status());
    }

    /**
     * A silent feed with positions to watch is treated as dead: reconnect (once per silent
     * period), and meanwhile walk each newly closed minute from REST klines, so stops keep
     * working while the stream is down.
     */
    private void watchdog() {
        long now = clock.millis();
        if (closed || open.isEmpty()) {
            lastTradeWall = now;
            return;
        }
        long silent = now - lastTradeWall;
        if (silent <= settings.staleAfterMillis()) {
            return;
        }
        gapped.addAll(subscribed);
        if (now >= nextReconnectWall) {
            // Exponential backoff with jitter: a dead exchange is not hammered, and many runners do not retry in step.
            long base = Math.min(60_000, settings.staleAfterMillis() << Math.min(reconnects, 6));
            nextReconnectWall = now + base + (long) (jitter.nextDouble() * base / 4);
            reconnects++;
            LOG.warn("no trade for {} ms: treating the stream as dead, reconnecting (attempt {}, next in {} ms at the latest); "
                    + "polling REST klines meanwhile", silent, reconnects, nextReconnectWall - now);
            try {
                prices.subscribe(subscribed, this);
            } catch (RuntimeException e) {
                LOG.warn("reconnect failed: {}", e.getMessage());
            }
        }
        if (now - lastPollWall >= 2_000) {
            lastPollWall = now;
            for (String symbol : subscribed) {
                poll(symbol);
            }
        }
    }

    private void resubscribe() {
        Set<String> want = new TreeSet<>();
        for (Position p : open.values()) {
            want.add(p.symbol());
        }
        if (!want.equals(subscribed)) {
            // A symbol newly subscribed has had no feed until now: its first trade is a jump (rule 1).
            for (String s : want) {
                if (!subscribed.contains(s)) {
                    gapped.add(s);
                }
            }
            subscribed = want;
            prices.subscribe(want, this);
        }
    }

    // ---- the feed (network threads) ---------------------------------------------------------------

    @Override
    public void onTrade(String symbol, double price, long time) {
        lastTradeWall = clock.millis();
        if (!closed) {
            writer.execute(() -> trade(symbol, price, time));
        }
    }

    @Override
    public void onConnectionLost(String why) {
        if (!closed) {
            writer.execute(() -> {
                LOG.warn("price feed lost ({}): the gap will be walked from REST bars", why);
                gapped.addAll(subscribed);
            });
        }
    }

    // ---- walking prices (writer thread) -----------------------------------------------------------

    private void trade(String symbol, double price, long time) {
        reconnects = 0;
        nextReconnectWall = 0;
        boolean gap = gapped.remove(symbol);
        // Positions whose gap was walked trade by trade: this trade follows the last one walked, a continuous move.
        Set<Long> walked = gap ? backfill(symbol, time) : Set.of();
        marketTime.merge(symbol, time, Math::max);
        for (Position p : new ArrayList<>(open.values())) {
            if (!p.symbol().equals(symbol) || p.status() != PositionStatus.TRAILING || (p.lastTime() > 0 && time < p.lastTime())) {
                continue;
            }
            walk(p, price, time, gap && !walked.contains(p.id()), null);
        }
    }

    /**
     * Walks what each position on {@code symbol} missed before the trade at {@code until}: the
     * rest of the minute its last price was in, trade by trade; whole minutes as bars (each bar's
     * open a jump, then low and high in ohlc order, then the close); the minute of
     * {@code until} up to it, trade by trade. Returns the positions walked up to
     * {@code until}; for the others (REST could not say, or no price was ever seen) the next
     * trade is a jump.
     */
    private Set<Long> backfill(String symbol, long until) {
        Set<Long> walked = new HashSet<>();
        for (Position p : new ArrayList<>(open.values())) {
            if (p.symbol().equals(symbol) && p.status() == PositionStatus.TRAILING && p.lastTime() > 0 && p.lastTime() < until
                    && walkGap(p, until)) {
                walked.add(p.id());
            }
        }
        return walked;
    }

    private boolean walkGap(Position p, long until) {
        long from = p.lastTime();
        long m1 = Math.floorDiv(from, MINUTE) * MINUTE + MINUTE;
        long m2 = Math.floorDiv(until, MINUTE) * MINUTE;
        String how = "after a gap in the feed";
        int trades = 0;
        int bars = 0;
        try {
            // Fetched part by part: once the position closes, nothing more is asked of REST.
            for (double[] t : history.trades(p.symbol(), from + 1, Math.min(m1, until))) {
                trades++;
                if (walk(current(p), t[0], (long) t[1], false, "trade " + how)) {
                    return true;
                }
            }
            if (m1 < m2) {
                for (double[] b : history.minuteBars(p.symbol(), m1, m2)) {
                    bars++;
                    if (walkBar(current(p), b, how)) {
                        return true;
                    }
                }
            }
            if (m1 <= m2) {
                for (double[] t : history.trades(p.symbol(), m2, until)) {
                    trades++;
                    if (walk(current(p), t[0], (long) t[1], false, "trade " + how)) {
                        return true;
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("position {}: could not fetch the gap from REST ({}): the next trade is walked as a jump", p.id(), e.getMessage());
            Position q = current(p);
            store.save(q, event(q, q.lastTime(), EventType.GAP_WALKED, q.lastPrice(), q.stop(), q.stop(),
                    "the gap could not be fetched (" + e.getMessage() + "); the next trade is walked as a jump"));
            return false;
        }
        if (trades + bars > 0) {
            Position q = current(p);
            store.save(q, event(q, q.lastTime(), EventType.GAP_WALKED, q.lastPrice(), q.stop(), q.stop(),
                    "walked " + trades + " trades and " + bars + " one-minute bars from REST " + how));
        }
        return true;
    }

    /** One minute bar: open (a jump), low and high in ohlc order, close at the bar's end; true if it closed the position. */
    private boolean walkBar(Position p, double[] b, String how) {
        long t = (long) b[0];
        boolean lowFirst = IntrabarOrder.OHLC.lowFirst(p.direction().sign(), b[1], b[4]);
        String why = "bar " + java.time.Instant.ofEpochMilli(t) + " " + how;
        return walk(p, b[1], t, true, why) || walk(current(p), lowFirst ? b[3] : b[2], t, false, why)
                || walk(current(p), lowFirst ? b[2] : b[3], t, false, why) || walk(current(p), b[4], t + MINUTE - 1, false, why);
    }

    /** Walks the closed minutes REST has after each position's last price (the newest bar may still be open). */
    private void poll(String symbol) {
        for (Position p : new ArrayList<>(open.values())) {
            if (!p.symbol().equals(symbol) || p.status() != PositionStatus.TRAILING || p.lastTime() <= 0) {
                continue;
            }
            long first = Math.floorDiv(p.lastTime(), MINUTE) * MINUTE + MINUTE;
            List<double[]> bars;
            try {
                bars = history.minuteBars(symbol, first, Long.MAX_VALUE);
            } catch (RuntimeException e) {
                LOG.warn("could not poll bars for {}: {}", symbol, e.getMessage());
                return;
            }
            int walked = 0;
            for (int k = 0; k < bars.size() - 1; k++) { // the newest may still be open
                walked++;
                if (walkBar(current(p), bars.get(k), "polled from REST while the stream is silent")) {
                    break;
                }
            }
            if (walked > 0 && open.containsKey(p.id())) {
                Position q = current(p);
                store.save(q, event(q, q.lastTime(), EventType.GAP_WALKED, q.lastPrice(), q.stop(), q.stop(),
                        walked + " one-minute bars polled from REST while the stream is silent"));
            }
        }
    }

    private Position current(Position p) {
        return open.getOrDefault(p.id(), p);
    }

    /** One price through one position; returns true if the position closed. */
    private boolean walk(Position p, double price, long time, boolean gap, String cause) {
        TrailingStop ts = trackers.get(p.id());
        double old = ts.stop();
        int r = gap ? ts.onGap(time, price) : ts.onPrice(time, price);
        Position q = p.withState(ts.peak(), r == TrailingStop.HIT ? old : ts.stop(), price, time);
        open.put(q.id(), q);
        if (r == TrailingStop.MOVED) {
            store.save(q, event(q, time, EventType.STOP_MOVED, price, old, ts.stop(), cause));
            savedAt.put(q.id(), clock.millis());
            LOG.info("position {} {} {}: stop {} -> {} at {}", q.id(), q.symbol(), q.direction().id(), fmt(old), fmt(ts.stop()), fmt(price));
            if (settings.protectOnExchange()) {
                protect(q);
            }
            return false;
        }
        if (r == TrailingStop.HIT) {
            Position c = q.withStatus(PositionStatus.CLOSING);
            store.save(c, event(c, time, EventType.STOP_HIT, price, old, old, "trigger " + fmt(ts.trigger()) + (cause == null ? "" : ", " + cause)));
            open.put(c.id(), c);
            LOG.info("position {} {} {}: stop {} hit at {} (trigger {})", c.id(), c.symbol(), c.direction().id(), fmt(old), fmt(price),
                    fmt(ts.trigger()));
            notifier.notify("STOP_HIT", c, "price " + fmt(price) + ", trigger " + fmt(ts.trigger()));
            exit(c, "STOP", ts.trigger());
            return true;
        }
        long now = clock.millis();
        if (now - savedAt.getOrDefault(q.id(), 0L) >= settings.saveEveryMillis()) {
            store.save(q);
            savedAt.put(q.id(), now);
        }
        return false;
    }

    // ---- orders (writer thread) -------------------------------------------------------------------

    /** Sends (or confirms) the exit of a CLOSING position. */
    private void exit(Position p, String reason, double trigger) {
        boolean sell = p.direction().sign() > 0;
        if (settings.dryRun()) {
            finish(p, trigger, reason, "dry-run: no order sent; closed at the trigger");
            return;
        }
        if (p.exchangeStop() != null) {
            Optional<OrderState> canceled = safe(() -> gateway.cancel(p.symbol(), p.exchangeStop()), Optional.empty());
            if (canceled.isEmpty()) {
                Optional<OrderState> stop = safe(() -> gateway.find(p.symbol(), p.exchangeStop()), Optional.empty());
                if (stop.isPresent() && stop.get().filled()) {
                    finish(p, stop.get().averagePrice(), reason, "the exchange stop " + p.exchangeStop() + " filled");
                    return;
                }
            }
        }
        SymbolRules rules = gateway.rules(p.symbol());
        BigDecimal wanted = rules.quantity(p.quantity());
        BigDecimal qty = wanted;
        if (sell) {
            // Sell what is held, never more: fees taken in the base asset leave a little less than bought.
            BigDecimal free = safe(() -> gateway.balances().getOrDefault(rules.base(), wanted), wanted);
            if (free.compareTo(qty) < 0) {
                qty = rules.quantity(free);
            }
        }
        BigDecimal q = qty;
        store.save(p, event(p, clock.millis(), EventType.ORDER_SENT, trigger, p.stop(), p.stop(),
                "MARKET " + (sell ? "SELL " : "BUY ") + q.toPlainString() + " " + p.symbol() + ", client id " + p.exitOrderId()));
        try {
            OrderState o = gateway.market(p.symbol(), sell, q, p.exitOrderId());
            filledOrFailed(p, o, reason);
        } catch (ExchangeException e) {
            afterOrderError(p, e, reason);
        }
    }

    private void filledOrFailed(Position p, OrderState o, String reason) {
        if (o.filled()) {
            finish(p, o.averagePrice(), reason, "MARKET filled " + o.executedQty().toPlainString() + " at " + fmt(o.averagePrice()));
        } else {
            fail(p, "exit order " + o.clientOrderId() + " ended " + o.status());
        }
    }

    /** The outcome of an order is unknown or refused: find out, never send blindly. */
    private void afterOrderError(Position p, ExchangeException e, String reason) {
        if (e.definite() && e.code() != -2010) {
            fail(p, e.getMessage());
            return;
        }
        if (e.definite() && !e.getMessage().contains("Duplicate")) {
            fail(p, e.getMessage());
            return;
        }
        Optional<OrderState> o = safe(() -> gateway.find(p.symbol(), p.exitOrderId()), null);
        if (o != null && o.isPresent() && o.get().filled()) {
            finish(p, o.get().averagePrice(), reason, "MARKET found filled after: " + e.getMessage());
        } else if (o != null && o.isEmpty()) {
            LOG.warn("position {}: exit order not on the exchange after '{}': retrying in 2 s with the same client id", p.id(), e.getMessage());
            store.save(p, event(p, clock.millis(), EventType.ORDER_FAILED, p.lastPrice(), p.stop(), p.stop(), e.getMessage() + "; will retry"));
            writer.schedule(() -> {
                Position c = open.get(p.id());
                if (c != null && c.status() == PositionStatus.CLOSING) {
                    exit(c, reason, c.lastPrice());
                }
            }, 2, TimeUnit.SECONDS);
        } else {
            LOG.warn("position {}: exit order state unknown after '{}': checking again in 2 s", p.id(), e.getMessage());
            writer.schedule(() -> {
                Position c = open.get(p.id());
                if (c != null && c.status() == PositionStatus.CLOSING) {
                    reconcile(c);
                }
            }, 2, TimeUnit.SECONDS);
        }
    }

    private void finish(Position p, double price, String reason, String detail) {
        Position c = p.closed(price, reason, clock.millis());
        store.save(c, event(c, clock.millis(), EventType.ORDER_FILLED, price, p.stop(), p.stop(), detail));
        open.remove(c.id());
        trackers.remove(c.id());
        LOG.info("position {} {} closed at {} ({}): {}", c.id(), c.symbol(), fmt(price), reason, detail);
        notifier.notify("ORDER_FILLED", c, detail);
        resubscribe();
    }

    private void fail(Position p, String why) {
        Position f = p.withStatus(PositionStatus.FAILED);
        store.save(f, event(f, clock.millis(), EventType.ORDER_FAILED, p.lastPrice(), p.stop(), p.stop(), why));
        open.remove(f.id());
        trackers.remove(f.id());
        LOG.error("position {} {}: order failed, needs a person: {}", f.id(), f.symbol(), why);
        notifier.notify("ORDER_FAILED", f, why);
        resubscribe();
    }

    /** Keeps a STOP_LOSS resting on the exchange at the current stop (moved by cancel-replace). */
    private void protect(Position p) {
        if (p.stop() != p.stop() || settings.dryRun()) {
            return;
        }
        boolean sell = p.direction().sign() > 0;
        SymbolRules rules = gateway.rules(p.symbol());
        BigDecimal stop = rules.stopPrice(p.stop(), sell);
        String next = "rt" + p.id() + "s" + (store.events(p.id()).size() + 1);
        try {
            OrderState o = p.exchangeStop() == null
                    ? gateway.stopLoss(p.symbol(), sell, rules.quantity(p.quantity()), stop, next)
                    : gateway.replaceStop(p.symbol(), p.exchangeStop(), sell, rules.quantity(p.quantity()), stop, next);
            Position q = p.withExchangeStop(o.clientOrderId().isEmpty() ? next : o.clientOrderId());
            open.put(q.id(), q);
            store.save(q, event(q, clock.millis(), p.exchangeStop() == null ? EventType.STOP_PLACED : EventType.STOP_REPLACED, p.lastPrice(),
                    p.stop(), p.stop(), "STOP_LOSS " + (sell ? "SELL" : "BUY") + " at " + stop.toPlainString() + ", client id " + next));
        } catch (ExchangeException e) {
            // The engine still trails and will close at market; the exchange stop is a safety net.
            store.save(p, event(p, clock.millis(), EventType.ORDER_FAILED, p.lastPrice(), p.stop(), p.stop(), "exchange stop not moved: " + e.getMessage()));
            LOG.warn("position {}: could not move the exchange stop: {}", p.id(), e.getMessage());
        }
    }

    /** Brings a stored position in line with what the exchange says; reports what differs. */
    private void reconcile(Position p) {
        if (settings.dryRun()) {
            if (p.status() == PositionStatus.CLOSING) {
                finish(p, p.lastPrice(), "STOP", "dry-run: closed at the last price on restart");
            }
            return;
        }
        try {
            switch (p.status()) {
                case PENDING -> {
                    Optional<OrderState> e = gateway.find(p.symbol(), p.entryOrderId());
                    if (e.isPresent() && e.get().filled()) {
                        startTrailing(p, e.get().averagePrice(), e.get().executedQty(), "entry found filled on restart");
                    } else {
                        fail(p, "entry order " + p.entryOrderId() + (e.isPresent() ? " is " + e.get().status() : " never reached the exchange")
                                + ": not trailing a position that may not exist");
                    }
                }
                case CLOSING -> {
                    Optional<OrderState> x = gateway.find(p.symbol(), p.exitOrderId());
                    if (x.isPresent() && x.get().filled()) {
                        finish(p, x.get().averagePrice(), "STOP", "exit order found filled on restart");
                    } else if (x.isPresent() && x.get().open()) {
                        store.save(p, event(p, clock.millis(), EventType.RECONCILED, p.lastPrice(), p.stop(), p.stop(), "exit order still open"));
                    } else {
                        store.save(p, event(p, clock.millis(), EventType.RECONCILED, p.lastPrice(), p.stop(), p.stop(),
                                "exit order " + p.exitOrderId() + " not on the exchange: sending it"));
                        exit(p, "STOP", p.lastPrice());
                    }
                }
                case TRAILING -> {
                    if (p.exchangeStop() != null) {
                        Optional<OrderState> s = gateway.find(p.symbol(), p.exchangeStop());
                        if (s.isPresent() && s.get().filled()) {
                            finish(p, s.get().averagePrice(), "STOP", "the exchange stop " + p.exchangeStop() + " filled while we were away");
                        } else if (s.isEmpty() || !s.get().open()) {
                            store.save(p, event(p, clock.millis(), EventType.RECONCILED, p.lastPrice(), p.stop(), p.stop(),
                                    "exchange stop " + p.exchangeStop() + " missing: placing it again"));
                            protect(p.withExchangeStop(null));
                        }
                    } else if (settings.protectOnExchange()) {
                        protect(p);
                    }
                }
                default -> {
                }
            }
        } catch (ExchangeException e) {
            LOG.warn("position {}: could not reconcile with the exchange: {}", p.id(), e.getMessage());
            store.save(p, event(p, clock.millis(), EventType.RECONCILED, p.lastPrice(), p.stop(), p.stop(), "could not ask the exchange: " + e.getMessage()));
        }
    }

    /** Positions claim base assets; if the account holds less, say so (it is not ours to fix). */
    private void checkBalances() {
        if (settings.dryRun() || open.isEmpty()) {
            return;
        }
        Map<String, BigDecimal> need = new HashMap<>();
        for (Position p : open.values()) {
            if (p.direction().sign() > 0 && p.status() == PositionStatus.TRAILING) {
                need.merge(gateway.rules(p.symbol()).base(), p.quantity(), BigDecimal::add);
            }
        }
        Map<String, BigDecimal> have = safe(gateway::holdings, Map.of());
        for (Map.Entry<String, BigDecimal> e : need.entrySet()) {
            BigDecimal h = have.getOrDefault(e.getKey(), BigDecimal.ZERO);
            if (h.compareTo(e.getValue()) < 0) {
                LOG.warn("balance check: the account holds {} {} (free and locked), the open long positions claim {}", h.toPlainString(),
                        e.getKey(), e.getValue().toPlainString());
                for (Position p : open.values()) {
                    if (gateway.rules(p.symbol()).base().equals(e.getKey())) {
                        store.save(p, event(p, clock.millis(), EventType.RECONCILED, p.lastPrice(), p.stop(), p.stop(),
                                "the account holds " + h.toPlainString() + " " + e.getKey() + ", less than the " + e.getValue().toPlainString()
                                        + " the open positions claim: something else sold it, or a position was closed by hand"));
                    }
                }
            }
        }
    }

    // ---- commands (any thread) --------------------------------------------------------------------

    /** Starts trailing a position (entering at market first when it has no entry price). */
    public Position open(OpenRequest r) {
        return call(() -> {
            TrailingConfig cfg = r.config() != null ? r.config() : settings.defaultConfig();
            if (cfg == null) {
                throw new IllegalArgumentException("config: none given and the runner has no --config");
            }
            SymbolRules rules = gateway.rules(r.symbol());
            BigDecimal qty = rules.quantity(r.quantity());
            double refPrice = r.entryPrice() == r.entryPrice() ? r.entryPrice() : Double.NaN;
            if (refPrice == refPrice) {
                String problem = rules.problem(qty, refPrice);
                if (problem != null) {
                    throw new IllegalArgumentException("quantity: " + problem);
                }
            }
            long now = clock.millis();
            boolean market = r.entryPrice() != r.entryPrice();
            if (market && settings.dryRun()) {
                throw new IllegalArgumentException("entryPrice: required in dry-run (no order is sent to enter at market)");
            }
            Position p = new Position(0, r.symbol(), r.direction(), qty, market ? Double.NaN : r.entryPrice(), cfg, Double.NaN, Double.NaN,
                    market ? Double.NaN : r.entryPrice(), 0, market ? PositionStatus.PENDING : PositionStatus.TRAILING, Double.NaN, null, now, 0,
                    null);
            p = store.create(p, new StopEvent(0, 0, now, EventType.OPENED, p.entryPrice(), Double.NaN, Double.NaN,
                    (market ? "entering at market " : "entered at " + fmt(r.entryPrice()) + " ") + r.direction().id() + " " + qty.toPlainString()
                            + " " + r.symbol() + " with " + cfg.label()));
            if (!market) {
                return startTrailing(p, r.entryPrice(), qty, "trailing from the given entry");
            }
            boolean buy = r.direction().sign() > 0;
            store.save(p, event(p, now, EventType.ORDER_SENT, Double.NaN, Double.NaN, Double.NaN,
                    "MARKET " + (buy ? "BUY " : "SELL ") + qty.toPlainString() + " " + r.symbol() + ", client id " + p.entryOrderId()));
            OrderState o;
            try {
                o = gateway.market(r.symbol(), !buy, qty, p.entryOrderId());
            } catch (ExchangeException e) {
                fail(p, "entry: " + e.getMessage());
                throw new IllegalStateException("entry order failed: " + e.getMessage());
            }
            if (!o.filled()) {
                fail(p, "entry order ended " + o.status());
                throw new IllegalStateException("entry order ended " + o.status());
            }
            return startTrailing(p, o.averagePrice(), o.executedQty(), "entered at market");
        });
    }

    private Position startTrailing(Position p, double entry, BigDecimal qty, String detail) {
        TrailingStop ts = new TrailingStop(p.config());
        long t = marketTime.getOrDefault(p.symbol(), 0L);
        ts.open(p.direction(), entry, t);
        Position q = p.withEntry(entry, qty, t).withState(ts.peak(), ts.stop(), entry, t).withStatus(PositionStatus.TRAILING);
        store.save(q, event(q, t, EventType.STOP_MOVED, entry, Double.NaN, ts.stop(), detail + (ts.hasStop() ? ": initial stop" : ": no stop until activation")));
        open.put(q.id(), q);
        trackers.put(q.id(), ts);
        LOG.info("position {} {} {} {} at {}: trailing with {}, stop {}", q.id(), q.symbol(), q.direction().id(), qty.toPlainString(), fmt(entry),
                q.config().label(), fmt(ts.stop()));
        if (settings.protectOnExchange() && ts.hasStop()) {
            protect(q);
        }
        resubscribe();
        return open.getOrDefault(q.id(), q);
    }

    /** Stops trailing a position; with {@code close}, closes it at market first. */
    public Position stop(long id, boolean close) {
        return call(() -> {
            Position p = open.get(id);
            if (p == null) {
                Optional<Position> stored = store.get(id);
                if (stored.isEmpty()) {
                    throw new java.util.NoSuchElementException("no position " + id);
                }
                return stored.get();
            }
            if (close) {
                Position c = p.withStatus(PositionStatus.CLOSING);
                store.save(c, event(c, clock.millis(), EventType.CLOSE_REQUESTED, p.lastPrice(), p.stop(), p.stop(), "closed through the API"));
                open.put(id, c);
                exit(c, "MANUAL", p.lastPrice());
            } else {
                if (p.exchangeStop() != null && !settings.dryRun()) {
                    safe(() -> gateway.cancel(p.symbol(), p.exchangeStop()), Optional.empty());
                }
                Position c = p.closed(Double.NaN, "TRAILING_STOPPED", clock.millis());
                store.save(c, event(c, clock.millis(), EventType.TRAILING_STOPPED, p.lastPrice(), p.stop(), p.stop(),
                        "trailing stopped through the API; the position is left as it is"));
                open.remove(id);
                trackers.remove(id);
                resubscribe();
            }
            return store.get(id).orElseThrow();
        });
    }

    /** Runs on the writer thread and waits for it. */
    private <T> T call(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        writer.execute(() -> {
            try {
                f.complete(task.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
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

    private static <T> T safe(Callable<T> c, T fallback) {
        try {
            return c.call();
        } catch (Exception e) {
            LOG.warn("exchange call failed: {}", e.getMessage());
            return fallback;
        }
    }

    private static StopEvent event(Position p, long time, EventType type, double price, double oldStop, double newStop, String detail) {
        return new StopEvent(p.id(), 0, time, type, price, oldStop, newStop, detail);
    }

    static String fmt(double v) {
        return v != v ? "none" : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Positions still open, as the writer sees them now. */
    public List<Position> openPositions() {
        return call(() -> List.copyOf(open.values()));
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
                    store.save(p);
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("flush on close failed: {}", e.getMessage());
        }
        closed = true;
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        prices.close();
    }

    /** Stops at once without flushing: what a crash looks like (tests use it to prove recovery). */
    public void kill() {
        closed = true;
        writer.shutdownNow();
        prices.close();
    }
}
