package io.ratchet.data.store;

import io.ratchet.data.read.KlineFormatException;
import io.ratchet.data.trades.TradeBuffer;
import io.ratchet.data.trades.TradeLoader;
import io.ratchet.data.trades.TradeSeries;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Trades being recorded by a live run ({@code ratchet live --record}), kept beside the store
 * file as {@code SYMBOL.aggtrades.journal} until they are folded into it.
 *
 * <p>Why a journal: the store file is compact and is only ever replaced whole (a temporary file,
 * then a move), so adding a few trades to it costs a rewrite of all of it. A run records every
 * few seconds; it appends those trades here instead, as text lines
 * {@code agg_trade_id,price,quantity,transact_time,is_buyer_maker} (time in ms; quantity 0 where
 * the source gave none), each append forced to disk before it returns: a kill loses at most what
 * was not appended yet, and a line cut short by a crash is ignored (and cut off by the next
 * append). {@link TradeStore#load} reads the store file and the journal as one validated series
 * (an id in both must have equal values in both), so {@code SYMBOL:trades} holds what was
 * recorded even while the run goes on; {@link #fold} moves the journal into the store file and
 * deletes it. Batches may come in any order and repeat trades: reading sorts them by id and keeps
 * each once.
 *
 * <p>Appends and folds hold the store's trade lock (threads and processes): an import or a
 * download of the same symbol never loses the recording's trades, nor the recording theirs.
 */
public final class TradeJournal {
    public static final String SUFFIX = ".aggtrades.journal";
    static final String HEADER = "agg_trade_id,price,quantity,transact_time,is_buyer_maker\n";

    private final TradeStore store;

    public TradeJournal(TradeStore store) {
        this.store = store;
    }

    public Path file(String symbol) {
        Path f = store.file(symbol);
        return f.resolveSibling(symbol + SUFFIX);
    }

    /**
     * Appends {@code n} trades and forces them to disk. Prices and quantities are written as the
     * shortest decimal of their double (what the exchange printed); a price that needs more than
     * 8 decimals (no Binance price does) cannot be stored exactly and is refused.
     *
     * @param qty {@code NaN} where the source gave none (written as 0)
     */
    public void append(String symbol, long[] id, double[] price, double[] qty, long[] timeMillis, boolean[] buyerMaker, int n) throws IOException {
        StringBuilder sb = new StringBuilder(n * 48);
        for (int k = 0; k < n; k++) {
            if (id[k] < 0 || timeMillis[k] < 0) {
                throw new IllegalArgumentException("trade " + k + ": an aggTradeId and a time are required, got " + id[k] + " and " + timeMillis[k]);
            }
            sb.append(id[k]).append(',').append(decimal(price[k], "price", id[k])).append(',')
                    .append(qty[k] == qty[k] ? decimal(qty[k], "quantity", id[k]) : "0").append(',').append(timeMillis[k]).append(',')
                    .append(buyerMaker[k] ? "true" : "false").append('\n');
        }
        byte[] lines = sb.toString().getBytes(StandardCharsets.US_ASCII);
        Path f = file(symbol);
        store.locked(() -> {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long size = ch.size();
                long end = size == 0 ? 0 : completeLength(ch, size);
                if (end < size) {
                    ch.truncate(end); // a line cut short by a crash: the trades in it are in the batch again or lost with the crash
                }
                ch.position(end);
                if (end == 0) {
                    write(ch, HEADER.getBytes(StandardCharsets.US_ASCII));
                }
                write(ch, lines);
                ch.force(true);
            } catch (IOException e) {
                throw io.ratchet.data.io.AtomicFiles.withPath(f.toAbsolutePath(), e);
            }
            return null;
        });
    }

    /**
     * Folds the journal into the store file: the union, validated as one, written to a
     * temporary file and moved over the store file; then the journal is deleted. A union that
     * fails (an id with different values in the store and the journal) changes nothing.
     *
     * @return the stored series afterwards, or empty when there was no journal
     */
    public Optional<TradeSeries> fold(String symbol) throws IOException {
        return store.locked(() -> {
            Optional<TradeSeries> journal = read(symbol);
            if (journal.isEmpty()) {
                return Optional.<TradeSeries>empty();
            }
            Optional<TradeSeries> stored = store.loadFile(symbol);
            TradeSeries merged = journal.get();
            if (stored.isPresent() && !stored.get().isEmpty()) {
                merged = journal.get().isEmpty() ? stored.get()
                        : TradeLoader.union(stored.get(), "store " + store.file(symbol).getFileName(), journal.get(), file(symbol).getFileName().toString())
                                .series();
            }
            if (!merged.isEmpty()) {
                store.saveFile(merged);
            }
            Files.deleteIfExists(file(symbol));
            return Optional.of(merged);
        });
    }

    /** The journal's trades as one validated series (sorted by id, repeats dropped), or empty when there is no journal. */
    public Optional<TradeSeries> read(String symbol) throws IOException {
        Path f = file(symbol);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        byte[] b;
        try {
            b = Files.readAllBytes(f);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty(); // folded meanwhile
        }
        TradeBuffer buf = new TradeBuffer(Math.max(16, b.length / 40));
        String name = f.getFileName().toString();
        int end = b.length;
        while (end > 0 && b[end - 1] != '\n') {
            end--; // the last line is complete only with its newline: what follows it was cut short
        }
        int pos = 0;
        int lineNo = 0;
        String[] cols = new String[5];
        while (pos < end) {
            int nl = pos;
            while (b[nl] != '\n') {
                nl++;
            }
            lineNo++;
            String line = new String(b, pos, nl - pos, StandardCharsets.US_ASCII).trim();
            pos = nl + 1;
            if (line.isEmpty() || lineNo == 1 && line.startsWith("agg_trade_id")) {
                continue;
            }
            int c = 0;
            int from = 0;
            for (int i = 0; i <= line.length() && c < 5; i++) {
                if (i == line.length() || line.charAt(i) == ',') {
                    cols[c++] = line.substring(from, i);
                    from = i + 1;
                }
            }
            if (c != 5 || from <= line.length()) {
                throw new KlineFormatException(name + ": line " + lineNo + ": expected 5 columns " + HEADER.trim() + ", found '" + line + "'");
            }
            try {
                long id = Long.parseLong(cols[0]);
                long price = units8(cols[1]);
                long qty = units8(cols[2]);
                long time = Long.parseLong(cols[3]);
                if (id < 0 || price <= 0 || qty < 0 || time < 0 || !(cols[4].equals("true") || cols[4].equals("false"))) {
                    throw new NumberFormatException();
                }
                buf.add(id, id, id, Math.multiplyExact(time, 1000L), price, qty, cols[4].equals("true"), lineNo);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new KlineFormatException(name + ": line " + lineNo + ": not a trade: '" + line + "' (expected " + HEADER.trim() + ")");
            }
        }
        if (buf.size() == 0) {
            return Optional.of(TradeSeries.empty(symbol));
        }
        return Optional.of(TradeLoader.validate(buf, symbol, name).series());
    }

    /** The journal's size in bytes, 0 without one: how much a fold would take in. */
    public long bytes(String symbol) throws IOException {
        Path f = file(symbol);
        return Files.isRegularFile(f) ? Files.size(f) : 0;
    }

    private static long completeLength(FileChannel ch, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        for (long at = size - 1; at >= 0; at--) {
            one.clear();
            ch.read(one, at);
            if (one.get(0) == '\n') {
                return at + 1;
            }
        }
        return 0;
    }

    private static void write(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** The shortest decimal of a double, checked to fit the store's 8 decimals. */
    private static String decimal(double v, String what, long id) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("trade " + id + ": " + what + " " + v + " is not a number the store keeps");
        }
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        if (d.scale() > TradeBuffer.SCALE) {
            throw new IllegalArgumentException("trade " + id + ": " + what + " " + d.toPlainString() + " has more than 8 decimals; the store keeps 8");
        }
        return d.toPlainString();
    }

    /** A decimal with at most 8 decimals as an integer of 10^-8 (0 allowed: a quantity the source did not give). */
    private static long units8(String text) {
        int dot = text.indexOf('.');
        String whole = dot < 0 ? text : text.substring(0, dot);
        String frac = dot < 0 ? "" : text.substring(dot + 1);
        if (whole.isEmpty() || frac.length() > TradeBuffer.SCALE || !whole.chars().allMatch(Character::isDigit)
                || !frac.chars().allMatch(Character::isDigit)) {
            throw new NumberFormatException(text);
        }
        return Math.addExact(Math.multiplyExact(Long.parseLong(whole), 100_000_000L),
                frac.isEmpty() ? 0 : Long.parseLong(frac) * pow10(TradeBuffer.SCALE - frac.length()));
    }

    private static long pow10(int k) {
        long p = 1;
        for (int i = 0; i < k; i++) {
            p *= 10;
        }
        return p;
    }
}
