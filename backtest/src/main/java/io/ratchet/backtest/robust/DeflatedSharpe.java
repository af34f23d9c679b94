package io.ratchet.backtest.robust;

/**
 * The deflated Sharpe ratio (Bailey and López de Prado, "The Deflated Sharpe Ratio", 2014):
 * the probability that the pick's true Sharpe ratio is above zero, given that it is the best
 * of {@code trials} tried. The best of many noise configurations has a Sharpe ratio around
 * the expected maximum of {@code trials} draws, so that is the bar it is measured against,
 * with the estimate's error widened by the returns' skew and fat tails.
 *
 * <p>Every Sharpe ratio here is per observation (daily, not annualised), as the formula needs.
 */
public final class DeflatedSharpe {
    /** Euler–Mascheroni. */
    static final double GAMMA = 0.5772156649015329;

    private DeflatedSharpe() {
    }

    /**
     * @param sharpe    the pick's Sharpe ratio per observation
     * @param trials    configurations tried (at least 1)
     * @param trialVar  variance of the trials' Sharpe ratios (per observation)
     * @param n         observations behind {@code sharpe}
     * @param skew      skewness of the pick's returns
     * @param kurtosis  kurtosis (3 for a normal distribution, not the excess)
     */
    public static double probability(double sharpe, int trials, double trialVar, int n, double skew, double kurtosis) {
        if (!(n > 1) || sharpe != sharpe || skew != skew || kurtosis != kurtosis) {
            return Double.NaN;
        }
        double sr0 = expectedMax(trials, trialVar);
        double var = 1 - skew * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
        if (!(var > 0)) {
            return Double.NaN;
        }
        return Normal.cdf((sharpe - sr0) * Math.sqrt(n - 1) / Math.sqrt(var));
    }

    /** The expected maximum Sharpe ratio of {@code trials} draws of true Sharpe 0 and variance {@code trialVar}. */
    public static double expectedMax(int trials, double trialVar) {
        if (trials < 2 || !(trialVar > 0)) {
            return 0;
        }
        return Math.sqrt(trialVar) * ((1 - GAMMA) * Normal.inverse(1 - 1.0 / trials) + GAMMA * Normal.inverse(1 - 1.0 / (trials * Math.E)));
    }

    /** Moments of a sample: {mean, Sharpe per observation (sd with n − 1), skew, kurtosis} (skew and kurtosis as population moments). */
    public static double[] moments(double[] r) {
        int n = r.length;
        if (n < 2) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        double mean = 0;
        for (double v : r) {
            mean += v;
        }
        mean /= n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double v : r) {
            double d = v - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        double sd = Math.sqrt(m2 / (n - 1));
        double p2 = m2 / n;
        return new double[] {mean, sd > 0 ? mean / sd : Double.NaN, p2 > 0 ? m3 / n / Math.pow(p2, 1.5) : Double.NaN,
            p2 > 0 ? m4 / n / (p2 * p2) : Double.NaN};
    }
}
