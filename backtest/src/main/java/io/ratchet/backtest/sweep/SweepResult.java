package io.ratchet.backtest.sweep;

import io.ratchet.backtest.account.AccountFigures;
import io.ratchet.backtest.account.AccountSpec;
import io.ratchet.backtest.robust.Robustness;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.TrailingConfig;
import java.util.List;

/**
 * A scored grid.
 *
 * @param inSample     per configuration: the whole range without a split; the first part
 *                     with {@code --split}; with walk-forward the latest training range (the
 *                     last part rolling, everything anchored), where the pick to trade next is chosen
 * @param outOfSample  per configuration, or null without a split: the rest, or the test parts pooled
 * @param ranking      configuration indices, best first, by {@code rankBy} on in-sample only
 * @param splitTime    with {@code --split}, open time of the first out-of-sample bar; else 0
 * @param windows      walk-forward steps (empty otherwise)
 * @param walkForward  the picks' test trades pooled across the windows, or null
 * @param account      what every account figure was run with (null when read from an older file)
 * @param inSampleAccount  per configuration, beside {@code inSample} (null when unknown)
 * @param outOfSampleAccount per configuration, beside {@code outOfSample}
 * @param walkForwardAccount the window picks traded one after the other on the test parts, or null
 * @param robustness   PBO, deflated Sharpe, neighbourhood (null when unknown)
 */
public record SweepResult(
        List<TrailingConfig> grid,
        RankBy rankBy,
        RunSummary[] inSample,
        RunSummary[] outOfSample,
        int[] ranking,
        long splitTime,
        List<Window> windows,
        RunSummary walkForward,
        AccountSpec account,
        AccountFigures[] inSampleAccount,
        AccountFigures[] outOfSampleAccount,
        AccountFigures walkForwardAccount,
        Robustness robustness,
        boolean anchored) {

    public SweepResult(List<TrailingConfig> grid, RankBy rankBy, RunSummary[] inSample, RunSummary[] outOfSample, int[] ranking, long splitTime,
                       List<Window> windows, RunSummary walkForward) {
        this(grid, rankBy, inSample, outOfSample, ranking, splitTime, windows, walkForward, null, null, null, null, null, false);
    }

    public boolean hasOutOfSample() {
        return outOfSample != null;
    }

    /** The pick: best in-sample. */
    public int best() {
        return ranking[0];
    }

    public TrailingConfig bestConfig() {
        return grid.get(best());
    }

    /** Configuration {@code c}'s in-sample score by {@code rankBy}. */
    public double score(int c) {
        return rankBy.score(inSample[c], inSampleAccount == null ? null : inSampleAccount[c]);
    }

    public double outOfSampleScore(int c) {
        return rankBy.score(outOfSample[c], outOfSampleAccount == null ? null : outOfSampleAccount[c]);
    }

    /** Best first, in sample. */
    public int compareInSample(int a, int b) {
        return rankBy.compare(score(a), score(b));
    }

    public AccountFigures inSampleAccount(int c) {
        return inSampleAccount == null ? null : inSampleAccount[c];
    }

    public AccountFigures outOfSampleAccount(int c) {
        return outOfSampleAccount == null ? null : outOfSampleAccount[c];
    }
}
