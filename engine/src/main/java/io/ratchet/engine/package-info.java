/**
 * The trailing-stop engine: the one implementation of {@code trailing-semantics.md}.
 *
 * <p>JDK only: no I/O, no clock, no logging. Time arrives with every price as epoch
 * milliseconds; the hot path works on primitives and allocates nothing per price. Backtest,
 * sweep, forecast and live all drive this package, so they cannot disagree.
 */
package io.ratchet.engine;
