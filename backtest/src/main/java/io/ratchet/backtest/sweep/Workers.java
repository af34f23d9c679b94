package io.ratchet.backtest.sweep;

/**
 * How many worker threads a sweep takes when none is asked for: every core, except in a small
 * sweep, which leaves one core to the JIT compiler. A sweep of a second or less spends most of it
 * in code still being compiled: the compiler's threads compile the group walk, the read-back and
 * the account while the workers run them, and a worker on every core takes the compiler's core
 * away. Measured on 2 cores only (bench/README.md, "One worker fewer in a small sweep"; on more
 * cores the same rule is kept, one worker of many is little to give): a year of 1m bars,
 * 100 percent trails, entry every 60 bars, 0.57 s on two workers and 0.49 s on one; every 10
 * bars 0.84 and 0.78 s; every 5 bars even; every 2 bars 1.26 and 1.35 s, every bar 1.5 and 1.8 s.
 */
public final class Workers {
    /**
     * The work, in (configuration, entry) pairs plus a configuration's share of the bars, below
     * which a sweep is small: between every 10 (6.1 M) and every 2 bars (27 M) of the measured
     * year.
     */
    static final long SMALL = 8_000_000L;

    private Workers() {
    }

    /** The default for a sweep of {@code configs} configurations over {@code entries} entries on {@code bars} bars, on {@code cores} cores. */
    public static int forSweep(int cores, int bars, int entries, int configs) {
        // A walk's cost per bar is shared by a group of configurations, a read-back's and an account's is per entry: the bars
        // count for a 64th of an entry each.
        long work = (long) configs * (entries + bars / 64);
        return work < SMALL ? Math.max(1, cores - 1) : Math.max(1, cores);
    }
}
