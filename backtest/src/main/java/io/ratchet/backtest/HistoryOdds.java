package io.ratchet.backtest;

import io.ratchet.backtest.entry.Entries;
import io.ratchet.backtest.sweep.SweepKernel;
import io.ratchet.backtest.sweep.Trades;
import io.ratchet.engine.Bars;
import io.ratchet.engine.DetailIndex;
import io.ratchet.engine.Direction;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.TradePrints;
import io.ratchet.engine.TrailingConfig;
import java.util.Arrays;

/**
 * The forecast's odds on history: for a ladder of levels (as moves from the entry, e.g.
 * +5%), how often a position entered at any bar reached each level before its stop was
 * hit, with the same configuration and intrabar rule, and the median bars it took.
 *
 * <p>A level is reached when the extreme at exit is at or beyond it: the extreme only moves
 * while the position is open. The bar it was reached in is the first bar from the entry
 * whose high (low, for a short) touches it; on trades, the highest (lowest) trade of a bar
 * with trades, the entry itself counting in the entry bar.
 */
public final class HistoryOdds {

    /**
     * @param moves     levels as signed moves from the entry in the position's favour, ascending (0.05 = 5%)
     * @param reached   share of entries that reached each level, in [0, 1]
     * @param medianBars median bars from the entry bar to the bar that reached the level; NaN where none did
     */
    public record Odds(int entries, double[] moves, double[] reached, double[] medianBars) {
    }

    private HistoryOdds() {
    }

    /**
     * Enters at every bar of {@code bars} but the last. The trades are the sweep kernel's (the
     * engine's, bit for bit), so a year of 1m bars costs what one sweep configuration costs; the
     * bar that reached a level is found in a max tree of the extremes, not by walking the trade.
     */
    public static Odds of(Bars bars, TrailingConfig config, IntrabarOrder order, DetailIndex detail, Direction dir, double[] moves) {
        return of(bars, config, order, detail, null, dir, moves);
    }

    /** As the one above; with {@code prints}, on trades (the tick-exact walk): each bar with trades is its trades. */
    public static Odds of(Bars bars, TrailingConfig config, IntrabarOrder order, DetailIndex detail, TradePrints prints, Direction dir,
                          double[] moves) {
        int d = dir.sign();
        int levels = moves.length;
        int entries = Math.max(0, bars.size() - 1);
        int[] reachedCount = new int[levels];
        int[][] barsTaken = new int[levels][entries];
        if (entries > 0) {
            Trades t = SweepKernel.trades(bars, Entries.every(1, bars.from(), bars.to() - 1, dir), config, order, detail, prints);
            FirstAtLeast reach = new FirstAtLeast(bars, prints, d);
            for (int e = 0; e < entries; e++) {
                int i = t.entryBar(e);
                double entry = t.entryPrice(e);
                double peak = t.peak(e);
                for (int k = 0; k < levels; k++) {
                    double level = entry * (1 + d * moves[k]);
                    if (d * (peak - level) < 0) {
                        break; // levels ascend: the rest are out of reach too
                    }
                    // The extreme reached the level by the exit, so the first bar whose high (low) touches it is at or before the exit.
                    // The entry is a point of its bar too (on bars it lies inside the bar's range; a bar's trades may all lie beyond it).
                    barsTaken[k][reachedCount[k]++] = d * (entry - level) >= 0 ? 0 : reach.from(i, d * level) - i;
                }
            }
        }
        double[] share = new double[levels];
        double[] median = new double[levels];
        for (int k = 0; k < levels; k++) {
            share[k] = entries == 0 ? Double.NaN : (double) reachedCount[k] / entries;
            median[k] = median(barsTaken[k], reachedCount[k]);
        }
        return new Odds(entries, moves.clone(), share, median);
    }

    /**
     * The first bar from a given one whose favourable extreme ({@code d} times its high, or low;
     * of its trades when it has any) is at least a value: a max tree, O(log n) a query.
     */
    private static final class FirstAtLeast {
        private final int from;
        private final int size;
        private final double[] tree;

        FirstAtLeast(Bars bars, TradePrints prints, int d) {
            from = bars.from();
            int n = bars.size();
            int s = 1;
            while (s < n) {
                s <<= 1;
            }
            size = s;
            tree = new double[2 * s];
            java.util.Arrays.fill(tree, Double.NEGATIVE_INFINITY);
            double[] ext = d > 0 ? bars.high() : bars.low();
            for (int j = 0; j < n; j++) {
                int b = from + j;
                boolean traded = prints != null && prints.end(b) > prints.start(b);
                tree[s + j] = d * (traded ? (d > 0 ? prints.high(b) : prints.low(b)) : ext[b]);
            }
            for (int x = s - 1; x >= 1; x--) {
                tree[x] = Math.max(tree[2 * x], tree[2 * x + 1]);
            }
        }

        /** The absolute index of the first bar at or after {@code i} with {@code d * extreme >= value}; one past the end if none. */
        int from(int i, double value) {
            int x = i - from + size;
            while (!(tree[x] >= value)) {
                while ((x & 1) == 1) {
                    x >>= 1; // a right child: up until there is a right neighbour
                }
                if (x == 0) {
                    return from + size;
                }
                x++;
            }
            while (x < size) {
                x = tree[2 * x] >= value ? 2 * x : 2 * x + 1;
            }
            return x - size + from;
        }
    }

    private static double median(int[] a, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        int[] s = Arrays.copyOf(a, n);
        Arrays.sort(s);
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }
}
