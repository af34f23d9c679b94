package io.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every command's --help: an example to copy, and text that wraps as sentences, not as lines cut where the source was. */
class HelpTest {
    private static List<CommandLine> all(CommandLine c) {
        List<CommandLine> out = new ArrayList<>();
        out.add(c);
        for (CommandLine sub : c.getSubcommands().values()) {
            out.addAll(all(sub));
        }
        return out;
    }

    /**
     * A text element that neither ends a sentence nor is an indented example line was cut
     * mid-sentence in the source; an example line wider than the help is cut by the wrapping.
     */
    private static List<String> cut(String where, String[] lines) {
        List<String> bad = new ArrayList<>();
        for (String l : lines) {
            String t = l.strip();
            if (!t.isEmpty() && !l.startsWith(" ") && !t.matches(".*[.:!?]$")) {
                bad.add(where + ": \"" + l + "\"");
            }
            if (l.startsWith(" ") && l.length() > 80) {
                bad.add(where + ": example line wider than 80 columns (picocli would wrap it to column 0): \"" + l + "\"");
            }
        }
        return bad;
    }

    /** picocli formats help text with String.format: a lone % makes it warn on stderr and print the text raw. */
    private static List<String> unformattable(String where, String text) {
        try {
            String.format(java.util.Locale.ROOT, text);
            return List.of();
        } catch (java.util.IllegalFormatException e) {
            return List.of(where + ": not a format string (write a percent sign as %%): \"" + text + "\" (" + e.getMessage() + ")");
        }
    }

    @Test
    void everyCommandHasAnExampleAndNoLineCutMidSentence() {
        List<String> problems = new ArrayList<>();
        for (CommandLine c : all(Main.commandLine())) {
            CommandSpec spec = c.getCommandSpec();
            String name = spec.qualifiedName();
            String help = c.getUsageMessage(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
            if (!help.contains("Example")) {
                problems.add(name + ": no example in --help");
            }
            problems.addAll(cut(name + " description", spec.usageMessage().description()));
            CommandLine.Command written = spec.userObject().getClass().getAnnotation(CommandLine.Command.class);
            for (String text : written == null ? new String[0] : written.description()) {
                problems.addAll(unformattable(name + " description", text));
            }
            problems.addAll(cut(name + " header", spec.usageMessage().header()));
            problems.addAll(cut(name + " footer", spec.usageMessage().footer()));
            for (OptionSpec o : spec.options()) {
                String[] d = o.description();
                // As written in the source: the model's text has been formatted already.
                if (o.userObject() instanceof java.lang.reflect.AnnotatedElement field && field.getAnnotation(CommandLine.Option.class) != null) {
                    for (String text : field.getAnnotation(CommandLine.Option.class).description()) {
                        problems.addAll(unformattable(name + " " + o.longestName(), text));
                    }
                }
                // An option's description may be a phrase; only one split over several elements is a cut.
                for (int i = 0; i + 1 < d.length; i++) {
                    problems.addAll(cut(name + " " + o.longestName(), new String[] {d[i]}));
                }
            }
            for (String line : help.split("\n")) {
                if (line.length() > 80) {
                    problems.add(name + ": help line longer than 80 columns: " + line);
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
