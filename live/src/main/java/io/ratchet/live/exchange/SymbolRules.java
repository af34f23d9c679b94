package io.ratchet.live.exchange;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A symbol's trading filters from exchangeInfo: what an order's price and quantity must respect. */
public record SymbolRules(String symbol, String base, String quote, BigDecimal tickSize, BigDecimal stepSize, BigDecimal minQty,
                          BigDecimal minNotional) {

    /** Quantity floored to the LOT_SIZE step: never sell more than held. */
    public BigDecimal quantity(BigDecimal q) {
        if (stepSize.signum() == 0) {
            return q;
        }
        return q.divide(stepSize, 0, RoundingMode.DOWN).multiply(stepSize).stripTrailingZeros();
    }

    /** A stop price on the tick grid, rounded away from the market (a sell stop down, a buy stop up). */
    public BigDecimal stopPrice(double stop, boolean sell) {
        BigDecimal p = BigDecimal.valueOf(stop);
        if (tickSize.signum() == 0) {
            return p;
        }
        return p.divide(tickSize, 0, sell ? RoundingMode.DOWN : RoundingMode.UP).multiply(tickSize).stripTrailingZeros();
    }

    /** Why an order of {@code qty} at {@code price} would be refused, or null if it would not. */
    public String problem(BigDecimal qty, double price) {
        if (qty.compareTo(minQty) < 0 || qty.signum() <= 0) {
            return "quantity " + qty.toPlainString() + " is below LOT_SIZE minQty " + minQty.toPlainString() + " after rounding to step "
                    + stepSize.toPlainString();
        }
        if (qty.multiply(BigDecimal.valueOf(price)).compareTo(minNotional) < 0) {
            return "notional " + qty.multiply(BigDecimal.valueOf(price)).setScale(2, RoundingMode.HALF_UP).toPlainString()
                    + " is below NOTIONAL minNotional " + minNotional.toPlainString();
        }
        return null;
    }
}
