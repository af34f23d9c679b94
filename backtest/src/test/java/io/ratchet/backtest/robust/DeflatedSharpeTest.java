package io.ratchet.backtest.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DeflatedSharpeTest {
    @Test
    void theNormalDistributionsValues() {
        // Tables: Φ(1.96) = 0.975002, Φ⁻¹(0.99) = 2.326348.
        assertThat(Normal.cdf(1.96)).isCloseTo(0.9750021048517795, within(1e-13));
        assertThat(Normal.cdf(-1)).isCloseTo(0.15865525393145707, within(1e-13));
        assertThat(Normal.cdf(0)).isCloseTo(0.5, within(1e-9));
        assertThat(Normal.inverse(0.99)).isCloseTo(2.3263479, within(1e-6));
        assertThat(Normal.inverse(0.5)).isCloseTo(0, within(1e-9));
        assertThat(Normal.inverse(0.001)).isCloseTo(-3.0902323, within(1e-6));
    }

    @Test
    void theFormulaByHand() {
        // 100 trials, variance of their Sharpe 0.0004: SR0 = 0.02 ((1-γ) Φ⁻¹(0.99) + γ Φ⁻¹(1 - 1/(100 e))),
        // with Φ⁻¹(0.99) = 2.3263479 and Φ⁻¹(0.9963212) = 2.6802104 (tables).
        double g = 0.5772156649015329;
        double sr0 = 0.02 * ((1 - g) * 2.3263479 + g * 2.6802104);
        assertThat(DeflatedSharpe.expectedMax(100, 0.0004)).isCloseTo(sr0, within(1e-7));
        // Pick: Sharpe 0.1 per day over 365 days, skew -0.5, kurtosis 6.
        double z = (0.1 - sr0) * Math.sqrt(364) / Math.sqrt(1 + 0.5 * 0.1 + 5.0 / 4 * 0.01);
        assertThat(z).isCloseTo(0.9141283, within(1e-5));
        assertThat(DeflatedSharpe.probability(0.1, 100, 0.0004, 365, -0.5, 6)).isCloseTo(0.8196753, within(1e-5));
        // One trial: nothing to deflate; the probabilistic Sharpe ratio against 0.
        assertThat(DeflatedSharpe.expectedMax(1, 0.0004)).isZero();
    }

    @Test
    void momentsOfASmallSample() {
        double[] m = DeflatedSharpe.moments(new double[] {1, 2, 3, 4});
        assertThat(m[0]).isEqualTo(2.5);
        assertThat(m[1]).isCloseTo(2.5 / Math.sqrt(5.0 / 3), within(1e-12));
        assertThat(m[2]).isCloseTo(0, within(1e-12));
        // population: m2 = 1.25, m4 = (2*5.0625 + 2*0.0625)/4 = 2.5625 -> 2.5625 / 1.5625
        assertThat(m[3]).isCloseTo(2.5625 / 1.5625, within(1e-12));
    }
}
