package io.ratchet.backtest.sweep;

import io.ratchet.backtest.account.AccountFigures;
import io.ratchet.backtest.robust.Robustness;
import io.ratchet.engine.RunSummary;
import java.util.Locale;

/**
 * Whether the in-sample pick survived out of sample, in plain words. The pick is judged on
 * its mean return per trade (comparable across windows of different lengths), on its rank
 * among all configurations on the unseen data, and on how likely the search itself produced
 * it: the probability of backtest overfitting and the deflated Sharpe ratio. With
 * walk-forward, the pick is the procedure (each window's pick on the test part after it), and
 * only the test parts count as out of sample.
 *
 * @param oosRank 1-based rank of the pick among all configurations out of sample
 */
public record Verdict(Outcome outcome, int oosRank, int configs, double inSampleMean, double outOfSampleMean, String text) {

    public enum Outcome {
        /** Lost money even in sample, per trade or through the account: nothing was found to test. */
        NO_EDGE,
        /** Positive out of sample and at least half its in-sample mean, and not likely an artefact of the search. */
        HOLDS,
        /** Still positive, but less than half of what in-sample promised. */
        WEAKENS,
        /** Positive out of sample, but PBO or the deflated Sharpe say the search more likely found luck. */
        LIKELY_OVERFIT,
        /** Lost money out of sample, per trade or through the account (or had no trade). */
        FAILS
    }

    /** Null when the sweep has no out-of-sample part. */
    public static Verdict of(SweepResult r) {
        if (!r.hasOutOfSample()) {
            return null;
        }
        boolean wf = !r.windows().isEmpty() && r.walkForward() != null;
        int n = r.grid().size();
        double a;
        double b;
        int rank;
        String what;
        AccountFigures isAcc;
        AccountFigures oosAcc;
        if (wf) {
            int trades = 0;
            double total = 0;
            for (Window w : r.windows()) {
                trades += w.train().trades();
                total += w.train().totalReturn();
            }
            a = trades > 0 ? total / trades : Double.NaN;
            b = r.walkForward().meanReturn();
            double mine = r.rankBy().score(r.walkForward(), r.walkForwardAccount());
            rank = 1;
            for (int c = 0; c < n; c++) {
                if (r.rankBy().compare(r.outOfSampleScore(c), mine) < 0) {
                    rank++;
                }
            }
            what = "each window's pick";
            isAcc = null;
            oosAcc = r.walkForwardAccount();
        } else {
            int pick = r.best();
            RunSummary is = r.inSample()[pick];
            RunSummary oos = r.outOfSample()[pick];
            int[] oosRanking = Sweep.rank(r.outOfSample(), r.outOfSampleAccount(), r.rankBy());
            rank = 1;
            while (oosRanking[rank - 1] != pick) {
                rank++;
            }
            a = is.meanReturn();
            b = oos.meanReturn();
            what = "The in-sample pick (" + r.grid().get(pick).label() + ")";
            isAcc = r.inSampleAccount(pick);
            oosAcc = r.outOfSampleAccount(pick);
        }
        Robustness rb = r.robustness();
        // Per trade and through the account: a positive mean per trade that the account still lost on
        // (overlapping positions, skipped entries, compounding) is not an edge a trader keeps.
        boolean accountLostOut = oosAcc != null && !(oosAcc.returnPct() > 0);
        boolean accountLostIn = isAcc != null && !(isAcc.returnPct() > 0);
        Outcome o = !(a > 0) || accountLostIn ? Outcome.NO_EDGE : !(b > 0) || accountLostOut ? Outcome.FAILS
                : rb != null && rb.likelyOverfit() ? Outcome.LIKELY_OVERFIT : b < a / 2 ? Outcome.WEAKENS : Outcome.HOLDS;
        String subject = wf ? "Walk-forward (" + what + ", traded on the test part after it)" : what;
        String where = String.format(Locale.ROOT, "%s per trade against %s in sample, rank %d of %d on the unseen data", pct(b), pct(a), rank, n);
        String text = switch (o) {
            case NO_EDGE -> accountLostIn && a > 0 ? String.format(Locale.ROOT, "Even the best in sample (%s) lost money through the account "
                    + "(%s) although it made %s per trade: this grid found no edge to test out of sample (there it made %s per trade, rank %d of %d).",
                    r.bestConfig().label(), signedPct(isAcc.returnPct()), pct(a), pct(b), rank, n)
                    : String.format(Locale.ROOT, "Even the best in sample (%s) lost money per trade (%s) after fees: "
                    + "this grid found no edge to test out of sample (there it made %s per trade, rank %d of %d).",
                    wf ? what : r.bestConfig().label(), pct(a), pct(b), rank, n);
            case HOLDS -> subject + " held up out of sample: " + where + ".";
            case WEAKENS -> subject + " weakened out of sample: " + where + ". Part of its edge was fitted to the past.";
            case LIKELY_OVERFIT -> subject + " stayed positive out of sample (" + where + "), but the search more likely found luck than an edge"
                    + " (see below). Trade it small, if at all.";
            case FAILS -> subject + " did not survive out of sample: " + where + (b > 0 && accountLostOut
                    ? ", and the account lost " + signedPct(oosAcc.returnPct()) + " on it" : "") + ". Do not trade this tuning as it is.";
        };
        if (oosAcc != null) {
            text += String.format(Locale.ROOT, " Account out of sample: %s, Sharpe %s, max drawdown %.2f%%%s.", signedPct(oosAcc.returnPct()),
                    num(oosAcc.sharpe()), oosAcc.maxDrawdownPct(), isAcc == null ? "" : String.format(Locale.ROOT, " (in sample %s, Sharpe %s)",
                            signedPct(isAcc.returnPct()), num(isAcc.sharpe())));
        }
        if (rb != null) {
            text += " " + trust(rb);
        }
        return new Verdict(o, rank, n, a, b, text);
    }

