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
        for (Changes c : listeners) {
            try {
                c.saved(p, events);
            } catch (RuntimeException e) {
                LOG.error("a change listener failed on a save: {}", e.toString());
            }
        }
    }

    @Override
    public void traded(String symbol, double price, long time) {
        for (Changes c : listeners) {
            try {
                c.traded(symbol, price, time);
            } catch (RuntimeException e) {
                LOG.error("a change listener failed on a trade: {}", e.toString());
            }
        }
    }

    @Override
    public void told(String type, Position p, String detail) {
        for (Changes c : listeners) {
            try {
                c.told(type, p, detail);
            } catch (RuntimeException e) {
                LOG.error("a change listener failed on a notification: {}", e.toString());
            }
        }
    }
}
