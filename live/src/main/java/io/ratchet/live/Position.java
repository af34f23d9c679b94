package io.ratchet.live;

import io.ratchet.engine.Direction;
import io.ratchet.engine.TrailingConfig;
import java.math.BigDecimal;

/**
 * A trailed position as stored: the tracker's state ({@code peak}, {@code stop}, the last
 * price and its time) is part of it, so a restart resumes exactly where it stopped.
 *
 * @param stop          {@code NaN} while there is none
 * @param lastTime      market time of the last price walked (epoch ms)
 * @param exchangeStop  client order id of the STOP_LOSS resting on the exchange, or null
 */
public record Position(long id, String symbol, Direction direction, BigDecimal quantity, double entryPrice, TrailingConfig config,
                       double peak, double stop, double lastPrice, long lastTime, PositionStatus status, double exitPrice,
                       String exitReason, long openedAt, long closedAt, String exchangeStop) {

    public Position withState(double newPeak, double newStop, double price, long time) {
        return new Position(id, symbol, direction, quantity, entryPrice, config, newPeak, newStop, price, time, status, exitPrice, exitReason,
                openedAt, closedAt, exchangeStop);
    }

    public Position withStatus(PositionStatus s) {
        return new Position(id, symbol, direction, quantity, entryPrice, config, peak, stop, lastPrice, lastTime, s, exitPrice, exitReason,
                openedAt, closedAt, exchangeStop);
    }

    public Position closed(double price, String reason, long at) {
        return new Position(id, symbol, direction, quantity, entryPrice, config, peak, stop, lastPrice, lastTime, PositionStatus.CLOSED, price,
                reason, openedAt, at, exchangeStop);
    }

    public Position withExchangeStop(String clientId) {
        return new Position(id, symbol, direction, quantity, entryPrice, config, peak, stop, lastPrice, lastTime, status, exitPrice, exitReason,
                openedAt, closedAt, clientId);
    }

    public Position withEntry(double price, BigDecimal qty, long time) {
        return new Position(id, symbol, direction, qty, price, config, price, stop, price, time, status, exitPrice, exitReason, openedAt,
                closedAt, exchangeStop);
    }

    public boolean isOpen() {
        return status == PositionStatus.PENDING || status == PositionStatus.TRAILING || status == PositionStatus.CLOSING;
    }

    /** The deterministic client order id of this position's exit: a retry can never close twice. */
    public String exitOrderId() {
        return "rt" + id + "x";
    }

    public String entryOrderId() {
        return "rt" + id + "e";
    }
}
