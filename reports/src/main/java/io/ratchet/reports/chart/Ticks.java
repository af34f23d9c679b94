package io.ratchet.reports.chart;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where an axis's ticks go and what they say: round numbers (1, 2, 5 a power of ten), round UTC times. */
final class Ticks {
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;
    private static final long DAY = 24 * HOUR;
    /** Steps of a time axis below a month, in milliseconds. */
    private static final long[] TIME_STEPS = {MIN, 5 * MIN, 15 * MIN, 30 * MIN, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY,
        14 * DAY};
    private static final int[] MONTH_STEPS = {1, 2, 3, 6, 12, 24, 60, 120};
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MONTHS = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Ticks at their positions and labels. */
    record Axis(double[] at, String[] label) {
    }

    private Ticks() {
    }

    /** The round step (1, 2 or 5 a power of ten) nearest to {@code span / target}, on a log scale. */
    static double step(double span, int target) {
        double raw = span / Math.max(1, target);
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f < Math.sqrt(2) ? 1 : f < Math.sqrt(10) ? 2 : f < Math.sqrt(50) ? 5 : 10) * p;
    }

    /** Round numbers in {@code [lo, hi]}, about {@code target} intervals apart. */
    static Axis numbers(double lo, double hi, int target) {
        double step = step(hi - lo, target);
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        List<Double> at = new ArrayList<>();
        for (long k = first; k <= last && at.size() < 200; k++) {
            at.add(k * step);
        }
        double[] a = new double[at.size()];
        String[] l = new String[a.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = at.get(i);
            l[i] = number(a[i], decimals);
        }
        return new Axis(a, l);
    }

    /** {@code v} with {@code decimals} places, thousands apart by commas, and a real minus sign. */
    static String number(double v, int decimals) {
        if (v != v) {
            return "-";
        }
        String s = String.format(Locale.ROOT, "%,." + decimals + "f", Math.abs(v));
        boolean zero = true;
        for (int i = 0; i < s.length() && zero; i++) {
            char c = s.charAt(i);
            zero = c == '0' || c == '.' || c == ',';
        }
        return v < 0 && !zero ? "\u2212" + s : s;
    }

    /**
     * Round UTC times in {@code [lo, hi]} (epoch milliseconds), the step the smallest whose labels,
     * {@code glyphs} wide, fit {@code pixels} with room between them.
     */
    static Axis times(long lo, long hi, int pixels, Glyphs glyphs) {
        long span = Math.max(1, hi - lo);
        for (long step : TIME_STEPS) {
            DateTimeFormatter f = step < DAY ? MINUTES : DAYS;
            int label = glyphs.width(f.format(Instant.ofEpochMilli(lo))) + 24;
            if ((double) step / span * pixels >= label) {
                List<Long> at = new ArrayList<>();
                // Days and weeks from midnight UTC (weeks from a Monday); shorter steps from their own multiple.
                long origin = step == 7 * DAY || step == 14 * DAY ? 4 * DAY : 0;
                long first = Math.floorDiv(lo - origin + step - 1, step) * step + origin;
                for (long t = first; t <= hi && at.size() < 200; t += step) {
                    at.add(t);
                }
                return timeAxis(at, f);
            }
        }
        for (int months : MONTH_STEPS) {
            DateTimeFormatter f = months < 12 ? MONTHS : DateTimeFormatter.ofPattern("yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);
            int label = glyphs.width(f.format(Instant.ofEpochMilli(lo))) + 24;
            if (months * 30.4 * DAY / span * pixels >= label) {
                List<Long> at = new ArrayList<>();
                LocalDate d = LocalDateTime.ofInstant(Instant.ofEpochMilli(lo), ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
                int index = d.getYear() * 12 + d.getMonthValue() - 1;
                index = Math.floorDiv(index + months - 1, months) * months;
                while (at.size() < 200) {
                    long t = LocalDate.of(Math.floorDiv(index, 12), Math.floorMod(index, 12) + 1, 1).toEpochDay() * DAY;
                    if (t > hi) {
                        break;
                    }
                    if (t >= lo) {
                        at.add(t);
                    }
                    index += months;
                }
                return timeAxis(at, f);
            }
        }
        return timeAxis(List.of(lo), DAYS);
    }

    private static Axis timeAxis(List<Long> at, DateTimeFormatter f) {
        double[] a = new double[at.size()];
        String[] l = new String[a.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = at.get(i);
            l[i] = f.format(Instant.ofEpochMilli(at.get(i)));
        }
        return new Axis(a, l);
    }
}
