package io.ratchet.cli;

import io.ratchet.backtest.FidelityGap;
import io.ratchet.engine.Trade;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The fidelity gap of a tick-exact backtest, in plain words: what bars would have said about the same entries. */
final class FidelityText {
    private static final DateTimeFormatter MS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private FidelityText() {
    }

    /** The headline, then a line per bar walk, the widest single gap of each, and what "differ" means. */
    static void print(PrintWriter out, FidelityGap g, String interval, int priceDecimals) {
        out.println(headline(g));
        line(out, g, g.adverseFirst(), "adverse-first on the " + interval + " bars");
        if (g.detail() != null) {
            line(out, g, g.detail(), "detail on " + g.detailBars());
        } else {
            out.println("  detail on 1m: none, the bars are shorter than 1m");
        }
        worst(out, g.adverseFirst(), priceDecimals);
        if (g.detail() != null) {
            worst(out, g.detail(), priceDecimals);
        }
        out.println("  (an exit differs when its exit bar, its reason or its fill price is not the same as on the trades;"
                + " \"bars minus trades\" is positive where the bars flatter the trail)");
    }

    /** "fidelity: bars would have said adverse-first +3.10% total (41 of 365 exits differ), detail on 1m +1.20% (12 differ); the trades walked: -0.40%." */
    static String headline(FidelityGap g) {
        StringBuilder sb = new StringBuilder("fidelity: bars would have said adverse-first ").append(Fmt.pct(g.adverseFirst().walk().summary().totalReturn(), 2))
                .append(" total (").append(g.adverseFirst().differ()).append(" of ").append(g.adverseFirst().exits()).append(" exits differ, ").append(g.adverseFirst().inAnotherBar()).append(" in another bar)");
        if (g.detail() != null) {
            sb.append(", detail on 1m ").append(Fmt.pct(g.detail().walk().summary().totalReturn(), 2)).append(" (").append(g.detail().differ())
                    .append(" differ, ").append(g.detail().inAnotherBar()).append(" in another bar)");
        }
        return sb.append("; the trades walked: ").append(Fmt.pct(g.trades().summary().totalReturn(), 2)).append('.').toString();
    }

    private static void line(PrintWriter out, FidelityGap g, FidelityGap.Comparison c, String what) {
        String acct = c.accountReturnPctDelta() == c.accountReturnPctDelta()
                ? String.format(Locale.ROOT, ", account %+.2f%% points (%s against %s)", c.accountReturnPctDelta(),
                signedPct(c.walk().accountReturnPct()), signedPct(g.trades().accountReturnPct()))
                : "";
        out.printf(Locale.ROOT, "  %s: %d of %d exits differ (%.1f%%: %d in another bar, %d in the same bar at another price or for another reason);"
                        + " bars minus trades: total %s, mean %s a trade%s%n", what, c.differ(), c.exits(), 100 * c.differShare(), c.inAnotherBar(),
                c.sameBarOtherwise(), points(c.totalReturnDelta()), Fmt.pct(c.meanReturnDelta(), 3), acct);
    }

    private static void worst(PrintWriter out, FidelityGap.Comparison c, int dp) {
        FidelityGap.Difference d = c.worst();
        if (d == null) {
            return;
        }
        Trade a = d.onTrades();
        Trade b = d.onBars();
        out.printf(Locale.ROOT, "  widest gap, %s: entry %d, the %s entered %s at %s, exits at %s on the trades (%s %s, %s) and at %s on the bars (%s %s, %s): %s%n",
                c.walk().name(), d.entry() + 1, a.direction().id(), Fmt.time(a.entryTime()), Fmt.price(a.entryPrice(), dp), Fmt.price(a.exitPrice(), dp),
                a.exitReason(), MS.format(Instant.ofEpochMilli(a.exitTime())), Fmt.pct(a.netReturn(), 2), Fmt.price(b.exitPrice(), dp), b.exitReason(),
                Fmt.time(b.exitTime()), Fmt.pct(b.netReturn(), 2), points(d.returnDelta()));
    }

    /**
     * A sweep's gap for the rows of its top table ({@code ranking}'s first {@code rows}): per
     * configuration, its total on the trades, then for each bar walk its total, the exits that
     * differ, those in another bar, and the differences of total and account return.
     */
    static void table(PrintWriter out, java.util.List<io.ratchet.engine.TrailingConfig> grid, int[] ranking, int rows,
                      java.util.List<FidelityGap> gaps, String interval) {
        FidelityGap any = gaps.get(ranking[0]);
        String side = "%10s %9s %9s %11s %9s";
        String af = "adverse-first on the " + interval + " bars";
        String dt = any.detail() != null ? "detail on " + any.detailBars() : "detail on 1m: none (the bars are shorter than 1m)";
        int w = String.format(side, "", "", "", "", "").length();
        String head = String.format("%4s  %-36s %10s | " + side + " | " + side, "#", "configuration", "trades", "total", "differ", "other bar",
                "total diff", "acct diff", "total", "differ", "other bar", "total diff", "acct diff");
        out.println("fidelity: the same rows on the whole range, what bars would have said of the same entries (bars minus trades)");
        out.println(String.format("%4s  %-36s %10s | %-" + w + "s | %s", "", "", "on trades", clip(af, w), clip(dt, w)).stripTrailing());
        out.println(head);
        out.println("-".repeat(head.length()));
        for (int k = 0; k < Math.min(rows, ranking.length); k++) {
            int c = ranking[k];
            FidelityGap g = gaps.get(c);
            out.println(String.format("%4d  %-36s %10s | %s | %s", k + 1, grid.get(c).label(), Fmt.pct(g.trades().summary().totalReturn(), 2),
                    side(side, g.adverseFirst()), side(side, g.detail())));
        }
        out.println("  differ: exits whose exit bar, reason or fill price is not the same as on the trades, of the row's trades; other bar: those in another bar");
        out.println("  total diff: summed returns per unit stake, bars minus trades, in points; acct diff: the account's return, bars minus trades, in % points");
    }

    private static String side(String format, FidelityGap.Comparison c) {
        if (c == null) {
            return String.format(format, "-", "-", "-", "-", "-");
        }
        return String.format(format, Fmt.pct(c.walk().summary().totalReturn(), 2), c.differ() + "/" + c.exits(), Integer.toString(c.inAnotherBar()),
                fraction(c.totalReturnDelta()), c.accountReturnPctDelta() != c.accountReturnPctDelta() ? "-"
                        : String.format(Locale.ROOT, "%+.2f", c.accountReturnPctDelta()));
    }

    private static String fraction(double f) {
        return f != f ? "-" : String.format(Locale.ROOT, "%+.2f", 100 * f);
    }

    private static String clip(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w - 1) + "~";
    }

    /** A difference of summed fractions, in points of percent: "+2.70 points". */
    static String points(double fraction) {
        return fraction != fraction ? "-" : String.format(Locale.ROOT, "%+.2f points", 100 * fraction);
    }

    private static String signedPct(double pct) {
        return pct != pct ? "-" : String.format(Locale.ROOT, "%+.2f%%", pct);
    }
}
