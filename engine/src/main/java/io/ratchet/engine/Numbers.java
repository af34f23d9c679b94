package io.ratchet.engine;

import java.math.BigDecimal;

/** Plain decimal text for labels: {@code 0.05}, never {@code 5.0E-2}. */
final class Numbers {
    private Numbers() {
    }

    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
