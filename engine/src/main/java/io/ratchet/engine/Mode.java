package io.ratchet.engine;

/** How the stop candidate follows the favourable extreme. */
public enum Mode {
    /** Keeps a fraction {@code trail} of the open profit: {@code E + trail * (P - E)}. */
    PROFIT_LOCK("profit-lock"),
    /** Sits a fraction {@code trail} behind the extreme: {@code P * (1 - d * trail)}. */
    PERCENT("percent");

    private final String id;

    Mode(String id) {
        this.id = id;
    }

    /** The name used in files and on the command line. */
    public String id() {
        return id;
    }

    /** Parses {@code profit-lock} or {@code percent}. */
    public static Mode parse(String text) {
        if (text != null) {
            for (Mode m : values()) {
                if (m.id.equalsIgnoreCase(text.trim())) {
                    return m;
                }
            }
        }
        throw new InvalidConfigException("mode", "unknown '" + text + "' (allowed: profit-lock, percent)");
    }
}
