package io.ratchet.backtest;

import io.ratchet.engine.Trade;
import java.util.List;

/**
 * How often walking the lower-timeframe bars changed a trade against the pessimistic
 * {@code adverse-first} walk: a different exit bar, reason or fill price, the definition the
 * fidelity gap uses too ({@link FidelityGap#differ}).
 *
 * @param changed        trades whose exit differs
 * @param returnDelta    sum of (detail - adverse-first) net returns
 */
public record DetailEffect(int trades, int changed, double returnDelta) {

    static DetailEffect compare(io.ratchet.engine.Bars bars, List<Trade> detail, List<Trade> adverse) {
        int changed = 0;
        double delta = 0;
        for (int i = 0; i < detail.size(); i++) {
            Trade a = detail.get(i);
            Trade b = adverse.get(i);
            // Both walks stamp an exit with its bar's open time.
            if (FidelityGap.differ(a, bars.indexOf(a.exitTime()), b, bars.indexOf(b.exitTime()))) {
                changed++;
            }
            delta += a.netReturn() - b.netReturn();
        }
        return new DetailEffect(detail.size(), changed, delta);
    }

    public double changedShare() {
        return trades == 0 ? 0 : (double) changed / trades;
    }
}
