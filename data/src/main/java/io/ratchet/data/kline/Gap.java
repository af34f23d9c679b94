package io.ratchet.data.kline;

/**
 * Missing bars between two present ones.
 *
 * @param lastBefore open time of the last bar before the gap
 * @param firstAfter open time of the first bar after it
 * @param missing    how many bars are missing
 */
public record Gap(long lastBefore, long firstAfter, long missing) {
}
