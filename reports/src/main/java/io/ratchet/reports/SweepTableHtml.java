package io.ratchet.reports;

import io.ratchet.backtest.sweep.SweepResult;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.TrailingConfig;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The sweep's top configurations as a table that fits the page: the configuration, then the
 * in-sample and the out-of-sample figures each under its own header. The two parts cover
 * periods of different length, so they are compared per trade and per day, not by totals.
 */
final class SweepTableHtml {
    /** Per trade, unit stake each (no win rate: it hides what the losers cost; the profit factor and the mean say it). */
    static final List<String> SIDE_COLUMNS = List.of("trades", "mean per trade", "per day", "profit factor", "fall of the sum (points)");
    static final List<String> CONFIG_COLUMNS = List.of("mode", "trail", "activation", "initial stop");
    /** The account's figures, after the per-trade ones: the default ranking is by the first. */
    static final List<String> ACCOUNT_COLUMNS = List.of("Sharpe", "account return", "account max DD");

    private SweepTableHtml() {
    }

    /** @param days the length of each part in days: in sample (or the whole range), then out of sample if any */
    static String of(SweepResult r, int rows, double inSampleDays, double outOfSampleDays) {
        boolean oos = r.hasOutOfSample();
        // The figure the ranking used, when it is an account figure not shown already (Sortino, Calmar).
        String extra = r.rankBy() == io.ratchet.backtest.sweep.RankBy.SORTINO ? "Sortino" : r.rankBy() == io.ratchet.backtest.sweep.RankBy.CALMAR
                ? "Calmar" : null;
        List<String> sideColumns = new java.util.ArrayList<>(SIDE_COLUMNS);
        sideColumns.addAll(ACCOUNT_COLUMNS);
        if (extra != null) {
            sideColumns.add(extra);
        }
        StringBuilder h = new StringBuilder("<table class=\"sortable sweep\">\n<thead>\n<tr>");
        h.append("<th class=\"group\" colspan=\"").append(CONFIG_COLUMNS.size()).append("\">Configuration</th>");
        h.append("<th class=\"group is\" colspan=\"").append(sideColumns.size()).append("\">")
                .append(oos ? "In sample" : "Whole range").append(" (").append(days(inSampleDays)).append(")</th>");
        if (oos) {
            h.append("<th class=\"group oos\" colspan=\"").append(sideColumns.size()).append("\">Out of sample (")
                    .append(days(outOfSampleDays)).append(")</th>");
        }
        h.append("</tr>\n<tr>");
        for (String c : CONFIG_COLUMNS) {
            h.append("<th>").append(c).append("</th>");
        }
        for (int side = 0; side < (oos ? 2 : 1); side++) {
            for (int k = 0; k < sideColumns.size(); k++) {
                h.append("<th class=\"").append(side == 0 ? "is" : "oos").append(k == 0 ? " part" : "").append("\">").append(sideColumns.get(k))
                        .append("</th>");
            }
        }
        h.append("</tr>\n</thead>\n<tbody>\n");
        for (int k = 0; k < Math.min(rows, r.ranking().length); k++) {
            int c = r.ranking()[k];
            TrailingConfig cfg = r.grid().get(c);
            h.append("<tr").append(k == 0 ? " class=\"pick\"" : "").append(">");
            cell(h, cfg.mode().id());
            cell(h, plain(cfg.trail()));
            cell(h, plain(cfg.activation()));
            cell(h, cfg.hasInitialStop() ? plain(cfg.initialStop()) : "none");
            side(h, r.inSample()[c], inSampleDays);
            account(h, r.inSampleAccount(c), extra);
            if (oos) {
                side(h, r.outOfSample()[c], outOfSampleDays);
                account(h, r.outOfSampleAccount(c), extra);
            }
            h.append("</tr>\n");
        }
        return h.append("</tbody>\n</table>").toString();
    }

    private static void side(StringBuilder h, RunSummary s, double days) {
        h.append("<td class=\"part\">").append(s.trades()).append("</td>"); // where a part begins: a rule to its left
        cell(h, pct(s.meanReturn(), 3));
        cell(h, pct(days > 0 ? s.totalReturn() / days : Double.NaN, 3));
        cell(h, s.profitFactor() == s.profitFactor() ? String.format(Locale.ROOT, "%.2f", s.profitFactor()) : "no losses");
        // The per-trade sum's fall, in points of unit stakes: not an account's drawdown, which is never above 100%.
        cell(h, share(s.maxDrawdown(), 2).replace("%", ""));
    }

    private static void account(StringBuilder h, io.ratchet.backtest.account.AccountFigures a, String extra) {
        cell(h, a == null ? "–" : num(a.sharpe()));
        cell(h, a == null ? "–" : pct(a.returnPct() / 100, 2));
        cell(h, a == null ? "–" : share(a.maxDrawdownPct() / 100, 2));
        if (extra != null) {
            cell(h, a == null ? "–" : num(extra.equals("Sortino") ? a.sortino() : a.calmar()));
        }
    }

    /** A ratio to two decimals, with a real minus (Sharpe, Sortino, Calmar). */
    static String num(double v) {
        if (v != v) {
            return "–";
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.startsWith("-") ? "\u2212" + s.substring(1) : s;
    }

    private static void cell(StringBuilder h, String text) {
        h.append("<td>").append(HtmlPage.esc(text)).append("</td>");
    }

    /** A sign on every figure, and a real minus: "−1.20%" does not read as a dash between two numbers. */
    static String pct(double v, int decimals) {
        if (v != v) {
            return "–";
        }
        String s = String.format(Locale.ROOT, "%+." + decimals + "f%%", 100 * v);
        return s.startsWith("-") ? "\u2212" + s.substring(1) : s;
    }

    /** A share or a size, never signed: a win rate or a drawdown. */
    static String share(double v, int decimals) {
        return v != v ? "–" : String.format(Locale.ROOT, "%." + decimals + "f%%", 100 * v);
    }

    private static String days(double d) {
        return String.format(Locale.ROOT, "%,.0f days", d);
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
