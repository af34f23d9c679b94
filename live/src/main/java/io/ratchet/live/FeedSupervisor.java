package io.ratchet.live;

import io.ratchet.engine.IntrabarOrder;
import io.ratchet.live.exchange.AggTrade;
import io.ratchet.live.exchange.Backoff;
import io.ratchet.live.exchange.KlineHistory;
import io.ratchet.live.exchange.PriceSource;
import io.ratchet.live.record.TradeRecorder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The price feed, kept alive and complete: subscribes to what the open positions need,
 * treats a silent stream as dead (reconnecting with backoff, polling REST bars meanwhile),
 * and fills every gap (a drop, a silence, a restart, a new subscription) from REST before
 * live prices go on: partial minutes trade by trade, whole minutes as 1m bars. Each position
 * is filled from its own last point, never from before it.
 *
 * <p>Every trade it receives with an aggTradeId (from the stream, the poll feed, and REST when
 * it fills a gap or watches a symbol) goes to the {@link TradeRecorder} once, as it is walked;
 * the points of 1m bars are not trades and are not recorded.
 *
 * <p>State is touched on the runner's thread only; network calls run on the feed's own
 * thread and hand their results back to the runner, so the runner never waits on the
 * network.
 */
final class FeedSupervisor implements PriceSource.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedSupervisor.class);
    static final long MINUTE = 60_000;

    /** The runner, as the feed sees it; every method is called on the runner's thread. */
    interface Walker {
        /** Trailing positions on the symbol: id, direction sign and last point time. */
        List<Position> trailing(String symbol);

        /** A live trade through every trailing position on the symbol: a print, reached by a jump. */
        void walkTrade(String symbol, double price, long time);

        /** Points {price, time, jump?1:0} through one position, skipping those before its last point; true if it closed. */
        boolean walkPoints(long position, List<double[]> points, String cause);

        void gapNote(long position, String detail);

        /**
         * The gap's prices could not be had (REST retried and failed): what happened in it is not
         * known, so the stop may be one the market already went through. Flagged to a person.
         */
        void gapUnwalked(long position, String why);

        /** Runs a task on the runner's thread. */
        void post(String what, Runnable task);
    }

    private final PriceSource prices;
    private final KlineHistory history;
    private final Clock clock;
    private final long staleAfterMillis;
    private final Walker runner;
    private final TradeRecorder recorder;
    private boolean recorderFailed;
    private final ExecutorService io;
    private final AtomicInteger busy = new AtomicInteger();

    private Set<String> subscribed = Set.of();
    private final Set<String> gapped = new HashSet<>();
    private final Set<String> streaming = new HashSet<>();
    /** Subscribed, and not one trade from the stream yet: watched from REST meanwhile. */
    private final Set<String> fresh = new HashSet<>();
    private final Map<String, List<double[]>> held = new HashMap<>();
    private final Set<String> polling = new HashSet<>();
    private final Map<String, Long> lastIds = new HashMap<>();
    private volatile long lastTradeWall;
    private long nextReconnectWall;
    private long lastPollWall;
    private int reconnects;
    /** Reconnections and reported drops since the start: {@code reconnects} counts only the current silence. */
    private int reconnectsTotal;
    private final Map<String, Long> lastTradeAt = new HashMap<>();
    private volatile boolean closed;

    FeedSupervisor(PriceSource prices, KlineHistory history, Clock clock, long staleAfterMillis, Walker runner) {
        this(prices, history, clock, staleAfterMillis, runner, TradeRecorder.NONE);
    }

    FeedSupervisor(PriceSource prices, KlineHistory history, Clock clock, long staleAfterMillis, Walker runner, TradeRecorder recorder) {
        this.recorder = recorder;
        this.prices = prices;
        this.history = history;
        this.clock = clock;
        this.staleAfterMillis = staleAfterMillis;
        this.runner = runner;
        this.io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ratchet-feed");
            t.setDaemon(true);
            return t;
        });
        this.lastTradeWall = clock.millis();
    }

    // ---- network threads: hand over only ---------------------------------------------------------

    @Override
    public void onTrade(String symbol, double price, long time) {
        onTrade(symbol, price, time, -1);
    }

    @Override
    public void onTrade(String symbol, double price, long time, long tradeId) {
        onAggTrade(symbol, new AggTrade(tradeId, price, Double.NaN, time, false));
    }

    @Override
    public void onAggTrade(String symbol, AggTrade t) {
        lastTradeWall = clock.millis();
        if (!closed) {
            runner.post("trade", () -> trade(symbol, t.price(), t.time(), t.id(), t));
        }
    }

    @Override
    public void onConnectionLost(String why) {
        if (!closed) {
            runner.post("connection lost", () -> {
                LOG.warn("price feed lost ({}): the gap will be walked from REST", why);
                reconnectsTotal++;
                markGapped(subscribed);
            });
        }
    }

    // ---- runner's thread ---------------------------------------------------------------------------

    /** Subscribes to exactly these symbols; a resubscription drops every feed, so every symbol starts after a gap. */
    void want(Set<String> symbols) {
        Set<String> want = new TreeSet<>(symbols);
        if (want.equals(subscribed)) {
            return;
        }
        markGapped(want);
        for (String s : want) {
            if (!subscribed.contains(s)) {
                fresh.add(s);
            }
        }
        fresh.retainAll(want);
        lastIds.keySet().retainAll(want);
        subscribed = want;
        io(() -> prices.subscribe(want, this), "subscribing to " + want);
    }

    /**
     * A position joined a symbol the stream already delivers: its entry (the fill's time) may lie
     * before trades already walked for the others, so the symbol is filled from each position's
     * own last point at the next trade (for the others that asks REST for nothing they lack).
     */
    void joined(String symbol) {
        if (streaming.contains(symbol) || held.containsKey(symbol)) {
            gapped.add(symbol);
        }
    }

    private void markGapped(Set<String> symbols) {
        gapped.addAll(symbols);
        streaming.removeAll(symbols);
    }

    /** {@code received}: the trade as it came, to record; null when it is walked again from what was held. */
    private void trade(String symbol, double price, long time, long tradeId, AggTrade received) {
        if (!subscribed.contains(symbol)) {
            return;
        }
        if (tradeId > 0) {
            Long last = lastIds.put(symbol, tradeId);
            if (last != null && tradeId <= last) {
                lastIds.put(symbol, last);
                return; // delivered twice (a reconnect's overlap)
            }
            if (last != null && tradeId != last + 1 && !gapped.contains(symbol)) {
                LOG.warn("{}: trade ids jumped from {} to {} without a drop being reported: the trades missed are walked from REST", symbol, last, tradeId);
                gapped.add(symbol);
            }
        }
        if (received != null) {
            record(symbol, received);
        }
        reconnects = 0;
        nextReconnectWall = 0;
        lastTradeAt.put(symbol, clock.millis());
        streaming.add(symbol);
        fresh.remove(symbol);
        List<double[]> waiting = held.get(symbol);
        if (waiting != null) {
            waiting.add(new double[] {price, time});
            return;
        }
        if (!gapped.remove(symbol)) {
            runner.walkTrade(symbol, price, time);
            return;
        }
        List<Position> behind = new ArrayList<>();
        for (Position p : runner.trailing(symbol)) {
            if (p.lastTime() > 0 && p.lastTime() < time) {
                behind.add(p);
            }
        }
        if (behind.isEmpty()) {
            runner.walkTrade(symbol, price, time);
            return;
        }
        List<double[]> hold = new ArrayList<>();
        hold.add(new double[] {price, time});
        held.put(symbol, hold);
        AtomicInteger left = new AtomicInteger(behind.size());
        for (Position p : behind) {
            fill(p, time, () -> {
                if (left.decrementAndGet() == 0) {
                    release(symbol);
                }
            });
        }
    }

    /** The trades held while the gap was filled, walked in order. */
    private void release(String symbol) {
        List<double[]> waiting = held.remove(symbol);
        if (gapped.contains(symbol)) {
            // While the gap was filled, a position joined or the feed lost trades again (a drop, ids that jumped): the
            // new gap may lie anywhere among the held trades, so fill once more up to the newest of them. REST has every
            // trade before that time, the held ones included; only the held trades at that very time are walked live.
            int k = waiting.size() - 1;
            while (k > 0 && waiting.get(k - 1)[1] == waiting.get(k)[1]) {
                k--;
            }
            for (double[] t : waiting.subList(k, waiting.size())) {
                trade(symbol, t[0], (long) t[1], -1, null);
            }
            return;
        }
        for (double[] t : waiting) {
            runner.walkTrade(symbol, t[0], (long) t[1]);
        }
    }

    /**
     * Fills one position's gap up to {@code until}, part by part (each fetched on the feed's
     * thread, walked on the runner's), asking REST for nothing more once the position closed.
     */
    private void fill(Position p, long until, Runnable done) {
        long from = p.lastTime();
        long m1 = Math.floorDiv(from, MINUTE) * MINUTE + MINUTE;
        long m2 = Math.floorDiv(until, MINUTE) * MINUTE;
        List<Part> parts = new ArrayList<>();
        parts.add(new Part(false, from + 1, Math.min(m1, until)));
        if (m1 < m2) {
            parts.add(new Part(true, m1, m2));
        }
        if (m1 <= m2) {
            parts.add(new Part(false, m2, until));
        }
        step(p, parts, 0, new int[2], done);
    }

    private record Part(boolean bars, long from, long to) {
    }

    private void step(Position p, List<Part> parts, int k, int[] counts, Runnable done) {
        if (k == parts.size()) {
            if (counts[0] + counts[1] > 0) {
                runner.gapNote(p.id(), "walked " + counts[0] + " trades and " + counts[1] + " one-minute bars from REST after a gap in the feed");
            }
            done.run();
            return;
        }
        Part part = parts.get(k);
        int sign = p.direction().sign();
        io(() -> {
            List<double[]> points;
            List<double[]> trades;
            try {
                trades = part.bars ? List.of() : history.trades(p.symbol(), part.from, part.to);
                points = part.bars ? barPoints(history.minuteBars(p.symbol(), part.from, part.to), sign) : tradePoints(trades);
            } catch (RuntimeException e) {
                runner.post("gap of position " + p.id(), () -> {
                    // Live prices go on rather than wait on REST: a stop that no longer follows the market is the worse risk.
                    runner.gapUnwalked(p.id(), "the gap in the feed from " + java.time.Instant.ofEpochMilli(part.from) + " could not be fetched ("
                            + e.getMessage() + "): its trades were not walked, so the stop may have been crossed unseen; live trades go on");
                    done.run();
                });
                return;
            }
            List<double[]> fetched = trades;
            runner.post("gap of position " + p.id(), () -> {
                recordRows(p.symbol(), fetched);
                counts[part.bars ? 1 : 0] += part.bars ? points.size() / 4 : points.size();
                if (runner.walkPoints(p.id(), points, part.bars ? "bar after a gap in the feed" : "trade after a gap in the feed")) {
                    done.run();
                } else {
                    step(p, parts, k + 1, counts, done);
                }
            });
        }, "fetching the gap of position " + p.id());
    }

    /** Trades from REST, each a print reached by a jump, as live trades are. */
    static List<double[]> tradePoints(List<double[]> trades) {
        List<double[]> out = new ArrayList<>(trades.size());
        for (double[] t : trades) {
            out.add(new double[] {t[0], t[1], 1});
        }
        return out;
    }

    /**
     * Each bar: its open a jump (rule 1) at the bar's open, then low and high in ohlc order and
     * the close, all stamped at the bar's end. A bar tells its extremes only as a whole: a
     * position stored after its high (a kill mid-bar) must resume after the minute, not walk the
     * minute's trades again under a stop its own high set (chaos seed 119 did, and exited on a
     * print that came before that high).
     */
    static List<double[]> barPoints(List<double[]> bars, int sign) {
        List<double[]> out = new ArrayList<>(bars.size() * 4);
        for (double[] b : bars) {
            long t = (long) b[0];
            long end = t + MINUTE - 1;
            boolean lowFirst = IntrabarOrder.OHLC.lowFirst(sign, b[1], b[4]);
            out.add(new double[] {b[1], t, 1});
            out.add(new double[] {lowFirst ? b[3] : b[2], end, 0});
            out.add(new double[] {lowFirst ? b[2] : b[3], end, 0});
            out.add(new double[] {b[4], end, 0});
        }
        return out;
    }

    /**
     * Once a second: a symbol the stream has not delivered yet is watched from REST trades
     * (a new position is never unwatched); a silent stream is treated as dead: reconnect with
     * backoff, and walk each newly closed minute from REST meanwhile.
     */
    void watchdog(boolean anyOpen) {
        long now = clock.millis();
        if (closed || !anyOpen) {
            lastTradeWall = now;
            return;
        }
        for (String symbol : fresh) {
            if (!held.containsKey(symbol)) {
                poll(symbol, false);
            }
        }
        long silent = now - lastTradeWall;
        if (silent <= staleAfterMillis) {
            return;
        }
        markGapped(subscribed);
        if (now >= nextReconnectWall) {
            long base = new Backoff(Math.max(1, staleAfterMillis), 60_000).delay(reconnects + 1);
            nextReconnectWall = now + base;
            reconnects++;
            reconnectsTotal++;
            LOG.warn("no trade for {} ms: treating the stream as dead, reconnecting (attempt {}, next in {} ms at the latest); polling REST meanwhile",
                    silent, reconnects, base);
            Set<String> want = subscribed;
            io(() -> prices.subscribe(want, this), "reconnecting");
        }
        if (now - lastPollWall >= 2_000) {
            lastPollWall = now;
            for (String symbol : subscribed) {
                if (!held.containsKey(symbol)) {
                    poll(symbol, true);
                }
            }
        }
    }

    /** Walks what REST has after each position's last point: closed minutes as bars when silent, else trades. */
    private void poll(String symbol, boolean bars) {
        if (!polling.add(symbol)) {
            return;
        }
        List<Position> ps = runner.trailing(symbol);
        Map<Long, Long> from = new HashMap<>();
        Map<Long, Integer> signs = new HashMap<>();
        for (Position p : ps) {
            from.put(p.id(), p.lastTime());
            signs.put(p.id(), p.direction().sign());
        }
        io(() -> {
            Map<Long, List<double[]>> got = new HashMap<>();
            Map<Long, List<double[]>> trades = new HashMap<>();
            try {
                for (Map.Entry<Long, Long> e : from.entrySet()) {
                    long last = e.getValue();
                    if (bars) {
                        long next = Math.floorDiv(last, MINUTE) * MINUTE + MINUTE;
                        List<double[]> b = last > 0 ? history.minuteBars(symbol, next, Long.MAX_VALUE) : List.of();
                        // The rest of the minute the last point was in, trade by trade, then the closed minutes (the newest may be open).
                        List<double[]> t = last > 0 ? history.trades(symbol, last + 1, next) : List.of();
                        trades.put(e.getKey(), t);
                        List<double[]> points = new ArrayList<>(tradePoints(t));
                        points.addAll(barPoints(b.isEmpty() ? b : b.subList(0, b.size() - 1), signs.get(e.getKey())));
                        got.put(e.getKey(), points);
                    } else {
                        List<double[]> t = last > 0 ? history.trades(symbol, last + 1, Long.MAX_VALUE) : history.latestTrade(symbol);
                        trades.put(e.getKey(), t);
                        List<double[]> points = tradePoints(t);
                        if (last <= 0 && !points.isEmpty()) {
                            double[] latest = points.get(points.size() - 1);
                            points = List.of(new double[] {latest[0], latest[1], 1}); // no known point before: the latest trade is a jump
                        }
                        got.put(e.getKey(), points);
                    }
                }
            } catch (RuntimeException e) {
                runner.post("poll " + symbol, () -> {
                    polling.remove(symbol);
                    LOG.warn("could not poll {} from REST: {}", symbol, e.getMessage());
                });
                return;
            }
            runner.post("poll " + symbol, () -> {
                polling.remove(symbol);
                if (held.containsKey(symbol) || (!bars && !fresh.contains(symbol))) {
                    return; // the stream is back and its gap is being filled exactly: these would come out of order
                }
                for (Map.Entry<Long, List<double[]>> e : got.entrySet()) {
                    recordRows(symbol, trades.get(e.getKey()));
                    if (!e.getValue().isEmpty()) {
                        runner.walkPoints(e.getKey(), e.getValue(), bars ? "polled from REST while the stream is silent" : "polled from REST until the stream delivers");
                        runner.gapNote(e.getKey(), e.getValue().size() + (bars ? " points (trades, then one-minute bars) polled from REST while the stream is silent"
                                : " trades polled from REST until the stream delivers"));
                    }
                }
            });
        }, "polling " + symbol);
    }

    /** REST trades, each as the recorder keeps it; rows without an aggTradeId (a history that gives none) are not recorded. */
    private void recordRows(String symbol, List<double[]> rows) {
        if (rows == null) {
            return;
        }
        for (double[] r : rows) {
            if (r.length > 2 && r[2] > 0) {
                record(symbol, AggTrade.ofRow(r));
            }
        }
    }

    /** One trade to the recorder, which must not throw; one that does is said once and never stops the walk. */
    private void record(String symbol, AggTrade t) {
        if (t.id() <= 0) {
            return; // not a trade Binance numbered: nothing to key it by in the store
        }
        try {
            recorder.record(symbol, t);
        } catch (RuntimeException e) {
            if (!recorderFailed) {
                recorderFailed = true;
                LOG.error("recording {} failed; trades are walked as before, and this is said once", symbol, e);
            }
        }
    }

    private void io(Runnable r, String what) {
        if (closed) {
            return;
        }
        busy.incrementAndGet();
        io.execute(() -> {
            try {
                r.run();
            } catch (Throwable e) {
                LOG.error("feed: {} failed", what, e);
            } finally {
                busy.decrementAndGet();
            }
        });
    }

    /** The feed as the health strip shows it; on the runner's thread. */
    FeedHealth health() {
        long now = clock.millis();
        List<FeedHealth.Symbol> out = new ArrayList<>();
        boolean all = true;
        for (String s : subscribed) {
            Long at = lastTradeAt.get(s);
            long age = at == null ? -1 : now - at;
            boolean live = streaming.contains(s) && age >= 0 && age <= staleAfterMillis;
            all &= live;
            out.add(new FeedHealth.Symbol(s, live, age));
        }
        return new FeedHealth(subscribed.isEmpty() ? "idle" : all ? "connected" : "polling", reconnectsTotal, out);
    }

    boolean busy() {
        return busy.get() > 0 || !held.isEmpty();
    }

    @Override
    public void close() {
        closed = true;
        io.shutdownNow();
        try {
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        prices.close();
    }
}
