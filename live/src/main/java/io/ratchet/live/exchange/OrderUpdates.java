package io.ratchet.live.exchange;

/**
 * The account's order updates as the exchange pushes them (Binance: a user data stream
 * subscription over the WebSocket API). Updates arrive on the source's own threads.
 */
public interface OrderUpdates extends AutoCloseable {

    interface Listener {
        void onExecution(ExecutionReport report);

        /** The subscription is up (again): updates from now on are complete; earlier ones may be missing. */
        void onUpdatesConnected();

        /** The subscription ended or was cut: updates may be missed until {@link #onUpdatesConnected()}. */
        void onUpdatesLost(String why);
    }

    /** Connects, subscribes, and keeps the subscription alive (reconnecting ahead of the exchange's cut). */
    void start(Listener listener);

    @Override
    void close();

    OrderUpdates NONE = new OrderUpdates() {
        @Override
        public void start(Listener listener) {
        }

        @Override
        public void close() {
        }
    };
}
