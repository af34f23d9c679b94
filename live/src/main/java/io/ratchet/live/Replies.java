package io.ratchet.live;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Control API callers waiting on their own thread for the runner to settle a position (an
 * entry to fill, an exit to close). Only the runner's thread registers and answers, so the
 * map needs no lock; a caller that waited long enough gets the position as it stands.
 */
final class Replies {
    private final Map<Long, CompletableFuture<Position>> waiting = new HashMap<>();

    void expect(long id, CompletableFuture<Position> reply) {
        waiting.put(id, reply);
    }

    void answer(long id, Position p) {
        CompletableFuture<Position> f = waiting.remove(id);
        if (f != null) {
            f.complete(p);
        }
    }

    static Position await(CompletableFuture<Position> f, Position meanwhile) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return meanwhile; // still resolving: the runner keeps at it, and the position says so
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return meanwhile;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
