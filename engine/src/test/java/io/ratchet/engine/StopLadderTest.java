package io.ratchet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopLadderTest {

    @Test
    void profitLockHalfToTwentyPercentEndsWithTheStopAt110() {
        TrailingConfig cfg = new TrailingConfig(Mode.PROFIT_LOCK, 0.5, 0, Double.NaN, 0, 0.001, 0);
        List<LadderRow> rows = StopLadder.of(cfg, Direction.LONG, 100, 120, 8);
        assertThat(rows).hasSize(9);
        assertThat(rows.get(0).price()).isEqualTo(100.0);
        assertThat(rows.get(0).stop()).isNaN(); // no initial stop: none at the entry
        LadderRow last = rows.get(8);
        assertThat(last.price()).isEqualTo(120.0);
        assertThat(last.stop()).isEqualTo(110.0);
        assertThat(last.lockedReturn()).isCloseTo(0.10 - 0.001 * 2.1, within(1e-12));
        assertThat(last.distance()).isCloseTo(100 * 10 / 120.0, within(1e-12));
    }

    @Test
    void initialStopIsTheFirstRowAndActivationGetsItsOwnRow() {
        TrailingConfig cfg = new TrailingConfig(Mode.PROFIT_LOCK, 0.5, 0.01, 0.03, 0, 0.001, 0);
        List<LadderRow> rows = StopLadder.of(cfg, Direction.LONG, 100, 120, 8);
        assertThat(rows).hasSize(10);
        assertThat(rows.get(0).stop()).isEqualTo(97.0);
        assertThat(rows.get(1).price()).isEqualTo(101.0);
        assertThat(rows.get(1).activation()).isTrue();
        assertThat(rows.get(1).stop()).isEqualTo(100.5);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).stop()).isGreaterThanOrEqualTo(rows.get(i - 1).stop());
        }
    }

    @Test
    void shortLadderIsMirrored() {
        TrailingConfig cfg = new TrailingConfig(Mode.PROFIT_LOCK, 0.5, 0, 0.03, 0, 0, 0);
        List<LadderRow> rows = StopLadder.of(cfg, Direction.SHORT, 100, 80, 4);
        assertThat(rows.get(0).stop()).isEqualTo(103.0);
        assertThat(rows.get(4).stop()).isEqualTo(90.0);
        assertThat(rows.get(4).lockedReturn()).isCloseTo(0.10, within(1e-12));
    }

    @Test
    void targetOnTheWrongSideIsRefused() {
        TrailingConfig cfg = TrailingConfig.of(Mode.PROFIT_LOCK, 0.5);
        assertThatThrownBy(() -> StopLadder.of(cfg, Direction.LONG, 100, 90, 8))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("target").hasMessageContaining("above");
        assertThatThrownBy(() -> StopLadder.of(cfg, Direction.SHORT, 100, 110, 8)).hasMessageContaining("below");
    }
}
