package io.ratchet.engine;

/**
 * A read-only view of OHLC bars over primitive arrays, indices {@code [from, to)}. The
 * arrays are shared, not copied: a view is cheap, and nobody writes through it.
 *
 * @param openTime epoch milliseconds of each bar's open
 */
public record Bars(long[] openTime, double[] open, double[] high, double[] low, double[] close, int from, int to) {

    public Bars {
        int n = openTime.length;
        if (open.length != n || high.length != n || low.length != n || close.length != n) {
            throw new IllegalArgumentException("bar columns differ in length");
        }
        if (from < 0 || to > n || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside 0.." + n);
        }
    }

    /**
     * The same arrays (as objects: a view's arrays are shared, never copied) and the same range,
     * as the generated equals says, written out: that one is linked on its first call through
     * {@code ObjectMethods}, which spun about 50 method handle classes (20-30 ms) at the end of
     * every sweep, where the pick's trades are looked up again.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Bars b && openTime == b.openTime && open == b.open && high == b.high && low == b.low && close == b.close
                && from == b.from && to == b.to;
    }

    /** Consistent with {@link #equals}, and written out for the same reason. */
    @Override
    public int hashCode() {
        int h = System.identityHashCode(openTime);
        h = 31 * h + System.identityHashCode(close);
        return 31 * (31 * h + from) + to;
    }

    /** All bars of the arrays. */
    public static Bars of(long[] openTime, double[] open, double[] high, double[] low, double[] close) {
        return new Bars(openTime, open, high, low, close, 0, openTime.length);
    }

    public int size() {
        return to - from;
    }

    /** The sub-view {@code [newFrom, newTo)} in absolute indices. */
    public Bars slice(int newFrom, int newTo) {
        return new Bars(openTime, open, high, low, close, newFrom, newTo);
    }

    /** Absolute index of the bar opening at {@code time}, or {@code -1}. */
    public int indexOf(long time) {
        int i = java.util.Arrays.binarySearch(openTime, from, to, time);
        return i >= 0 ? i : -1;
    }

    /** Absolute index of the first bar opening at or after {@code time} ({@code to} if none). */
    public int ceilingIndex(long time) {
        int i = java.util.Arrays.binarySearch(openTime, from, to, time);
        return i >= 0 ? i : -i - 1;
    }
}
