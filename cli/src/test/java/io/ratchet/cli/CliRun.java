package io.ratchet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One command line run in-process, with what it printed and its exit code. */
record CliRun(int exit, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
