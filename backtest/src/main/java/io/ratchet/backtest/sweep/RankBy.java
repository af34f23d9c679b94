package io.ratchet.backtest.sweep;

import io.ratchet.engine.RunSummary;
import java.util.Comparator;

/** What a sweep ranks by; undefined scores ({@code NaN}, no trades) rank last. */
public enum RankBy {
    TOTAL_RETURN("totalReturn", true),
    MEAN_RETURN("meanReturn", true),
    PROFIT_FACTOR("profitFactor", true),
    WIN_RATE("winRate", true),
    MAX_DRAWDOWN("maxDrawdown", false);

    private final String id;
    private final boolean higherIsBetter;

    RankBy(String id, boolean higherIsBetter) {
        this.id = id;
        this.higherIsBetter = higherIsBetter;
    }

    public String id() {
        return id;
    }

    public double score(RunSummary s) {
        if (s.trades() == 0) {
            return Double.NaN;
        }
        return switch (this) {
            case TOTAL_RETURN -> s.totalReturn();
            case MEAN_RETURN -> s.meanReturn();
            // No losing trade: infinitely good, as long as there was a win.
            case PROFIT_FACTOR -> s.profitFactor() == s.profitFactor() ? s.profitFactor() : s.totalReturn() > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
            case WIN_RATE -> s.winRate();
            case MAX_DRAWDOWN -> s.maxDrawdown();
        };
    }

    /** Best first. */
    public Comparator<RunSummary> order() {
        return (a, b) -> {
            double x = score(a);
            double y = score(b);
            if (x != x || y != y) {
                return x != x ? (y != y ? 0 : 1) : -1;
            }
            return higherIsBetter ? Double.compare(y, x) : Double.compare(x, y);
        };
    }

    public static RankBy parse(String text) {
        for (RankBy r : values()) {
            if (r.id.equalsIgnoreCase(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("--rank-by: unknown '" + text + "' (allowed: totalReturn, meanReturn, profitFactor, winRate, maxDrawdown)");
    }
}
