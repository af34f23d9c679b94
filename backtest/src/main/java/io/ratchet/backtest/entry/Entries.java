package io.ratchet.backtest.entry;

import io.ratchet.engine.BarWalker;
import io.ratchet.engine.Bars;
import io.ratchet.engine.Direction;
import io.ratchet.engine.Trade;
import java.util.Arrays;

/**
 * Where positions open: bar indices (absolute, into the series' arrays) in ascending order
 * with the direction of each. Positions may overlap; two entries may share a bar.
 *
 * <p>An entry normally opens at its bar's open. An <em>exact</em> entry (a live position
 * replayed) opens at its own price and time inside its bar: {@code time[k]} epoch ms and
 * {@code price[k]}, {@code NaN} price for an entry at the bar's open. Both arrays are null when
 * no entry is exact.
 */
public record Entries(int[] bar, Direction[] direction, long[] time, double[] price) {

    public Entries {
        if (bar.length != direction.length) {
            throw new IllegalArgumentException("entries: bar and direction differ in length");
        }
        if ((time == null) != (price == null) || time != null && (time.length != bar.length || price.length != bar.length)) {
            throw new IllegalArgumentException("entries: one time and one price per exact entry");
        }
        for (int i = 1; i < bar.length; i++) {
            if (bar[i] < bar[i - 1]) {
                throw new IllegalArgumentException("entries must be in bar order");
            }
        }
    }

    /** Entries at their bars' opens. */
    public Entries(int[] bar, Direction[] direction) {
        this(bar, direction, null, null);
    }

    public int size() {
        return bar.length;
    }

    /** Whether entry {@code k} opens at its own price and time inside its bar. */
    public boolean exact(int k) {
        return price != null && price[k] == price[k];
    }

    /** Whether any entry is exact. */
    public boolean anyExact() {
        for (int k = 0; k < bar.length; k++) {
            if (exact(k)) {
                return true;
            }
        }
        return false;
    }

    /** Entry {@code k} walked by {@code w}: at its bar's open, or at its own price and time. */
    public Trade walk(BarWalker w, Bars bars, int k) {
        return exact(k) ? w.trade(bars, bar[k], direction[k], price[k], time[k]) : w.trade(bars, bar[k], direction[k]);
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
        if (a == 0 && b == bar.length) {
            return this; // all of them: entries are not changed once made, and a sweep's pick is then known as walked already
        }
        return new Entries(Arrays.copyOfRange(bar, a, b), Arrays.copyOfRange(direction, a, b), time == null ? null : Arrays.copyOfRange(time, a, b),
                price == null ? null : Arrays.copyOfRange(price, a, b));
    }
}
