package io.ratchet.live.exchange;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live trades by REST polling instead of a stream ({@code --feed poll}): each symbol's
 * {@code aggTrades} are paged from the last aggTradeId seen, so every print between two polls
 * is delivered once and in order, with its id, exactly as a stream would have. The first poll
 * of a symbol starts at its latest trade (the runner fills each position's gap before it from
 * its own last point, as after any new subscription).
 *
 * <p>Symbols are polled one at a time, spread evenly over the interval, and the interval
 * stretches when the symbols would use more than the request-weight budget: polling never
 * competes with orders for the exchange's limit. A failed poll is reported as a lost feed
 * once, and the next poll resumes from the same id: nothing is skipped.
 */
public final class PollingFeed implements PriceSource {
    private static final Logger LOG = LoggerFactory.getLogger(PollingFeed.class);
    /** Request weight of one {@code GET /api/v3/aggTrades}. */
    public static final int WEIGHT = 4;
    /** What polling may spend by default: half of Binance spot's 6,000 request weight a minute, the rest left to orders. */
    public static final int DEFAULT_WEIGHT_PER_MINUTE = 3_000;
    /** Trades per page: Binance's maximum. */
    static final int PAGE = 1000;

    private final KlineHistory rest;
    private final long everyMillis;
    private final int weightPerMinute;
    private final Clock clock;
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ratchet-poll");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger requests = new AtomicInteger();
    // touched on the poll thread only
    private final Map<String, Long> lastIds = new HashMap<>();
    private final Set<String> lost = new HashSet<>();
    private List<String> symbols = List.of();
    private Listener listener;
    private int next;
    private long minute;
    private int spent;
    private boolean started;

    /**
     * @param everyMillis     how often each symbol is polled
     * @param weightPerMinute the request weight polling may use per minute (a share of the exchange's limit)
     */
    public PollingFeed(KlineHistory rest, long everyMillis, int weightPerMinute, Clock clock) {
        if (everyMillis <= 0 || weightPerMinute < WEIGHT) {
            throw new IllegalArgumentException("poll interval and weight budget must be positive");
        }
        this.rest = rest;
        this.everyMillis = everyMillis;
        this.weightPerMinute = weightPerMinute;
        this.clock = clock;
    }

    /** How many symbols fit at this interval within this weight per minute, one page a poll. */
    public static int symbolsThatFit(long everyMillis, int weightPerMinute) {
        return (int) (weightPerMinute * everyMillis / (60_000L * WEIGHT));
    }

    /** Requests sent so far. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void subscribe(Set<String> want, Listener l) {
        List<String> list = new ArrayList<>(new java.util.TreeSet<>(want));
        exec.execute(() -> {
            symbols = list;
            listener = l;
            lastIds.keySet().retainAll(want);
            lost.retainAll(want);
            int fit = symbolsThatFit(everyMillis, weightPerMinute);
            if (list.size() > fit) {
                LOG.warn("{} symbols at one poll every {} ms would use more request weight than the {} a minute polling may: each symbol is polled every {} ms",
                        list.size(), everyMillis, weightPerMinute, period());
            }
            if (!started) {
                started = true;
                tick();
            }
        });
    }

    /** The time between two symbols' polls: the interval spread over the symbols, stretched to the budget. */
    private long period() {
        int n = Math.max(1, symbols.size());
        long forBudget = (long) n * WEIGHT * 60_000L / weightPerMinute;
        return Math.max(everyMillis, forBudget) / n;
    }

    private void tick() {
        try {
            if (!symbols.isEmpty() && listener != null) {
                next = next % symbols.size();
                poll(symbols.get(next++));
            }
        } catch (RuntimeException e) {
            LOG.error("poll failed", e);
        } finally {
            if (!exec.isShutdown()) {
                exec.schedule(this::tick, Math.max(1, period()), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void poll(String symbol) {
        Long last = lastIds.get(symbol);
        try {
            if (last == null) {
                if (!spend()) {
                    return;
                }
                List<double[]> latest = rest.latestTrade(symbol);
                if (!latest.isEmpty()) {
                    deliver(symbol, latest);
                }
            } else {
                // Catch up page by page while the budget lasts; what is left waits for the next poll, from the same id.
                while (spend()) {
                    List<double[]> page = rest.tradesAfter(symbol, lastIds.get(symbol), PAGE);
                    deliver(symbol, page);
                    if (page.size() < PAGE) {
                        break;
                    }
                }
            }
            if (lost.remove(symbol)) {
                LOG.info("polling {} works again, from aggTradeId {}", symbol, lastIds.get(symbol));
            }
        } catch (RuntimeException e) {
            if (lost.add(symbol)) {
                LOG.warn("polling {} failed ({}): trying again from aggTradeId {} in {} ms", symbol, e.getMessage(), lastIds.get(symbol), period());
                listener.onConnectionLost("polling " + symbol + " failed: " + e.getMessage());
            }
        }
    }

    private void deliver(String symbol, List<double[]> rows) {
        for (double[] t : rows) {
            long id = (long) t[2];
            Long last = lastIds.get(symbol);
            if (last != null && id <= last) {
                continue;
            }
            lastIds.put(symbol, id);
            listener.onAggTrade(symbol, AggTrade.ofRow(t));
        }
    }

    /** One request's weight from this minute's budget, or false when it is spent. */
    private boolean spend() {
        long m = clock.millis() / 60_000;
        if (m != minute) {
            minute = m;
            spent = 0;
        }
        if (spent + WEIGHT > weightPerMinute) {
            return false;
        }
        spent += WEIGHT;
        requests.incrementAndGet();
        return true;
    }

    @Override
    public void close() {
        exec.shutdownNow();
    }
}
