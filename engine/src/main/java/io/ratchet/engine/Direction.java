package io.ratchet.engine;

import java.util.Locale;

/** The side of a position. {@link #sign()} is the {@code d} of the contract. */
public enum Direction {
    LONG(1),
    SHORT(-1);

    private final int sign;

    Direction(int sign) {
        this.sign = sign;
    }

    /** {@code +1} long, {@code -1} short. */
    public int sign() {
        return sign;
    }

    /** The lower-case name used in files and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code long} or {@code short} (any case). */
    public static Direction parse(String text) {
        if (text != null) {
            for (Direction d : values()) {
                if (d.id().equalsIgnoreCase(text.trim())) {
                    return d;
                }
            }
        }
        throw new InvalidConfigException("direction", "unknown '" + text + "' (allowed: long, short)");
    }
}
