package io.ratchet.live.exchange;

import java.math.BigDecimal;

/** An order as the exchange reports it. {@code averagePrice} is NaN until something filled. */
public record OrderState(String clientOrderId, long orderId, String status, String type, String side, BigDecimal executedQty,
                         double averagePrice, BigDecimal stopPrice) {

    public boolean filled() {
        return status.equals("FILLED");
    }

    public boolean open() {
        return status.equals("NEW") || status.equals("PARTIALLY_FILLED");
    }
}
