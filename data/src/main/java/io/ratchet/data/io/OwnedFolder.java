package io.ratchet.data.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rule for every output that replaces a whole folder: Ratchet replaces only a folder it
 * wrote itself (it carries {@link #MARKER}) or an empty one, and only while the folder holds
 * nothing but what it wrote there: the marker lists those files, so a note a user saved into
 * an earlier report stops the replacement instead of going with it. Anything else may be the
 * user's data, a source tree, a home folder, and is refused rather than deleted.
 */
public final class OwnedFolder {
    /** The file a folder written by Ratchet carries; its text says what it is for. */
    public static final String MARKER = ".ratchet-output";

    private static final String MARKER_TEXT = "Written by Ratchet. A later run may replace this folder whole, as long as it holds only "
            + "the files listed below; without this file, or with any other file in the folder, it refuses to.\n";
    /** The line before the list of files, one per line, relative to the folder, '/' between names. */
    private static final String FILES = "files:";

    private OwnedFolder() {
    }

    /**
     * Throws {@link OutputRefusedException} unless {@code target} is absent, an empty folder,
     * or a folder with the marker. {@code option} names the option in the message.
     */
    public static void checkReplaceable(String option, Path target) {
        if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputRefusedException(option + " " + target + ": is a file, not a folder; give a new or empty folder "
                    + "(the report is a folder: index.html and its charts)");
        }
        if (isEmpty(target)) {
            return;
        }
        Path marker = target.resolve(MARKER);
        if (!Files.isRegularFile(marker, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputRefusedException(option + " " + target + ": the folder holds files Ratchet did not write (no " + MARKER
                    + " in it), and would be replaced whole; give a new or empty folder, or one an earlier report was written to");
        }
        Set<String> written = written(option, marker);
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> s = Files.walk(target)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = relative(target, p);
                if (rel.isEmpty() || rel.equals(MARKER)) {
                    continue;
                }
                boolean ok = Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        ? written.stream().anyMatch(w -> w.startsWith(rel + "/"))
                        : Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && written.contains(rel);
                if (!ok) {
                    foreign.add(rel);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new OutputRefusedException(option + " " + target + ": cannot list the folder: " + e.getMessage());
        }
        if (!foreign.isEmpty()) {
            java.util.Collections.sort(foreign);
            throw new OutputRefusedException(option + " " + target + ": an earlier Ratchet output, but it now holds what Ratchet did not write "
                    + "there (" + String.join(", ", foreign.subList(0, Math.min(5, foreign.size()))) + (foreign.size() > 5 ? ", and "
                    + (foreign.size() - 5) + " more" : "") + "), and the folder would be replaced whole; move " + (foreign.size() == 1 ? "it" : "them")
                    + " out first, or give a new or empty folder");
        }
    }

    /**
     * Marks a folder being built as Ratchet's, so that a later run may replace it: the marker
     * lists every file in it now, which must be all the run writes there.
     */
    public static void mark(Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !relative(dir, p).equals(MARKER)) {
                    files.add(relative(dir, p));
                }
            }
        }
        java.util.Collections.sort(files);
        StringBuilder text = new StringBuilder(MARKER_TEXT).append(FILES).append('\n');
        for (String f : files) {
            text.append(f).append('\n');
        }
        AtomicFiles.writeString(dir.resolve(MARKER), text.toString());
    }

    /**
     * The files the marker lists. A marker from before the list (its text alone) stands for a
     * report as those runs wrote it: index.html and PNG charts, nothing in a subfolder.
     */
    private static Set<String> written(String option, Path marker) {
        List<String> lines;
        try {
            lines = Files.readAllLines(marker, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OutputRefusedException(option + " " + marker + ": cannot read Ratchet's marker (" + e.getMessage()
                    + "), so the folder is left alone; give a new or empty folder");
        }
        int at = lines.indexOf(FILES);
        Set<String> written = new HashSet<>();
        if (at < 0) {
            try (Stream<Path> s = Files.list(marker.getParent())) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.equals("index.html") || n.endsWith(".png")).forEach(written::add);
            } catch (IOException e) {
                throw new OutputRefusedException(option + " " + marker.getParent() + ": cannot list the folder: " + e.getMessage());
            }
            return written;
        }
        for (String l : lines.subList(at + 1, lines.size())) {
            if (!l.isEmpty()) {
                written.add(l);
            }
        }
        return written;
    }

    private static String relative(Path dir, Path p) {
        return dir.relativize(p).toString().replace(java.io.File.separatorChar, '/');
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new OutputRefusedException(dir + ": cannot list the folder: " + e.getMessage());
        }
    }
}
