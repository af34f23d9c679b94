package io.ratchet.backtest;

import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.Trade;
import io.ratchet.engine.TrailingConfig;
import java.util.Comparator;
import java.util.List;

/**
 * A backtest: the configuration, every trade in entry order, and the summary.
 *
 * @param detailEffect with {@code --intrabar detail}, how the lower timeframe changed the outcome; else null
 */
public record BacktestResult(TrailingConfig config, IntrabarOrder order, List<Trade> trades, RunSummary summary, DetailEffect detailEffect) {

    /** The trade with the lowest net return, or null. */
    public Trade worst() {
        return trades.stream().min(Comparator.comparingDouble(Trade::netReturn)).orElse(null);
    }

    public Trade best() {
        return trades.stream().max(Comparator.comparingDouble(Trade::netReturn)).orElse(null);
    }
}
