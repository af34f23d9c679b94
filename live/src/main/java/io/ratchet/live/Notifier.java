package io.ratchet.live;

/** Where stop hits, fills and failures are announced (besides the log). */
public interface Notifier extends AutoCloseable {
    void notify(String type, Position p, String detail);

    @Override
    default void close() {
    }

    Notifier NONE = (type, p, detail) -> {
    };
}
