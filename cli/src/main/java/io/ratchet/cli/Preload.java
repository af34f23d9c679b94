package io.ratchet.cli;

/**
 * Loads the classes a backtest or sweep will need (and its report's, if one is asked for) on the second core while the first builds
 * picocli's model of the command line (a quarter of a second cold, on one core, with the other
 * idle). Loading only: verifying a class, reading the charts' font; nothing that could fail a
 * run or race with it (a class loaded twice is loaded once; a failure here is left for the run
 * to meet where it would have anyway).
 */
final class Preload {
    static final String[] SWEEP = {
        "io.ratchet.data.read.BinanceCsvParser", "io.ratchet.data.kline.KlineSeries", "io.ratchet.backtest.sweep.Sweep",
        "io.ratchet.backtest.sweep.SweepKernel", "io.ratchet.backtest.sweep.PercentGroupWalk", "io.ratchet.backtest.sweep.Trades",
        "io.ratchet.backtest.account.Account", "io.ratchet.backtest.account.Drawdown", "io.ratchet.backtest.robust.Pbo",
        "io.ratchet.backtest.robust.Robustness", "io.ratchet.engine.TrailingStop", "io.ratchet.engine.BarWalker"};
    static final String[] REPORT = {
        "io.ratchet.reports.ReportWriter", "io.ratchet.reports.Charts", "io.ratchet.reports.AccountReport", "io.ratchet.reports.chart.Glyphs",
        "io.ratchet.reports.chart.XYChart", "io.ratchet.reports.chart.HeatChart", "io.ratchet.reports.chart.BarChart",
        "io.ratchet.reports.chart.Canvas", "io.ratchet.reports.HtmlPage", "io.ratchet.reports.SweepTableHtml"};

    private Preload() {
    }

    static void start(String subcommand, String[] args) {
        if (!"sweep".equals(subcommand) && !"backtest".equals(subcommand)) {
            return;
        }
        boolean report = asksReport(args);
        Thread t = new Thread(() -> {
            load(SWEEP);
            if (report) {
                load(REPORT);
            }
        }, "ratchet-preload");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static boolean asksReport(String[] args) {
        for (String a : args) {
            if (a.equals("--report") || a.startsWith("--report=")) {
                return true;
            }
        }
        return false;
    }

    private static void load(String[] names) {
        ClassLoader loader = Preload.class.getClassLoader();
        for (String name : names) {
            try {
                Class.forName(name, true, loader);
            } catch (Throwable e) {
                return; // the run itself will load it and say what is wrong
            }
        }
    }
}
