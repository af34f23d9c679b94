package io.ratchet.cli;

import io.ratchet.data.io.OutputRefusedException;
import io.ratchet.data.io.OwnedFile;
import io.ratchet.data.io.OwnedFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every file and folder one run will write, checked together before the run does its work:
 * a bad third output must not be found after the first two were written. Each must have an
 * existing, writable folder as its parent, must not be (or be inside, or hold) the run's
 * input, and must not be another output of the same run; a file that exists follows
 * {@link OwnedFile}'s rule (only Ratchet's own file of that kind is replaced), a folder output
 * {@link OwnedFolder}'s.
 */
final class RunOutputs {
    /** {@code kind}: what the file looks like when Ratchet wrote it; null for a folder or an input. */
    private record Named(String option, Path path, OwnedFile.Kind kind) {
    }

    private final List<Named> files = new ArrayList<>();
    private final List<Named> folders = new ArrayList<>();
    private final List<Named> inputs = new ArrayList<>();

    RunOutputs file(String option, Path path, OwnedFile.Kind kind) {
        if (path != null) {
            files.add(new Named(option, abs(path), kind));
        }
        return this;
    }

    RunOutputs folder(String option, Path path) {
        if (path != null) {
            folders.add(new Named(option, abs(path), null));
        }
        return this;
    }

    /** An input the outputs must leave alone: a file, or a folder nothing may be written into. */
    RunOutputs input(String option, Path path) {
        if (path != null) {
            inputs.add(new Named(option, abs(path), null));
        }
        return this;
    }

    /** {@code --data}'s files: the file or folder it names, or a glob's folder; nothing for SYMBOL:INTERVAL. */
    RunOutputs dataInput(String option, String spec) {
        if (spec == null) {
            return this;
        }
        Path p = Path.of(spec);
        if (io.ratchet.data.read.KlineFiles.isGlob(spec)) {
            return input(option, p.getParent() == null ? Path.of(".") : p.getParent());
        }
        return Files.exists(p) ? input(option, p) : this;
    }

    /** Throws {@link OutputRefusedException} naming the option and path of the first output that cannot be written. */
    void check() {
        List<Named> all = new ArrayList<>(files);
        all.addAll(folders);
        for (Named o : all) {
            checkParent(o);
            for (Named in : inputs) {
                if (o.path().equals(in.path()) || o.path().startsWith(in.path()) && Files.isDirectory(in.path())) {
                    throw refused(o, "is " + (o.path().equals(in.path()) ? "" : "inside ") + "the input of " + in.option() + " (" + in.path()
                            + "); write the output elsewhere");
                }
                if (folders.contains(o) && in.path().startsWith(o.path())) {
                    throw refused(o, "holds the input of " + in.option() + " (" + in.path() + "), and the folder is replaced whole; "
                            + "write the output elsewhere");
                }
            }
            for (Named other : all) {
                if (other != o && (other.path().equals(o.path()) || folders.contains(o) && other.path().startsWith(o.path()))) {
                    throw refused(other, "is also the output of " + o.option() + "; give each output its own path");
                }
            }
        }
        for (Named f : files) {
            if (Files.isDirectory(f.path())) {
                throw refused(f, "is a folder; give a file name");
            }
            OwnedFile.checkReplaceable(f.option(), f.path(), f.kind());
        }
        for (Named d : folders) {
            OwnedFolder.checkReplaceable(d.option(), d.path());
        }
    }

    private static void checkParent(Named o) {
        Path parent = o.path().getParent();
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw refused(o, existing + " is a file, not a folder");
        }
        if (!Files.isDirectory(parent)) {
            throw refused(o, "the folder " + parent + " does not exist; create it first or give a path in an existing folder");
        }
        if (!Files.isWritable(parent)) {
            throw refused(o, "the folder " + parent + " is not writable");
        }
    }

    private static OutputRefusedException refused(Named o, String why) {
        return new OutputRefusedException(o.option() + " " + o.path() + ": " + why);
    }

    private static Path abs(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
