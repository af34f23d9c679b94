package io.ratchet.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The forecast: where the stop sits as the price moves from the entry toward a target.
 * Computed by feeding the levels to a {@link TrailingStop}, so it is the engine's answer,
 * not a second formula.
 */
public final class StopLadder {
    private StopLadder() {
    }

    /**
     * @param steps number of equal steps from entry to target; the ladder has {@code steps + 1}
     *              levels, plus the activation level where it falls strictly between them
     */
    public static List<LadderRow> of(TrailingConfig config, Direction direction, double entry, double target, int steps) {
        if (!(entry > 0) || Double.isInfinite(entry)) {
            throw new InvalidConfigException("entry", "must be a positive price, got " + entry);
        }
        int d = direction.sign();
        if (!(d * (target - entry) > 0) || Double.isInfinite(target)) {
            throw new InvalidConfigException("target", "must be " + (d > 0 ? "above" : "below")
                    + " the entry " + entry + " for a " + direction.id() + ", got " + target);
        }
        if (steps < 1 || steps > 10_000) {
            throw new InvalidConfigException("steps", "must be in [1, 10000], got " + steps);
        }
        double activationPrice = entry * (1 + d * config.activation());
        boolean insertActivation = config.activation() > 0 && d * (target - activationPrice) > 0;
        double step = (target - entry) / steps;
        List<Double> levels = new ArrayList<>(steps + 2);
        for (int k = 0; k <= steps; k++) {
            double level = k == steps ? target : entry + k * step;
            if (insertActivation && d * (level - activationPrice) >= 0) {
                if (level != activationPrice) {
                    levels.add(activationPrice);
                }
                insertActivation = false;
            }
            levels.add(level);
        }
        TrailingStop stop = new TrailingStop(config);
        stop.open(direction, entry, 0);
        List<LadderRow> rows = new ArrayList<>(levels.size());
        for (double level : levels) {
            if (level != entry) {
                stop.onPrice(0, level);
            }
            rows.add(row(config, d, entry, level, stop.stop(), config.activation() > 0 && level == activationPrice));
        }
        return rows;
    }

    private static LadderRow row(TrailingConfig config, int d, double entry, double price, double stop, boolean activation) {
        if (stop != stop) {
            return new LadderRow(price, Double.NaN, Double.NaN, Double.NaN, activation);
        }
        double fill = Returns.exitFill(d, stop, config.slippage());
        return new LadderRow(price, stop, Returns.net(d, entry, fill, config.fee()), 100 * d * (price - stop) / price, activation);
    }
}
