package io.ratchet.data.trades;

import io.ratchet.data.read.KlineFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Binance's aggTrades dump CSV, parsed from bytes: spot's 8 columns
 * {@code agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker,is_best_match}
 * or USD-M futures' first 7, with or without that header; times in ms (dumps before 2025) or
 * µs (from 2025). Refuses anything else, naming file, line and column, and what is valid.
 */
public final class AggTradeParser {
    static final String[] COLUMNS = {"agg_trade_id", "price", "quantity", "first_trade_id", "last_trade_id", "transact_time",
        "is_buyer_maker", "is_best_match"};
    static final String LAYOUT = "Ratchet reads Binance aggTrades dumps from data.binance.vision: CSV or a ZIP holding one CSV, "
            + "spot's 8 columns agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker,is_best_match "
            + "or USD-M futures' first 7, with or without that header, times in ms or us";
    private static final long MICROS_THRESHOLD = 100_000_000_000_000L; // 1e14: ms until year 5138, us since 1973
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** What the file says about itself. */
    public record Facts(int rows, int columns, boolean microseconds) {
    }

    private AggTradeParser() {
    }

    /** Whether the first data line of {@code buf} looks like an aggTrades row (7 or 8 columns, a true/false in column 7). */
    public static boolean looksLikeAggTrades(byte[] buf, int length) {
        int pos = length >= 3 && buf[0] == BOM[0] && buf[1] == BOM[1] && buf[2] == BOM[2] ? 3 : 0;
        int end = pos;
        while (end < length && buf[end] != '\n') {
            end++;
        }
        String first = new String(buf, pos, end - pos, StandardCharsets.UTF_8).trim();
        if (isHeader(first)) {
            return true;
        }
        String[] f = first.split(",", -1);
        return (f.length == 7 || f.length == 8) && (f[6].equalsIgnoreCase("true") || f[6].equalsIgnoreCase("false"));
    }

