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

    /** Counts a new order at {@code now}, or refuses it with 429 -1015 (a refused order is not counted). */
    synchronized void take(long now) {
        while (!accepted.isEmpty() && accepted.peekFirst() <= now - WINDOW_MILLIS) {
            accepted.pollFirst();
        }
        if (accepted.size() >= limit) {
            refused++;
            throw new ApiException(429, -1015, "Too many new orders; current limit is " + limit + " orders per TEN_SECOND.");
        }
        accepted.addLast(now);
    }

    synchronized int refused() {
        return refused;
    }

    int limit() {
        return limit;
    }
}
