package io.ratchet.engine;

/**
 * One level of a stop ladder.
 *
 * @param price        the level the price has moved to (monotonically, from the entry)
 * @param stop         the stop there, {@code NaN} if there is none yet
 * @param lockedReturn net return if stopped at {@code stop} (fees and slippage included), {@code NaN} without a stop
 * @param distance     distance from price to stop in percent of price, {@code NaN} without a stop
 * @param activation   whether this is the level where the trail activates
 */
public record LadderRow(double price, double stop, double lockedReturn, double distance, boolean activation) {
}
