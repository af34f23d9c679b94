package io.ratchet.backtest.sweep;

import java.util.Arrays;

/**
 * A binary min-heap of a double key and two int values, in primitive arrays: the nearest stop
 * (or activation level) of the positions a walk holds. The root is {@code key[0]}, {@code a[0]},
 * {@code b[0]}; the walks read those fields directly on their hot path.
 */
final class StopHeap {
    double[] key = new double[16];
    int[] a = new int[16];
    int[] b = new int[16];
    int size;

    void clear() {
        size = 0;
    }

    void push(double k, int va, int vb) {
        if (size == key.length) {
            grow();
        }
        int at = size++;
        while (at > 0) {
            int up = (at - 1) >>> 1;
            if (key[up] <= k) {
                break;
            }
            key[at] = key[up];
            a[at] = a[up];
            b[at] = b[up];
            at = up;
        }
        key[at] = k;
        a[at] = va;
        b[at] = vb;
    }

    private void grow() {
        key = Arrays.copyOf(key, size * 2);
        a = Arrays.copyOf(a, size * 2);
        b = Arrays.copyOf(b, size * 2);
    }

    /** Removes the root; returns its first value. */
    int pop() {
        int top = a[0];
        double k = key[--size];
        int va = a[size];
        int vb = b[size];
        int at = 0;
        while (true) {
            int ch = 2 * at + 1;
            if (ch >= size) {
                break;
            }
            if (ch + 1 < size && key[ch + 1] < key[ch]) {
                ch++;
            }
            if (key[ch] >= k) {
                break;
            }
            key[at] = key[ch];
            a[at] = a[ch];
            b[at] = b[ch];
            at = ch;
        }
        if (size > 0) {
            key[at] = k;
            a[at] = va;
            b[at] = vb;
        }
        return top;
    }
}
