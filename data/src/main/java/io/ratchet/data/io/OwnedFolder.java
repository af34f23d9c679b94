package io.ratchet.data.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The rule for every output that replaces a whole folder: Ratchet replaces only a folder it
 * wrote itself (it carries {@link #MARKER}) or an empty one. Anything else may be the user's
 * data, a source tree, a home folder, and is refused rather than deleted.
 */
public final class OwnedFolder {
    /** The file a folder written by Ratchet carries; its text says what it is for. */
    public static final String MARKER = ".ratchet-output";

    private static final String MARKER_TEXT = "Written by Ratchet. A later run may replace this folder whole; "
            + "without this file it would refuse to.\n";

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
        if (Files.isRegularFile(target.resolve(MARKER)) || isEmpty(target)) {
            return;
        }
        throw new OutputRefusedException(option + " " + target + ": the folder holds files Ratchet did not write (no " + MARKER
                + " in it), and would be replaced whole; give a new or empty folder, or one an earlier report was written to");
    }

    /** Marks a folder being built as Ratchet's, so that a later run may replace it. */
    public static void mark(Path dir) throws IOException {
        AtomicFiles.writeString(dir.resolve(MARKER), MARKER_TEXT);
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new OutputRefusedException(dir + ": cannot list the folder: " + e.getMessage());
        }
    }
}
