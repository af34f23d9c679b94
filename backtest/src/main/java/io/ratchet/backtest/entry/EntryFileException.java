package io.ratchet.backtest.entry;

/** An entries file or rule that cannot be used; the message names the file and line, or the rule. */
public final class EntryFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EntryFileException(String message) {
        super(message);
    }
}