    public static Facts parse(byte[] buf, int length, String name, int fileIndex, TradeBuffer out) {
        int pos = length >= 3 && buf[0] == BOM[0] && buf[1] == BOM[1] && buf[2] == BOM[2] ? 3 : 0;
        int lineNo = 0;
        int rows = 0;
        int columns = 0;
        int unit = 0; // 0 unknown, 1000 ms (to us), 1 us
        int[] comma = new int[8];
        int[] sig = new int[1];
        long prevId = Long.MIN_VALUE;
        int priceDec = 0;
        int qtyDec = 0;
        out.ensure(length / 56);
        while (pos < length) {
            int start = pos;
            int end = start;
            while (end < length && buf[end] != '\n') {
                end++;
            }
            pos = end + 1;
            lineNo++;
            int stop = end > start && buf[end - 1] == '\r' ? end - 1 : end;
            if (stop == start) {
                continue;
            }
            int fields = 0;
            for (int i = start; i < stop; i++) {
                if (buf[i] == ',') {
                    if (fields == 8) {
                        fields++;
                        break;
                    }
                    comma[fields++] = i;
                }
            }
            if (rows == 0 && (buf[start] < '0' || buf[start] > '9')) {
                String first = new String(buf, start, stop - start, StandardCharsets.UTF_8);
                if (lineNo == 1 && isHeader(first)) {
                    continue;
                }
                throw new KlineFormatException(name + ": line " + lineNo + ": not a Binance aggTrades dump (starts with '"
                        + abbreviate(first) + "'). " + LAYOUT);
            }
            int cols = fields + 1;
            if (columns == 0) {
                if (cols != 7 && cols != 8) {
                    throw new KlineFormatException(name + ": line " + lineNo + ": expected 8 comma-separated columns (spot: "
                            + String.join(",", COLUMNS) + ") or 7 (USD-M futures, without is_best_match), found " + (cols > 8 ? "more than 8" : cols)
                            + ". " + LAYOUT);
                }
                columns = cols;
            } else if (cols != columns) {
                throw new KlineFormatException(name + ": line " + lineNo + ": " + (cols > 8 ? "more than 8" : cols) + " columns, but the lines before have " + columns
                        + "; every line of a dump has the same columns");
            }
            comma[columns - 1] = stop; // the end of the last field
            long id = whole(buf, start, comma[0], name, lineNo, 0);
            if (id <= prevId) {
                throw new KlineFormatException(name + ": line " + lineNo + ": column 1 (agg_trade_id): " + id
                        + (id == prevId ? " repeats the line before" : " is below " + prevId + " of the line before")
                        + "; ids must increase line by line");
            }
            prevId = id;
            long price = decimal(buf, comma[0] + 1, comma[1], name, lineNo, 1, sig);
            int pd = sig[0];
            long qty = decimal(buf, comma[1] + 1, comma[2], name, lineNo, 2, sig);
            int qd = sig[0];
            if (pd > priceDec) {
                priceDec = pd;
            }
            if (qd > qtyDec) {
                qtyDec = qd;
            }
            long first = whole(buf, comma[2] + 1, comma[3], name, lineNo, 3);
            long last = whole(buf, comma[3] + 1, comma[4], name, lineNo, 4);
            if (last < first) {
                throw new KlineFormatException(name + ": line " + lineNo + ": column 5 (last_trade_id): " + last
                        + " is below first_trade_id " + first + "; an aggregate trade spans first_trade_id..last_trade_id");
            }
            long t = whole(buf, comma[4] + 1, comma[5], name, lineNo, 5);
            if (unit == 0) {
                unit = t >= MICROS_THRESHOLD ? 1 : 1000;
            } else if ((t >= MICROS_THRESHOLD) != (unit == 1)) {
                throw new KlineFormatException(name + ": line " + lineNo + ": column 6 (transact_time): " + t
                        + " mixes microseconds and milliseconds in one file (the lines before are in " + (unit == 1 ? "us" : "ms") + ")");
            }
            boolean maker = bool(buf, comma[5] + 1, comma[6], name, lineNo, 6);
            if (columns == 8) {
                bool(buf, comma[6] + 1, comma[7], name, lineNo, 7);
            }
            out.add(id, first, last, t * unit, price, qty, maker, fileIndex, lineNo);
            rows++;
        }
        out.noteDecimals(priceDec, qtyDec);
        return new Facts(rows, columns, unit == 1);
    }

