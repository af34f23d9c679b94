package io.ratchet.live;

/** What happened to a position; every change is one event. */
public enum EventType {
    OPENED, STOP_MOVED, STOP_HIT, CLOSE_REQUESTED, ORDER_SENT, ORDER_FILLED, ORDER_FAILED, STOP_PLACED, STOP_REPLACED,
    GAP_WALKED, RESUMED, RECONCILED, TRAILING_STOPPED
}
