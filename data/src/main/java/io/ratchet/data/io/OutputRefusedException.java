package io.ratchet.data.io;

/**
 * An output path Ratchet will not write to as given (its parent is a file, it would replace
 * something Ratchet did not write, it is the input data): a usage error, fixed by choosing
 * another path. The message names the path and what would be accepted.
 */
public class OutputRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutputRefusedException(String message) {
        super(message);
    }
}
