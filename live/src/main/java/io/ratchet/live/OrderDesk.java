package io.ratchet.live;

import io.ratchet.live.exchange.Backoff;
import io.ratchet.live.exchange.BinanceRest;
import io.ratchet.live.exchange.ExchangeException;
import io.ratchet.live.exchange.OrderGateway;
import io.ratchet.live.exchange.OrderState;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order I/O, off the runner's thread. Each position's calls run in order on its own lane
 * (a stop replacement and the exit after it never overtake each other); lanes share a few
 * threads. The rules that make an order happen once live here:
 * <ul>
 * <li>a new order is sent once; an unknown outcome is resolved by asking for its client id,
 *     and it is sent again (with the same id) only when the exchange says that id does not
 *     exist, asked after the request's receive window has passed, so the first can no longer
 *     be accepted;</li>
 * <li>a rate limit or a clock error is waited out, never a reason to give up;</li>
 * <li>a read or a cancel is repeated until it answers.</li>
 * </ul>
 * Each wait is said through {@link Reporter}; results go back to the runner, which alone
 * changes positions.
 */
final class OrderDesk implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderDesk.class);

    /** What the desk has to say while it works on a position's order (called on a desk thread). */
    interface Reporter {
        void unknown(long position, String clientId, String why);

        void waiting(long position, String why);
    }

    /** Pauses; tests compress time. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final OrderGateway gateway;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final Reporter reporter;
    private final ExecutorService pool;
    private final Map<Long, CompletableFuture<Void>> lanes = new HashMap<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final Throttle throttle;
    private volatile boolean closed;

    OrderDesk(OrderGateway gateway, Clock clock, Sleeper sleeper, Backoff backoff, Reporter reporter) {
        this.gateway = gateway;
        this.clock = clock;
        this.sleeper = sleeper;
        this.backoff = backoff;
        this.reporter = reporter;
        this.throttle = new Throttle(clock);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "ratchet-orders-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} after every earlier task of the same position. */
    void submit(long position, String what, Runnable task) {
        busy.incrementAndGet();
        synchronized (lanes) {
            CompletableFuture<Void> tail = lanes.getOrDefault(position, CompletableFuture.completedFuture(null));
            lanes.put(position, tail.thenRunAsync(() -> {
                try {
                    task.run();
                } catch (Throwable e) { // a lane must never die silently: say it, and let later tasks run
                    LOG.error("position {}: {} failed on the order desk", position, what, e);
                    reporter.waiting(position, what + " failed on the order desk: " + e);
                } finally {
                    busy.decrementAndGet();
                }
            }, pool));
        }
    }

    /** True while some order task is queued or running (tests wait for it). */
    boolean busy() {
        return busy.get() > 0;
    }

    /** Sends an order at most once per lease of its client id; returns its state, or throws a definite refusal. */
    OrderState place(long position, String symbol, String clientId, Supplier<OrderState> send) {
        int attempt = 0;
        int resynced = 0;
        while (true) {
            throttle.acquire(sleeper);
            // Measured after the throttle's wait: the receive window runs from the request's own timestamp.
            long sentAt = clock.millis();
            try {
                return settled(position, symbol, clientId, send.get());
            } catch (ExchangeException e) {
                if (e.waitAndRetry()) {
                    // Refused before the exchange acted: the same id is safe to send again.
                    reporter.waiting(position, e.getMessage() + ": waiting, then sending " + clientId + " again");
                    // The exchange's Retry-After when it gave one (a tenth of a second at least: "0" a hundred times in a row is a
                    // flood); after a clock resync, at once, a few times; otherwise backing off.
                    pause(e.retryAfterMillis() >= 0 ? Math.max(100, e.retryAfterMillis())
                            : e.code() == -1021 && ++resynced <= 3 ? 0 : backoff.delay(++attempt));
                    continue;
                }
                if (e.definite()) {
                    throw e;
                }
                reporter.unknown(position, clientId, e.getMessage());
                Optional<OrderState> found = resolveUntilAnswered(position, symbol, clientId, sentAt);
                if (found.isPresent()) {
                    return settled(position, symbol, clientId, found.get());
                }
                LOG.warn("position {}: {} does not exist on the exchange after '{}': sending it again with the same id", position, clientId,
                        e.getMessage());
                attempt = 0;
            }
        }
    }

    /**
     * An outcome still unknown is never taken for a refusal: a lookup that fails, even
     * definitely (a key refused for a moment), is asked again until the exchange answers.
     */
    private Optional<OrderState> resolveUntilAnswered(long position, String symbol, String clientId, long sentAt) {
        int attempt = 0;
        while (true) {
            try {
                return resolve(position, symbol, clientId, sentAt);
            } catch (ExchangeException e) {
                attempt++;
                reporter.waiting(position, "outcome of " + clientId + " still unknown: the lookup failed (" + e.getMessage() + "), asking again");
                pause(backoff.delay(attempt));
            }
        }
    }

    /** A market order found still working (NEW, PARTIALLY_FILLED) is asked after until it is final: its fill is not known yet. */
    private OrderState settled(long position, String symbol, String clientId, OrderState o) {
        OrderState cur = o;
        int attempt = 0;
        while (cur.open() && "MARKET".equals(cur.type())) {
            pause(backoff.delay(++attempt));
            Optional<OrderState> again = find(position, symbol, clientId);
            if (again.isEmpty()) {
                return cur;
            }
            cur = again.get();
        }
        return cur;
    }

    /** Asks for an order whose outcome is unknown until the answer is definite. */
    Optional<OrderState> resolve(long position, String symbol, String clientId, long sentAt) {
        Optional<OrderState> now = find(position, symbol, clientId);
        if (now.isPresent()) {
            return now;
        }
        // Not there yet: past its receive window the exchange can no longer accept it, so "not found" then is final.
        long wait = sentAt + BinanceRest.RECV_WINDOW + 1_000 - clock.millis();
        if (wait > 0) {
            pause(wait);
        }
        return find(position, symbol, clientId);
    }

    /** An order by client id, asked until the exchange answers. */
    Optional<OrderState> find(long position, String symbol, String clientId) {
        return read(position, "looking up " + clientId, () -> gateway.find(symbol, clientId));
    }

    /** Cancels an order, asked until the exchange answers; empty if it was not open. */
    Optional<OrderState> cancel(long position, String symbol, String clientId) {
        return read(position, "canceling " + clientId, () -> gateway.cancel(symbol, clientId));
    }

    /** A call that is safe to repeat, repeated until it answers or is refused for good. */
    <T> T read(long position, String what, Supplier<T> call) {
        int attempt = 0;
        while (true) {
            try {
                return call.get();
            } catch (ExchangeException e) {
                if (e.definite() && !e.waitAndRetry()) {
                    throw e;
                }
                attempt++;
                if (attempt == 1 || attempt % 10 == 0) {
                    reporter.waiting(position, what + ": " + e.getMessage() + " (try " + attempt + ", asking again)");
                }
                pause(backoff.delay(attempt));
            }
        }
    }

    /**
     * Places a position's STOP_LOSS ({@code old} null) or moves it by cancel-replace. An
     * unknown outcome is resolved by asking for both ids; a refusal says what rests now.
     */
    StopResult placeStop(long position, String symbol, boolean sell, String oldId, String id, BigDecimal qty, BigDecimal stopPrice) {
        String old = oldId;
        boolean oldGone = false;
        while (true) {
            String replacing = old;
            try {
                // An unknown outcome of a cancel-replace resolves like any order, by the new id; sent again, a
                // cancel that already happened answers -2022 and the old id is looked up below.
                OrderState o = place(position, symbol, id, replacing == null
                        ? () -> gateway.stopLoss(symbol, sell, qty, stopPrice, id)
                        : () -> gateway.replaceStop(symbol, replacing, sell, qty, stopPrice, id));
                return o.open() || o.filled() ? StopResult.placed(o) : StopResult.kept(id + " ended " + o.status());
            } catch (ExchangeException e) {
                if (old == null) {
                    return oldGone ? StopResult.bare(e.getMessage()) : StopResult.kept(e.getMessage());
                }
                if (e.code() == -2021) {
                    return StopResult.bare("the old stop " + old + " was canceled and the new one refused: " + e.getMessage());
                }
                // -2022 or another refusal: the cancel did not happen. Did the old stop fill, or is it gone?
                Optional<OrderState> o = find(position, symbol, old);
                if (o.isPresent() && o.get().filled()) {
                    return StopResult.filled(o.get());
                }
                if (o.isPresent() && o.get().open()) {
                    return StopResult.kept(e.getMessage());
                }
                if (o.isPresent() && o.get().executedQty().signum() > 0) {
                    // Triggered, sold part, then expired: a new stop for the old quantity would sell coins this position no longer holds.
                    return StopResult.endedInPart(o.get());
                }
                old = null; // the old one is gone: place the new one on its own
                oldGone = true;
            }
        }
    }

    /** Limits new orders to the exchange's ORDERS rate (learned from the symbol's rules). */
    void ordersPer10s(int limit) {
        throttle.limit(limit);
    }

    private void pause(long millis) {
        if (closed) {
            throw new IllegalStateException("the order desk is closed");
        }
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops at once, as a crash would: work in flight is abandoned. */
    void kill() {
        closed = true;
        pool.shutdownNow();
    }
}
