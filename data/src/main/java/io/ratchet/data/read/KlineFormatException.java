package io.ratchet.data.read;

/** A kline file that cannot be read as it is; the message names the file (and line and column where there is one). */
public final class KlineFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KlineFormatException(String message) {
        super(message);
    }

    public KlineFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
