package io.ratchet.data.store;

import io.ratchet.data.io.AtomicFiles;
import io.ratchet.data.trades.TradeLoader;
import io.ratchet.data.trades.TradeSeries;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
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
 * Trades in the store, {@code SYMBOL.aggtrades} beside the klines, one 8-byte word a trade.
 *
 * <p>Layout, little-endian: a 64-byte header (magic {@code RATCHETT}, version, trades, price
 * and quantity scale, blocks, id runs, quantity exceptions, symbol); the block table, 24 bytes
 * a block (time and price of its first trade, its trade count, two field widths); the words;
 * the id runs (index of the run's first trade, its id); the quantity exceptions (index,
 * quantity). A block holds up to 4096 trades; within it each word packs, from the top bit:
 * the buyer-maker flag, the time step from the trade before in µs ({@code wT} bits), the
 * price step in ticks, zigzag-coded ({@code wP} bits), and the quantity in units of
 * {@code 10^-qtyScale} in the remaining {@code 63 - wT - wP} bits (at least 23: a trade whose
 * steps would need more starts a new block). A quantity too large for its bits is all ones in
 * the word and sits in the exception table. Everything is exact: integers in, integers out.
 */
public final class TradeStore {
    private static final byte[] MAGIC = "RATCHETT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int HEADER = 64;
    private static final int BLOCK_ENTRY = 24;
    static final int BLOCK = 4096;
    private static final int MAX_STEP_BITS = 40;
    public static final String SUFFIX = ".aggtrades";
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9_]{1,32}");

    private final Path root;

    public TradeStore(Path root) {
        this.root = root;
    }

    public TradeStore(KlineStore klines) {
        this(klines.root());
    }

    public Path root() {
        return root;
    }

    public Path file(String symbol) {
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new IllegalArgumentException("symbol '" + symbol + "': expected 1 to 32 of A-Z, 0-9, _ (like BTCUSDT)");
        }
        return root.resolve(symbol + SUFFIX);
    }

    /**
     * The symbol's stored trades: the store file and, when a live run is recording the symbol (or
     * was killed while it did), its {@link TradeJournal}, read as one validated series.
     */
    public Optional<TradeSeries> load(String symbol) throws IOException {
        // The journal first: a fold that happens meanwhile moves its trades into the store file before it deletes it, so
        // whichever side of the fold each read falls on, no recorded trade is missed (one read twice is dropped as a repeat).
        Optional<TradeSeries> journal = new TradeJournal(this).read(symbol);
        Optional<TradeSeries> stored = loadFile(symbol);
        if (journal.isEmpty() || journal.get().isEmpty()) {
            return stored.isPresent() || journal.isEmpty() ? stored : journal;
        }
        if (stored.isEmpty() || stored.get().isEmpty()) {
            return journal;
        }
        return Optional.of(TradeLoader.union(stored.get(), "store " + file(symbol).getFileName(), journal.get(),
                new TradeJournal(this).file(symbol).getFileName().toString()).series());
    }

    /** The store file alone, without a journal. */
    Optional<TradeSeries> loadFile(String symbol) throws IOException {
        Path f = file(symbol);
        return Files.isRegularFile(f) ? Optional.of(read(f)) : Optional.empty();
    }

    /** Replaces the stored trades of the series' symbol, atomically (a journal being recorded stays as it is). */
    public void save(TradeSeries s) throws IOException {
        locked(() -> {
            saveFile(s);
            return null;
        });
    }

    void saveFile(TradeSeries s) throws IOException {
        byte[] bytes = encode(s);
        AtomicFiles.write(file(s.symbol()), out -> out.write(bytes));
    }

    /**
     * Adds trades to the stored ones (creating them); the union is validated as one, and the store is left as it was if it fails.
     * A journal being recorded is read with the store and stays (its recorder folds it in).
     */
    public TradeLoader.Loaded merge(TradeSeries incoming, String incomingName) throws IOException {
        return locked(() -> {
            Optional<TradeSeries> have = load(incoming.symbol());
            TradeLoader.Loaded merged = have.isPresent() && !have.get().isEmpty()
                    ? TradeLoader.union(have.get(), "store " + file(incoming.symbol()).getFileName(), incoming, incomingName)
                    : new TradeLoader.Loaded(incoming, null);
            saveFile(merged.series());
            return merged;
        });
    }

    /** What runs under the store's lock. */
    @FunctionalInterface
    interface Locked<T> {
        T run() throws IOException;
    }

    private static final java.util.concurrent.ConcurrentHashMap<Path, java.util.concurrent.locks.ReentrantLock> LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Runs {@code action} holding the store's trade lock: one writer of the store's trade files
     * at a time, across threads ({@link java.util.concurrent.locks.ReentrantLock}) and processes
     * (a file lock on {@code .aggtrades.lock}), so that a live recording and an import or a
     * download never lose each other's trades.
     */
    <T> T locked(Locked<T> action) throws IOException {
        Files.createDirectories(root);
        Path lockFile = root.resolve(".aggtrades.lock").toAbsolutePath().normalize();
        java.util.concurrent.locks.ReentrantLock lock = LOCKS.computeIfAbsent(lockFile, k -> new java.util.concurrent.locks.ReentrantLock());
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                return action.run();
            }
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 java.nio.channels.FileLock held = ch.lock()) {
                return action.run();
            }
        } finally {
            lock.unlock();
        }
    }

    /** What the store holds, by symbol. */
    public record Stored(String symbol, long firstTime, long lastTime, int trades, long firstId, long lastId, int gaps, long missingIds,
            long bytes) {
    }

    public List<Stored> list() throws IOException {
        List<Stored> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        java.util.SortedSet<String> symbols = new java.util.TreeSet<>();
        try (Stream<Path> st = Files.list(root)) {
            st.map(p -> p.getFileName().toString()).forEach(n -> {
                String sym = n.endsWith(SUFFIX) ? n.substring(0, n.length() - SUFFIX.length())
                        : n.endsWith(TradeJournal.SUFFIX) ? n.substring(0, n.length() - TradeJournal.SUFFIX.length()) : null;
                if (sym != null && SYMBOL.matcher(sym).matches()) {
                    symbols.add(sym);
                }
            });
        }
        for (String sym : symbols) {
            Optional<TradeSeries> loaded = load(sym);
            if (loaded.isEmpty() || loaded.get().isEmpty()) {
                continue;
            }
            TradeSeries s = loaded.get();
            Path f = file(sym);
            Path j = new TradeJournal(this).file(sym);
            long bytes = (Files.isRegularFile(f) ? Files.size(f) : 0) + (Files.isRegularFile(j) ? Files.size(j) : 0);
            out.add(new Stored(s.symbol(), s.timeMillis(0), s.timeMillis(s.size() - 1), s.size(), s.firstId(), s.lastId(), s.gaps().size(),
                    s.gaps().stream().mapToLong(g -> g.missing()).sum(), bytes));
        }
        return out;
    }

    static int bits(long v) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(v));
    }

    /** The file's bytes. */
    public static byte[] encode(TradeSeries s) {
        int n = s.size();
        long[] t = s.timeMicrosColumn();
        long[] p = s.priceUnitsColumn();
        long[] q = s.qtyUnitsColumn();
        // blocks: greedy, so that the two steps never take more than MAX_STEP_BITS
        List<int[]> blocks = new ArrayList<>(); // {start, count, wT, wP}
        int i = 0;
        while (i < n) {
            int wT = 1;
            int wP = 1;
            int j = i + 1;
            while (j < n && j - i < BLOCK) {
                int nt = Math.max(wT, bits(t[j] - t[j - 1]));
                long d = p[j] - p[j - 1];
                int np = Math.max(wP, bits((d << 1) ^ (d >> 63)));
                if (nt + np > MAX_STEP_BITS) {
                    break;
                }
                wT = nt;
                wP = np;
                j++;
            }
            blocks.add(new int[] {i, j - i, wT, wP});
            i = j;
        }
        long[] words = new long[n];
        List<long[]> exceptions = new ArrayList<>();
        for (int[] b : blocks) {
            int wT = b[2];
            int wP = b[3];
            int qb = 63 - wT - wP;
            long qMask = (1L << qb) - 1;
            for (int k = b[0]; k < b[0] + b[1]; k++) {
                long dt = k == b[0] ? 0 : t[k] - t[k - 1];
                long d = k == b[0] ? 0 : p[k] - p[k - 1];
                long zz = (d << 1) ^ (d >> 63);
                long qv = q[k];
                if (qv < 0 || qv >= qMask) {
                    exceptions.add(new long[] {k, qv});
                    qv = qMask;
                }
                long maker = s.buyerMaker(k) ? 1L : 0L;
                words[k] = maker << 63 | dt << (63 - wT) | zz << qb | qv;
            }
        }
        int[] runStart = s.runStarts();
        long[] runFirst = s.runFirstIds();
        int size = HEADER + BLOCK_ENTRY * blocks.size() + 8 * n + 12 * runStart.length + 12 * exceptions.size();
        ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(VERSION).putInt(n).put((byte) s.priceScale()).put((byte) s.qtyScale()).putShort((short) 0);
        buf.putInt(blocks.size()).putInt(runStart.length).putInt(exceptions.size());
        byte[] sym = new byte[32];
        byte[] src = s.symbol().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(src, 0, sym, 0, Math.min(32, src.length));
        buf.put(sym);
        for (int[] b : blocks) {
            buf.putLong(t[b[0]]).putLong(p[b[0]]).putInt(b[1]).put((byte) b[2]).put((byte) b[3]).putShort((short) 0);
        }
        buf.asLongBuffer().put(words);
        buf.position(buf.position() + 8 * n);
        for (int r = 0; r < runStart.length; r++) {
            buf.putInt(runStart[r]);
        }
        for (int r = 0; r < runStart.length; r++) {
            buf.putLong(runFirst[r]);
        }
        for (long[] e : exceptions) {
            buf.putInt((int) e[0]);
        }
        for (long[] e : exceptions) {
            buf.putLong(e[1]);
        }
        return buf.array();
    }

    /** Reads one store file; a damaged one is an error naming it. */
    public static TradeSeries read(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER) {
                throw new IOException(f + ": not a Ratchet trade store file (too short)");
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return decode(map, f.toString());
        }
    }

    public static TradeSeries decode(ByteBuffer map, String name) throws IOException {
        map.order(ByteOrder.LITTLE_ENDIAN);
        long size = map.limit();
        byte[] magic = new byte[8];
        map.get(0, magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException(name + ": not a Ratchet trade store file");
        }
        int version = map.getInt(8);
        if (version != VERSION) {
            throw new IOException(name + ": trade store format version " + version + ", this Ratchet reads " + VERSION);
        }
        int n = map.getInt(12);
        int priceScale = map.get(16);
        int qtyScale = map.get(17);
        int blocks = map.getInt(20);
        int runs = map.getInt(24);
        int exc = map.getInt(28);
        byte[] sym = new byte[32];
        map.get(32, sym);
        int len = 0;
        while (len < 32 && sym[len] != 0) {
            len++;
        }
        String symbol = new String(sym, 0, len, StandardCharsets.US_ASCII);
        long expect = HEADER + (long) BLOCK_ENTRY * blocks + 8L * n + 12L * runs + 12L * exc;
        if (n < 0 || blocks < 0 || runs < 0 || exc < 0 || size != expect || (n > 0 && runs == 0)) {
            throw new IOException(name + ": damaged trade store file: header says " + n + " trades, size is " + size + " bytes");
        }
        long[] time = new long[n];
        long[] price = new long[n];
        long[] qty = new long[n];
        long[] maker = new long[(n + 63) >>> 6];
        int wordsAt = HEADER + BLOCK_ENTRY * blocks;
        LongBuffer words = map.slice(wordsAt, 8 * n).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
        long[] chunk = new long[Math.min(n, BLOCK)];
        int at = 0;
        for (int b = 0; b < blocks; b++) {
            int e = HEADER + BLOCK_ENTRY * b;
            long tv = map.getLong(e);
            long pv = map.getLong(e + 8);
            int count = map.getInt(e + 16);
            int wT = map.get(e + 20);
            int wP = map.get(e + 21);
            if (count < 1 || count > BLOCK || at + count > n || wT < 1 || wP < 1 || wT + wP > MAX_STEP_BITS) {
                throw new IOException(name + ": damaged trade store file: block " + b);
            }
            words.get(at, chunk, 0, count);
            int shT = 64 - wT;
            int upP = 1 + wT;
            int shP = 64 - wP;
            long qMask = (1L << (63 - wT - wP)) - 1;
            for (int k = 0; k < count; k++) {
                long w = chunk[k];
                tv += (w << 1) >>> shT;
                long zz = (w << upP) >>> shP;
                pv += (zz >>> 1) ^ -(zz & 1);
                time[at + k] = tv;
                price[at + k] = pv;
                qty[at + k] = w & qMask;
            }
            for (int k = 0; k < count; k++) {
                int idx = at + k;
                maker[idx >>> 6] |= (chunk[k] >>> 63) << (idx & 63);
            }
            at += count;
        }
        if (at != n) {
            throw new IOException(name + ": damaged trade store file: blocks hold " + at + " of " + n + " trades");
        }
        int runsAt = wordsAt + 8 * n;
        int[] runStart = new int[runs];
        long[] runFirst = new long[runs];
        for (int r = 0; r < runs; r++) {
            runStart[r] = map.getInt(runsAt + 4 * r);
            runFirst[r] = map.getLong(runsAt + 4 * runs + 8 * r);
        }
        int excAt = runsAt + 12 * runs;
        for (int x = 0; x < exc; x++) {
            int idx = map.getInt(excAt + 4 * x);
            if (idx < 0 || idx >= n) {
                throw new IOException(name + ": damaged trade store file: quantity exception " + x);
            }
            qty[idx] = map.getLong(excAt + 4 * exc + 8 * x);
        }
        return new TradeSeries(symbol, n, time, price, priceScale, qty, qtyScale, maker, runStart, runFirst);
    }
}
