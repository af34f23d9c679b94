package io.ratchet.data.kline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A Binance kline interval ({@code 1m}, {@code 1h}, ...). {@code 1M} is a calendar month. */
public enum Interval {
    S1("1s", 1_000L),
    M1("1m", 60_000L),
    M3("3m", 180_000L),
    M5("5m", 300_000L),
    M15("15m", 900_000L),
    M30("30m", 1_800_000L),
    H1("1h", 3_600_000L),
    H2("2h", 7_200_000L),
    H4("4h", 14_400_000L),
    H6("6h", 21_600_000L),
    H8("8h", 28_800_000L),
    H12("12h", 43_200_000L),
    D1("1d", 86_400_000L),
    D3("3d", 259_200_000L),
    W1("1w", 604_800_000L),
    MONTH1("1M", 0L);

    private final String id;
    private final long millis;

    Interval(String id, long millis) {
        this.id = id;
        this.millis = millis;
    }

    /** Binance's name: {@code 1m}, {@code 4h}, {@code 1M}. */
    public String id() {
        return id;
    }

    /** The fixed length in milliseconds; for {@code 1M}, 31 days (an upper bound). */
    public long millis() {
        return millis > 0 ? millis : 31L * 86_400_000L;
    }

    /** Open time of the bar after the one opening at {@code openTime}. */
    public long next(long openTime) {
        if (millis > 0) {
            return openTime + millis;
        }
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(openTime), ZoneOffset.UTC).plusMonths(1).toInstant().toEpochMilli();
    }

    /** Whether a bar may open at {@code openTime} (Binance bars open on the interval grid, UTC). */
    public boolean onGrid(long openTime) {
        if (this == W1) {
            return Math.floorMod(openTime - 345_600_000L, millis) == 0; // weeks open on Monday 00:00 UTC
        }
        if (millis > 0) {
            return Math.floorMod(openTime, millis) == 0;
        }
        ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochMilli(openTime), ZoneOffset.UTC);
        return t.getDayOfMonth() == 1 && t.toLocalTime().toNanoOfDay() == 0;
    }

    /** Parses Binance's name (case matters: {@code 1m} is a minute, {@code 1M} a month). */
    public static Interval parse(String text) {
        for (Interval i : values()) {
            if (i.id.equals(text)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown interval '" + text + "' (allowed: "
                + Arrays.stream(values()).map(Interval::id).collect(Collectors.joining(", ")) + ")");
    }

    /** The interval whose fixed length is {@code millis}, or null. */
    public static Interval ofMillis(long millis) {
        for (Interval i : values()) {
            if (i.millis == millis) {
                return i;
            }
        }
        return null;
    }
}
