package io.ratchet.backtest.entry;

import io.ratchet.engine.Bars;
import io.ratchet.engine.Direction;
import io.ratchet.engine.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An entries file: {@code time,direction} per line, {@code time} the epoch ms of a bar's
 * open, an optional header line. Each row is one position; rows may repeat a time.
 *
 * <p>A third column {@code price} makes the entry exact: the position enters at that price at
 * that time (epoch ms, anywhere inside a bar of the data), as a live position filled
 * ({@code ratchet live status --export} writes such a file). Only the trades walk (a bar cannot
 * say what came after a time inside it): the caller checks that.
 */
public final class EntryCsv {
    private EntryCsv() {
    }

    public static Entries read(Path file, Bars bars) {
        return read(file, bars, 0);
    }

    /**
     * @param intervalMillis the bars' interval, for exact entries: a time is in the bar whose span
     *                       holds it, or, where no bar holds it (a bar with no trade after the entry
     *                       was never built from a recording), in the first bar after it; 0 when
     *                       unknown (a time after a bar's open is in that bar)
     */
    public static Entries read(Path file, Bars bars, long intervalMillis) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EntryFileException(file + ": cannot read: " + e.getMessage());
        }
        List<int[]> rows = new ArrayList<>();
        List<Direction> dirs = new ArrayList<>();
        List<long[]> times = new ArrayList<>();
        List<Double> prices = new ArrayList<>();
        boolean anyExact = false;
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1)); // a spreadsheet's byte order mark: encoding, not a column
        }
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            int lineNo = n + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (n == 0 && f[0].trim().equalsIgnoreCase("time")) {
                continue;
            }
            if (f.length != 2 && f.length != 3) {
                throw new EntryFileException(file + ": line " + lineNo + ": expected 2 columns time,direction (or 3: time,direction,price), found "
                        + f.length);
            }
            long time;
            try {
                time = Long.parseLong(f[0].trim());
            } catch (NumberFormatException e) {
                throw new EntryFileException(file + ": line " + lineNo + ": column time: not epoch milliseconds: '" + f[0].trim() + "'");
            }
            double price = Double.NaN;
            if (f.length == 3 && !f[2].isBlank()) {
                try {
                    price = Double.parseDouble(f[2].trim());
                } catch (NumberFormatException e) {
                    price = Double.NaN;
                }
                if (!(price > 0) || Double.isInfinite(price)) {
                    throw new EntryFileException(file + ": line " + lineNo + ": column price: '" + f[2].trim()
                            + "' is not a positive price (leave it empty to enter at the bar's open)");
                }
            }
            boolean exact = price == price;
            int bar = exact ? barHolding(bars, time, intervalMillis) : bars.indexOf(time);
            if (bar < 0) {
                throw new EntryFileException(file + ": line " + lineNo + ": column time: " + time + " ("
                        + java.time.Instant.ofEpochMilli(time) + ") is not " + (exact ? "inside a bar of the data" : "the open time of a bar in the data"));
            }
            Direction d;
            try {
                d = Direction.parse(f[1]);
            } catch (InvalidConfigException e) {
                throw new EntryFileException(file + ": line " + lineNo + ": column direction: " + e.getMessage().substring("direction: ".length()));
            }
            rows.add(new int[] {bar, rows.size()});
            dirs.add(d);
            times.add(new long[] {time});
            prices.add(price);
            anyExact |= exact;
        }
        rows.sort(Comparator.<int[]>comparingInt(r -> r[0]).thenComparingInt(r -> r[1]));
        int[] bar = new int[rows.size()];
        Direction[] dir = new Direction[rows.size()];
        long[] time = anyExact ? new long[rows.size()] : null;
        double[] price = anyExact ? new double[rows.size()] : null;
        for (int k = 0; k < rows.size(); k++) {
            int row = rows.get(k)[1];
            bar[k] = rows.get(k)[0];
            dir[k] = dirs.get(row);
            if (anyExact) {
                time[k] = times.get(row)[0];
                price[k] = prices.get(row);
            }
        }
        return new Entries(bar, dir, time, price);
    }

    /**
     * The bar of an exact entry at epoch ms {@code t}: the bar whose span holds it, else the first
     * bar opening after it (an entry in a gap, or up to one interval before the first bar: a bar
     * with no trade after the entry, which klines built from a recording do not have), or -1.
     */
    private static int barHolding(Bars bars, long t, long intervalMillis) {
        if (bars.size() == 0) {
            return -1;
        }
        int i = bars.ceilingIndex(t);
        long[] open = bars.openTime();
        if (i < bars.to() && open[i] == t) {
            return i;
        }
        int before = i - 1;
        long span = intervalMillis > 0 ? intervalMillis : before > bars.from() ? open[before] - open[before - 1] : 0;
        if (before >= bars.from() && (intervalMillis <= 0 && i < bars.to() || t < open[before] + span)) {
            return before;
        }
        if (i < bars.to() && (before >= bars.from() || intervalMillis > 0 && t >= open[i] - intervalMillis)) {
            return i;
        }
        return -1;
    }
}
