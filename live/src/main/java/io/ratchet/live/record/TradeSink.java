package io.ratchet.live.record;

import io.ratchet.live.exchange.AggTrade;
import java.util.List;

/** Where recorded trades end up (the store, in {@code ratchet live --record}); called on the recorder's thread only. */
public interface TradeSink {

    /**
     * Adds one symbol's trades, in aggTradeId order, each id once, and returns once they are
     * durable; throws when they are not (they are offered again later, with any newer ones).
     */
    void append(String symbol, List<AggTrade> trades) throws Exception;

    /** After the last append, when the runner stops: e.g. folds what was appended into its final place. */
    default void finish() throws Exception {
    }

    /** Where the trades go, for messages. */
    String where();
}
