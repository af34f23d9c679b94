package io.ratchet.engine;

/** The order in which a bar's high and low are walked (a kline cannot tell). */
public enum IntrabarOrder {
    /** Pessimistic: long {@code O, L, H, C}, short {@code O, H, L, C}. The default. */
    ADVERSE_FIRST("adverse-first"),
    /** Optimistic: long {@code O, H, L, C}, short {@code O, L, H, C}. */
    FAVOURABLE_FIRST("favourable-first"),
    /** Direction-free: {@code C >= O} walks {@code O, L, H, C}, else {@code O, H, L, C}. */
    OHLC("ohlc"),
    /** Each bar replaced by the lower-timeframe bars inside it, each walked as {@link #OHLC}. */
    DETAIL("detail");

    private final String id;

    IntrabarOrder(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Whether a bar is walked low before high for a position of sign {@code d}. */
    public boolean lowFirst(int d, double open, double close) {
        return switch (this) {
            case ADVERSE_FIRST -> d > 0;
            case FAVOURABLE_FIRST -> d < 0;
            case OHLC, DETAIL -> close >= open;
        };
    }

    public static IntrabarOrder parse(String text) {
        if (text != null) {
            for (IntrabarOrder o : values()) {
                if (o.id.equalsIgnoreCase(text.trim())) {
                    return o;
                }
            }
        }
        throw new InvalidConfigException("intrabar",
                "unknown '" + text + "' (allowed: adverse-first, favourable-first, ohlc, detail)");
    }
}
