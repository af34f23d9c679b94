package io.ratchet.live;

import io.ratchet.live.store.PositionStore;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's writes to the store, kept in order when the database fails: a write that
 * cannot be made now waits in memory and is made when the database is back, so trading goes
 * on (an exit is sent even when recording it fails) and nothing is lost while the process
 * lives. Used on the runner's thread only.
 */
final class Journal {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private record Write(Position position, StopEvent[] events) {
    }

    private final PositionStore store;
    private final Notifier notifier;
    private final Changes changes;
    private final ArrayDeque<Write> backlog = new ArrayDeque<>();
    private String failure;

    Journal(PositionStore store, Notifier notifier) {
        this(store, notifier, null);
    }

    /** {@code changes} hears every write as it is made, stored now or kept for later: it happened either way. */
    Journal(PositionStore store, Notifier notifier, Changes changes) {
        this.store = store;
        this.notifier = notifier;
        this.changes = changes;
    }

    /**
     * Stores now, or keeps the write for later; true if it is stored now. While the database
     * is failing, writes only queue: each attempt can wait for a connection, and the runner's
     * thread must keep walking prices (the timer's {@link #flush()} tries again).
     */
    boolean save(Position p, StopEvent... events) {
        if (changes != null) {
            changes.saved(p, events);
        }
        if (!backlog.isEmpty()) {
            keep(p, events);
            return false;
        }
        try {
            store.save(p, events);
            return true;
        } catch (RuntimeException e) {
            keep(p, events);
            failed(p, e);
            return false;
        }
    }

    private void keep(Position p, StopEvent[] events) {
        Write last = backlog.peekLast();
        if (events.length == 0 && last != null && last.events.length == 0 && last.position.id() == p.id()) {
            backlog.pollLast(); // a newer price of the same position replaces the older one
        }
        backlog.add(new Write(p, events));
    }

    private void failed(Position p, RuntimeException e) {
        if (failure == null) {
            failure = e.getMessage();
            LOG.error("the database failed ({}): trading goes on, writes are kept in order until it is back", e.getMessage());
            notifier.notify("STORE_FAILED", p, "the database failed: " + e.getMessage() + "; writes are kept in memory until it is back");
        }
    }

    /** Writes what waits, oldest first; stops at the first failure. */
    void flush() {
        while (!backlog.isEmpty()) {
            Write w = backlog.peek();
            try {
                store.save(w.position, w.events);
            } catch (RuntimeException e) {
                failed(w.position, e);
                return;
            }
            backlog.poll();
        }
        if (failure != null) {
            LOG.warn("the database is back: every kept write is stored");
            failure = null;
        }
    }

    boolean healthy() {
        return backlog.isEmpty();
    }

    int waiting() {
        return backlog.size();
    }
}
