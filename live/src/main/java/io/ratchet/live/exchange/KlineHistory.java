package io.ratchet.live.exchange;

import java.util.List;

/**
 * The exchange's history: what a gap in the live feed is walked with. Whole minutes as 1m
 * bars; the partial minutes at either end of a gap trade by trade, so nothing the feed
 * missed goes unwalked.
 */
public interface KlineHistory {

    /** Bars with open time in {@code [from, to)}, oldest first, each {openTime, open, high, low, close}. */
    List<double[]> minuteBars(String symbol, long from, long to);

    /**
     * Trades with time in {@code [from, to)}, oldest first, each {price, time}, or {price, time,
     * aggTradeId, quantity, buyerMaker 1/0} where the source says them (Binance does).
     */
    List<double[]> trades(String symbol, long from, long to);

    /** The most recent trade, {price, time, aggTradeId[, quantity, buyerMaker 1/0]}, or none: where a position with no known last point starts. */
    default List<double[]> latestTrade(String symbol) {
        return List.of();
    }

    /**
     * Up to {@code limit} trades with aggTradeId above {@code lastId}, oldest first, each {price,
     * time, aggTradeId[, quantity, buyerMaker 1/0]}: paging by id, so no two polls miss or repeat a print.
     */
    default List<double[]> tradesAfter(String symbol, long lastId, int limit) {
        throw new UnsupportedOperationException("this history cannot page trades by id");
    }
}
