package io.ratchet.live;

/** Where a position is in its life. */
public enum PositionStatus {
    /** Accepted, entry not yet known (a market entry in flight). */
    PENDING,
    /** Open, its stop trailing. */
    TRAILING,
    /** The stop was hit (or a close was asked for): the exit order is being sent or confirmed. */
    CLOSING,
    /** Closed: the exit filled, or trailing was stopped without closing. */
    CLOSED,
    /** An order failed in a way that needs a person (see the events). */
    FAILED
}
