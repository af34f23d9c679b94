package io.ratchet.backtest.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.backtest.robust.Robustness;
import org.junit.jupiter.api.Test;

/** The robustness figures in words: what they say must follow from the figures, not contradict them. */
class VerdictTrustTest {
    @Test
    void aPickThatLostInSampleIsNoFindRatherThanALuckyOne() {
        // The 1m sweep a user tried: the best of 5 lost money in sample; a deflated Sharpe of 0 says nothing about luck there.
        String text = Verdict.trust(new Robustness(null, 0.0, 5, -15.29, 17.87, null));
        assertThat(text).contains("Sharpe -15.29 against 17.87, what the best of 5 with no edge would show")
                .contains("Its own Sharpe is not above zero").doesNotContain("artefact of the search").doesNotContain("on noise");
    }

    @Test
    void aPositivePickBelowWhatLuckGivesIsCalledLikelyLuck() {
        String text = Verdict.trust(new Robustness(null, 0.3, 114, 2.0, 7.28, null));
        assertThat(text).contains("More likely than not, this pick is an artefact of the search").doesNotContain("not above zero");
    }

    @Test
    void aConvincingPickIsNotWarnedAbout() {
        String text = Verdict.trust(new Robustness(null, 0.99, 114, 13.92, 7.28, null));
        assertThat(text).doesNotContain("artefact").doesNotContain("Not conclusive").doesNotContain("not above zero");
    }
}
