package io.ratchet.sim;

/**
 * The WebSocket API's connection timing.
 *
 * @param pingMillis           a ping frame on every connection this often
 * @param lifetimeMillis       a connection is closed by the server this long after it opened
 * @param shutdownNoticeMillis the {@code serverShutdown} event goes out this long before the close
 */
public record WsApiSettings(long pingMillis, long lifetimeMillis, long shutdownNoticeMillis) {
    /** Binance's: a ping every 20 s, 24 h connections. */
    public static final WsApiSettings BINANCE = new WsApiSettings(20_000, 24 * 3_600_000L, 30_000);

    public WsApiSettings {
        if (pingMillis < 1 || lifetimeMillis < 1 || shutdownNoticeMillis < 0 || shutdownNoticeMillis >= lifetimeMillis) {
            throw new IllegalArgumentException("WebSocket API timing: ping and lifetime must be positive and the notice shorter than the lifetime");
        }
    }
}
