package io.ratchet.backtest.sweep;

import io.ratchet.backtest.account.AccountFigures;
import io.ratchet.engine.RunSummary;

/**
 * What a sweep ranks by; undefined scores ({@code NaN}, no trades) rank last. The default is
 * the account's Sharpe ratio: it rewards return per unit of the equity's day-to-day risk, so
 * neither a lucky few trades nor a run that sat deep under water for months comes first.
 */
public enum RankBy {
    SHARPE("sharpe", true, true),
    SORTINO("sortino", true, true),
    CALMAR("calmar", true, true),
    RETURN_PCT("returnPct", true, true),
    MAX_DRAWDOWN_PCT("maxDrawdownPct", false, true),
    TOTAL_RETURN("totalReturn", true, false),
    MEAN_RETURN("meanReturn", true, false),
    PROFIT_FACTOR("profitFactor", true, false),
    WIN_RATE("winRate", true, false),
    MAX_DRAWDOWN("maxDrawdown", false, false);

    public static final RankBy DEFAULT = SHARPE;

    private final String id;
    private final boolean higherIsBetter;
    private final boolean account;

    RankBy(String id, boolean higherIsBetter, boolean account) {
        this.id = id;
        this.higherIsBetter = higherIsBetter;
        this.account = account;
    }

    public String id() {
        return id;
    }

    /** An account figure (needs the account), not a per-trade unit-stake statistic. */
    public boolean account() {
        return account;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The per-trade statistics' score; NaN for an account figure (see {@link #score(RunSummary, AccountFigures)}). */
    public double score(RunSummary s) {
        return score(s, null);
    }

    public double score(RunSummary s, AccountFigures a) {
        if (s != null && s.trades() == 0) {
            return Double.NaN;
        }
        if (account) {
            if (a == null || a.taken() == 0) {
                return Double.NaN;
            }
            return switch (this) {
                case SHARPE -> a.sharpe();
                case SORTINO -> a.sortino();
                case CALMAR -> a.calmar();
                case RETURN_PCT -> a.returnPct();
                default -> a.maxDrawdownPct();
            };
        }
        return switch (this) {
            case TOTAL_RETURN -> s.totalReturn();
            case MEAN_RETURN -> s.meanReturn();
            case PROFIT_FACTOR -> profitFactorScore(s);
            case WIN_RATE -> s.winRate();
            default -> s.maxDrawdown();
        };
    }

    /**
     * With no losing trade the profit factor is undefined, not infinitely good: it is ranked
     * as if the next trade lost one average win, which is the number of wins. Three lucky wins
     * rank like a profit factor of 3, and only a long clean record ranks high.
     */
    static double profitFactorScore(RunSummary s) {
        if (s.profitFactor() == s.profitFactor()) {
            return s.profitFactor();
        }
        int wins = (int) Math.round(s.winRate() * s.trades());
        return wins > 0 ? wins : Double.NaN;
    }

    /** Best first by score; NaN last. */
    public int compare(double x, double y) {
        if (x != x || y != y) {
            return x != x ? (y != y ? 0 : 1) : -1;
        }
        return higherIsBetter ? Double.compare(y, x) : Double.compare(x, y);
    }

    /** Best first, on the per-trade statistics alone (NaN for an account figure, so ties). */
    public java.util.Comparator<RunSummary> order() {
        return (a, b) -> compare(score(a), score(b));
    }

    public static RankBy parse(String text) {
        for (RankBy r : values()) {
            if (r.id.equalsIgnoreCase(text)) {
                return r;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (RankBy r : values()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(r.id);
        }
        throw new IllegalArgumentException("--rank-by: unknown '" + text + "' (allowed: " + allowed + ")");
    }
}
