package io.ratchet.backtest.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The default worker count: a core left to the JIT compiler in a small sweep, every core in a large one. */
class WorkersTest {
    private static final int YEAR_1M = 525_600;

    @Test
    void aSmallSweepLeavesACoreToTheCompiler() {
        assertEquals(1, Workers.forSweep(2, YEAR_1M, 8_760, 100), "100 trails, an entry every 60 bars of a year of 1m bars");
        assertEquals(1, Workers.forSweep(2, YEAR_1M, 52_560, 100), "every 10 bars");
        assertEquals(1, Workers.forSweep(2, 8_760, 365, 114), "the README's sweep: a year of hourly bars, an entry a day");
        assertEquals(7, Workers.forSweep(8, YEAR_1M, 8_760, 100), "eight cores: seven workers");
    }

    @Test
    void aLargeSweepTakesEveryCore() {
        assertEquals(2, Workers.forSweep(2, YEAR_1M, 262_800, 100), "every 2 bars");
        assertEquals(2, Workers.forSweep(2, YEAR_1M, YEAR_1M, 100), "an entry at every bar");
        assertEquals(8, Workers.forSweep(8, YEAR_1M, YEAR_1M, 100), "eight cores");
        // Few entries on many bars: 10,000 configurations, a daily entry over ten years of 1m bars (walks of 5.3 M bars).
        assertEquals(2, Workers.forSweep(2, 10 * YEAR_1M, 3_650, 10_000), "many configurations over many bars");
    }

    @Test
    void oneCoreIsOneWorker() {
        assertEquals(1, Workers.forSweep(1, YEAR_1M, 8_760, 100));
        assertEquals(1, Workers.forSweep(1, YEAR_1M, YEAR_1M, 100));
    }

    @Test
    void theLineLiesBetweenEveryTenAndEveryTwoBarsOfTheMeasuredYear() {
        // 100 configurations x (79,788 entries + 525,600 / 64 = 8,212) = 8.8 M: large; x (71,788 + 8,212) = 8.0 M: large; one entry fewer: small.
        assertEquals(2, Workers.forSweep(2, YEAR_1M, 79_788, 100));
        assertEquals(2, Workers.forSweep(2, YEAR_1M, 71_788, 100));
        assertEquals(1, Workers.forSweep(2, YEAR_1M, 71_787, 100));
    }
}
