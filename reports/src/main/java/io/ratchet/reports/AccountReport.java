package io.ratchet.reports;

import io.ratchet.backtest.BacktestResult;
import io.ratchet.backtest.account.Account;
import io.ratchet.backtest.account.AccountFigures;
import io.ratchet.backtest.account.AccountSpec;
import io.ratchet.backtest.account.Positions;
import io.ratchet.backtest.robust.Neighbourhood;
import io.ratchet.backtest.robust.Robustness;
import io.ratchet.backtest.sweep.SweepResult;
import io.ratchet.backtest.sweep.Verdict;
import io.ratchet.reports.chart.BarChart;
import io.ratchet.reports.chart.XYChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's account and robustness sections: the pick's equity in the quote currency and
 * its drawdown in percent (marked at every bar close), the PBO logit histogram, and the pick
 * among its grid neighbours.
 */
final class AccountReport {
    private static final int W = Charts.W;
    private static final int H = Charts.H;

    private AccountReport() {
    }

    static List<ReportModel.Section> sections(ReportInput in, BacktestResult run, ChartFiles pngs) throws IOException {
        List<ReportModel.Section> out = new ArrayList<>();
        AccountSpec spec = in.sweep() != null && in.sweep().account() != null ? in.sweep().account() : in.accountSpec();
        Account.Run acct = Account.run(in.series().bars(), Positions.of(in.series().bars(), run.trades(), run.config()), spec);
        pngs.png(equity(acct), "account-equity.png");
        pngs.png(drawdown(acct), "account-drawdown.png");
        out.add(new ReportModel.Section("account", "The account", text(spec, acct.figures()), null, List.of(
                new ReportModel.Figure("account-equity.png", "Equity in " + quote(in) + ", marked to market at every bar close (open positions "
                        + "at the close, fees on both sides)."),
                new ReportModel.Figure("account-drawdown.png", "Drawdown: the fall of the equity from its running peak, in percent (0 to 100)."))));
        SweepResult r = in.sweep();
        if (r != null && r.robustness() != null) {
            out.add(robustness(r, pngs));
        }
        return out;
    }

    private static String quote(ReportInput in) {
        String s = in.series().symbol();
        for (String q : new String[] {"USDT", "FDUSD", "USDC", "BUSD", "TUSD", "BTC", "ETH", "BNB", "EUR", "TRY"}) {
            if (s.endsWith(q) && s.length() > q.length()) {
                return q;
            }
        }
        return "the quote currency";
    }

    static String text(AccountSpec spec, AccountFigures a) {
        String s = String.format(Locale.ROOT, "The pick over the whole range through one account (%s): %,.2f to %,.2f (%+.2f%%, CAGR %+.2f%%), "
                        + "max drawdown %.2f%% (longest under water %.0f days), Sharpe %s, Sortino %s, Calmar %s, exposure %.0f%%, up to %d positions "
                        + "open; of %d entries %d were taken and %d skipped (%d found max-open positions, %d lacked the cash).", spec.describe(),
                a.capital(), a.finalEquity(), a.returnPct(), a.cagrPct(), a.maxDrawdownPct(), a.maxDrawdownDays(), num(a.sharpe()), num(a.sortino()),
                num(a.calmar()), a.exposurePct(), a.maxConcurrent(), a.entries(), a.taken(), a.skipped(), a.skippedMaxOpen(), a.skippedNoCash());
        if (a.endExits() > 0) {
            s += " " + (a.endExits() == 1 ? "1 position was" : a.endExits() + " positions were") + " still open at the end; "
                    + (a.endExits() == 1 ? "it is" : "they are") + " valued at the last close.";
        }
        return s;
    }

