package io.ratchet.live.exchange;

import java.util.Set;

/** Where live prices come from: trades, one at a time, with their market time. */
public interface PriceSource extends AutoCloseable {

    /** Told of every trade and of every connection loss, on the source's own threads. */
    interface Listener {
        void onTrade(String symbol, double price, long time);

        /**
         * A trade with the exchange's trade id, which counts up by one per symbol: a jump in it
         * is a gap even when the connection never said it dropped.
         */
        default void onTrade(String symbol, double price, long time, long tradeId) {
            onTrade(symbol, price, time);
        }

        /** An aggregate trade with all the exchange said of it (its id an aggTradeId): what {@code --record} keeps. */
        default void onAggTrade(String symbol, AggTrade trade) {
            onTrade(symbol, trade.price(), trade.time(), trade.id());
        }

        /** The feed stopped or was cut: what comes next is after a gap. */
        void onConnectionLost(String why);
    }

    /** Connects (or reconnects) with exactly these symbols. */
    void subscribe(Set<String> symbols, Listener listener);

    @Override
    void close();
}