    /** The robustness figures in words. */
    public static String trust(Robustness rb) {
        StringBuilder sb = new StringBuilder();
        if (rb.pbo() != null) {
            sb.append(String.format(Locale.ROOT, "Probability of backtest overfitting %.2f (in %d of %d half/half splits of %d time blocks, the "
                    + "configuration with the best daily Sharpe on one half ranked below the median on the other%s). ", rb.pbo().pbo(), Math.round(rb.pbo().pbo() * rb.pbo().combinations()),
                    rb.pbo().combinations(), rb.pbo().blocks(), rb.pbo().sampled() ? ", a seeded sample of the " + rb.pbo().total() : ""));
        }
        sb.append(String.format(Locale.ROOT, "Deflated Sharpe %s: the probability that the pick's true Sharpe is above 0, given that it is the best "
                + "of %d tried (Sharpe %s against %s, what the best of %d with no edge would show, given how widely the tried configurations' "
                + "Sharpes spread).", num(rb.dsrProbability()), rb.trials(),
                num(rb.pickSharpe()), num(rb.expectedMaxSharpe()), rb.trials()));
        if (!(rb.pickSharpe() > 0)) {
            // Nothing to deflate: a pick that lost on the account in sample is not a lucky find, it is no find.
            sb.append(" Its own Sharpe is not above zero: the search found no configuration that made money on the account in sample.");
        } else if (rb.likelyOverfit()) {
            sb.append(" More likely than not, this pick is an artefact of the search.");
        } else if (!rb.convincing()) {
            sb.append(" Not conclusive: trust it only as far as the out-of-sample figures go.");
        }
        return sb.toString();
    }

    private static String pct(double v) {
        return v != v ? "no trades" : String.format(Locale.ROOT, "%+.3f%%", 100 * v);
    }

    private static String signedPct(double v) {
        return v != v ? "-" : String.format(Locale.ROOT, "%+.2f%%", v);
    }

    private static String num(double v) {
        return v != v ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
