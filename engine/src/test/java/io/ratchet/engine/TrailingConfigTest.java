package io.ratchet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrailingConfigTest {

    @Test
    void trailOutsideItsRangeNamesTheFieldAndTheRange() {
        assertThatThrownBy(() -> TrailingConfig.of(Mode.PROFIT_LOCK, 1.5))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("trail")
                .hasMessageContaining("(0, 1]")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> TrailingConfig.of(Mode.PERCENT, 1.0))
                .hasMessageContaining("trail").hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> TrailingConfig.of(Mode.PERCENT, 0))
                .hasMessageContaining("trail");
        assertThat(TrailingConfig.of(Mode.PROFIT_LOCK, 1.0).trail()).isEqualTo(1.0);
    }

    @Test
    void negativeActivationAndBadStopsAreRefused() {
        TrailingConfig ok = TrailingConfig.of(Mode.PERCENT, 0.02);
        assertThatThrownBy(() -> ok.withActivation(-0.01))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.field()).isEqualTo("activation"));
        assertThatThrownBy(() -> ok.withInitialStop(1.2)).hasMessageStartingWith("initialStop:");
        assertThatThrownBy(() -> ok.withMaxBars(-1)).hasMessageStartingWith("maxBars:");
        assertThatThrownBy(() -> ok.withCosts(-0.001, 0)).hasMessageStartingWith("fee:");
        assertThatThrownBy(() -> ok.withCosts(0.001, Double.NaN)).hasMessageStartingWith("slippage:");
    }

    @Test
    void unknownModeListsTheAllowedOnes() {
        assertThatThrownBy(() -> Mode.parse("atr"))
                .hasMessage("mode: unknown 'atr' (allowed: profit-lock, percent)");
        assertThat(Mode.parse("Profit-Lock")).isEqualTo(Mode.PROFIT_LOCK);
        assertThatThrownBy(() -> Direction.parse("up")).hasMessageStartingWith("direction:");
        assertThatThrownBy(() -> IntrabarOrder.parse("random")).hasMessageStartingWith("intrabar:");
    }
}
