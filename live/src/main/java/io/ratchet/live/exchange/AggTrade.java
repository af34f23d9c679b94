package io.ratchet.live.exchange;

/**
 * One aggregate trade as the exchange printed it ({@code aggTrade} stream, {@code GET /api/v3/aggTrades}).
 *
 * @param id         the aggTradeId, counting up by one per symbol; {@code -1} where the source gives none
 * @param quantity   {@code NaN} where the source gives none
 * @param time       the trade's time, epoch ms
 * @param buyerMaker whether the buyer was the maker ({@code m})
 */
public record AggTrade(long id, double price, double quantity, long time, boolean buyerMaker) {

    /** A row of {@link KlineHistory#trades} or {@link KlineHistory#tradesAfter}: {price, time[, aggTradeId[, quantity[, buyerMaker 1/0]]]}. */
    public static AggTrade ofRow(double[] row) {
        return new AggTrade(row.length > 2 ? (long) row[2] : -1, row[0], row.length > 3 ? row[3] : Double.NaN, (long) row[1],
                row.length > 4 && row[4] == 1);
    }
}
