package io.ratchet.live.exchange;

/**
 * The exchange refused or failed a call. {@code definite} says whether the outcome is known
 * (a 4xx with a Binance code: the order was not placed) or unknown (timeouts, 5xx: it may
 * have been placed, so ask before trying again).
 */
public final class ExchangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int code;
    private final boolean definite;

    public ExchangeException(int status, int code, String message, boolean definite) {
        super(message);
        this.status = status;
        this.code = code;
        this.definite = definite;
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
}
