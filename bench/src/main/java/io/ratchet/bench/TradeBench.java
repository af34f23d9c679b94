package io.ratchet.bench;

import io.ratchet.data.store.TradeStore;
import io.ratchet.data.trades.AggTradeParser;
import io.ratchet.data.trades.SyntheticTrades;
import io.ratchet.data.trades.TradeBuffer;
import io.ratchet.data.trades.TradeLoader;
import io.ratchet.data.trades.TradeSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Trades (issue 15): a store file of {@code trades} synthetic BTCUSDT-like aggTrades loaded
 * from the page cache into columns, against a raw read of the same file; and the same trades
 * as a spot aggTrades dump CSV (8 columns, 8 decimals, as data.binance.vision prints them)
 * parsed by Ratchet (parse only, and parse + validate + series) and by tablesaw's CSV reader
 * with the column types given, against a raw read of the CSV. Trades/s = trades / (s/op);
 * MB/s = CSV bytes / (s/op), both printed by the setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class TradeBench {
    private static final ColumnType[] TYPES = {ColumnType.LONG, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.LONG, ColumnType.LONG,
        ColumnType.LONG, ColumnType.BOOLEAN, ColumnType.BOOLEAN};

    @Param({"10000000"})
    int trades;

    @Param({"1000000"})
    int csvTrades;

    Path dir;
    Path storeFile;
    Path csv;
    byte[] csvBytes;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("ratchet-trade-bench");
        TradeStore st = new TradeStore(dir);
        st.save(SyntheticTrades.randomWalk("SYN", trades, 1));
        storeFile = st.file("SYN");
        csv = dir.resolve("SYN-aggTrades-2024-01.csv");
        SyntheticTrades.writeCsv(SyntheticTrades.randomWalk("SYN", csvTrades, 2), csv);
        csvBytes = Files.readAllBytes(csv);
        System.out.printf("%n[setup] store: %d trades, %d bytes (%.4f bytes a trade); csv: %d trades, %d bytes%n", trades,
                Files.size(storeFile), Files.size(storeFile) / (double) trades, csvTrades, csvBytes.length);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public TradeSeries storeLoad() throws IOException {
        return TradeStore.read(storeFile);
    }

    @Benchmark
    public byte[] storeRawRead() throws IOException {
        return Files.readAllBytes(storeFile);
    }

    /** Parse only, from bytes in memory. */
    @Benchmark
    public TradeBuffer csvParseOnly() {
        TradeBuffer b = new TradeBuffer(csvTrades);
        AggTradeParser.parse(csvBytes, csvBytes.length, "bench", 0, b);
        return b;
    }

    /** What {@code data import} does before writing: read the file, parse, validate, build the series. */
    @Benchmark
    public TradeSeries csvRatchetLoader() {
        return TradeLoader.load(csv.toString(), null).series();
    }

    @Benchmark
    public Table csvTablesaw() throws IOException {
        return Table.read().csv(CsvReadOptions.builder(csv.toFile()).header(false).columnTypes(TYPES).build());
    }

    @Benchmark
    public byte[] csvRawRead() throws IOException {
        return Files.readAllBytes(csv);
    }
}
