package io.ratchet.backtest;

import io.ratchet.engine.Bars;
import io.ratchet.engine.DetailIndex;
import io.ratchet.engine.Trade;
import java.util.List;

/**
 * How often walking the lower-timeframe bars changed a trade against the pessimistic
 * {@code adverse-first} walk: a different exit bar, reason or fill price, the definition the
 * fidelity gap uses too ({@link FidelityGap#differ}). A bar with no lower-timeframe bar is
 * walked in the {@code ohlc} order (the contract), so a trade open over such a bar may change
 * for that order alone: the trades with lower-timeframe bars at every bar they were open are
 * counted apart, and only their changes are the lower timeframe's own.
 *
 * @param changed        trades whose exit differs
 * @param returnDelta    sum of (detail - adverse-first) net returns
 * @param covered        trades with lower-timeframe bars at every bar from entry to exit (either walk's)
 * @param changedCovered of those, the trades whose exit differs
 */
public record DetailEffect(int trades, int changed, double returnDelta, int covered, int changedCovered) {

    static DetailEffect compare(Bars bars, DetailIndex index, List<Trade> detail, List<Trade> adverse) {
        int changed = 0;
        int covered = 0;
        int changedCovered = 0;
        double delta = 0;
        for (int i = 0; i < detail.size(); i++) {
            Trade a = detail.get(i);
            Trade b = adverse.get(i);
            // Both walks stamp an exit with its bar's open time.
            int ax = bars.indexOf(a.exitTime());
            int bx = bars.indexOf(b.exitTime());
            boolean differs = FidelityGap.differ(a, ax, b, bx);
            boolean all = covered(index, bars.indexOf(a.entryTime()), Math.max(ax, bx));
            changed += differs ? 1 : 0;
            covered += all ? 1 : 0;
            changedCovered += differs && all ? 1 : 0;
            delta += a.netReturn() - b.netReturn();
        }
        return new DetailEffect(detail.size(), changed, delta, covered, changedCovered);
    }

    /** Whether every bar of {@code [from, to]} has lower-timeframe bars (an index not found counts as none). */
    private static boolean covered(DetailIndex index, int from, int to) {
        if (from < 0 || to < 0) {
            return false;
        }
        for (int j = from; j <= to; j++) {
            if (index.end(j) <= index.start(j)) {
                return false;
            }
        }
        return true;
    }

    public double changedShare() {
        return trades == 0 ? 0 : (double) changed / trades;
    }
}
