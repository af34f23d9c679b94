package io.ratchet.engine;

/**
 * One closed position, unit stake.
 *
 * @param entryTime open time of the entry bar, epoch ms; for an entry inside a bar (a live position replayed), its own time
 * @param exitTime  open time of the bar the exit happened in, epoch ms; for a stop hit on a trade
 *                  ({@code --intrabar trades}), that trade's time
 * @param exitPrice the fill: trigger worsened by slippage
 * @param netReturn {@code d (X - E) / E - fee (1 + X / E)}
 * @param peak      the favourable extreme reached
 */
public record Trade(
        long entryTime,
        Direction direction,
        double entryPrice,
        long exitTime,
        double exitPrice,
        ExitReason exitReason,
        double netReturn,
        double peak) {

    /** Best open profit reached, as a fraction of entry (maximum favourable excursion). */
    public double maxFavourableExcursion() {
        return direction.sign() * (peak - entryPrice) / entryPrice;
    }
}
