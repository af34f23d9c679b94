package io.ratchet.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The rule for every output that replaces a file: Ratchet replaces only a file it wrote itself
 * or an empty one. Its own files are known by how they begin, since a file carries no marker
 * beside it: a CSV by Ratchet's header line for that output, a JSON document by its first
 * field, {@code "writtenBy" : "ratchet"}. Anything else may be the user's (a config written by
 * hand, a spreadsheet, a README) and is refused rather than overwritten.
 */
public final class OwnedFile {
    /** The first field of every JSON document Ratchet writes, and its value. */
    public static final String WRITTEN_BY = "writtenBy";
    public static final String RATCHET = "ratchet";

    /** Enough of a file to hold a CSV header or a JSON document's first field. */
    private static final int HEAD = 4096;

    /**
     * What one output's file looks like when Ratchet wrote it.
     *
     * @param what        the kind of file, for the message ("a sweep table")
     * @param headerStart how a CSV output's header line begins, or null for JSON
     */
    public record Kind(String what, String headerStart) {
        public static Kind csv(String what, String headerStart) {
            return new Kind(what, headerStart);
        }

        public static Kind json(String what) {
            return new Kind(what, null);
        }

        boolean recognises(String head) {
            if (headerStart != null) {
                int nl = head.indexOf('\n');
                String first = (nl < 0 ? head : head.substring(0, nl)).replace("\r", "");
                return first.startsWith(headerStart);
            }
            StringBuilder squeezed = new StringBuilder();
            for (int i = 0; i < head.length() && squeezed.length() < 32; i++) {
                char c = head.charAt(i);
                if (!Character.isWhitespace(c)) {
                    squeezed.append(c);
                }
            }
            return squeezed.toString().startsWith("{\"" + WRITTEN_BY + "\":\"" + RATCHET + "\"");
        }

        /** What a file of this kind begins with, for the message. */
        String signature() {
            return headerStart != null ? "the header " + headerStart + (headerStart.endsWith(",") ? "..." : "")
                    : "{\"" + WRITTEN_BY + "\" : \"" + RATCHET + "\"";
        }
    }

    private OwnedFile() {
    }

    /**
     * Throws {@link OutputRefusedException} unless {@code target} is absent, an empty file, or a
     * file of {@code kind} that Ratchet wrote. {@code option} names the option in the message.
     */
    public static void checkReplaceable(String option, Path target, Kind kind) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(target)) {
            throw new OutputRefusedException(option + " " + target + ": is a symbolic link; Ratchet would replace the link with a file. "
                    + "Give the path it points to, or a new file name");
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputRefusedException(option + " " + target + ": exists and is not a regular file; give a new file name");
        }
        String head;
        try {
            head = head(target);
        } catch (IOException e) {
            throw new OutputRefusedException(option + " " + target + ": exists and cannot be read to tell whether Ratchet wrote it ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "); give a new file name");
        }
        if (head.isEmpty() || kind.recognises(head)) {
            return;
        }
        throw new OutputRefusedException(option + " " + target + ": the file exists and is not " + kind.what() + " Ratchet wrote (those begin with "
                + kind.signature() + "), so it is left alone; give a new file name, or move the file away first");
    }

    private static String head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(HEAD);
            String s = new String(b, StandardCharsets.UTF_8);
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        }
    }
}
