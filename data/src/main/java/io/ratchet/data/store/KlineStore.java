package io.ratchet.data.store;

import io.ratchet.data.io.AtomicFiles;
import io.ratchet.data.kline.Gap;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.read.KlineLoader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local kline store: one binary columnar file per symbol and interval,
 * {@code SYMBOL-INTERVAL.klines}: a 64-byte header, then the columns open time, open,
 * high, low, close, volume, each {@code count} little-endian 8-byte values. A load maps
 * the file and bulk-copies each column into its array; a write goes to a temporary file
 * and is moved into place, so a killed import never leaves half a series.
 */
public final class KlineStore {
    private static final byte[] MAGIC = "RATCHETK".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int HEADER = 64;
    private static final String SUFFIX = ".klines";
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9_]{1,32}");

    private final Path root;

    public KlineStore(Path root) {
        this.root = root;
    }

    /** {@code $RATCHET_STORE}, else {@code ~/.ratchet/data}. */
    public static Path defaultRoot() {
        String env = System.getenv("RATCHET_STORE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".ratchet", "data");
    }

    public Path root() {
        return root;
    }

    /** The file of a series (interval {@code 1M} is written {@code 1mo}: file systems may ignore case). */
    public Path file(String symbol, Interval interval) {
        checkSymbol(symbol);
        return root.resolve(symbol + "-" + fileInterval(interval) + SUFFIX);
    }

    private static String fileInterval(Interval interval) {
        return interval == Interval.MONTH1 ? "1mo" : interval.id();
    }

    private static void checkSymbol(String symbol) {
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new IllegalArgumentException("symbol '" + symbol + "': expected 1 to 32 of A-Z, 0-9, _ (like BTCUSDT)");
        }
    }

    /** Replaces the stored series with {@code series}, atomically. */
    public void save(KlineSeries series) throws IOException {
        Path target = file(series.symbol(), series.interval());
        int n = series.size();
        AtomicFiles.write(target, out -> {
            ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            head.put(MAGIC).putInt(VERSION).putInt(n);
            head.put(pad(series.symbol(), 32)).put(pad(series.interval().id(), 8));
            out.write(head.array());
            ByteBuffer col = ByteBuffer.allocate(8 * Math.max(n, 1)).order(ByteOrder.LITTLE_ENDIAN);
            col.asLongBuffer().put(series.openTimes());
            out.write(col.array(), 0, 8 * n);
            for (double[] c : new double[][] {series.opens(), series.highs(), series.lows(), series.closes(), series.volumes()}) {
                col.clear();
                col.asDoubleBuffer().put(c);
                out.write(col.array(), 0, 8 * n);
            }
        });
    }

    /**
     * Adds bars to the stored series (creating it): the union is validated as one, so
     * conflicting values for an open time are refused and the store is left as it was.
     */
    public KlineLoader.Loaded merge(KlineSeries incoming, String incomingName) throws IOException {
        Optional<KlineSeries> existing = load(incoming.symbol(), incoming.interval());
        KlineLoader.Loaded merged = existing.isPresent()
                ? KlineLoader.union(existing.get(), "store " + file(incoming.symbol(), incoming.interval()).getFileName(), incoming, incomingName)
                : KlineLoader.validate(incoming, incomingName);
        save(merged.series());
        return merged;
    }

    public Optional<KlineSeries> load(String symbol, Interval interval) throws IOException {
        Path f = file(symbol, interval);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return Optional.of(read(f));
    }

    /** Reads one store file; a damaged one is an error naming it. */
    public static KlineSeries read(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER) {
                throw new IOException(f + ": not a Ratchet store file (too short)");
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            map.order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[8];
            map.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(f + ": not a Ratchet store file");
            }
            int version = map.getInt();
            if (version != VERSION) {
                throw new IOException(f + ": store format version " + version + ", this Ratchet reads " + VERSION);
            }
            int n = map.getInt();
            String symbol = unpad(map, 32);
            Interval interval = Interval.parse(unpad(map, 8));
            if (n < 0 || size != HEADER + 48L * n) {
                throw new IOException(f + ": damaged store file: header says " + n + " bars, size is " + size + " bytes");
            }
            long[] t = new long[n];
            map.position(HEADER);
            map.slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(t);
            double[][] cols = new double[5][n];
            for (int k = 0; k < 5; k++) {
                map.position(HEADER + 8 * n * (k + 1));
                map.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(cols[k]);
            }
            return new KlineSeries(symbol, interval, t, cols[0], cols[1], cols[2], cols[3], cols[4]);
        }
    }

    /** Every stored series, sorted by symbol and interval. */
    public List<StoredSeries> list() throws IOException {
        List<StoredSeries> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(root)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        for (Path f : files) {
            KlineSeries s = read(f);
            if (s.isEmpty()) {
                continue;
            }
            List<Gap> gaps = s.gaps();
            out.add(new StoredSeries(s.symbol(), s.interval().id(), s.firstOpenTime(), s.lastOpenTime(), s.size(), gaps.size(),
                    gaps.stream().mapToLong(Gap::missing).sum()));
        }
        return out;
    }

    private static byte[] pad(String s, int len) {
        byte[] b = new byte[len];
        byte[] src = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(src, 0, b, 0, Math.min(len, src.length));
        return b;
    }

    private static String unpad(ByteBuffer buf, int len) {
        byte[] b = new byte[len];
        buf.get(b);
        int n = 0;
        while (n < len && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.US_ASCII);
    }
}
