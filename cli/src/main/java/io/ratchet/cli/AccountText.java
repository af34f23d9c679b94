package io.ratchet.cli;

import io.ratchet.backtest.account.AccountFigures;
import io.ratchet.backtest.account.AccountSpec;
import io.ratchet.backtest.robust.Neighbourhood;
import io.ratchet.backtest.robust.Robustness;
import io.ratchet.backtest.sweep.SweepResult;
import java.io.PrintWriter;
import java.util.Locale;

/** The account figures and the robustness of a pick, as terminal lines. */
final class AccountText {
    private AccountText() {
    }

    static String options(AccountSpec s) {
        return "account:  " + s.describe() + " (--capital, --stake, --max-open)";
    }

    /** One line of figures, then the positions left open at the end in words. */
    static void print(PrintWriter out, String indent, AccountFigures a) {
        print(out, indent, a, false);
    }

    /**
     * As {@link #print(PrintWriter, String, AccountFigures)}; {@code parts}: the figures pool
     * several test windows, so "at the end" is at the end of each window, summed over them.
     */
    static void print(PrintWriter out, String indent, AccountFigures a, boolean parts) {
        out.printf(Locale.ROOT, "%saccount: %s -> %s (%s, CAGR %s), max drawdown %.2f%% (longest under water %.0f days), Sharpe %s, Sortino %s, "
                        + "Calmar %s, exposure %.0f%%, up to %d open; %d entries: %d taken, %d skipped%s%n", indent, money(a.capital()),
                money(a.finalEquity()), signed(a.returnPct()), signed(a.cagrPct()), a.maxDrawdownPct(), a.maxDrawdownDays(), num(a.sharpe()),
                num(a.sortino()), num(a.calmar()), a.exposurePct(), a.maxConcurrent(), a.entries(), a.taken(), a.skipped(), skipWhy(a));
        if (a.endExits() > 0) {
            out.printf(Locale.ROOT, parts ? "%s  %s still open at the end of their test window, summed over the windows; %s valued at that "
                            + "window's last close.%n" : "%s  %s still open at the end; %s valued at the last close.%n", indent,
                    a.endExits() == 1 ? "1 position was" : a.endExits() + " positions were", a.endExits() == 1 ? "it is" : "they are");
        }
    }

    private static String skipWhy(AccountFigures a) {
        if (a.skipped() == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (");
        if (a.skippedMaxOpen() > 0) {
            sb.append(a.skippedMaxOpen()).append(" found max-open positions");
        }
        if (a.skippedNoCash() > 0) {
            sb.append(a.skippedMaxOpen() > 0 ? ", " : "").append(a.skippedNoCash()).append(" lacked the cash");
        }
        return sb.append(')').toString();
    }

    /** The pick among its grid neighbours, with warnings for an edge or a lone peak. */
    static void neighbourhood(PrintWriter out, SweepResult r) {
        Robustness rb = r.robustness();
        if (rb == null || rb.neighbourhood() == null) {
            return;
        }
        Neighbourhood n = rb.neighbourhood();
        StringBuilder sb = new StringBuilder("neighbourhood: the pick scores ").append(num(n.pickScore())).append(" (").append(r.rankBy().id())
                .append(")");
        if (n.neighbours().isEmpty()) {
            sb.append("; it has no neighbour in the grid");
        } else {
            sb.append("; its neighbours:");
            for (Neighbourhood.Neighbour x : n.neighbours()) {
                sb.append(String.format(Locale.ROOT, " %s %s -> %s (#%d)", x.axis(), value(r.grid().get(x.config()), x.axis()), num(x.score()), x.rank()));
                sb.append(';');
            }
            sb.setLength(sb.length() - 1);
        }
        out.println(sb);
        for (String e : n.edges()) {
            out.println("  warning: the pick is on the edge of the grid (" + e + "): the best may lie beyond it; widen the range.");
        }
        if (n.lonePeak()) {
            out.println("  warning: the pick is a lone peak: fewer than half of its neighbours rank in the top quarter; a small change in the "
                    + "market may move it off. Prefer a configuration inside a plateau.");
        }
    }

    private static String value(io.ratchet.engine.TrailingConfig c, String axis) {
        double v = switch (axis) {
            case "trail" -> c.trail();
            case "activation" -> c.activation();
            default -> c.initialStop();
        };
        return v != v ? "none" : Fmt.plain(v);
    }

    static String money(double v) {
        return v != v ? "-" : String.format(Locale.ROOT, "%,.2f", v);
    }

    static String signed(double pct) {
        return pct != pct ? "-" : String.format(Locale.ROOT, "%+.2f%%", pct);
    }

    static String num(double v) {
        return v != v ? "-" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : String.format(Locale.ROOT, "%.2f", v);
    }
}
