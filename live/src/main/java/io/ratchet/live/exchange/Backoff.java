package io.ratchet.live.exchange;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The one retry policy of the live side: exponential from {@code baseMillis}, capped at
 * {@code maxMillis}, with up to a quarter of jitter so many runners do not retry in step.
 */
public record Backoff(long baseMillis, long maxMillis) {
    public static final Backoff DEFAULT = new Backoff(250, 30_000);

    /** The wait before try {@code attempt} (1 for the first retry). */
    public long delay(int attempt) {
        long d = Math.min(maxMillis, baseMillis << Math.min(Math.max(attempt - 1, 0), 20));
        return d + (long) (ThreadLocalRandom.current().nextDouble() * d / 4);
    }
}
