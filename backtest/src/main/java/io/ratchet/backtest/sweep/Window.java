package io.ratchet.backtest.sweep;

import io.ratchet.engine.RunSummary;

/**
 * One walk-forward step: the configuration picked on the train window, and how it did on
 * the test window that follows. Times are epoch ms: {@code [from, to)} of bar open times.
 */
public record Window(long trainFrom, long trainTo, long testFrom, long testTo, int pick, RunSummary train, RunSummary test) {
}
