package io.ratchet.backtest.account;

import io.ratchet.engine.Bars;

/**
 * The lowest and highest close of each aligned block of {@link #SIZE} bars of a range. Between
 * two events an account's equity is {@code base + b close}, monotone in the close, so a block
 * whose best close is no new peak has its deepest fall at its worst close and its longest time
 * under water at its last bar: {@link Drawdown} reads one block instead of its 32 bars. Built
 * once per range and shared by every configuration.
 */
final class CloseBlocks {
    static final int SHIFT = 5;
    static final int SIZE = 1 << SHIFT;
    /** Absolute index of the first bar of block 0. */
    final int origin;
    final double[] min;
    final double[] max;

    private CloseBlocks(int origin, double[] min, double[] max) {
        this.origin = origin;
        this.min = min;
        this.max = max;
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
        return new CloseBlocks(from, lo, hi);
    }
}
