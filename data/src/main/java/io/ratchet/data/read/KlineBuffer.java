package io.ratchet.data.read;

import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import java.util.Arrays;

/**
 * Growable primitive columns for klines being read, with where each row came from (file
 * and line) so that validation can name them.
 */
public final class KlineBuffer {
    long[] time = new long[1024];
    double[] open = new double[1024];
    double[] high = new double[1024];
    double[] low = new double[1024];
    double[] close = new double[1024];
    double[] volume = new double[1024];
    int[] file = new int[1024];
    int[] line = new int[1024];
    int size;

    /** A row from a source without files and lines (a download). */
    public void add(long t, double o, double h, double l, double c, double v) {
        add(t, o, h, l, c, v, 0, size + 1);
    }

    public int size() {
        return size;
    }

    /** Open time of the last row. */
    public long lastTime() {
        return time[size - 1];
    }

    /** The rows as a series, as they are (already sorted, no duplicates). */
    public KlineSeries series(String symbol, Interval interval) {
        return new KlineSeries(symbol, interval, Arrays.copyOf(time, size), Arrays.copyOf(open, size), Arrays.copyOf(high, size),
                Arrays.copyOf(low, size), Arrays.copyOf(close, size), Arrays.copyOf(volume, size));
    }

    void add(long t, double o, double h, double l, double c, double v, int fileIndex, int lineNo) {
        ensure(1);
        time[size] = t;
        open[size] = o;
        high[size] = h;
        low[size] = l;
        close[size] = c;
        volume[size] = v;
        file[size] = fileIndex;
        line[size] = lineNo;
        size++;
    }

    void ensure(int more) {
        if (size + more > time.length) {
            int n = Math.max(size + more, time.length * 2);
            time = Arrays.copyOf(time, n);
            open = Arrays.copyOf(open, n);
            high = Arrays.copyOf(high, n);
            low = Arrays.copyOf(low, n);
            close = Arrays.copyOf(close, n);
            volume = Arrays.copyOf(volume, n);
            file = Arrays.copyOf(file, n);
            line = Arrays.copyOf(line, n);
        }
    }

    boolean sortedStrictly() {
        for (int i = 1; i < size; i++) {
            if (time[i] <= time[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Sorts all columns by time, stably (rows of equal time keep their reading order). */
    void sort() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(time[a], time[b]));
        long[] t2 = new long[size];
        double[] o2 = new double[size];
        double[] h2 = new double[size];
        double[] l2 = new double[size];
        double[] c2 = new double[size];
        double[] v2 = new double[size];
        int[] f2 = new int[size];
        int[] n2 = new int[size];
        for (int k = 0; k < size; k++) {
            int i = idx[k];
            t2[k] = time[i];
            o2[k] = open[i];
            h2[k] = high[i];
            l2[k] = low[i];
            c2[k] = close[i];
            v2[k] = volume[i];
            f2[k] = file[i];
            n2[k] = line[i];
        }
        time = t2;
        open = o2;
        high = h2;
        low = l2;
        close = c2;
        volume = v2;
        file = f2;
        line = n2;
    }
}
