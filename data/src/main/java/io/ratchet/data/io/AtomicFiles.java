package io.ratchet.data.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file whole or not at all: into a temporary file beside the target, then a move
 * over it. A killed process leaves the old file (or none), never half a new one.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What writes the content; may throw. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        try {
            writeOrThrow(abs, writer);
        } catch (IOException e) {
            throw withPath(abs, e);
        }
    }

    /**
     * The failure with the path in front where the JDK's message lacks it: "No space left on
     * device" alone does not say which disk, nor which of a run's outputs.
     */
    public static IOException withPath(Path target, IOException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return msg.contains(target.toString()) ? e : new IOException(target + ": cannot write: " + msg, e);
    }

    private static void writeOrThrow(Path abs, Writer writer) throws IOException {
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        readableByAll(tmp, false);
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.write(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Temporary files are created private (rw-------); what we publish is an ordinary file
     * (rw-r--r--) or folder (rwxr-xr-x), as a plain write would have made it.
     */
    public static void readableByAll(Path p, boolean directory) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(directory ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
