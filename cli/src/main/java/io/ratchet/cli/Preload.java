package io.ratchet.cli;

/**
 * Loads the classes a backtest or sweep will need on the second core while the first builds
 * picocli's model of the command line (a quarter of a second cold, on one core, with the other
 * idle). Loading only: verifying a class, reading the charts' font; nothing that could fail a
 * run or race with it (a class loaded twice is loaded once; a failure here is left for the run
 * to meet where it would have anyway).
 */
final class Preload {
    private static final String[] SWEEP = {
        "io.ratchet.data.read.BinanceCsvParser", "io.ratchet.data.kline.KlineSeries", "io.ratchet.backtest.sweep.Sweep",
        "io.ratchet.backtest.sweep.SweepKernel", "io.ratchet.backtest.sweep.PercentGroupWalk", "io.ratchet.backtest.sweep.Trades",
        "io.ratchet.backtest.account.Account", "io.ratchet.backtest.account.Drawdown", "io.ratchet.backtest.robust.Pbo",
        "io.ratchet.backtest.robust.Robustness", "io.ratchet.engine.TrailingStop", "io.ratchet.engine.BarWalker",
        "io.ratchet.reports.ReportWriter", "io.ratchet.reports.Charts", "io.ratchet.reports.AccountReport", "io.ratchet.reports.chart.Glyphs",
        "io.ratchet.reports.chart.XYChart", "io.ratchet.reports.chart.HeatChart", "io.ratchet.reports.chart.BarChart",
        "io.ratchet.reports.chart.Canvas", "io.ratchet.reports.HtmlPage", "io.ratchet.reports.SweepTableHtml"};

    private Preload() {
    }

    static void start(String subcommand) {
        if (!"sweep".equals(subcommand) && !"backtest".equals(subcommand)) {
            return;
        }
        Thread t = new Thread(Preload::load, "ratchet-preload");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void load() {
        ClassLoader loader = Preload.class.getClassLoader();
        for (String name : SWEEP) {
            try {
                Class.forName(name, true, loader);
            } catch (Throwable e) {
                return; // the run itself will load it and say what is wrong
            }
        }
    }
}
