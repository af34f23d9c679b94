package io.ratchet.backtest.account;

/**
 * The account the trades are run through.
 *
 * @param capital quote currency at the start
 * @param stake   what each entry puts in
 * @param maxOpen an entry that finds this many positions open is skipped
 */
public record AccountSpec(double capital, Stake stake, int maxOpen) {
    /**
     * 10% of equity per entry and at most 10 open: fully invested at most, never leveraged,
     * and compounding, so the figures read as an account a trader could hold.
     */
    public static final AccountSpec DEFAULT = new AccountSpec(10_000, Stake.percent(10), 10);

    public AccountSpec {
        if (!(capital > 0 && Double.isFinite(capital))) {
            throw new IllegalArgumentException("--capital: must be positive, got " + capital);
        }
        if (maxOpen < 1) {
            throw new IllegalArgumentException("--max-open: must be at least 1, got " + maxOpen);
        }
    }

    /** {@code capital 10000, stake 10% of equity, max open 10}: printed with every result. */
    public String describe() {
        return "capital " + Stake.plain(capital) + ", stake " + stake + (stake.compounding() ? " of equity" : " per entry")
                + ", max open " + maxOpen;
    }
}
