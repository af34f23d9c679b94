package io.ratchet.live.exchange;

/**
 * The exchange refused or failed a call. {@code definite} says whether the outcome is known
 * (a 4xx with a Binance code: the order was not placed) or unknown (timeouts, resets, 5xx,
 * -1001/-1006/-1007: it may have been placed, so ask before trying again).
 */
public final class ExchangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int code;
    private final boolean definite;
    private final long retryAfterMillis;

    public ExchangeException(int status, int code, String message, boolean definite) {
        this(status, code, message, definite, -1);
    }

    /** {@code retryAfterMillis}: how long the exchange asked us to wait (its Retry-After; 0 is "at once"), -1 if it did not say. */
    public ExchangeException(int status, int code, String message, boolean definite, long retryAfterMillis) {
        super(message);
        this.status = status;
        this.code = code;
        this.definite = definite;
        this.retryAfterMillis = retryAfterMillis;
    }

    /** The exchange's Retry-After, in ms; -1 if it gave none. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }

    public boolean definite() {
        return definite;
    }

    /**
     * Refused before the exchange acted, for a reason that time cures: a rate limit (429/418,
     * -1003, -1015) or a clock out of the receive window (-1021). Wait, then send the same again.
     */
    public boolean waitAndRetry() {
        return definite && (status == 429 || status == 418 || code == -1003 || code == -1015 || code == -1021);
    }

    /** Binance's codes for "sent, status unknown". */
    static boolean unknownCode(int code) {
        return code == -1001 || code == -1006 || code == -1007;
    }
}
