package io.ratchet.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DecimateTest {
    @Test
    void aShortLineIsKeptWhole() {
        double[] x = {0, 1, 2, 3, 4};
        double[] y = {5, 4, 3, 2, 1};
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, Decimate.line(x, y, 2));
    }

    @Test
    void aSpikeInsideAColumnIsKept() {
        // 100 points in 10 columns of 10: flat at 1, one spike to 50 at index 37 and one dip to -7 at 62.
        double[] x = new double[100];
        double[] y = new double[100];
        for (int i = 0; i < 100; i++) {
            x[i] = i;
            y[i] = 1;
        }
        y[37] = 50;
        y[62] = -7;
        int[] keep = Decimate.line(x, y, 10);
        assertTrue(contains(keep, 37), "spike kept");
        assertTrue(contains(keep, 62), "dip kept");
        assertTrue(contains(keep, 0) && contains(keep, 99), "ends kept");
        assertTrue(keep.length <= 40, "at most four a column: " + keep.length);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyColumnKeepsItsFirstLastLowestAndHighest(long seed) {
        Random r = new Random(seed);
        int n = 5_000 + r.nextInt(20_000);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 1; i < n; i++) {
            x[i] = x[i - 1] + (r.nextInt(5) == 0 ? 0 : r.nextInt(3)); // ties in time too
            y[i] = y[i - 1] + r.nextGaussian();
        }
        int columns = 50;
        int[] keep = Decimate.line(x, y, columns);
        for (int k = 1; k < keep.length; k++) {
            assertTrue(keep[k] > keep[k - 1], "seed " + seed + ": indices increase");
        }
        // Each column's extremes, found here by brute force, are among the points kept.
        double span = x[n - 1] - x[0];
        for (int c = 0; c < columns; c++) {
            int lo = -1;
            int hi = -1;
            for (int i = 0; i < n; i++) {
                int col = Math.min(columns - 1, (int) ((x[i] - x[0]) / span * columns));
                if (col == c) {
                    lo = lo < 0 || y[i] < y[lo] ? i : lo;
                    hi = hi < 0 || y[i] > y[hi] ? i : hi;
                }
            }
            if (lo >= 0) {
                double min = y[lo];
                double max = y[hi];
                assertTrue(java.util.Arrays.stream(keep).anyMatch(i -> y[i] == min), "seed " + seed + ": column " + c + " keeps its low");
                assertTrue(java.util.Arrays.stream(keep).anyMatch(i -> y[i] == max), "seed " + seed + ": column " + c + " keeps its high");
            }
        }
        assertTrue(keep.length <= 4 * columns, "seed " + seed + ": " + keep.length + " points");
    }

    @Test
    void aScatterKeepsOnePointPerCell() {
        int n = 100_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            // Four clusters at the corners of the unit square.
            x[i] = (i % 2) + 1e-9 * i;
            y[i] = (i / 2 % 2) + 1e-9 * i;
        }
        int[] keep = Decimate.scatter(x, y, 10, 10);
        assertArrayEquals(new int[] {0, 1, 2, 3}, keep);
        assertEquals(3, Decimate.scatter(new double[] {0, 1, 2}, new double[] {0, 1, 2}, 10, 10).length, "few points are all kept");
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
