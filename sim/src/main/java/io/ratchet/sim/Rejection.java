package io.ratchet.sim;

/** A refusal the exchange's order checks give: a filter (-1013) or the balance (-2010). */
public enum Rejection {
    LOT_SIZE(-1013, "Filter failure: LOT_SIZE"),
    MARKET_LOT_SIZE(-1013, "Filter failure: MARKET_LOT_SIZE"),
    PRICE_FILTER(-1013, "Filter failure: PRICE_FILTER"),
    NOTIONAL(-1013, "Filter failure: NOTIONAL"),
    BALANCE(-2010, "Account has insufficient balance for requested action.");

    final int code;
    final String msg;

    Rejection(int code, String msg) {
        this.code = code;
        this.msg = msg;
    }

    ApiException exception() {
        return ApiException.badRequest(code, msg);
    }
}
