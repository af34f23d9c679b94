package io.ratchet.engine;

import java.util.List;

/**
 * The score of a run, every entry its own unit-stake position. Undefined values are
 * {@code NaN} (written as {@code null}): win rate and mean of no trades, the profit factor
 * with no losing trade.
 */
public record RunSummary(
        int trades,
        double winRate,
        double meanReturn,
        double totalReturn,
        double profitFactor,
        double maxDrawdown) {

    public static RunSummary of(List<Trade> trades) {
        int n = trades.size();
        double[] r = new double[n];
        long[] exit = new long[n];
        long[] entry = new long[n];
        for (int i = 0; i < n; i++) {
            Trade t = trades.get(i);
            r[i] = t.netReturn();
            exit[i] = t.exitTime();
            entry[i] = t.entryTime();
        }
        return of(r, exit, entry, n);
    }

    /**
     * From primitive columns of {@code n} trades in any order. The drawdown walks them by
     * exit time, then entry time, then the given order.
     */
    public static RunSummary of(double[] netReturn, long[] exitTime, long[] entryTime, int n) {
        if (n == 0) {
            return new RunSummary(0, Double.NaN, Double.NaN, 0, Double.NaN, 0);
        }
        return of(netReturn, exitOrder(exitTime, entryTime, n), n);
    }

    /**
     * From {@code n} returns in entry order and the same returns in exit order ({@code byExit}:
     * by exit time, then entry time, then index), for a caller that has that order already.
     */
    public static RunSummary ofOrdered(double[] netReturn, double[] byExit, int n) {
        if (n == 0) {
            return new RunSummary(0, Double.NaN, Double.NaN, 0, Double.NaN, 0);
        }
        int wins = 0;
        double total = 0;
        double gains = 0;
        double losses = 0;
        for (int i = 0; i < n; i++) {
            double r = netReturn[i];
            total += r;
            if (r > 0) {
                wins++;
                gains += r;
            } else if (r < 0) {
                losses -= r;
            }
        }
        double equity = 0;
        double high = 0;
        double drawdown = 0;
        for (int k = 0; k < n; k++) {
            equity += byExit[k];
            high = Math.max(high, equity);
            drawdown = Math.max(drawdown, high - equity);
        }
        return ofSums(n, wins, total, gains, losses, drawdown);
    }

    /**
     * From the sums {@link #ofOrdered} takes, for a caller that has added them up itself, in the
     * same order: {@code total} the returns in entry order, {@code gains} the positive ones and
     * {@code losses} minus the negative ones (each in entry order), {@code drawdown} the largest
     * fall of the running sum in exit order.
     */
    public static RunSummary ofSums(int n, int wins, double total, double gains, double losses, double drawdown) {
        if (n == 0) {
            return new RunSummary(0, Double.NaN, Double.NaN, 0, Double.NaN, 0);
        }
        return new RunSummary(n, (double) wins / n, total / n, total,
                losses > 0 ? gains / losses : Double.NaN, drawdown);
    }

    /** As {@link #ofOrdered}, the exit order given as indices. */
    public static RunSummary of(double[] netReturn, int[] order, int n) {
        double[] byExit = new double[n];
        for (int k = 0; k < n; k++) {
            byExit[k] = netReturn[order[k]];
        }
        return ofOrdered(netReturn, byExit, n);
    }

    /** Indices sorted by (exit time, entry time), stable; primitive merge sort. */
    public static int[] exitOrder(long[] exitTime, long[] entryTime, int n) {
        int[] a = new int[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            a[i] = i;
            if (i > 0 && before(exitTime, entryTime, i, i - 1)) {
                sorted = false;
            }
        }
        if (sorted) {
            return a;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width <<= 1) {
            for (int lo = 0; lo < n; lo += width << 1) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + (width << 1), n);
                int i = lo;
                int j = mid;
                for (int k = lo; k < hi; k++) {
                    if (i < mid && (j >= hi || !before(exitTime, entryTime, a[j], a[i]))) {
                        b[k] = a[i++];
                    } else {
                        b[k] = a[j++];
                    }
                }
            }
            int[] tmp = a;
            a = b;
            b = tmp;
        }
        return a;
    }

    /** Whether trade {@code x} comes before trade {@code y} in exit order (exit time, then entry time). */
    public static boolean before(long[] exitTime, long[] entryTime, int x, int y) {
        return exitTime[x] < exitTime[y] || (exitTime[x] == exitTime[y] && entryTime[x] < entryTime[y]);
    }
}
