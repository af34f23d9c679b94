package io.ratchet.live;

import io.ratchet.engine.Direction;
import io.ratchet.engine.TrailingConfig;
import java.math.BigDecimal;

/**
 * A position to start trailing.
 *
 * @param entryPrice the price it was entered at, or NaN to enter at market now
 * @param config     null for the runner's configuration
 */
public record OpenRequest(String symbol, Direction direction, BigDecimal quantity, double entryPrice, TrailingConfig config) {
}
