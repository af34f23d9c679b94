package io.ratchet.data.read;

import java.nio.charset.StandardCharsets;

/**
 * Decimal text to double straight from bytes. Exact: a mantissa below 2^53 divided or
 * multiplied by a power of ten up to 10^22 is correctly rounded (Clinger's fast path), which
 * covers every Binance price and volume; anything else goes to {@link Double#parseDouble}.
 */
final class FastDecimal {
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private FastDecimal() {
    }

    /** Parses {@code buf[start, end)}; returns {@code NaN} when it is not a number. */
    static double parse(byte[] buf, int start, int end) {
        int i = start;
        if (i >= end) {
            return Double.NaN;
        }
        boolean negative = false;
        if (buf[i] == '-' || buf[i] == '+') {
            negative = buf[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = 0;
        boolean dot = false;
        boolean any = false;
        for (; i < end; i++) {
            byte b = buf[i];
            if (b >= '0' && b <= '9') {
                any = true;
                if (digits < 18) {
                    if (mantissa != 0 || b != '0') {
                        digits++;
                    }
                    mantissa = mantissa * 10 + (b - '0');
                    if (dot) {
                        fraction++;
                    }
                } else {
                    return slow(buf, start, end);
                }
            } else if (b == '.' && !dot) {
                dot = true;
            } else if (b == 'e' || b == 'E') {
                return slow(buf, start, end);
            } else {
                return Double.NaN;
            }
        }
        if (!any) {
            return Double.NaN;
        }
        if (mantissa >= (1L << 53) || fraction > 22) {
            return slow(buf, start, end);
        }
        double v = fraction == 0 ? mantissa : mantissa / POW10[fraction];
        return negative ? -v : v;
    }

    private static double slow(byte[] buf, int start, int end) {
        try {
            return Double.parseDouble(new String(buf, start, end - start, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Parses a whole number; returns {@code Long.MIN_VALUE} when it is not one. */
    static long parseLong(byte[] buf, int start, int end) {
        int i = start;
        if (i >= end || end - start > 19) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < end; i++) {
            byte b = buf[i];
            if (b < '0' || b > '9') {
                // Some exports write times as 1503658800.0: accept a zero fraction only.
                if (b == '.' && i > start) {
                    for (int k = i + 1; k < end; k++) {
                        if (buf[k] != '0') {
                            return Long.MIN_VALUE;
                        }
                    }
                    return v;
                }
                return Long.MIN_VALUE;
            }
            v = v * 10 + (b - '0');
        }
        return v;
    }
}
