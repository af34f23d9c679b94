package io.ratchet.data.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The outputs of one run, all or none: each is written in full to a temporary file or folder
 * beside its target, and only when every one is complete are they moved into place. A run
 * that fails on its third output leaves the first two as they were before it; so does a
 * move that fails (the ones already moved are put back).
 */
public final class StagedOutputs implements AutoCloseable {
    /** What fills a staged folder. */
    @FunctionalInterface
    public interface FolderWriter {
        void write(Path dir) throws IOException;
    }

    /** {@code kind}: what a file target looks like when Ratchet wrote it (null for a folder). */
    private record Staged(Path target, Path temp, boolean folder, OwnedFile.Kind kind) {
    }

    private final List<Staged> staged = new ArrayList<>();

    /**
     * Writes a file's content to its temporary twin now; it replaces {@code target} at
     * {@link #commit}, where {@link OwnedFile#checkReplaceable} allows for {@code kind}.
     */
    public void file(Path target, OwnedFile.Kind kind, AtomicFiles.Writer writer) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path tmp;
        try {
            tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            staged.add(new Staged(abs, tmp, false, kind));
            AtomicFiles.readableByAll(tmp, false);
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.write(out);
            }
        } catch (IOException e) {
            throw failure(abs, "cannot write", e);
        }
    }

    /** Builds a folder in its temporary twin now, marked as Ratchet's; it replaces {@code target} at {@link #commit}. */
    public void folder(Path target, FolderWriter writer) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path tmp;
        try {
            tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + "-");
            staged.add(new Staged(abs, tmp, true, null));
            AtomicFiles.readableByAll(tmp, true);
            writer.write(tmp);
            OwnedFolder.mark(tmp);
        } catch (IOException e) {
            throw failure(abs, "cannot write", e);
        }
    }

    /**
     * Moves every staged output into place. A folder is replaced only where
     * {@link OwnedFolder#checkReplaceable} allows, a file where {@link OwnedFile#checkReplaceable}
     * does (asked again here: the run may have taken minutes since its outputs were checked); if
     * any move fails, the outputs moved before it get their old content back.
     */
    public void commit() throws IOException {
        for (Staged s : staged) {
            if (s.folder()) {
                OwnedFolder.checkReplaceable(s.target().toString(), s.target());
            } else {
                OwnedFile.checkReplaceable(s.target().toString(), s.target(), s.kind());
            }
        }
        List<Staged> moved = new ArrayList<>();
        List<Path> backups = new ArrayList<>();
        try {
            for (Staged s : staged) {
                Path backup = backUp(s);
                backups.add(backup);
                move(s.temp(), s.target(), !s.folder());
                moved.add(s);
            }
        } catch (IOException | RuntimeException e) {
            for (int i = moved.size() - 1; i >= 0; i--) {
                restore(moved.get(i), backups.get(i));
            }
            if (backups.size() > moved.size() && backups.get(moved.size()) != null) {
                // The output whose move failed: a file target was never touched (its backup is a spare copy); a folder was moved aside.
                Staged failed = staged.get(moved.size());
                if (failed.folder()) {
                    restore(failed, backups.get(moved.size()));
                } else {
                    deleteQuietly(backups.get(moved.size()));
                }
            }
            if (e instanceof IOException io) {
                throw failure(staged.get(moved.size()).target(), "cannot move into place", io);
            }
            throw (RuntimeException) e;
        }
        staged.clear();
        for (Path b : backups) {
            if (b != null) {
                deleteTree(b);
            }
        }
    }

    /** Removes what was staged and not committed. */
    @Override
    public void close() throws IOException {
        for (Staged s : staged) {
            deleteTree(s.temp());
        }
        staged.clear();
    }

    /** The old content, kept aside until the commit succeeds: a copy for a file (it stays in place), the folder itself moved away. */
    private static Path backUp(Staged s) throws IOException {
        if (!Files.exists(s.target())) {
            return null;
        }
        Path parent = s.target().getParent();
        if (s.folder()) {
            Path b = Files.createTempDirectory(parent, "." + s.target().getFileName() + "-old-");
            Files.delete(b);
            Files.move(s.target(), b, StandardCopyOption.ATOMIC_MOVE);
            return b;
        }
        Path b = Files.createTempFile(parent, "." + s.target().getFileName() + "-old-", ".tmp");
        Files.copy(s.target(), b, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        return b;
    }

    private static void restore(Staged s, Path backup) {
        try {
            if (backup == null) {
                deleteTree(s.target());
            } else {
                if (s.folder()) {
                    deleteTree(s.target());
                }
                move(backup, s.target(), !s.folder());
            }
        } catch (IOException ignored) {
            // The first failure is the one reported; the backup stays beside the target, where it can be found.
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            deleteTree(p);
        } catch (IOException ignored) {
            // a stray backup beside the target is harmless; the failure being reported matters more
        }
    }

    private static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** An I/O failure said with the path: "No space left on device" alone does not say where. */
    private static IOException failure(Path target, String what, IOException e) {
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new IOException(target + ": " + what + ": " + cause, e);
    }


    static void deleteTree(Path p) throws IOException {
        if (p == null || !Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(p);
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
