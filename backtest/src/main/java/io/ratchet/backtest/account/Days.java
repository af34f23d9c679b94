package io.ratchet.backtest.account;

import io.ratchet.engine.Bars;

/**
 * The UTC days of a range of bars: the last bar of each day, where the equity's daily value
 * is read; and the blocks of its closes the drawdown reads ({@link CloseBlocks}). Built once
 * per range and shared by every configuration.
 */
public final class Days {
    static final long DAY = 86_400_000L;
    /**
     * Absolute bar index of each day's last bar, ascending, then {@code Integer.MAX_VALUE}: the
     * account's walk reads the next day's end without asking whether there is one (a branch
     * its compiled walk first meets at the last day, and was thrown away for).
     */
    final int[] lastBar;
    /** Epoch day of each. */
    final long[] epochDay;
    /** Milliseconds from the first bar's open to the last bar's close. */
    final long span;
    final CloseBlocks blocks;
    /** The bar length ({@link #spacing(Bars)}), read once per range, not once per configuration's walk. */
    final long spacing;
    private final Bars source;
    /** The last range's days: a sweep reads them for every configuration and again for its pick, a backtest for its account. */
    private static volatile Days last;

    private Days(Bars source, int[] lastBar, long[] epochDay, long spacing, long span, CloseBlocks blocks) {
        this.source = source;
        this.spacing = spacing;
        this.lastBar = lastBar;
        this.epochDay = epochDay;
        this.span = span;
        this.blocks = blocks;
    }

    public static Days of(Bars bars) {
        Days known = last;
        if (known != null && known.source == bars) {
            return known; // bars are never changed once made
        }
        long[] t = bars.openTime();
        int from = bars.from();
        int to = bars.to();
        // One division a day, not one a bar (bars are in time order): a sweep builds these for each part of every run.
        int[] lastOf = new int[Math.max(0, to - from)];
        int count = 0;
        int i = from;
        while (i < to) {
            long next = (Math.floorDiv(t[i], DAY) + 1) * DAY; // the next day's first millisecond
            while (i + 1 < to && t[i + 1] < next) {
                i++;
            }
            lastOf[count++] = i++;
        }
        lastOf = java.util.Arrays.copyOf(lastOf, count + 1);
        lastOf[count] = Integer.MAX_VALUE;
        long[] day = new long[count];
        for (int k = 0; k < count; k++) {
            day[k] = Math.floorDiv(t[lastOf[k]], DAY);
        }
        long spacing = spacing(bars);
        Days made = new Days(bars, lastOf, day, spacing, to > from ? t[to - 1] - t[from] + spacing : 0, CloseBlocks.of(bars));
        last = made;
        return made;
    }

    /** The bar length, read from the data (the smallest step between opens). */
    static long spacing(Bars bars) {
        long[] t = bars.openTime();
        long best = Long.MAX_VALUE;
        for (int i = bars.from() + 1; i < bars.to() && i < bars.from() + 64; i++) {
            best = Math.min(best, t[i] - t[i - 1]);
        }
        return best == Long.MAX_VALUE ? 60_000L : best;
    }

    public int count() {
        return lastBar.length - 1;
    }

    public long epochDay(int d) {
        return epochDay[d];
    }
}
