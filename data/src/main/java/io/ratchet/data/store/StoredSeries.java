package io.ratchet.data.store;

/**
 * One series in the store, as {@code data list} shows it.
 *
 * @param from open time of the first bar, epoch ms
 * @param to   open time of the last bar, epoch ms
 */
public record StoredSeries(String symbol, String interval, long from, long to, int bars, int gaps, long missingBars) {
}
