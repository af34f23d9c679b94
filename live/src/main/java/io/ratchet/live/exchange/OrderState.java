package io.ratchet.live.exchange;

import java.math.BigDecimal;

/**
 * An order as the exchange reports it. {@code averagePrice} is NaN until something filled.
 *
 * @param baseCommission commission paid in the symbol's base asset (what the fill did not deliver of the coin)
 * @param time           the exchange's time of the last change (transactTime / updateTime), 0 if not given
 */
public record OrderState(String clientOrderId, long orderId, String status, String type, String side, BigDecimal executedQty,
                         double averagePrice, BigDecimal stopPrice, BigDecimal baseCommission, long time) {

    public OrderState(String clientOrderId, long orderId, String status, String type, String side, BigDecimal executedQty, double averagePrice,
                      BigDecimal stopPrice) {
        this(clientOrderId, orderId, status, type, side, executedQty, averagePrice, stopPrice, BigDecimal.ZERO, 0);
    }

    public boolean filled() {
        return status.equals("FILLED");
    }

    public boolean open() {
        return status.equals("NEW") || status.equals("PARTIALLY_FILLED");
    }

    /** What the account received of the base asset: executed minus commission taken in it. */
    public BigDecimal netQty() {
        return executedQty.subtract(baseCommission);
    }
}
