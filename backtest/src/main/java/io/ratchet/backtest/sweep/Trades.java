package io.ratchet.backtest.sweep;

import io.ratchet.backtest.account.Positions;
import io.ratchet.backtest.entry.Entries;
import io.ratchet.engine.Bars;
import io.ratchet.engine.ExitReason;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.TrailingConfig;
import java.util.Arrays;

/**
 * One configuration's trades on one range, in entry order, as primitive columns: what the
 * kernel fills for a configuration, and what the per-trade statistics and the account read
 * from it. A sweep keeps one of these per worker thread and reuses it for every
 * configuration, so its memory is one configuration's entries, not the grid's. Not
 * thread-safe.
 */
public final class Trades implements Positions {
    private static final byte END = (byte) ExitReason.END.ordinal();

    private int n;
    private double fee;
    private double slippage;
    int[] entryBar = new int[0];
    int[] sign = new int[0];
    double[] entryPrice = new double[0];
    long[] entryTime = new long[0];
    int[] exitBar = new int[0];
    long[] exitTime = new long[0];
    double[] exitPrice = new double[0];
    double[] netReturn = new double[0];
    double[] peak = new double[0];
    byte[] reason = new byte[0];
    /**
     * Set by {@link PercentGroupWalk#expand}: the exit times, prices and extremes are not written
     * yet (a sweep reads none of them) and are read back from that walk when first asked for.
     */
    private PercentGroupWalk from;
    private int fromTrail;
    /** The per-trade statistics, when the walk that wrote the trades added them up as it went (null: counted when asked). */
    private RunSummary summed;

    /** Empties the columns for {@code entries} on {@code bars} traded with {@code config}; the exits are then set by the kernel. */
    void reset(Bars bars, Entries entries, TrailingConfig config) {
        n = 0;
        barTimes = false;
        from = null;
        summed = null;
        fee = config.fee();
        slippage = config.slippage();
        ensure(entries.size());
        for (int e = 0; e < entries.size(); e++) {
            int i = entries.bar()[e];
            entryBar[e] = i;
            sign[e] = entries.direction()[e].sign();
            entryPrice[e] = bars.open()[i];
            entryTime[e] = bars.openTime()[i];
        }
        n = entries.size();
    }

    /** Keeps the entries, takes another configuration's fee and slippage (the exits are then set again). */
    void use(TrailingConfig config) {
        fee = config.fee();
        slippage = config.slippage();
        from = null;
        summed = null;
    }

    /**
     * The group walk wrote the exit bars, returns and reasons of its {@code trail}-th trail; the
     * rest is read back from {@code walk} when asked for. {@code sum}: the statistics it added
     * up, or null.
     */
    void lazy(PercentGroupWalk walk, int trail, RunSummary sum) {
        from = walk;
        fromTrail = trail;
        summed = sum;
    }

    /** The columns {@link #lazy} left were written by {@link PercentGroupWalk#complete} while the walk wrote the others. */
    void written() {
        from = null;
    }

    /** Fills the exit times, prices and extremes a group walk left to be read again. */
    void complete() {
        if (from != null) {
            from.complete(this, fromTrail);
            from = null;
        }
    }

    double slippage() {
        return slippage;
    }

    double fee() {
        return fee;
    }

    void set(int e, int bar, long time, double fill, double ret, double extreme, byte why) {
        exitBar[e] = bar;
        exitTime[e] = time;
        exitPrice[e] = fill;
        netReturn[e] = ret;
        peak[e] = extreme;
        reason[e] = why;
    }

    /** Appends {@code other}'s trades after these (a later range: pooled out of sample). */
    public void append(Trades other) {
        complete();
        other.complete();
        summed = null;
        barTimes &= other.barTimes || other.n == 0;
        if (n > 0 && other.n > 0 && other.entryBar[0] < entryBar[n - 1]) {
            throw new IllegalArgumentException("parts out of time order");
        }
        fee = other.fee;
        slippage = other.slippage;
        int m = n;
        ensure(m + other.n);
        System.arraycopy(other.entryBar, 0, entryBar, m, other.n);
        System.arraycopy(other.sign, 0, sign, m, other.n);
        System.arraycopy(other.entryPrice, 0, entryPrice, m, other.n);
        System.arraycopy(other.entryTime, 0, entryTime, m, other.n);
        System.arraycopy(other.exitBar, 0, exitBar, m, other.n);
        System.arraycopy(other.exitTime, 0, exitTime, m, other.n);
        System.arraycopy(other.exitPrice, 0, exitPrice, m, other.n);
        System.arraycopy(other.netReturn, 0, netReturn, m, other.n);
        System.arraycopy(other.peak, 0, peak, m, other.n);
        System.arraycopy(other.reason, 0, reason, m, other.n);
        n = m + other.n;
    }

