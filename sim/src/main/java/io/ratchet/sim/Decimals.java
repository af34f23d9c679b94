package io.ratchet.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Binance writes decimals as strings with 8 places: {@code "0.00100000"}. */
final class Decimals {
    private Decimals() {
    }

    static String of(BigDecimal v) {
        return v == null ? "0.00000000" : v.setScale(8, RoundingMode.HALF_UP).toPlainString();
    }

    static String of(double v) {
        return of(BigDecimal.valueOf(v));
    }
}
