package io.ratchet.backtest.robust;

import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.backtest.sweep.Sweep;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NeighbourhoodTest {
    static final List<TrailingConfig> GRID = Sweep.grid(List.of(Mode.PERCENT), new double[] {0.01, 0.02, 0.03, 0.04, 0.05},
            new double[] {0, 0.01, 0.02}, new double[] {Double.NaN}, 0, 0.001, 0);

    static int[] ranking(double[] score) {
        return IntStream.range(0, score.length).boxed().sorted((a, b) -> Double.compare(score[b], score[a])).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void aPlateauInsideTheGrid() {
        // Grid order: trail outer, activation inner: index = 3 * trail + activation. Peak at trail 0.03, activation 0.01 (index 7).
        double[] score = new double[15];
        for (int c = 0; c < 15; c++) {
            int t = c / 3;
            int a = c % 3;
            score[c] = 10 - Math.abs(t - 2) - Math.abs(a - 1);
        }
        Neighbourhood n = Neighbourhood.of(GRID, ranking(score), c -> score[c]);
        assertThat(n.pick()).isEqualTo(7);
        assertThat(n.neighbours()).extracting(Neighbourhood.Neighbour::config).containsExactlyInAnyOrder(4, 10, 6, 8);
        assertThat(n.edgeOfGrid()).isFalse();
        assertThat(n.lonePeak()).isFalse();
    }

    @Test
    void aLonePeakOnTheEdge() {
        double[] score = new double[15];
        for (int c = 0; c < 15; c++) {
            score[c] = c; // rising with trail and activation...
        }
        score[12] = 100; // ...but the best is trail 0.05 (the largest tried), activation 0, far above its neighbours
        score[9] = -5;
        score[13] = -6;
        Neighbourhood n = Neighbourhood.of(GRID, ranking(score), c -> score[c]);
        assertThat(n.pick()).isEqualTo(12);
        assertThat(n.neighbours()).extracting(Neighbourhood.Neighbour::config).containsExactlyInAnyOrder(9, 13);
        assertThat(n.edges()).containsExactly("trail 0.05 is the largest tried");
        assertThat(n.lonePeak()).isTrue();
    }
}
