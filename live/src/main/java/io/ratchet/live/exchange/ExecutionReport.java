package io.ratchet.live.exchange;

import java.math.BigDecimal;

/**
 * One {@code executionReport} of Binance's user data stream: what the exchange did to one of
 * the account's orders, pushed as it happens. The first word on fills; order queries are the
 * fallback when the stream is down.
 *
 * @param clientOrderId   {@code c}: the order's client id (for a cancel, the cancel request's id)
 * @param origClientId    {@code C}: for a cancel, the client id of the order canceled; else empty
 * @param orderId         {@code i}
 * @param side            {@code S}: BUY or SELL
 * @param type            {@code o}: MARKET, STOP_LOSS, ...
 * @param executionType   {@code x}: NEW, CANCELED, REPLACED, REJECTED, TRADE, EXPIRED
 * @param status          {@code X}: NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED, ...
 * @param lastQty         {@code l}: quantity of this execution
 * @param lastPrice       {@code L}: price of this execution
 * @param cumQty          {@code z}: executed so far
 * @param cumQuote        {@code Z}: quote executed so far
 * @param commission      {@code n}: commission of this execution
 * @param commissionAsset {@code N}: its asset, or null
 * @param eventTime       {@code E}
 * @param transactTime    {@code T}
 */
public record ExecutionReport(String symbol, String clientOrderId, String origClientId, long orderId, String side, String type,
                              String executionType, String status, BigDecimal lastQty, BigDecimal lastPrice, BigDecimal cumQty,
                              BigDecimal cumQuote, BigDecimal commission, String commissionAsset, long eventTime, long transactTime) {

    /** The client id of the order this report is about (a cancel names the canceled order in {@code C}). */
    public String orderClientId() {
        return origClientId != null && !origClientId.isEmpty() ? origClientId : clientOrderId;
    }

    public boolean filled() {
        return status.equals("FILLED");
    }
}
