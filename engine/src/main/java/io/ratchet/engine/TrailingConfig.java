package io.ratchet.engine;

/**
 * One trailing-stop configuration: what a sweep exports, a backtest runs and a live
 * position trails with. Immutable and validated on construction.
 *
 * @param mode        how the stop follows the extreme
 * @param trail       profit-lock: share of open profit kept, {@code (0, 1]};
 *                    percent: distance from the extreme, {@code (0, 1)}
 * @param activation  profit of the extreme, as a fraction of entry, before any candidate
 *                    is taken; {@code >= 0}
 * @param initialStop stop at entry as a fraction of entry, {@code (0, 1)}; {@code NaN} for
 *                    none (no stop until activation)
 * @param maxBars     bars after the entry bar before a time exit; {@code 0} for none
 * @param fee         fee rate per side, {@code [0, 0.1]}
 * @param slippage    slippage on every exit fill, {@code [0, 0.1]}
 */
public record TrailingConfig(
        Mode mode,
        double trail,
        double activation,
        double initialStop,
        int maxBars,
        double fee,
        double slippage) {

    /** Binance spot taker fee, the default of every command. */
    public static final double DEFAULT_FEE = 0.001;

    public TrailingConfig {
        if (mode == null) {
            throw new InvalidConfigException("mode", "missing (allowed: profit-lock, percent)");
        }
        if (mode == Mode.PROFIT_LOCK && !(trail > 0 && trail <= 1)) {
            throw new InvalidConfigException("trail", "must be in (0, 1] for profit-lock (share of profit kept), got " + trail);
        }
        if (mode == Mode.PERCENT && !(trail > 0 && trail < 1)) {
            throw new InvalidConfigException("trail", "must be in (0, 1) for percent (distance from the extreme), got " + trail);
        }
        if (!(activation >= 0) || Double.isInfinite(activation)) {
            throw new InvalidConfigException("activation", "must be a finite number >= 0, got " + activation);
        }
        if (!Double.isNaN(initialStop) && !(initialStop > 0 && initialStop < 1)) {
            throw new InvalidConfigException("initialStop", "must be in (0, 1) or none, got " + initialStop);
        }
        if (maxBars < 0) {
            throw new InvalidConfigException("maxBars", "must be >= 0 (0 = no time exit), got " + maxBars);
        }
        if (!(fee >= 0 && fee <= 0.1)) {
            throw new InvalidConfigException("fee", "must be in [0, 0.1] (fraction per side), got " + fee);
        }
        if (!(slippage >= 0 && slippage <= 0.1)) {
            throw new InvalidConfigException("slippage", "must be in [0, 0.1] (fraction per fill), got " + slippage);
        }
    }

    /** A configuration with no initial stop, no time exit, the default fee and no slippage. */
    public static TrailingConfig of(Mode mode, double trail) {
        return new TrailingConfig(mode, trail, 0, Double.NaN, 0, DEFAULT_FEE, 0);
    }

    public boolean hasInitialStop() {
        return !Double.isNaN(initialStop);
    }

    public TrailingConfig withActivation(double value) {
        return new TrailingConfig(mode, trail, value, initialStop, maxBars, fee, slippage);
    }

    /** {@code NaN} removes the initial stop. */
    public TrailingConfig withInitialStop(double value) {
        return new TrailingConfig(mode, trail, activation, value, maxBars, fee, slippage);
    }

    public TrailingConfig withMaxBars(int value) {
        return new TrailingConfig(mode, trail, activation, initialStop, value, fee, slippage);
    }

    public TrailingConfig withCosts(double newFee, double newSlippage) {
        return new TrailingConfig(mode, trail, activation, initialStop, maxBars, newFee, newSlippage);
    }

    public TrailingConfig withMode(Mode newMode, double newTrail) {
        return new TrailingConfig(newMode, newTrail, activation, initialStop, maxBars, fee, slippage);
    }

    /** A short human label, e.g. {@code profit-lock 0.5 act 0.01 init 0.03}. */
    public String label() {
        StringBuilder sb = new StringBuilder().append(mode.id()).append(' ').append(Numbers.plain(trail));
        if (activation > 0) {
            sb.append(" act ").append(Numbers.plain(activation));
        }
        if (hasInitialStop()) {
            sb.append(" init ").append(Numbers.plain(initialStop));
        }
        if (maxBars > 0) {
            sb.append(" max ").append(maxBars).append(" bars");
        }
        return sb.toString();
    }
}
