package io.ratchet.live.exchange;

import java.util.List;

/** Closed 1m bars from the exchange: what a gap in the live feed is walked with. */
public interface KlineHistory {

    /** Bars with open time in {@code [from, to)}, oldest first, each {openTime, open, high, low, close}. */
    List<double[]> minuteBars(String symbol, long from, long to);
}
