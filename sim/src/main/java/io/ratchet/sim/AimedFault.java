package io.ratchet.sim;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault armed for the next {@code n} requests matching a {@link RequestMatch}; counts how
 * many it served, so a test can assert the fault happened as often as it meant.
 */
public final class AimedFault {
    private final RequestMatch match;
    private final AtomicInteger left;
    private final AtomicInteger served = new AtomicInteger();

    AimedFault(RequestMatch match, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a fault is armed for at least one request, got " + n);
        }
        this.match = match;
        this.left = new AtomicInteger(n);
    }

    /** Takes one shot if the request matches and shots are left. */
    boolean take(String method, String path, Map<String, String> params) {
        if (!match.matches(method, path, params)) {
            return false;
        }
        if (left.getAndUpdate(v -> Math.max(0, v - 1)) <= 0) {
            return false;
        }
        served.incrementAndGet();
        return true;
    }

    /** How many requests this fault has hit. */
    public int served() {
        return served.get();
    }

    /** How many shots are still armed. */
    public int left() {
        return left.get();
    }

    /** Disarms what is left (a test ends its scenario; the simulator goes on). */
    public void cancel() {
        left.set(0);
    }
}
