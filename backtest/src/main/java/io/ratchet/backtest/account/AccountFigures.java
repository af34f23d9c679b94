package io.ratchet.backtest.account;

/**
 * An account's result over a range of bars; the contract (docs/trailing-semantics.md,
 * "Account") defines every field. Undefined values are NaN (written as null).
 *
 * @param returnPct      compounded: {@code 100 (finalEquity / capital - 1)}
 * @param maxDrawdownPct largest fall of the equity (at bar closes) from its running peak, 0..100
 * @param maxDrawdownDays longest time the equity spent below a previous peak, in days
 * @param exposurePct    share of bars with a position open
 * @param skipped        entries not taken: {@code skippedMaxOpen + skippedNoCash}
 * @param days           daily returns behind Sharpe and Sortino
 */
public record AccountFigures(
        double capital,
        double finalEquity,
        double returnPct,
        double cagrPct,
        double maxDrawdownPct,
        double maxDrawdownDays,
        double sharpe,
        double sortino,
        double calmar,
        double exposurePct,
        int maxConcurrent,
        int entries,
        int taken,
        int skipped,
        int skippedMaxOpen,
        int skippedNoCash,
        int endExits,
        int days) {
}
