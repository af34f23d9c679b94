package io.ratchet.live;

/** Where a position is in its life. */
public enum PositionStatus {
    /** Accepted, entry not yet known (a market entry in flight or its outcome being resolved). */
    PENDING,
    /** Open, its stop trailing. */
    TRAILING,
    /** The stop was hit (or a close was asked for): the exit order is being sent or its outcome resolved. */
    CLOSING,
    /**
     * The exchange refused the exit for a reason retrying cannot fix (a filter, the balance), or would
     * have (what is held is below the symbol's LOT_SIZE or NOTIONAL minimum, so nothing was sent): the
     * position is still held, its exchange stop restored where it can be, and a person is told.
     * A restart or {@code DELETE ?close=true} tries the exit again.
     */
    EXIT_REFUSED,
    /** Closed: the exit filled, or trailing was stopped without closing. */
    CLOSED,
    /** The entry never became a position (refused, or never reached the exchange): nothing is held. */
    FAILED;

    public boolean isOpen() {
        return this == PENDING || this == TRAILING || this == CLOSING || this == EXIT_REFUSED;
    }
}
