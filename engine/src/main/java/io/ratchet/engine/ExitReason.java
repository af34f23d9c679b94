package io.ratchet.engine;

/** Why a position closed. */
public enum ExitReason {
    /** The trailing (or initial) stop was hit. */
    STOP,
    /** {@code maxBars} bars passed after the entry bar. */
    TIME,
    /** The data ended with the position open. */
    END
}
