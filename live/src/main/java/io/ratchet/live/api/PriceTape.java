package io.ratchet.live.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recent trade prices per symbol, sampled, for the charts of a page that has just loaded (the
 * database keeps events, not every trade). Bounded: the oldest samples go first.
 */
final class PriceTape {
    private final int perSymbol;
    private final Map<String, ArrayDeque<double[]>> tapes = new HashMap<>();

    PriceTape(int perSymbol) {
        this.perSymbol = perSymbol;
    }

    synchronized void add(String symbol, double price, long time) {
        ArrayDeque<double[]> t = tapes.computeIfAbsent(symbol, s -> new ArrayDeque<>());
        if (t.size() == perSymbol) {
            t.pollFirst();
        }
        t.addLast(new double[] {time, price});
    }

    /** Every symbol's samples, oldest first, as {@code [time, price]}. */
    synchronized Map<String, List<double[]>> all() {
        Map<String, List<double[]>> out = new HashMap<>();
        tapes.forEach((s, t) -> out.put(s, new ArrayList<>(t)));
        return out;
    }
}
