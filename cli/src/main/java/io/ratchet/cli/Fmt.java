package io.ratchet.cli;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and time text for terminal tables. */
final class Fmt {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private Fmt() {
    }

    /** Decimals that show a price's meaningful digits: 2 for BTC, 8 for a small-cap coin. */
    static int priceDecimals(double reference) {
        if (!(reference > 0)) {
            return 2;
        }
        int magnitude = (int) Math.floor(Math.log10(reference));
        return Math.max(2, Math.min(10, 5 - magnitude));
    }

    static String price(double value, int decimals) {
        return value != value ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A fraction as percent with the given decimals, {@code -} for NaN. */
    static String pct(double fraction, int decimals) {
        return fraction != fraction ? "-" : String.format(Locale.ROOT, "%+." + decimals + "f%%", 100 * fraction);
    }

    /** The per-trade sum's fall (a fraction of one unit stake) in points, unsigned: "0.47 points"; {@code -} for NaN. */
    static String points(double fraction) {
        return fraction != fraction ? "-" : String.format(Locale.ROOT, "%.2f points", 100 * fraction);
    }

    static String num(double value, int decimals) {
        return value != value ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Shortest exact decimal text, for CSV and labels. */
    static String plain(double value) {
        return value != value ? "" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }
}
