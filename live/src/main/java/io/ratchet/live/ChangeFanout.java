package io.ratchet.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each change to every listener. A listener that throws is logged and skipped: watching
 * the runner must never be able to stop it.
 */
final class ChangeFanout implements Changes {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFanout.class);

    private final List<Changes> listeners = new CopyOnWriteArrayList<>();

    void add(Changes c) {
        listeners.add(c);
    }

    void remove(Changes c) {
        listeners.remove(c);
    }

    @Override
    public void saved(Position p, StopEvent... events) {
        each("a save", c -> c.saved(p, events));
    }

    @Override
    public void traded(String symbol, double price, long time) {
        each("a trade", c -> c.traded(symbol, price, time));
    }

    @Override
    public void told(String type, Position p, String detail) {
        each("a notification", c -> c.told(type, p, detail));
    }

    /** A listener that fails is logged and the others still hear: none may throw into the runner's thread. */
    private void each(String what, java.util.function.Consumer<Changes> call) {
        for (Changes c : listeners) {
            try {
                call.accept(c);
            } catch (RuntimeException e) {
                LOG.error("a change listener failed on {}: {}", what, e.toString());
            }
        }
    }
}
