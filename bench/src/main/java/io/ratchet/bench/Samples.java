package io.ratchet.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipInputStream;

/** The shipped sample klines, unpacked once into a temporary CSV for the parse benchmarks. */
final class Samples {
    static final String ONE_MINUTE_ZIP = "BTCUSDT-1m-2021-04-20_2021-05-20.zip";

    private Samples() {
    }

    /** Finds {@code sample-data/} from the project root or a module folder. */
    static Path dir() {
        for (Path p : new Path[] {Path.of("sample-data"), Path.of("..", "sample-data")}) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("run the benchmarks from the project root: sample-data/ not found");
    }

    /** The 1m sample as a plain CSV in a temporary folder, named as a dump so the loader knows it. */
    static Path oneMinuteCsv(Path tmpDir) throws IOException {
        Path out = tmpDir.resolve("BTCUSDT-1m-2021-04-20_2021-05-20.csv");
        try (InputStream in = Files.newInputStream(dir().resolve(ONE_MINUTE_ZIP)); ZipInputStream z = new ZipInputStream(in)) {
            z.getNextEntry();
            Files.copy(z, out, StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }
}
