package io.ratchet.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Help text is written in the source as short string literals, but picocli prints each
 * literal on its own line and wraps it at the terminal width: a sentence split over two
 * literals came out as a full line, a stub, and a new line. This joins such literals back
 * into one paragraph, for every command, so picocli wraps whole sentences. Indented lines
 * (examples) and empty lines are kept as written.
 */
final class HelpLayout {
    private HelpLayout() {
    }

    static void reflow(CommandLine cmd) {
        UsageMessageSpec u = cmd.getCommandSpec().usageMessage();
        u.description(join(u.description()));
        u.header(join(u.header()));
        u.footer(join(u.footer()));
        for (CommandLine sub : cmd.getSubcommands().values()) {
            reflow(sub);
        }
    }

    static String[] join(String[] lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            int last = out.size() - 1;
            if (last >= 0 && continues(out.get(last)) && !l.isBlank() && !l.startsWith(" ")) {
                out.set(last, out.get(last) + " " + l.strip());
            } else {
                out.add(l);
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean continues(String line) {
        String t = line.strip();
        return !t.isEmpty() && !line.startsWith(" ") && !t.matches(".*[.:!?]$");
    }
}
