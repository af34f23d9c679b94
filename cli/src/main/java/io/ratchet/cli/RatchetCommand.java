package io.ratchet.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code ratchet} command; the work is in the subcommands. */
@Command(name = "ratchet",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Trailing stops on Binance: forecast, backtest, sweep, report, live.",
        subcommands = {ForecastCommand.class, BacktestCommand.class, SweepCommand.class, ReportCommand.class, DataCommand.class, SimExchangeCommand.class, LiveCommand.class})
final class RatchetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
