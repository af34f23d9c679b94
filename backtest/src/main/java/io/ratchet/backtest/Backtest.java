package io.ratchet.backtest;

import io.ratchet.backtest.entry.Entries;
import io.ratchet.engine.BarWalker;
import io.ratchet.engine.Bars;
import io.ratchet.engine.DetailIndex;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.StopListener;
import io.ratchet.engine.Trade;
import io.ratchet.engine.TrailingConfig;
import java.util.ArrayList;
import java.util.List;

/** One configuration over every entry, with the plain engine: the reference every fast path is held to. */
public final class Backtest {
    private Backtest() {
    }

    public static BacktestResult run(Bars bars, Entries entries, TrailingConfig config, IntrabarOrder order, DetailIndex detail) {
        return run(bars, entries, config, order, detail, null);
    }

    /**
     * With {@code prints}, the tick-exact walk: each bar replaced by its trades, a bar without
     * trades walked in {@code order} (the contract says {@code ohlc}).
     */
    public static BacktestResult run(Bars bars, Entries entries, TrailingConfig config, IntrabarOrder order, DetailIndex detail,
            io.ratchet.engine.TradePrints prints) {
        BarWalker w = new BarWalker(config, order, detail, prints, StopListener.NONE);
        List<Trade> trades = new ArrayList<>(entries.size());
        for (int e = 0; e < entries.size(); e++) {
            trades.add(entries.walk(w, bars, e));
        }
        DetailEffect effect = null;
        if (order == IntrabarOrder.DETAIL) {
            effect = DetailEffect.compare(bars, detail, trades, run(bars, entries, config, IntrabarOrder.ADVERSE_FIRST, null).trades());
        }
        return new BacktestResult(config, order, List.copyOf(trades), RunSummary.of(trades), effect);
    }
}
