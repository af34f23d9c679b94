package io.ratchet.live;

import java.time.Clock;
import java.util.ArrayDeque;

/**
 * New orders within the exchange's ORDERS limit: at most half of it in any 10 s, so stop
 * replacements of many positions never earn a -1015 and an exit always finds room. A stop
 * that must wait is a tighter stop arriving later; the looser one rests meanwhile.
 */
final class Throttle {
    private static final long WINDOW = 10_000;

    private final Clock clock;
    private final ArrayDeque<Long> sent = new ArrayDeque<>();
    private int perWindow = 50;

    Throttle(Clock clock) {
        this.clock = clock;
    }

    synchronized void limit(int ordersPer10s) {
        if (ordersPer10s > 0) {
            perWindow = Math.max(1, ordersPer10s / 2);
        }
    }

    void acquire(OrderDesk.Sleeper sleeper) {
        while (true) {
            long wait;
            synchronized (this) {
                long now = clock.millis();
                while (!sent.isEmpty() && sent.peek() <= now - WINDOW) {
                    sent.poll();
                }
                if (sent.size() < perWindow) {
                    sent.add(now);
                    return;
                }
                wait = sent.peek() + WINDOW - now;
            }
            try {
                sleeper.sleep(Math.max(1, wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the order rate limit", e);
            }
        }
    }
}
