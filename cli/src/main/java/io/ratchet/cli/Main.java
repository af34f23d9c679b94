package io.ratchet.cli;

import io.ratchet.backtest.entry.EntryFileException;
import io.ratchet.data.config.ConfigFileException;
import io.ratchet.data.io.OutputRefusedException;
import io.ratchet.data.read.KlineDataException;
import io.ratchet.data.read.KlineFormatException;
import io.ratchet.data.rest.BinanceApiException;
import io.ratchet.engine.InvalidConfigException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** Entry point: builds the command tree, runs it, exits with its code (0 ok, 1 failure, 2 usage). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Preload.start(subcommandOf(args), args);
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with the given streams; what the tests call. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = commandLine(subcommandOf(args));
        cmd.setOut(out);
        cmd.setErr(err);
        return cmd.execute(args);
    }

    /**
     * The subcommands in help order. Only the one a command line names is built, or even loaded:
     * picocli's model of every option of every command is a tenth of a short run's time, and a
     * reference to a command's class (a constructor reference too) loads and verifies it and
     * the classes it names (the live runner's, for a sweep).
     */
    private static final List<String> SUBCOMMANDS = List.of("forecast", "backtest", "sweep", "report", "data", "sim-exchange", "live");

    private static Object make(String name) {
        return switch (name) {
            case "forecast" -> new ForecastCommand();
            case "backtest" -> new BacktestCommand();
            case "sweep" -> new SweepCommand();
            case "report" -> new ReportCommand();
            case "data" -> new DataCommand();
            case "sim-exchange" -> new SimExchangeCommand();
            case "live" -> new LiveCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    /** The subcommand {@code args} names, or null (help, a typo: then all are built, for the list and the suggestions). */
    static String subcommandOf(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) { // the top level's options take no value
                return SUBCOMMANDS.contains(a) ? a : null;
            }
        }
        return null;
    }

    public static CommandLine commandLine() {
        return commandLine(null);
    }

    private static CommandLine commandLine(String only) {
        CommandLine cmd = new CommandLine(new RatchetCommand());
        for (String name : SUBCOMMANDS) {
            if (only == null || only.equals(name)) {
                cmd.addSubcommand(name, make(name));
            }
        }
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler(Main::handle);
        HelpLayout.reflow(cmd);
        return cmd;
    }

    /**
     * The engine names a bad value by its field ("maxBars"); on the command line the user typed
     * an option ("--max-bars"), and the message should say what was typed.
     */
    static String asOption(InvalidConfigException e) {
        String msg = e.getMessage();
        String field = e.field();
        if (field == null || !msg.startsWith(field + ": ")) {
            return msg;
        }
        return "--" + field.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT) + msg.substring(field.length());
    }

    private static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** Errors the user can fix are one line on stderr, not a stack trace. */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof InvalidConfigException || e instanceof ConfigFileException || e instanceof UsageException
                || e instanceof KlineFormatException || e instanceof KlineDataException || e instanceof EntryFileException
                || e instanceof OutputRefusedException) {
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + (e instanceof InvalidConfigException ice ? asOption(ice) : e.getMessage()));
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        if (e instanceof UserFacingException || e instanceof BinanceApiException || e instanceof java.io.IOException) {
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
        err.println("ratchet " + cmd.getCommandName() + ": unexpected failure: " + e);
        if (debug(parsed)) {
            e.printStackTrace(err);
        } else {
            err.println("(a bug in Ratchet; run again with --debug for the stack trace to report)");
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }
}
