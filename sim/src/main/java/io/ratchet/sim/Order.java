package io.ratchet.sim;

import java.math.BigDecimal;

/** One order on the simulated exchange; mutable, guarded by the {@link Book}'s lock. */
final class Order {
    final long id;
    final String clientOrderId;
    final String side;
    final String type;
    final BigDecimal origQty;
    final BigDecimal price;
    final BigDecimal stopPrice;
    final String timeInForce;
    final long time;
    BigDecimal executedQty = BigDecimal.ZERO;
    BigDecimal cumQuote = BigDecimal.ZERO;
    String status = "NEW";
    long updateTime;
    long workingTime;
    /** The client id of the request that canceled it, once canceled. */
    String cancelClientOrderId;

    Order(long id, String clientOrderId, String side, String type, BigDecimal origQty, BigDecimal price, BigDecimal stopPrice,
          String timeInForce, long time) {
        this.id = id;
        this.clientOrderId = clientOrderId;
        this.side = side;
        this.type = type;
        this.origQty = origQty;
        this.price = price;
        this.stopPrice = stopPrice;
        this.timeInForce = timeInForce;
        this.time = time;
        this.updateTime = time;
        this.workingTime = type.startsWith("STOP_LOSS") ? -1 : time;
    }

    boolean isOpen() {
        return status.equals("NEW") || status.equals("PARTIALLY_FILLED");
    }
}
