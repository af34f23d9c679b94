package io.ratchet.backtest;

import io.ratchet.engine.BarWalker;
import io.ratchet.engine.Bars;
import io.ratchet.engine.DetailIndex;
import io.ratchet.engine.Direction;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.StopListener;
import io.ratchet.engine.TrailingConfig;
import java.util.Arrays;

/**
 * The forecast's odds on history: for a ladder of levels (as moves from the entry, e.g.
 * +5%), how often a position entered at any bar reached each level before its stop was
 * hit, with the same configuration and intrabar rule, and the median bars it took.
 *
 * <p>A level is reached when the extreme at exit is at or beyond it: the extreme only moves
 * while the position is open. The bar it was reached in is the first bar from the entry
 * whose high (low, for a short) touches it.
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

    /** Enters at every bar of {@code bars} but the last. */
    public static Odds of(Bars bars, TrailingConfig config, IntrabarOrder order, DetailIndex detail, Direction dir, double[] moves) {
        int d = dir.sign();
        BarWalker w = new BarWalker(config, order, detail, StopListener.NONE);
        int levels = moves.length;
        int entries = Math.max(0, bars.size() - 1);
        int[] reachedCount = new int[levels];
        int[][] barsTaken = new int[levels][entries];
        double[] ext = d > 0 ? bars.high() : bars.low();
        for (int i = bars.from(); i < bars.to() - 1; i++) {
            int exit = w.walk(bars, i, dir);
            double e = w.entry();
            double peak = w.peak();
            int j = i;
            for (int k = 0; k < levels; k++) {
                double level = e * (1 + d * moves[k]);
                if (d * (peak - level) < 0) {
                    break; // levels ascend: the rest are out of reach too
                }
                while (j <= exit && d * (ext[j] - level) < 0) {
                    j++;
                }
                barsTaken[k][reachedCount[k]++] = j - i;
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

    private static double median(int[] a, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        int[] s = Arrays.copyOf(a, n);
        Arrays.sort(s);
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }
}
