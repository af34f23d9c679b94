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
 * are examples: picocli would wrap a long one to column 0, where it no longer reads as one
 * command, so they are broken here the way a shell user would, with {@code \} and an indent.
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

    static final int WIDTH = 80;

    static String[] join(String[] lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            int last = out.size() - 1;
            if (last >= 0 && continues(out.get(last)) && !l.isBlank() && !l.startsWith(" ")) {
                out.set(last, out.get(last) + " " + l.strip());
            } else if (l.startsWith(" ") && l.length() > WIDTH) {
                out.addAll(breakExample(l));
            } else {
                out.add(l);
            }
        }
        return out.toArray(new String[0]);
    }

    /** A long example command as shell continuation lines, each within the help's width, an option kept with its value. */
    static List<String> breakExample(String line) {
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        String next = indent.length() >= 6 ? indent : indent + "    ";
        boolean continued = line.stripTrailing().endsWith("\\");
        String body = continued ? line.stripTrailing().substring(0, line.stripTrailing().length() - 1).strip() : line.strip();
        List<String> units = new ArrayList<>();
        for (String word : body.split(" +")) {
            int last = units.size() - 1;
            if (last >= 0 && units.get(last).startsWith("--") && !units.get(last).contains(" ") && !word.startsWith("-")) {
                units.set(last, units.get(last) + " " + word);
            } else {
                units.add(word);
            }
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder(indent);
        boolean empty = true;
        for (String unit : units) {
            if (!empty && cur.length() + 1 + unit.length() > WIDTH - 2) {
                out.add(cur + " \\");
                cur = new StringBuilder(next);
                empty = true;
            }
            cur.append(empty ? "" : " ").append(unit);
            empty = false;
        }
        out.add(continued ? cur + " \\" : cur.toString());
        return out;
    }

    private static boolean continues(String line) {
        String t = line.strip();
        return !t.isEmpty() && !line.startsWith(" ") && !t.matches(".*[.:!?]$");
    }
}
