package io.ratchet.backtest.entry;

import io.ratchet.engine.Direction;
import java.util.Arrays;

/**
 * Where positions open: bar indices (absolute, into the series' arrays) in ascending order
 * with the direction of each. Positions may overlap; two entries may share a bar.
 */
public record Entries(int[] bar, Direction[] direction) {

    public Entries {
        if (bar.length != direction.length) {
            throw new IllegalArgumentException("entries: bar and direction differ in length");
        }
        for (int i = 1; i < bar.length; i++) {
            if (bar[i] < bar[i - 1]) {
                throw new IllegalArgumentException("entries must be in bar order");
            }
        }
    }

    public int size() {
        return bar.length;
    }

    /** Every {@code n}-th bar of {@code [from, to)}, starting at {@code from}. */
    public static Entries every(int n, int from, int to, Direction direction) {
        if (n < 1) {
            throw new IllegalArgumentException("--entry-every: must be at least 1, got " + n);
        }
        int count = Math.max(0, (to - from + n - 1) / n);
        int[] bars = new int[count];
        Direction[] dirs = new Direction[count];
        for (int k = 0; k < count; k++) {
            bars[k] = from + k * n;
            dirs[k] = direction;
        }
        return new Entries(bars, dirs);
    }

    /** The entries with bar in {@code [from, to)}. */
    public Entries within(int from, int to) {
        int a = 0;
        while (a < bar.length && bar[a] < from) {
            a++;
        }
        int b = a;
        while (b < bar.length && bar[b] < to) {
            b++;
        }
        return new Entries(Arrays.copyOfRange(bar, a, b), Arrays.copyOfRange(direction, a, b));
    }
}
