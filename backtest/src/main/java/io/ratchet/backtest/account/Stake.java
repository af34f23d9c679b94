package io.ratchet.backtest.account;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * What each entry puts in: a fixed quote amount, or a share of the account's equity at the
 * last bar close before the entry (compounding: gains grow the next stakes, losses shrink them).
 *
 * @param amount   quote currency per entry, or NaN
 * @param fraction share of equity per entry in (0, 1], or NaN
 */
public record Stake(double amount, double fraction) {

    public Stake {
        if ((amount == amount) == (fraction == fraction)) {
            throw new IllegalArgumentException("--stake: give an amount or a percentage");
        }
        if (amount == amount && !(amount > 0 && Double.isFinite(amount))) {
            throw new IllegalArgumentException("--stake: must be positive, got " + amount);
        }
        if (fraction == fraction && !(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("--stake: a percentage must be in (0, 100], got " + 100 * fraction + "%");
        }
    }

    public static Stake of(double amount) {
        return new Stake(amount, Double.NaN);
    }

    public static Stake percent(double percent) {
        return new Stake(Double.NaN, percent / 100);
    }

    public boolean compounding() {
        return fraction == fraction;
    }

    /** {@code 250} (quote per entry) or {@code 10%} (of current equity). */
    public static Stake parse(String text) {
        String t = text.trim();
        try {
            if (t.endsWith("%")) {
                return percent(Double.parseDouble(t.substring(0, t.length() - 1).trim()));
            }
            return of(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--stake: '" + text + "' is neither an amount (250) nor a percentage of equity (10%)");
        }
    }

    /** The stake for an entry when the account was worth {@code equity} at the last close. */
    double size(double equity) {
        return compounding() ? fraction * equity : amount;
    }

    @Override
    public String toString() {
        return compounding() ? plain(100 * fraction) + "%" : plain(amount);
    }

    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }
}
