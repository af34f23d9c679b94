package io.ratchet.engine;

/** A configuration value outside its allowed range; the message names the field. */
public final class InvalidConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidConfigException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The name of the offending field, as written in config files. */
    public String field() {
        return field;
    }
}
