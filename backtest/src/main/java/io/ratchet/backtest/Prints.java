package io.ratchet.backtest;

import io.ratchet.data.trades.TradeSeries;
import io.ratchet.engine.Bars;
import io.ratchet.engine.TradePrints;
import java.util.Arrays;

/** Stored trades as the prints the engine walks inside bars: their times (the store's µs column, not copied when it fits) and prices. */
public final class Prints {
    private Prints() {
    }

    public static TradePrints of(Bars bars, long intervalMillis, TradeSeries trades) {
        int n = trades.size();
        double[] price = new double[n];
        for (int k = 0; k < n; k++) {
            price[k] = trades.price(k);
        }
        long[] us = trades.timeMicrosColumn().length == n ? trades.timeMicrosColumn() : Arrays.copyOf(trades.timeMicrosColumn(), n);
        return TradePrints.ofMicros(bars, intervalMillis, us, price);
    }
}
