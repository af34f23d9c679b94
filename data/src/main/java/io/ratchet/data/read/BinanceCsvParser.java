package io.ratchet.data.read;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Binance's kline dump CSV, parsed from bytes into a {@link KlineBuffer}. Refuses any other
 * layout rather than guess at it.
 */
final class BinanceCsvParser {
    private static final long MICROS_THRESHOLD = 100_000_000_000_000L; // 1e14: ms until year 5138, us since 1973

    private BinanceCsvParser() {
    }

    /** What the file itself says about its series. */
    record Facts(int rows, boolean microseconds, long barMillis, int firstDataLine) {
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    static Facts parse(byte[] buf, int length, String name, int fileIndex, KlineBuffer out) {
        // Spreadsheets save CSV with a UTF-8 byte order mark; it is encoding, not content.
        int pos = length >= 3 && buf[0] == BOM[0] && buf[1] == BOM[1] && buf[2] == BOM[2] ? 3 : 0;
        int firstDataLine = 0;
        int lineNo = 0;
        int rows = 0;
        int unit = 0; // 0 unknown, 1 ms, 1000 us
        long barMillis = -1;
        int[] comma = new int[12];
        out.ensure(length / 60);
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
                continue; // blank line
            }
            int fields = 0;
            for (int i = start; i < stop && fields < 12; i++) {
                if (buf[i] == ',') {
                    comma[fields++] = i;
                }
            }
            if (rows == 0 && unit == 0 && (buf[start] < '0' || buf[start] > '9')) {
                String first = new String(buf, start, stop - start, StandardCharsets.UTF_8);
                if (lineNo == 1 && isBinanceHeader(first)) {
                    continue;
                }
                throw new KlineFormatException(name + ": line " + lineNo + ": not a Binance kline dump (starts with '"
                        + abbreviate(first) + "'). " + Layouts.READ);
            }
            if (fields != 11) {
                throw new KlineFormatException(name + ": line " + lineNo + ": expected 12 comma-separated columns ("
                        + String.join(",", Layouts.BINANCE_COLUMNS) + "), found " + (fields + 1)
                        + (rows == 0 ? ". " + Layouts.READ : ""));
            }
            long t = FastDecimal.parseLong(buf, start, comma[0]);
            if (t == Long.MIN_VALUE) {
                throw bad(name, lineNo, 0, buf, start, comma[0]);
            }
            if (unit == 0) {
                unit = t >= MICROS_THRESHOLD ? 1000 : 1;
            } else if ((t >= MICROS_THRESHOLD) != (unit == 1000)) {
                throw new KlineFormatException(name + ": line " + lineNo + ": column open_time: " + t
                        + " mixes microseconds and milliseconds in one file");
            }
            double o = number(buf, comma[0] + 1, comma[1], name, lineNo, 1);
            double h = number(buf, comma[1] + 1, comma[2], name, lineNo, 2);
            double l = number(buf, comma[2] + 1, comma[3], name, lineNo, 3);
            double c = number(buf, comma[3] + 1, comma[4], name, lineNo, 4);
            double v = number(buf, comma[4] + 1, comma[5], name, lineNo, 5);
            if (rows == 0) {
                long ct = FastDecimal.parseLong(buf, comma[5] + 1, comma[6]);
                if (ct == Long.MIN_VALUE) {
                    throw bad(name, lineNo, 6, buf, comma[5] + 1, comma[6]);
                }
                barMillis = (ct - t + 1) / unit;
                firstDataLine = lineNo;
            }
            out.add(t / unit, o, h, l, c, v, fileIndex, lineNo);
            rows++;
        }
        return new Facts(rows, unit == 1000, barMillis, firstDataLine);
    }

    private static double number(byte[] buf, int a, int b, String name, int lineNo, int column) {
        double v = FastDecimal.parse(buf, a, b);
        if (v != v) {
            throw bad(name, lineNo, column, buf, a, b);
        }
        return v;
    }

    private static KlineFormatException bad(String name, int lineNo, int column, byte[] buf, int a, int b) {
        String text = new String(buf, a, Math.max(0, b - a), StandardCharsets.UTF_8);
        return new KlineFormatException(name + ": line " + lineNo + ": column " + (column + 1) + " ("
                + Layouts.BINANCE_COLUMNS[column] + "): not a number: '" + abbreviate(text) + "'");
    }

    private static boolean isBinanceHeader(String line) {
        String[] f = line.trim().split(",");
        return f.length == 12 && f[0].trim().equalsIgnoreCase("open_time") && f[4].trim().equalsIgnoreCase("close");
    }

    /** Shortened, and with invisible characters shown as {@code \\uXXXX}: a message must show what is there. */
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
