package io.ratchet.data.kline;

import io.ratchet.engine.Bars;
import java.util.ArrayList;
import java.util.List;

/**
 * Klines of one symbol and interval as primitive columns, sorted by open time with no
 * duplicates, viewed over {@code [from, to)}. Immutable: the arrays are never written after
 * construction, so views share them freely.
 */
public final class KlineSeries {
    private final String symbol;
    private final Interval interval;
    private final long[] openTime;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final int from;
    private final int to;

    public KlineSeries(String symbol, Interval interval, long[] openTime, double[] open, double[] high, double[] low,
                       double[] close, double[] volume) {
        this(symbol, interval, openTime, open, high, low, close, volume, 0, openTime.length);
    }

    private KlineSeries(String symbol, Interval interval, long[] openTime, double[] open, double[] high, double[] low,
                        double[] close, double[] volume, int from, int to) {
        int n = openTime.length;
        if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
            throw new IllegalArgumentException("kline columns differ in length");
        }
        this.symbol = symbol;
        this.interval = interval;
        this.openTime = openTime;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.from = from;
        this.to = to;
    }

    public String symbol() {
        return symbol;
    }

    public Interval interval() {
        return interval;
    }

    /** Number of bars in the view. */
    public int size() {
        return to - from;
    }

    public boolean isEmpty() {
        return to == from;
    }

    /** Open time of bar {@code i} of the view (0-based). */
    public long openTime(int i) {
        return openTime[from + i];
    }

    public double open(int i) {
        return open[from + i];
    }

    public double high(int i) {
        return high[from + i];
    }

    public double low(int i) {
        return low[from + i];
    }

    public double close(int i) {
        return close[from + i];
    }

    public double volume(int i) {
        return volume[from + i];
    }

    public long firstOpenTime() {
        return openTime[from];
    }

    public long lastOpenTime() {
        return openTime[to - 1];
    }

    /** The bars with open time in {@code [fromMillis, toMillis)}: a view, no copy. */
    public KlineSeries between(long fromMillis, long toMillis) {
        int a = ceiling(fromMillis);
        int b = Math.max(a, ceiling(toMillis));
        return new KlineSeries(symbol, interval, openTime, open, high, low, close, volume, a, b);
    }

    /** Bars {@code [i, j)} of this view: a view, no copy. */
    public KlineSeries slice(int i, int j) {
        if (i < 0 || j > size() || i > j) {
            throw new IndexOutOfBoundsException("slice [" + i + ", " + j + ") of " + size());
        }
        return new KlineSeries(symbol, interval, openTime, open, high, low, close, volume, from + i, from + j);
    }

    private int ceiling(long time) {
        int i = java.util.Arrays.binarySearch(openTime, from, to, time);
        return i >= 0 ? i : -i - 1;
    }

    /**
     * The engine's view of the same bars, sharing the arrays: its indices are absolute, so
     * bar {@code i} of this view is {@code bars().from() + i}.
     */
    public Bars bars() {
        return new Bars(openTime, open, high, low, close, from, to);
    }

    /** Copies of the view's columns, for callers that need arrays that start at index 0. */
    public long[] openTimes() {
        return copy(openTime);
    }

    public double[] opens() {
        return copy(open);
    }

    public double[] highs() {
        return copy(high);
    }

    public double[] lows() {
        return copy(low);
    }

    public double[] closes() {
        return copy(close);
    }

    public double[] volumes() {
        return copy(volume);
    }

    private long[] copy(long[] a) {
        return from == 0 && to == a.length ? a : java.util.Arrays.copyOfRange(a, from, to);
    }

    private double[] copy(double[] a) {
        return from == 0 && to == a.length ? a : java.util.Arrays.copyOfRange(a, from, to);
    }

    /** Missing bars as ranges: each gap lies between two consecutive bars more than one interval apart. */
    public List<Gap> gaps() {
        List<Gap> gaps = new ArrayList<>();
        for (int i = from + 1; i < to; i++) {
            long expected = interval.next(openTime[i - 1]);
            if (openTime[i] > expected) {
                gaps.add(new Gap(openTime[i - 1], openTime[i], missingBars(openTime[i - 1], openTime[i])));
            }
        }
        return gaps;
    }

    /** Bars that would open strictly between two present ones (calendar months counted one by one). */
    private long missingBars(long before, long after) {
        if (interval != Interval.MONTH1) {
            return (after - before) / interval.millis() - 1;
        }
        long count = 0;
        for (long t = interval.next(before); t < after; t = interval.next(t)) {
            count++;
        }
        return count;
    }

    @Override
    public String toString() {
        return symbol + " " + interval.id() + " (" + size() + " bars)";
    }
}
