package io.ratchet.live;

import java.util.List;

/**
 * The price feed as the dashboard's health strip shows it.
 *
 * @param state      {@code connected} (every watched symbol streams), {@code polling} (some symbol is
 *                   watched from REST: not streamed yet, or the stream is silent) or {@code idle} (nothing watched)
 * @param reconnects reconnections of a silent stream and drops reported by it, since the start
 */
public record FeedHealth(String state, int reconnects, List<Symbol> symbols) {
    /** @param lastTradeAgeMillis wall time since its last trade arrived, -1 if none has yet */
    public record Symbol(String symbol, boolean streaming, long lastTradeAgeMillis) {
    }
}
