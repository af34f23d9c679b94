package io.ratchet.backtest.sweep;

import io.ratchet.engine.ExitReason;
import io.ratchet.engine.RunSummary;
import java.util.Arrays;

/**
 * What the kernel found for every (configuration, entry): flat arrays indexed
 * {@code c * entries + e}. Trades are in entry order within each configuration. This keeps
 * O(configurations x entries): for tests and benchmarks that compare every trade; a sweep
 * reads each configuration's {@link Trades} as they come ({@link SweepKernel#forEach}).
 */
public final class KernelResult {
    private final int configs;
    private final int entries;
    final long[] entryTime;
    final int[] entryBar;
    final double[] entryPrice;
    final int[] sign;
    final long[] exitTime;
    final int[] exitBar;
    final double[] exitPrice;
    final double[] netReturn;
    final double[] peak;
    final byte[] reason;

    KernelResult(int configs, int entries) {
        this.configs = configs;
        this.entries = entries;
        int n = configs * entries;
        this.entryTime = new long[entries];
        this.entryBar = new int[entries];
        this.entryPrice = new double[entries];
        this.sign = new int[entries];
        this.exitTime = new long[n];
        this.exitBar = new int[n];
        this.exitPrice = new double[n];
        this.netReturn = new double[n];
        this.peak = new double[n];
        this.reason = new byte[n];
    }

    /** Copies configuration {@code c}'s trades in (each configuration from one thread; entries are the same for all). */
    void take(int c, Trades t) {
        t.complete();
        int base = c * entries;
        for (int e = 0; e < entries; e++) {
            entryTime[e] = t.entryTime[e];
            entryBar[e] = t.entryBar[e];
            entryPrice[e] = t.entryPrice[e];
            sign[e] = t.sign[e];
        }
        System.arraycopy(t.exitTime, 0, exitTime, base, entries);
        System.arraycopy(t.exitBar, 0, exitBar, base, entries);
        System.arraycopy(t.exitPrice, 0, exitPrice, base, entries);
        System.arraycopy(t.netReturn, 0, netReturn, base, entries);
        System.arraycopy(t.peak, 0, peak, base, entries);
        System.arraycopy(t.reason, 0, reason, base, entries);
    }

    public int configs() {
        return configs;
    }

    public int entries() {
        return entries;
    }

    public long entryTime(int e) {
        return entryTime[e];
    }

    public double entryPrice(int e) {
        return entryPrice[e];
    }

    /** Absolute index of the entry bar in the series' arrays. */
    public int entryBar(int e) {
        return entryBar[e];
    }

    /** Absolute index of the bar the exit happened in. */
    public int exitBar(int c, int e) {
        return exitBar[c * entries + e];
    }

    /** True when the data ended before the position did. */
    public boolean endExit(int c, int e) {
        return reason[c * entries + e] == END;
    }

    private static final byte END = (byte) ExitReason.END.ordinal();

    public int sign(int e) {
        return sign[e];
    }

    public long exitTime(int c, int e) {
        return exitTime[c * entries + e];
    }

    /** The fill: trigger worsened by slippage. */
    public double exitPrice(int c, int e) {
        return exitPrice[c * entries + e];
    }

    public double netReturn(int c, int e) {
        return netReturn[c * entries + e];
    }

    public double peak(int c, int e) {
        return peak[c * entries + e];
    }

    public ExitReason reason(int c, int e) {
        return ExitReason.values()[reason[c * entries + e]];
    }

    /** Net returns of configuration {@code c}, one per entry. */
    public double[] returns(int c) {
        return Arrays.copyOfRange(netReturn, c * entries, (c + 1) * entries);
    }

    public long[] exitTimes(int c) {
        return Arrays.copyOfRange(exitTime, c * entries, (c + 1) * entries);
    }

    public long[] entryTimes() {
        return entryTime.clone();
    }

    public RunSummary summary(int c) {
        return RunSummary.of(returns(c), exitTimes(c), entryTime, entries);
    }
}
