package io.ratchet.sim;

import java.util.ArrayDeque;

/**
 * The ORDERS rate limit: at most {@code limit} new orders per 10 s. Binance counts in fixed
 * intervals; a rolling window refuses at least as much and does not depend on where the
 * interval boundary falls, so a test that spams orders sees the same refusal every run.
 */
final class OrderRateLimit {
    static final long WINDOW_MILLIS = 10_000;

    private final int limit;
    private final ArrayDeque<Long> accepted = new ArrayDeque<>();
    private int refused;

    OrderRateLimit(int limit) {
        this.limit = limit;
    }

    /** A refusal: how long until the window has room again, in whole seconds (Retry-After). */
    static final class Refused extends ApiException {
        private static final long serialVersionUID = 1L;
        final int retryAfterSeconds;

        Refused(int limit, int retryAfterSeconds) {
            super(429, -1015, "Too many new orders; current limit is " + limit + " orders per TEN_SECOND.");
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    /**
     * Counts a new order at {@code now} and returns the orders in the window with it
     * (X-MBX-ORDER-COUNT-10S), or refuses it with 429 -1015; a refused order is not counted.
     */
    synchronized int take(long now) {
        while (!accepted.isEmpty() && accepted.peekFirst() <= now - WINDOW_MILLIS) {
            accepted.pollFirst();
        }
        if (accepted.size() >= limit) {
            refused++;
            long wait = accepted.peekFirst() + WINDOW_MILLIS - now;
            throw new Refused(limit, (int) Math.max(1, (wait + 999) / 1000));
        }
        accepted.addLast(now);
        return accepted.size();
    }

    synchronized int refused() {
        return refused;
    }

    int limit() {
        return limit;
    }
}
