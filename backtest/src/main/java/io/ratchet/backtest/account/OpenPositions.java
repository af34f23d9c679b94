package io.ratchet.backtest.account;

import java.util.Arrays;

/**
 * An account walk's open positions in exit order, each in a slot that holds what its close
 * needs (filled by the walk). Slots are as many as are ever open at once (the default
 * {@code --max-open} is 10), not one per entry, and are made per walk: no buffer of every
 * entry is kept per thread.
 *
 * <p>The order: keys (exit bar in the high half, position in the low half, so that positions
 * exiting at one bar close in entry order) ascending in {@code key[head, head + size)}. A new
 * one goes into its place from the back: a position entered later mostly exits no earlier than
 * those open (no move at all), and the first to exit is taken from the front, where a heap paid
 * a sift each way, its branches unpredictable.
 */
final class OpenPositions {
    private long[] key;
    private int[] slotOf;
    private int head;
    /** How many are open. */
    int size;
    /** Per slot: what the exit pays back, and the position's share of the worth {@code A + B p}. */
    double[] exitCash;
    double[] da;
    double[] db;
    private int[] free;
    private int nFree;
    private int slots;

    OpenPositions(int capacity) {
        int cap = Math.max(1, capacity);
        // The queue moves back as positions close: room for many before its open ones are moved to the front.
        key = new long[Math.max(64, cap)];
        slotOf = new int[key.length];
        exitCash = new double[cap];
        da = new double[cap];
        db = new double[cap];
        free = new int[cap];
    }

    /** Opens position {@code k}, exiting at bar {@code exitBar}: its slot, for the caller to fill. */
    int add(int exitBar, int k) {
        int slot;
        if (nFree > 0) {
            slot = free[--nFree];
        } else {
            if (slots == exitCash.length) {
                int grown = 2 * slots;
                exitCash = Arrays.copyOf(exitCash, grown);
                da = Arrays.copyOf(da, grown);
                db = Arrays.copyOf(db, grown);
                free = Arrays.copyOf(free, grown);
            }
            slot = slots++;
        }
        if (head + size == key.length) {
            // The back is reached: the open ones move to the front, or the queue grows if they fill half of it.
            if (size < key.length / 2) {
                System.arraycopy(key, head, key, 0, size);
                System.arraycopy(slotOf, head, slotOf, 0, size);
                head = 0;
            } else {
                key = Arrays.copyOf(key, 2 * key.length);
                slotOf = Arrays.copyOf(slotOf, key.length);
            }
        }
        long kk = (long) exitBar << 32 | k;
        int at = head + size++;
        while (at > head && key[at - 1] > kk) {
            key[at] = key[at - 1];
            slotOf[at] = slotOf[at - 1];
            at--;
        }
        key[at] = kk;
        slotOf[at] = slot;
        return slot;
    }

    /** The bar of the next exit, or {@code Integer.MAX_VALUE} with nothing open. */
    int nextExit() {
        return size > 0 ? (int) (key[head] >>> 32) : Integer.MAX_VALUE;
    }

    /** Closes the first to exit: its slot, read until the next {@link #add}. */
    int pop() {
        int slot = slotOf[head++];
        if (--size == 0) {
            head = 0; // nothing to move: one position open at a time (most sweeps' picks) never reaches the back
        }
        free[nFree++] = slot;
        return slot;
    }
}
