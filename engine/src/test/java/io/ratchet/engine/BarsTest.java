package io.ratchet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Two views are the same bars when they share every array and the range; the same prices in another array are not. */
class BarsTest {
    private static final long[] T = {0, 60_000, 120_000};
    private static final double[] O = {1, 2, 3};
    private static final double[] H = {2, 3, 4};
    private static final double[] L = {0.5, 1.5, 2.5};
    private static final double[] C = {1.5, 2.5, 3.5};

    @Test
    void viewsOfTheSameArraysAndRangeAreEqualAndHashAlike() {
        Bars a = Bars.of(T, O, H, L, C);
        Bars b = new Bars(T, O, H, L, C, 0, 3);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.slice(1, 3), b.slice(1, 3));
    }

    @Test
    void anotherRangeOrAnotherArrayOfTheSamePricesIsOtherBars() {
        Bars a = Bars.of(T, O, H, L, C);
        assertNotEquals(a, a.slice(0, 2));
        assertNotEquals(a, a.slice(1, 3));
        assertNotEquals(a, Bars.of(T.clone(), O, H, L, C));
        assertNotEquals(a, Bars.of(T, O.clone(), H, L, C));
        assertNotEquals(a, Bars.of(T, O, H.clone(), L, C));
        assertNotEquals(a, Bars.of(T, O, H, L.clone(), C));
        assertNotEquals(a, Bars.of(T, O, H, L, C.clone()));
        assertNotEquals(a, null);
    }
}
