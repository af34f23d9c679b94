package io.ratchet.backtest.account;

import io.ratchet.engine.Bars;

/**
 * The lowest and highest close of runs of bars of a range, read in O(1). Between two events an
 * account's equity is {@code base + b close}, monotone in the close, so a run whose best close
 * is no new peak has its deepest fall at its worst close and its longest time under water at
 * its last bar: {@link Drawdown} reads two closes instead of the run's bars. Any run of 2 to 63
 * bars is read from a table of the lowest and highest close of the 2, 4, 8, 16 and 32 bars from
 * each bar (two overlapping entries of one level cover it); a longer one by aligned blocks of
 * {@link #SIZE} bars. A range too long for the table is read by those blocks and, between them,
 * by aligned runs of {@link #FINE} bars. Built once per range and shared by every configuration.
 */
final class CloseBlocks {
    static final int SHIFT = 5;
    static final int SIZE = 1 << SHIFT;
    /** The longest run {@link #at} covers. */
    static final int RUN_MAX = 2 * SIZE - 1;
    /** Absolute index of the first bar of block 0. */
    final int origin;
    /** The lowest and highest close of each aligned block. */
    final double[] min;
    final double[] max;
    /**
     * Where there is no {@link #table}: the lowest and highest close of each aligned run of
     * {@link #FINE} bars (1 MB for a year of 1m bars). The bars of a run between events outside
     * whole blocks, and those of a block holding a new peak, are read by eights, not one by one
     * (an entry every 60 bars of a year of 1m bars: 12.5 M bars one by one before, for 100 trails).
     */
    static final int FINE_SHIFT = 3;
    static final int FINE = 1 << FINE_SHIFT;
    final double[] fineMin;
    final double[] fineMax;
    /**
     * Whether {@link #table} is there: ranges of up to this many bars. It is read at scattered
     * places: it pays while it stays in cache (hourly bars, runs of a dozen bars between events),
     * and costs more than it saves on a year of 1m bars (runs of about 60: 40% more).
     */
    static final int TABLE_MAX = 1 << 16;
    final boolean hasTable;
    /**
     * Level {@code k} (1..SHIFT) of bar {@code i} (from {@code origin}): the lowest close of the
     * {@code 2^k} bars from it at {@code 2 ((k - 1) n + i)}, the highest, negated, next to it.
     * Values, not indices, and the two side by side: a run is read from two pairs, not through a
     * second load.
     */
    final double[] table;
    private final int n;

    private CloseBlocks(int origin, double[] min, double[] max, double[] close, int n) {
        this.origin = origin;
        this.min = min;
        this.max = max;
        this.n = n;
        hasTable = n <= TABLE_MAX;
        fineMin = hasTable ? null : new double[n >> FINE_SHIFT];
        fineMax = hasTable ? null : new double[n >> FINE_SHIFT];
        if (!hasTable) {
            extremes(close, origin, FINE_SHIFT, fineMin, fineMax);
        }
        table = hasTable ? new double[2 * SHIFT * n] : null;
        if (hasTable) {
            // Each pair is the lowest close and the highest negated, so every level is one Math.min of two pairs of the level
            // below, element by element, without a branch (negation is exact): the table is built for every part of every
            // run (JMH daysOnly, the README's two parts with their days: 0.211 ms with min and max, 0.181 ms so).
            for (int i = 0; i + 2 <= n; i++) {
                double x = close[origin + i];
                double y = close[origin + i + 1];
                table[2 * i] = Math.min(x, y);
                table[2 * i + 1] = Math.min(-x, -y);
            }
            for (int k = 2; k <= SHIFT; k++) {
                int half = 2 * (1 << (k - 1));
                int off = 2 * (k - 1) * n;
                int prev = off - 2 * n;
                for (int j = 0, m = 2 * (n - (1 << k) + 1); j < m; j++) {
                    table[off + j] = Math.min(table[prev + j], table[prev + j + half]);
                }
            }
        }
    }

    /**
     * Where in {@link #table} the lowest close of the first {@code 2^k} bars of {@code [a, e)}
     * (absolute, {@code 2 <= e - a <= RUN_MAX}) is, {@code k} the largest that fits; the highest
     * close, negated, next to it. The two entries {@link #at} and {@link #atEnd} cover the run.
     */
    int at(int a, int e) {
        int k = 31 - Integer.numberOfLeadingZeros(e - a);
        return 2 * ((k - 1) * n + a - origin);
    }

    /** Where in {@link #table} the lowest close of the last {@code 2^k} bars of {@code [a, e)} is: as {@link #at}. */
    int atEnd(int a, int e) {
        return at(a, e) + 2 * (e - a - Integer.highestOneBit(e - a));
    }

    static CloseBlocks of(Bars bars) {
        int from = bars.from();
        int n = Math.max(0, bars.to() - from);
        int blocks = n >> SHIFT; // whole blocks only: a partial one at the end is read as a run
        double[] lo = new double[blocks];
        double[] hi = new double[blocks];
        extremes(bars.close(), from, SHIFT, lo, hi);
        return new CloseBlocks(from, lo, hi, bars.close(), n);
    }

    /** The lowest and highest close of each aligned run of {@code 2^shift} bars from {@code origin}, as many as {@code lo} holds. */
    private static void extremes(double[] close, int origin, int shift, double[] lo, double[] hi) {
        for (int k = 0; k < lo.length; k++) {
            int a = origin + (k << shift);
            double mn = close[a];
            double mx = close[a];
            for (int i = a + 1; i < a + (1 << shift); i++) {
                mn = Math.min(mn, close[i]);
                mx = Math.max(mx, close[i]);
            }
            lo[k] = mn;
            hi[k] = mx;
        }
    }
}
