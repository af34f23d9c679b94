package io.ratchet.live;

/** Where stop hits, fills and failures are announced (besides the log). */
public interface Notifier extends AutoCloseable {
    /** {@code p} is null for what concerns the runner rather than one position. */
    void notify(String type, Position p, String detail);

    @Override
    default void close() {
    }

    Notifier NONE = (type, p, detail) -> {
    };
}
