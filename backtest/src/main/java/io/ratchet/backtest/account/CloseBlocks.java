package io.ratchet.backtest.account;

import io.ratchet.engine.Bars;

/**
 * The lowest and highest close of each aligned block of {@link #SIZE} bars of a range. Between
 * two events an account's equity is {@code base + b close}, monotone in the close, so a block
 * whose best close is no new peak has its deepest fall at its worst close and its longest time
 * under water at its last bar: {@link Drawdown} reads one block instead of its 32 bars. A run
 * shorter than a block (between two events: an entry, an exit, a day's end) is read the same
 * way from a table of the lowest and highest close of every run of 2, 4, 8 and 16 bars (two
 * overlapping runs cover any length up to 31). Built once per range and shared by every
 * configuration.
 */
final class CloseBlocks {
    static final int SHIFT = 5;
    static final int SIZE = 1 << SHIFT;
    /** Absolute index of the first bar of block 0. */
    final int origin;
    final double[] min;
    final double[] max;

    /** Level {@code k} (1..4): the index (from {@code origin}) of the lowest and highest close of the {@code 2^k} bars from each bar. */
    private final int[][] minAt = new int[5][];
    private final int[][] maxAt = new int[5][];
    private final double[] close;
    /** Whether {@link #min(int, int)} and {@link #max(int, int)} may be asked: ranges of up to this many bars. */
    static final int TABLE_MAX = 1 << 16;
    final boolean hasTable;

    private CloseBlocks(int origin, double[] min, double[] max, double[] close, int n) {
        this.origin = origin;
        this.min = min;
        this.max = max;
        this.close = close;
        // The table is read at scattered places: it pays while it stays in cache (hourly bars, runs of a dozen bars between events:
        // 14% less account time), and costs more than it saves on a year of 1m bars (runs of about 60: 40% more). Small ranges only.
        hasTable = n <= TABLE_MAX;
        for (int k = 1; k <= 4 && hasTable; k++) {
            int len = 1 << k;
            int half = len >> 1;
            int m = Math.max(0, n - len + 1);
            int[] lo = new int[m];
            int[] hi = new int[m];
            for (int i = 0; i < m; i++) {
                int a = k == 1 ? i : minAt[k - 1][i];
                int b = k == 1 ? i + 1 : minAt[k - 1][i + half];
                lo[i] = close[origin + b] < close[origin + a] ? b : a;
                a = k == 1 ? i : maxAt[k - 1][i];
                b = k == 1 ? i + 1 : maxAt[k - 1][i + half];
                hi[i] = close[origin + b] > close[origin + a] ? b : a;
            }
            minAt[k] = lo;
            maxAt[k] = hi;
        }
    }

    /** The lowest close of bars {@code [a, e)} (absolute), {@code 2 <= e - a < 32}. */
    double min(int a, int e) {
        int k = 31 - Integer.numberOfLeadingZeros(e - a);
        int[] t = minAt[k];
        return Math.min(close[origin + t[a - origin]], close[origin + t[e - (1 << k) - origin]]);
    }

    /** The highest close of bars {@code [a, e)} (absolute), {@code 2 <= e - a < 32}. */
    double max(int a, int e) {
        int k = 31 - Integer.numberOfLeadingZeros(e - a);
        int[] t = maxAt[k];
        return Math.max(close[origin + t[a - origin]], close[origin + t[e - (1 << k) - origin]]);
    }

    static CloseBlocks of(Bars bars) {
        int from = bars.from();
        int n = Math.max(0, bars.to() - from);
        int blocks = n >> SHIFT; // whole blocks only: a partial one at the end is walked bar by bar
        double[] lo = new double[blocks];
        double[] hi = new double[blocks];
        double[] close = bars.close();
        for (int k = 0; k < blocks; k++) {
            int a = from + (k << SHIFT);
            double mn = close[a];
            double mx = close[a];
            for (int i = a + 1; i < a + SIZE; i++) {
                mn = Math.min(mn, close[i]);
                mx = Math.max(mx, close[i]);
            }
            lo[k] = mn;
            hi[k] = mx;
        }
        return new CloseBlocks(from, lo, hi, close, n);
    }
}
