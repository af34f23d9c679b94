package io.ratchet.backtest.sweep;

import io.ratchet.engine.RunSummary;
import io.ratchet.engine.TrailingConfig;
import java.util.List;

/**
 * A scored grid.
 *
 * @param inSample     per configuration: the whole range without a split; the first part
 *                     with {@code --split}; the train windows pooled with walk-forward
 * @param outOfSample  per configuration, or null without a split: the rest, or the test windows pooled
 * @param ranking      configuration indices, best first, by {@code rankBy} on in-sample only
 * @param splitTime    with {@code --split}, open time of the first out-of-sample bar; else 0
 * @param windows      walk-forward steps (empty otherwise)
 * @param walkForward  the picks' test trades pooled across the windows, or null
 */
public record SweepResult(
        List<TrailingConfig> grid,
        RankBy rankBy,
        RunSummary[] inSample,
        RunSummary[] outOfSample,
        int[] ranking,
        long splitTime,
        List<Window> windows,
        RunSummary walkForward) {

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
}
