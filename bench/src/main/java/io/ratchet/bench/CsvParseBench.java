package io.ratchet.bench;

import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.read.KlineLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * CSV to columns: Ratchet's loader (parse, validate, gaps) against tablesaw's CSV reader
 * with the column types given, and a raw read of the same bytes (the disk's ceiling). The
 * file is the shipped BTCUSDT 1m month, 3.8 MB, 42,915 rows, from the page cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CsvParseBench {
    private static final ColumnType[] TYPES = {ColumnType.LONG, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE,
        ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.INTEGER, ColumnType.DOUBLE,
        ColumnType.DOUBLE, ColumnType.INTEGER};

    Path dir;
    Path csv;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("ratchet-bench");
        csv = Samples.oneMinuteCsv(dir);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(csv);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public KlineSeries ratchetLoader() {
        return KlineLoader.load(csv.toString(), null, null).series();
    }

    @Benchmark
    public Table tablesawCsv() throws IOException {
        return Table.read().csv(CsvReadOptions.builder(csv.toFile()).header(false).columnTypes(TYPES).build());
    }

    @Benchmark
    public byte[] rawRead() throws IOException {
        return Files.readAllBytes(csv);
    }
}
