package io.ratchet.live.record;

import io.ratchet.live.exchange.AggTrade;

/**
 * Where the runner hands every trade it receives: from the stream, from the poll feed, and from
 * REST when it fills a gap (never the points of a 1m bar: those are not trades). Trades come
 * per symbol in the order they are walked, which is not always id order (the gaps of two
 * positions are filled one after the other, each from its own last point) and may repeat one
 * (two positions' gaps overlap): the recorder keeps each aggTradeId once, in id order.
 *
 * <p>{@link #record} is called on the runner's thread: it must return at once, never wait on a
 * disk, never throw. The rest may be called from any thread.
 */
public interface TradeRecorder {

    /** A trade with an aggTradeId (the caller records no other). */
    void record(String symbol, AggTrade trade);

    /** Starts writing; what goes wrong (and right again) is told to {@code alerts}, on the recorder's own thread. */
    default void start(Alerts alerts) {
    }

    /** What the health strip shows of the recording, or null when nothing is recorded. */
    default RecordingHealth health() {
        return null;
    }

    /** Writes what is still buffered (waiting a bounded time), then stops. */
    default void close() {
    }

    /** Stops at once, writing nothing more: what a crash looks like. */
    default void kill() {
    }

    /** Told when writing fails and when it works again; each once per spell. */
    interface Alerts {
        void failing(String detail);

        void recovered(String detail);
    }

    TradeRecorder NONE = (symbol, trade) -> {
    };
}