    /** A price or quantity as the REST API prints it ("42000.01000000"), as an integer of 10^-8; {@code where} names it in errors. */
    public static long units8(String text, String where, boolean isPrice) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return decimal(b, 0, b.length, where, 0, isPrice ? 1 : 2, new int[1]);
    }

    /** A positive decimal with at most 8 significant decimals, as an integer of 10^-8. */
    private static long decimal(byte[] buf, int a, int b, String name, int lineNo, int column, int[] decimals) {
        long v = 0;
        int frac = -1; // digits after the dot so far, -1 before a dot
        int sig = 0;
        int digits = 0;
        for (int i = a; i < b; i++) {
            byte c = buf[i];
            if (c >= '0' && c <= '9') {
                digits++;
                if (frac >= 0) {
                    frac++;
                    if (frac > TradeBuffer.SCALE) {
                        if (c != '0') {
                            throw new KlineFormatException(name + ": line " + lineNo + ": column " + (column + 1) + " (" + COLUMNS[column]
                                    + "): '" + text(buf, a, b) + "' has more than 8 decimals; Binance prints at most 8");
                        }
                        continue;
                    }
                    if (c != '0') {
                        sig = frac;
                    }
                }
                if (v >= 100_000_000_000_000_000L) {
                    throw tooLarge(buf, a, b, name, lineNo, column);
                }
                v = v * 10 + (c - '0');
            } else if (c == '.' && frac < 0) {
                frac = 0;
            } else {
                throw notDecimal(buf, a, b, name, lineNo, column);
            }
        }
        if (digits == 0) {
            throw notDecimal(buf, a, b, name, lineNo, column);
        }
        if (frac < TradeBuffer.SCALE) {
            long m = TradeSeries.pow10(TradeBuffer.SCALE - Math.max(frac, 0));
            v = v > Long.MAX_VALUE / m ? -1 : v * m;
        }
        if (v > 9_000_000_000_000_000_000L || v < 0) {
            throw tooLarge(buf, a, b, name, lineNo, column);
        }
        if (v == 0) {
            throw new KlineFormatException(name + ": line " + lineNo + ": column " + (column + 1) + " (" + COLUMNS[column] + "): '"
                    + text(buf, a, b) + "' is not positive; a " + (column == 1 ? "price" : "quantity") + " is a decimal above 0, like "
                    + (column == 1 ? "42000.01" : "0.00125"));
        }
        decimals[0] = sig;
        return v;
    }

    private static KlineFormatException tooLarge(byte[] buf, int a, int b, String name, int lineNo, int column) {
        return new KlineFormatException(name + ": line " + lineNo + ": column " + (column + 1) + " (" + COLUMNS[column]
                + "): '" + text(buf, a, b) + "' is too large (at most 90000000000)");
    }

    private static KlineFormatException notDecimal(byte[] buf, int a, int b, String name, int lineNo, int column) {
        return new KlineFormatException(name + ": line " + lineNo + ": column " + (column + 1) + " (" + COLUMNS[column]
                + "): not a positive decimal: '" + text(buf, a, b) + "'; write it like " + (column == 1 ? "42000.01" : "0.00125"));
    }

    private static long whole(byte[] buf, int a, int b, String name, int lineNo, int column) {
        if (b <= a || b - a > 18) {
            throw notWhole(buf, a, b, name, lineNo, column);
        }
        long v = 0;
        for (int i = a; i < b; i++) {
            byte c = buf[i];
            if (c < '0' || c > '9') {
                throw notWhole(buf, a, b, name, lineNo, column);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static KlineFormatException notWhole(byte[] buf, int a, int b, String name, int lineNo, int column) {
        return new KlineFormatException(name + ": line " + lineNo + ": column " + (column + 1) + " (" + COLUMNS[column]
                + "): not a whole number: '" + text(buf, a, b) + "'; "
                + (column == 5 ? "a time is epoch ms (or us from 2025), like 1704067200000" : "an id is a whole number 0 or above"));
    }

    private static boolean bool(byte[] buf, int a, int b, String name, int lineNo, int column) {
        int n = b - a;
        if (n == 4 && (buf[a] | 0x20) == 't' && (buf[a + 1] | 0x20) == 'r' && (buf[a + 2] | 0x20) == 'u' && (buf[a + 3] | 0x20) == 'e') {
            return true;
        }
        if (n == 5 && (buf[a] | 0x20) == 'f' && (buf[a + 1] | 0x20) == 'a' && (buf[a + 2] | 0x20) == 'l' && (buf[a + 3] | 0x20) == 's'
                && (buf[a + 4] | 0x20) == 'e') {
            return false;
        }
        throw new KlineFormatException(name + ": line " + lineNo + ": column " + (column + 1) + " (" + COLUMNS[column] + "): '"
                + text(buf, a, b) + "' is not true or false");
    }

    private static String text(byte[] buf, int a, int b) {
        return abbreviate(new String(buf, a, Math.max(0, b - a), StandardCharsets.UTF_8));
    }

    static boolean isHeader(String line) {
        String[] f = line.trim().split(",");
        if (f.length != 7 && f.length != 8) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            if (!f[i].trim().equalsIgnoreCase(COLUMNS[i])) {
                return false;
            }
        }
        return true;
    }

    static String abbreviate(String s) {
        String cut = s.length() > 60 ? s.substring(0, 57) + "..." : s;
        StringBuilder b = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || c == 0xFFFD) {
                b.append(String.format(Locale.ROOT, "\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
