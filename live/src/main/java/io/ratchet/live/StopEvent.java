package io.ratchet.live;

/**
 * One change of a position, stored and served as {@code {"time", "type", "price", "oldStop",
 * "newStop", "detail"}}; {@code NaN} prices and stops are absent values.
 *
 * @param time market time of the price that caused it (epoch ms), or wall time for order events
 */
public record StopEvent(long positionId, int seq, long time, EventType type, double price, double oldStop, double newStop, String detail) {
    /** An event of {@code p} as the runner writes it; the store numbers it. */
    static StopEvent of(Position p, long time, EventType type, double price, double oldStop, double newStop, String detail) {
        return new StopEvent(p.id(), 0, time, type, price, oldStop, newStop, detail);
    }
}
