package io.ratchet.backtest.sweep;

import io.ratchet.backtest.account.AccountFigures;
import io.ratchet.engine.RunSummary;

/**
 * One walk-forward step: the configuration picked on the train range, and how it did on
 * the test part that follows. Times are epoch ms: {@code [from, to)} of bar open times.
 *
 * @param trainAccount the pick's account on the train range (null when unknown)
 * @param testAccount  its account on the test part, started from the capital
 */
public record Window(long trainFrom, long trainTo, long testFrom, long testTo, int pick, RunSummary train, RunSummary test,
                     AccountFigures trainAccount, AccountFigures testAccount) {

    public Window(long trainFrom, long trainTo, long testFrom, long testTo, int pick, RunSummary train, RunSummary test) {
        this(trainFrom, trainTo, testFrom, testTo, pick, train, test, null, null);
    }
}
