package io.ratchet.data.rest;

/** Binance answered with an error that retrying will not fix ({@code {"code": -1121, "msg": "Invalid symbol."}}). */
public final class BinanceApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int code;

    public BinanceApiException(int status, int code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** Binance's error code ({@code -1121}), or 0 if the body had none. */
    public int code() {
        return code;
    }
}
