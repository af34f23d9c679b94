package io.ratchet.data.read;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Which files a {@code --data} argument names: a file, a folder, or a glob such as {@code dir/BTCUSDT-1m-2024-*.zip}. */
public final class KlineFiles {
    private KlineFiles() {
    }

    /** Whether a file name looks like kline data (not a checksum, README, ...). */
    public static boolean isData(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".csv") || n.endsWith(".zip") || n.endsWith(".json"));
    }

    public static boolean isGlob(String spec) {
        return spec.indexOf('*') >= 0 || spec.indexOf('?') >= 0 || spec.indexOf('[') >= 0;
    }

    /** The data files, sorted by name; an error if there are none. */
    public static List<Path> expand(String spec) {
        List<Path> files = new ArrayList<>();
        try {
            if (isGlob(spec)) {
                Path pattern = Path.of(spec);
                Path dir = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
                PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> m.matches(p.getFileName()) && Files.isRegularFile(p) && isData(p)).forEach(files::add);
                }
            } else {
                Path p = Path.of(spec);
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.list(p)) {
                        s.filter(f -> Files.isRegularFile(f) && isData(f)).forEach(files::add);
                    }
                } else if (Files.isRegularFile(p)) {
                    files.add(p);
                } else {
                    throw new KlineFormatException(spec + ": no such file or folder");
                }
            }
        } catch (NoSuchFileException e) {
            throw new KlineFormatException(spec + ": no such folder: " + e.getFile());
        } catch (IOException e) {
            throw new KlineFormatException(spec + ": cannot list: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new KlineFormatException(spec + ": no kline files (.csv, .zip, .json) there");
        }
        files.sort(null);
        return files;
    }
}
