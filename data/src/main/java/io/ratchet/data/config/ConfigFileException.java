package io.ratchet.data.config;

/** A configuration file that cannot be used; the message names the file and the field. */
public final class ConfigFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
