package io.ratchet.live;

/** What happened to a position; every change is one event. */
public enum EventType {
    OPENED, STOP_MOVED, STOP_HIT, CLOSE_REQUESTED, ORDER_SENT, ORDER_FILLED, ORDER_FAILED, STOP_PLACED, STOP_REPLACED,
    GAP_WALKED, RESUMED, RECONCILED, TRAILING_STOPPED,
    /** An order's outcome is unknown (timeout, reset, 5xx): being resolved by asking the exchange. */
    ORDER_UNKNOWN,
    /** The exchange refused the exit for good: the position needs a person. */
    EXIT_REFUSED,
    /** The runner hit an error of its own (a task threw, the database failed): said, never swallowed. */
    RUNNER_ERROR,
    /** {@code --record} could not write the trades it records (a full or failing disk): they wait in memory; trading goes on. */
    RECORDING_FAILED,
    /** {@code --record} writes again. */
    RECORDING_RESUMED
}
