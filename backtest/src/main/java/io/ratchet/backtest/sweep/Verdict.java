package io.ratchet.backtest.sweep;

import io.ratchet.engine.RunSummary;
import java.util.Locale;

/**
 * Whether the in-sample pick survived out of sample, in plain words. The pick is judged on
 * its mean return per trade (comparable across windows of different lengths) and on its
 * rank among all configurations on the unseen data.
 *
 * @param oosRank 1-based rank of the pick among all configurations out of sample
 */
public record Verdict(Outcome outcome, int oosRank, int configs, double inSampleMean, double outOfSampleMean, String text) {

    public enum Outcome {
        /** Lost money per trade even in sample: nothing was found to test. */
        NO_EDGE,
        /** Positive out of sample and at least half its in-sample mean. */
        HOLDS,
        /** Still positive, but less than half of what in-sample promised. */
        WEAKENS,
        /** Lost money per trade out of sample (or had no trade). */
        FAILS
    }

    /** Null when the sweep has no out-of-sample part. */
    public static Verdict of(SweepResult r) {
        if (!r.hasOutOfSample()) {
            return null;
        }
        int pick = r.best();
        RunSummary is = r.inSample()[pick];
        RunSummary oos = r.outOfSample()[pick];
        int[] oosRanking = Sweep.rank(r.outOfSample(), r.rankBy());
        int rank = 1;
        while (oosRanking[rank - 1] != pick) {
            rank++;
        }
        double a = is.meanReturn();
        double b = oos.meanReturn();
        Outcome o = !(a > 0) ? Outcome.NO_EDGE : !(b > 0) ? Outcome.FAILS : a > 0 && b < a / 2 ? Outcome.WEAKENS : Outcome.HOLDS;
        String what = r.grid().get(pick).label();
        String text = switch (o) {
            case NO_EDGE -> String.format(Locale.ROOT, "Even the best configuration in sample (%s) lost money per trade (%s) after fees: "
                    + "this grid found no edge to test out of sample (there it made %s per trade, rank %d of %d).",
                    what, pct(a), pct(b), rank, r.grid().size());
            case HOLDS -> String.format(Locale.ROOT, "The in-sample pick (%s) held up out of sample: %s per trade against %s in sample, "
                    + "rank %d of %d on the unseen data.", what, pct(b), pct(a), rank, r.grid().size());
            case WEAKENS -> String.format(Locale.ROOT, "The in-sample pick (%s) weakened out of sample: %s per trade against %s in sample, "
                    + "rank %d of %d on the unseen data. Part of its edge was fitted to the past.", what, pct(b), pct(a), rank, r.grid().size());
            case FAILS -> String.format(Locale.ROOT, "The in-sample pick (%s) did not survive out of sample: %s per trade against %s in sample, "
                    + "rank %d of %d on the unseen data. Do not trade this tuning as it is.", what, pct(b), pct(a), rank, r.grid().size());
        };
        return new Verdict(o, rank, r.grid().size(), a, b, text);
    }

    private static String pct(double v) {
        return v != v ? "no trades" : String.format(Locale.ROOT, "%+.3f%%", 100 * v);
    }
}
