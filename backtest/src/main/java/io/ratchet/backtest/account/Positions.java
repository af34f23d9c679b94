package io.ratchet.backtest.account;

import io.ratchet.backtest.sweep.KernelResult;
import io.ratchet.engine.Bars;
import io.ratchet.engine.ExitReason;
import io.ratchet.engine.Trade;
import io.ratchet.engine.TrailingConfig;
import java.util.List;

/**
 * One configuration's trades as the account reads them, in entry order: where each opened
 * and closed (bar indices, absolute), its entry, its net unit-stake return. Read where they
 * already are (the kernel's arrays, the engine's trades), never walked again.
 */
public interface Positions {
    int size();

    int entryBar(int k);

    int exitBar(int k);

    int sign(int k);

    double entryPrice(int k);

    /** The contract's {@code r}: net of the fee on both sides and the exit's slippage. */
    double netReturn(int k);

    boolean endExit(int k);

    /**
     * 1 if position {@code k} is an end exit, else 0: what the account adds up. An
     * implementation may answer without a branch (a sweep's first configurations have no end exit
     * among their taken positions until their last bars, and a branch compiled for them alone
     * would be compiled again).
     */
    default int endExits(int k) {
        return endExit(k) ? 1 : 0;
    }

    double fee(int k);

    double slippage(int k);

    /** Configuration {@code c} of a kernel result. */
    static Positions of(KernelResult k, int c, TrailingConfig config) {
        return new Positions() {
            public int size() {
                return k.entries();
            }

            public int entryBar(int e) {
                return k.entryBar(e);
            }

            public int exitBar(int e) {
                return k.exitBar(c, e);
            }

            public int sign(int e) {
                return k.sign(e);
            }

            public double entryPrice(int e) {
                return k.entryPrice(e);
            }

            public double netReturn(int e) {
                return k.netReturn(c, e);
            }

            public boolean endExit(int e) {
                return k.endExit(c, e);
            }

            public double fee(int e) {
                return config.fee();
            }

            public double slippage(int e) {
                return config.slippage();
            }
        };
    }

    /** The bar holding epoch ms {@code t}: the last with open time at or before it, or -1. */
    private static int barOf(Bars bars, long t) {
        long[] ot = bars.openTime();
        int lo = bars.from();
        int hi = bars.to() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (ot[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /**
     * The engine's trades (entry order) on {@code bars}; entry and exit times are bar open times of
     * the series, or a time inside the bar: an exact entry (a live position replayed), a hit on a
     * trade ({@code --intrabar trades}).
     */
    static Positions of(Bars bars, List<Trade> trades, TrailingConfig config) {
        int n = trades.size();
        int[] in = new int[n];
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            in[k] = bars.indexOf(trades.get(k).entryTime());
            if (in[k] < 0) {
                // an exact entry (a live position replayed): the account opens it with the entries of its bar, or of the first bar after it
                long t = trades.get(k).entryTime();
                in[k] = barOf(bars, t);
                if (in[k] < 0 && bars.ceilingIndex(t) < bars.to()) {
                    in[k] = bars.ceilingIndex(t);
                }
            }
            out[k] = bars.indexOf(trades.get(k).exitTime());
            if (out[k] < 0) {
                out[k] = barOf(bars, trades.get(k).exitTime());
            }
            if (in[k] < 0 || out[k] < in[k]) {
                throw new IllegalArgumentException("trade " + k + " is not on these bars");
            }
        }
        return new Positions() {
            public int size() {
                return n;
            }

            public int entryBar(int k) {
                return in[k];
            }

            public int exitBar(int k) {
                return out[k];
            }

            public int sign(int k) {
                return trades.get(k).direction().sign();
            }

            public double entryPrice(int k) {
                return trades.get(k).entryPrice();
            }

            public double netReturn(int k) {
                return trades.get(k).netReturn();
            }

            public boolean endExit(int k) {
                return trades.get(k).exitReason() == ExitReason.END;
            }

            public double fee(int k) {
                return config.fee();
            }

            public double slippage(int k) {
                return config.slippage();
            }
        };
    }

    /** Several ranges' trades one after the other (each part's entries after the previous part's), each with its own configuration. */
    static Positions concat(List<Positions> parts) {
        int n = parts.stream().mapToInt(Positions::size).sum();
        int[] in = new int[n];
        int[] out = new int[n];
        int[] sign = new int[n];
        double[] entry = new double[n];
        double[] ret = new double[n];
        boolean[] end = new boolean[n];
        double[] fee = new double[n];
        double[] slip = new double[n];
        int k = 0;
        for (Positions p : parts) {
            for (int e = 0; e < p.size(); e++, k++) {
                in[k] = p.entryBar(e);
                out[k] = p.exitBar(e);
                sign[k] = p.sign(e);
                entry[k] = p.entryPrice(e);
                ret[k] = p.netReturn(e);
                end[k] = p.endExit(e);
                fee[k] = p.fee(e);
                slip[k] = p.slippage(e);
                if (k > 0 && in[k] < in[k - 1]) {
                    throw new IllegalArgumentException("parts out of time order");
                }
            }
        }
        return new Positions() {
            public int size() {
                return n;
            }

            public int entryBar(int e) {
                return in[e];
            }

            public int exitBar(int e) {
                return out[e];
            }

            public int sign(int e) {
                return sign[e];
            }

            public double entryPrice(int e) {
                return entry[e];
            }

            public double netReturn(int e) {
                return ret[e];
            }

            public boolean endExit(int e) {
                return end[e];
            }

            public double fee(int e) {
                return fee[e];
            }

            public double slippage(int e) {
                return slip[e];
            }
        };
    }
}
