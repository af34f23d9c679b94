package io.ratchet.backtest.robust;

/**
 * How much to trust the pick of a sweep.
 *
 * @param pbo            probability of backtest overfitting (CSCV), or null without out-of-sample data
 * @param dsrProbability deflated Sharpe ratio of the pick: the probability its true Sharpe is above zero
 * @param trials         configurations tried
 * @param pickSharpe     the pick's annualised Sharpe ratio (in sample)
 * @param expectedMaxSharpe the annualised Sharpe the best of {@code trials} noise configurations would show
 */
public record Robustness(Pbo.Result pbo, double dsrProbability, int trials, double pickSharpe, double expectedMaxSharpe,
                         Neighbourhood neighbourhood) {

    public double pboValue() {
        return pbo == null ? Double.NaN : pbo.pbo();
    }

    public boolean edgeOfGrid() {
        return neighbourhood != null && neighbourhood.edgeOfGrid();
    }

    public boolean lonePeak() {
        return neighbourhood != null && neighbourhood.lonePeak();
    }

    /** More likely than not an artefact of the search: PBO at or above one half, or a deflated Sharpe below one half. */
    public boolean likelyOverfit() {
        return pboValue() >= 0.5 || dsrProbability < 0.5;
    }

    /** Trusted only with PBO below 0.2 and a deflated Sharpe of at least 0.95 (the usual significance). */
    public boolean convincing() {
        return (pbo == null || pbo.pbo() < 0.2) && dsrProbability >= 0.95;
    }
}