    /** Forgets every trade (keeps the arrays). */
    public void clear() {
        n = 0;
        from = null;
        summed = null;
    }

    /** A copy with arrays of exactly its size. */
    public Trades copy() {
        Trades t = new Trades();
        t.append(this);
        return t;
    }

    private void ensure(int size) {
        if (entryBar.length >= size) {
            return;
        }
        int cap = Math.max(size, entryBar.length + (entryBar.length >> 1));
        entryBar = Arrays.copyOf(entryBar, cap);
        sign = Arrays.copyOf(sign, cap);
        entryPrice = Arrays.copyOf(entryPrice, cap);
        entryTime = Arrays.copyOf(entryTime, cap);
        exitBar = Arrays.copyOf(exitBar, cap);
        exitTime = Arrays.copyOf(exitTime, cap);
        exitPrice = Arrays.copyOf(exitPrice, cap);
        netReturn = Arrays.copyOf(netReturn, cap);
        peak = Arrays.copyOf(peak, cap);
        reason = Arrays.copyOf(reason, cap);
    }

    /** Scratch for {@link #summary}: the returns in exit order, and the counts per exit bar. */
    private double[] byExit = new double[0];
    private int[] count = new int[0];
    /** Set by a walk on bars that wrote every exit: exit times are the exit bars' open times, entries in bar order. */
    boolean barTimes;

    /**
     * The per-trade statistics of these trades. The exit order is found by counting exits per
     * bar (linear, where a sort of half a million trades per configuration is not): with exit
     * times that are their bars' open times and entries in bar order, (exit bar, index) is the
     * contract's (exit time, entry time, index). Otherwise (trades, whose times inside a bar
     * differ) the order is checked, and the trades sorted where it fails.
     */
    public RunSummary summary() {
        if (summed != null) {
            return summed;
        }
        if (n < 64) {
            complete();
            return RunSummary.of(netReturn, exitTime, entryTime, n);
        }
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int k = 0; k < n; k++) {
            lo = Math.min(lo, exitBar[k]);
            hi = Math.max(hi, exitBar[k]);
        }
        int span = hi - lo + 2;
        if (span > 4 * n + 1024) {
            complete();
            return RunSummary.of(netReturn, exitTime, entryTime, n);
        }
        if (count.length < span) {
            count = new int[span];
        } else {
            Arrays.fill(count, 0, span, 0);
        }
        for (int k = 0; k < n; k++) {
            count[exitBar[k] - lo + 1]++;
        }
        for (int b = 1; b < span; b++) {
            count[b] += count[b - 1];
        }
        if (!barTimes) {
            complete();
            int[] order = new int[n];
            for (int k = 0; k < n; k++) {
                order[count[exitBar[k] - lo]++] = k;
            }
            for (int k = 1; k < n; k++) {
                int x = order[k - 1];
                int y = order[k];
                if (RunSummary.before(exitTime, entryTime, y, x) || (!RunSummary.before(exitTime, entryTime, x, y) && y < x)) {
                    return RunSummary.of(netReturn, exitTime, entryTime, n);
                }
            }
            return RunSummary.of(netReturn, order, n);
        }
        if (byExit.length < n) {
            byExit = new double[n];
        }
        for (int k = 0; k < n; k++) {
            byExit[count[exitBar[k] - lo]++] = netReturn[k];
        }
        return RunSummary.ofOrdered(netReturn, byExit, n);
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int entryBar(int k) {
        return entryBar[k];
    }

    @Override
    public int exitBar(int k) {
        return exitBar[k];
    }

    @Override
    public int sign(int k) {
        return sign[k];
    }

    @Override
    public double entryPrice(int k) {
        return entryPrice[k];
    }

    @Override
    public double netReturn(int k) {
        return netReturn[k];
    }

    @Override
    public boolean endExit(int k) {
        return reason[k] == END;
    }

    @Override
    public int endExits(int k) {
        return (reason[k] ^ END) - 1 >>> 31; // reason is 0 .. 2: only END gives -1 >>> 31 = 1
    }

    @Override
    public double fee(int k) {
        return fee;
    }

    @Override
    public double slippage(int k) {
        return slippage;
    }

    public long entryTime(int k) {
        return entryTime[k];
    }

    public long exitTime(int k) {
        if (from != null) {
            complete();
        }
        return exitTime[k];
    }

    public double exitPrice(int k) {
        if (from != null) {
            complete();
        }
        return exitPrice[k];
    }

    public double peak(int k) {
        if (from != null) {
            complete();
        }
        return peak[k];
    }

    public ExitReason reason(int k) {
        return ExitReason.values()[reason[k]];
    }
}
