package io.ratchet.live.exchange;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A symbol's trading filters from exchangeInfo: what an order's price and quantity must
 * respect, checked here before anything is sent.
 *
 * @param ordersPer10s the ORDERS rate limit per 10 seconds (0: unknown)
 */
public record SymbolRules(String symbol, String base, String quote, BigDecimal tickSize, BigDecimal stepSize, BigDecimal minQty,
                          BigDecimal minNotional, BigDecimal maxQty, BigDecimal marketMinQty, BigDecimal marketMaxQty,
                          BigDecimal marketStepSize, BigDecimal minPrice, BigDecimal maxPrice, int ordersPer10s) {

    /** Filters with no upper bounds and no market lot: what a test double or a minimal exchangeInfo gives. */
    public SymbolRules(String symbol, String base, String quote, BigDecimal tickSize, BigDecimal stepSize, BigDecimal minQty,
                       BigDecimal minNotional) {
        this(symbol, base, quote, tickSize, stepSize, minQty, minNotional, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    /** Quantity floored to the LOT_SIZE step: never sell more than held. */
    public BigDecimal quantity(BigDecimal q) {
        BigDecimal step = stepSize;
        if (marketStepSize.signum() > 0 && marketStepSize.compareTo(step) > 0) {
            step = marketStepSize;
        }
        if (step.signum() == 0) {
            return q.stripTrailingZeros();
        }
        return q.divide(step, 0, RoundingMode.DOWN).multiply(step).stripTrailingZeros();
    }

    /** A stop price on the tick grid, rounded away from the market (a sell stop down, a buy stop up). */
    public BigDecimal stopPrice(double stop, boolean sell) {
        BigDecimal p = BigDecimal.valueOf(stop);
        if (tickSize.signum() == 0) {
            return p;
        }
        return p.divide(tickSize, 0, sell ? RoundingMode.DOWN : RoundingMode.UP).multiply(tickSize).stripTrailingZeros();
    }

    /**
     * Why LOT_SIZE (and MARKET_LOT_SIZE for a market order) would refuse {@code qty} as given,
     * or null. A quantity off the step is refused rather than rounded: the caller said how much.
     */
    public String quantityProblem(BigDecimal qty, boolean market) {
        if (qty.signum() <= 0) {
            return "must be positive, got " + qty.toPlainString();
        }
        String lot = lotProblem(qty, minQty, maxQty, stepSize, "LOT_SIZE");
        if (lot != null || !market) {
            return lot;
        }
        return lotProblem(qty, marketMinQty, marketMaxQty, marketStepSize, "MARKET_LOT_SIZE");
    }

    private static String lotProblem(BigDecimal qty, BigDecimal min, BigDecimal max, BigDecimal step, String filter) {
        if (min.signum() > 0 && qty.compareTo(min) < 0) {
            return qty.toPlainString() + " is below " + filter + " minQty " + min.stripTrailingZeros().toPlainString();
        }
        if (max.signum() > 0 && qty.compareTo(max) > 0) {
            return qty.toPlainString() + " is above " + filter + " maxQty " + max.stripTrailingZeros().toPlainString();
        }
        if (step.signum() > 0 && qty.remainder(step).signum() != 0) {
            BigDecimal floored = qty.divide(step, 0, RoundingMode.DOWN).multiply(step).stripTrailingZeros();
            return qty.toPlainString() + " is not a multiple of " + filter + " stepSize " + step.stripTrailingZeros().toPlainString()
                    + " (e.g. " + floored.toPlainString() + ")";
        }
        return null;
    }

    /** Why PRICE_FILTER would refuse {@code price} (bounds only: an adopted entry is a fill, not an order price), or null. */
    public String priceProblem(double price) {
        if (!(price > 0) || Double.isInfinite(price)) {
            return "must be a positive number, got " + price;
        }
        BigDecimal p = BigDecimal.valueOf(price);
        if (minPrice.signum() > 0 && p.compareTo(minPrice) < 0) {
            return BigDecimal.valueOf(price).toPlainString() + " is below PRICE_FILTER minPrice " + minPrice.stripTrailingZeros().toPlainString();
        }
        if (maxPrice.signum() > 0 && p.compareTo(maxPrice) > 0) {
            return p.stripTrailingZeros().toPlainString() + " is above PRICE_FILTER maxPrice " + maxPrice.stripTrailingZeros().toPlainString();
        }
        return null;
    }

    /** Why an order of {@code qty} at {@code price} would be refused by the minimum quantity or NOTIONAL, or null. */
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