    private static ReportModel.Section robustness(SweepResult r, ChartFiles pngs) throws IOException {
        Robustness rb = r.robustness();
        List<ReportModel.Figure> figs = new ArrayList<>();
        if (rb.pbo() != null && rb.pbo().logits().length > 0) {
            pngs.png(logits(rb.pbo().logits(), rb.pbo().pbo()), "pbo-logits.png");
            figs.add(new ReportModel.Figure("pbo-logits.png", "For each half/half split of the time blocks: the logit of the out-of-sample rank of the "
                    + "configuration best on the other half. Left of 0 (red) it ranked below the median: the share there is the PBO."));
        }
        String table = null;
        Neighbourhood n = rb.neighbourhood();
        if (n != null) {
            HtmlTable t = new HtmlTable("axis", "configuration", r.rankBy().id() + " (in sample)", "rank");
            t.row("the pick", r.bestConfig().label(), num(n.pickScore()), "1");
            for (Neighbourhood.Neighbour x : n.neighbours()) {
                t.row(x.axis(), r.grid().get(x.config()).label(), num(x.score()), Integer.toString(x.rank()));
            }
            table = t.html();
        }
        StringBuilder text = new StringBuilder(Verdict.trust(rb));
        if (n != null) {
            for (String e : n.edges()) {
                text.append(" Warning: the pick is on the edge of the grid (").append(e).append("): the best may lie beyond it.");
            }
            if (n.lonePeak()) {
                text.append(" Warning: the pick is a lone peak; fewer than half of its neighbours rank in the top quarter.");
            }
            text.append(" The table: the pick and its neighbours in the grid (one value away on one axis).");
        }
        return new ReportModel.Section("robustness", "How much to trust the pick", text.toString(), table, figs);
    }

    private static XYChart base(String title, String y) {
        return new XYChart(W, H, title, "time (UTC)", y).timeAxis().legend(false);
    }

    static XYChart equity(Account.Run a) {
        XYChart c = base("account equity", "equity");
        double[] t;
        double[] v;
        if (a.time().length == 0) {
            t = new double[] {0};
            v = new double[] {a.figures().capital()};
        } else {
            double[] time = times(a);
            int[] keep = Decimate.line(time, a.equity(), Decimate.COLUMNS);
            t = Decimate.pick(time, keep);
            v = Decimate.pick(a.equity(), keep);
        }
        c.add("equity", t, v).line(Charts.IS, 1.6);
        return c;
    }

    static XYChart drawdown(Account.Run a) {
        XYChart c = base("drawdown from the running peak", "drawdown, %");
        double[] t;
        double[] v;
        int n = a.time().length;
        if (n == 0) {
            t = new double[] {0};
            v = new double[] {0};
        } else {
            double[] dd = new double[n];
            double peak = a.figures().capital();
            for (int i = 0; i < n; i++) {
                peak = Math.max(peak, a.equity()[i]);
                dd[i] = -(peak > 0 ? Math.min(100, 100 * (peak - a.equity()[i]) / peak) : 100); // drawn downwards
            }
            double[] time = times(a);
            int[] keep = Decimate.line(time, dd, Decimate.COLUMNS);
            t = Decimate.pick(time, keep);
            v = Decimate.pick(dd, keep);
        }
        c.add("drawdown", t, v).style(XYChart.Style.AREA).fill(Charts.DRAWDOWN_FILL).line(Charts.DRAWDOWN_LINE, 1.3);
        return c;
    }

    private static double[] times(Account.Run a) {
        double[] t = new double[a.time().length];
        for (int i = 0; i < t.length; i++) {
            t[i] = a.time()[i];
        }
        return t;
    }

    static BarChart logits(double[] logits, double pbo) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            min = Math.min(min, l);
            max = Math.max(max, l);
        }
        double lim = Math.max(0.5, Math.max(Math.abs(min), Math.abs(max)));
        int bins = 24;
        double width = 2 * lim / bins;
        String[] x = new String[bins];
        double[] below = new double[bins];
        double[] above = new double[bins];
        double[] counts = new double[bins];
        for (double l : logits) {
            counts[Math.min(bins - 1, Math.max(0, (int) Math.floor((l + lim) / width)))]++;
        }
        for (int b = 0; b < bins; b++) {
            double mid = -lim + (b + 0.5) * width;
            x[b] = String.format(Locale.ROOT, "%.1f", mid).replace('-', '\u2212');
            below[b] = mid < 0 ? counts[b] : 0.0;
            above[b] = mid < 0 ? 0.0 : counts[b];
        }
        return new BarChart(W, H, String.format(Locale.ROOT, "PBO %.2f: logits of the out-of-sample rank", pbo),
                "logit of the relative rank (below 0: under the median)", "combinations", x)
                .add("below the median", below, 0xFFD23C3C).add("at or above", above, Charts.IS).legendInside();
    }

    private static String num(double v) {
        return SweepTableHtml.num(v);
    }
}
