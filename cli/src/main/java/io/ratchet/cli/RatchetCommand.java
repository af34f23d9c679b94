package io.ratchet.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code ratchet} command; the work is in the subcommands, which {@link Main} adds (only the one a command line names). */
@Command(name = "ratchet",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        footer = {"", "Example:", "  ratchet sweep --data sample-data/BTCUSDT-1h --trail percent=0.01:0.1:0.01 --entry-every 24 --split 0.7 --report report",
            "", "Exit codes: 0 done, 1 runtime failure, 2 bad input. Add --debug to any command for the stack trace of an unexpected failure."},
        description = "Trailing stops on Binance: forecast, backtest, sweep, report, live.")
final class RatchetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Read by {@link Main}'s error handler from the parse result; every subcommand inherits it. */
    @picocli.CommandLine.Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "On an unexpected failure, print the stack trace (for a bug report).")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
