package io.ratchet.live;

import io.ratchet.engine.Direction;
import io.ratchet.engine.TrailingConfig;
import java.math.BigDecimal;

/**
 * A trailed position as stored: the tracker's state ({@code peak}, {@code stop}, the last
 * price and its time) is part of it, so a restart resumes exactly where it stopped, and so
 * are the client ids of its orders, written before each order is sent.
 *
 * @param quantity      what the account holds of it: filled minus commission in the coin, on the step
 * @param stop          {@code NaN} while there is none
 * @param lastTime      market time of the last price walked (epoch ms); the walk never looks before it
 * @param exchangeStop  client id of the STOP_LOSS resting on the exchange, or null
 * @param pendingStop   client id of a STOP_LOSS being placed or replaced (written before the call), or null
 * @param exitOrder     client id of the exit order being sent or sent (written before the call), or null
 * @param orderSeq      how many client ids this position has used: the next one is unique
 * @param entryTime     market time of the entry (the fill's time), 0 until known
 * @param attention     why a person must look, or null
 */
public record Position(long id, String symbol, Direction direction, BigDecimal quantity, double entryPrice, TrailingConfig config,
                       double peak, double stop, double lastPrice, long lastTime, PositionStatus status, double exitPrice,
                       String exitReason, long openedAt, long closedAt, String exchangeStop, String pendingStop, String exitOrder,
                       int orderSeq, long entryTime, String attention) {

    /** A position as the older callers build it: no order bookkeeping yet. */
    public Position(long id, String symbol, Direction direction, BigDecimal quantity, double entryPrice, TrailingConfig config, double peak,
                    double stop, double lastPrice, long lastTime, PositionStatus status, double exitPrice, String exitReason, long openedAt,
                    long closedAt, String exchangeStop) {
        this(id, symbol, direction, quantity, entryPrice, config, peak, stop, lastPrice, lastTime, status, exitPrice, exitReason, openedAt,
                closedAt, exchangeStop, null, null, 0, 0, null);
    }

    public Position withId(long newId) {
        return new Position(newId, symbol, direction, quantity, entryPrice, config, peak, stop, lastPrice, lastTime, status, exitPrice, exitReason,
                openedAt, closedAt, exchangeStop, pendingStop, exitOrder, orderSeq, entryTime, attention);
    }

    public Position withState(double newPeak, double newStop, double price, long time) {
        return new Position(id, symbol, direction, quantity, entryPrice, config, newPeak, newStop, price, time, status, exitPrice, exitReason,
                openedAt, closedAt, exchangeStop, pendingStop, exitOrder, orderSeq, entryTime, attention);
    }

    public Position withStatus(PositionStatus s) {
        return new Position(id, symbol, direction, quantity, entryPrice, config, peak, stop, lastPrice, lastTime, s, exitPrice, exitReason,
                openedAt, closedAt, exchangeStop, pendingStop, exitOrder, orderSeq, entryTime, attention);
    }

    public Position closed(double price, String reason, long at) {
        return new Position(id, symbol, direction, quantity, entryPrice, config, peak, stop, lastPrice, lastTime, PositionStatus.CLOSED, price,
                reason, openedAt, at, exchangeStop, pendingStop, exitOrder, orderSeq, entryTime, attention);
    }

    public Position withExchangeStop(String clientId) {
        return new Position(id, symbol, direction, quantity, entryPrice, config, peak, stop, lastPrice, lastTime, status, exitPrice, exitReason,
                openedAt, closedAt, clientId, pendingStop, exitOrder, orderSeq, entryTime, attention);
    }

    public Position withPendingStop(String clientId) {
        return new Position(id, symbol, direction, quantity, entryPrice, config, peak, stop, lastPrice, lastTime, status, exitPrice, exitReason,
                openedAt, closedAt, exchangeStop, clientId, exitOrder, orderSeq, entryTime, attention);
    }

    public Position withExitOrder(String clientId) {
        return new Position(id, symbol, direction, quantity, entryPrice, config, peak, stop, lastPrice, lastTime, status, exitPrice, exitReason,
                openedAt, closedAt, exchangeStop, pendingStop, clientId, orderSeq, entryTime, attention);
    }

    /** Uses one more client id number; returns the position with the counter advanced. */
    public Position withOrderSeq(int seq) {
        return new Position(id, symbol, direction, quantity, entryPrice, config, peak, stop, lastPrice, lastTime, status, exitPrice, exitReason,
                openedAt, closedAt, exchangeStop, pendingStop, exitOrder, seq, entryTime, attention);
    }

    public Position withAttention(String why) {
        return new Position(id, symbol, direction, quantity, entryPrice, config, peak, stop, lastPrice, lastTime, status, exitPrice, exitReason,
                openedAt, closedAt, exchangeStop, pendingStop, exitOrder, orderSeq, entryTime, why);
    }

    public Position withQuantity(BigDecimal qty) {
        return new Position(id, symbol, direction, qty, entryPrice, config, peak, stop, lastPrice, lastTime, status, exitPrice, exitReason, openedAt,
                closedAt, exchangeStop, pendingStop, exitOrder, orderSeq, entryTime, attention);
    }

    public Position withEntry(double price, BigDecimal qty, long time) {
        return new Position(id, symbol, direction, qty, price, config, price, stop, price, time, status, exitPrice, exitReason, openedAt,
                closedAt, exchangeStop, pendingStop, exitOrder, orderSeq, time, attention);
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    public boolean isLong() {
        return direction.sign() > 0;
    }
}
