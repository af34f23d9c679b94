package io.ratchet.live;

/**
 * A listener port for what the runner does, as it does it: every stored change of a position,
 * every live trade walked, every notification. Called on the runner's thread, so an
 * implementation only hands over (appends to memory, wakes a reader) and never waits: a slow
 * browser at the other end must never slow the trailing down.
 */
public interface Changes {
    /** A position was written, with the events of that write (none for a price-only save). */
    void saved(Position p, StopEvent... events);

    /** A live trade of a watched symbol, as the engines walked it (market time, epoch ms). */
    void traded(String symbol, double price, long time);

    /** A notification as the {@link Notifier} gets it; {@code p} is null for the runner as a whole. */
    void told(String type, Position p, String detail);
}
