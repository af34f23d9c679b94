package io.ratchet.backtest.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PboTest {
    static LongStream seeds() {
        return LongStream.rangeClosed(1, 6);
    }

    /**
     * Configurations of pure noise: which one is best in sample says nothing out of sample.
     * One grid's PBO varies widely (its combinations share blocks), so each seed is held to a
     * wide band and the mean over seeds to a narrow one.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noiseGivesAboutOneHalf(long seed) {
        double pbo = noise(seed);
        assertThat(pbo).as("seed %d", seed).isBetween(0.1, 0.9);
    }

    /** Large grids sum each combination's blocks directly: the same logits as the subset tables. */
    @Test
    void withoutTablesTheSameResult() {
        SplittableRandom rnd = new SplittableRandom(8);
        Pbo.Blocks b = new Pbo.Blocks(15, 10, 0, 299);
        for (int c = 0; c < 15; c++) {
            for (int d = 0; d < 300; d++) {
                b.add(c, d, 0.01 * gaussian(rnd) + 0.0005 * c);
            }
        }
        Pbo.Result t = Pbo.of(b);
        Pbo.Result direct = Pbo.of(b, 0);
        assertThat(direct.logits()).containsExactly(t.logits(), within(1e-9));
        assertThat(direct.pbo()).isEqualTo(t.pbo());
    }

    @Test
    void noiseAveragesOneHalf() {
        double sum = 0;
        StringBuilder seen = new StringBuilder();
        for (long seed = 1; seed <= 12; seed++) {
            double p = noise(seed);
            seen.append(" ").append(seed).append(":").append(String.format("%.3f", p));
            sum += p;
        }
        assertThat(sum / 12).as("PBO per seed:%s", seen).isBetween(0.4, 0.6);
    }

    static double noise(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int configs = 40;
        int days = 800;
        Pbo.Blocks b = new Pbo.Blocks(configs, 16, 0, days - 1);
        for (int c = 0; c < configs; c++) {
            for (int d = 0; d < days; d++) {
                b.add(c, d, 0.01 * gaussian(rnd));
            }
        }
        Pbo.Result r = Pbo.of(b);
        assertThat(r.combinations()).isEqualTo(12_870);
        assertThat(r.total()).isEqualTo(12_870);
        return r.pbo();
    }

    /** One configuration with a real edge in every block: the in-sample best is it, and it stays on top. */
    @Test
    void aRealEdgeGivesNearZero() {
        SplittableRandom rnd = new SplittableRandom(3);
        int configs = 20;
        int days = 400;
        Pbo.Blocks b = new Pbo.Blocks(configs, 8, 0, days - 1);
        for (int c = 0; c < configs; c++) {
            for (int d = 0; d < days; d++) {
                b.add(c, d, 0.01 * gaussian(rnd) + (c == 7 ? 0.01 : 0));
            }
        }
        Pbo.Result r = Pbo.of(b);
        assertThat(r.combinations()).isEqualTo(70);
        assertThat(r.pbo()).isEqualTo(0.0);
        // Ranked first of 20 every time: ω = 20 / 21.
        assertThat(r.logits()[0]).isCloseTo(Math.log(20.0), within(1e-12));
    }

    /** Four configurations, two blocks, by hand: block sums decide the pick and its rank. */
    @Test
    void twoBlocksByHand() {
        Pbo.Blocks b = new Pbo.Blocks(3, 2, 0, 3);
        // days 0,1 are block 0; days 2,3 block 1.
        double[][] r = {{0.02, 0.01, -0.01, -0.02}, {0.0, 0.01, 0.02, 0.01}, {-0.01, 0.0, 0.01, 0.03}};
        for (int c = 0; c < 3; c++) {
            for (int d = 0; d < 4; d++) {
                b.add(c, d, r[c][d]);
            }
        }
        Pbo.Result res = Pbo.of(b);
        // Sharpe per block: mean / sd(n-1) of two days.
        // block 0: c0 0.015/0.00707, c1 0.005/0.00707, c2 -0.005/0.00707 -> best c0; block 1: c0 ranks last (1 of 3): ω = 1/4.
        // block 1: c0 -0.015/.., c1 0.015/.., c2 0.02/0.01414 = 1.414 vs c1 2.12 -> best c1; in block 0 c1 ranks 2 of 3: ω = 2/4.
        assertThat(res.logits()).containsExactlyInAnyOrder(Math.log((1 / 4.0) / (3 / 4.0)), 0.0);
        assertThat(res.pbo()).isEqualTo(0.5);
    }

    static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
