package io.ratchet.cli;

/** A runtime failure with a message meant for the user (exit code 1, no stack trace). */
public class UserFacingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserFacingException(String message, Throwable cause) {
        super(message, cause);
    }
}
