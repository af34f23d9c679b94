package io.ratchet.data.trades;

/**
 * Aggregate trade ids missing between two present trades.
 *
 * @param lastIdBefore id of the last trade before the gap
 * @param firstIdAfter id of the first trade after it
 * @param timeBefore   its time, epoch ms
 * @param timeAfter    the time of the first trade after, epoch ms
 */
public record TradeGap(long lastIdBefore, long firstIdAfter, long timeBefore, long timeAfter) {
    public long missing() {
        return firstIdAfter - lastIdBefore - 1;
    }
}
