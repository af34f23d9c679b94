package io.ratchet.data.trades;

import io.ratchet.data.read.KlineFiles;
import io.ratchet.data.read.KlineFormatException;
import io.ratchet.data.read.KlineLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads aggTrades dumps into one validated {@link TradeSeries}: monthly and daily files of one
 * symbol form one series (identical overlaps dropped, different values for one id refused),
 * ids increase, times never go back, every problem reported in one summary, nothing "fixed".
 */
public final class TradeLoader {
    private static final Pattern NAME = Pattern.compile("^([A-Za-z0-9]+(?:_[A-Za-z0-9]+)*)-aggTrades(?:-[^.]*)?\\.(csv|zip)$");

    /** A series and what validation found. */
    public record Loaded(TradeSeries series, TradeReport report) {
    }

    private TradeLoader() {
    }

    /** The symbol a dump's name says ({@code BTCUSDT-aggTrades-2024-01.zip}), or null. */
    public static String symbolOf(String fileName) {
        Matcher m = NAME.matcher(fileName);
        return m.matches() ? m.group(1).toUpperCase(java.util.Locale.ROOT) : null;
    }

    /** Whether a file is an aggTrades dump: by its name, else by its first line. */
    public static boolean isAggTrades(Path f) {
        if (symbolOf(f.getFileName().toString()) != null) {
            return true;
        }
        if (f.getFileName().toString().matches(".*-\\d+[smhdwM]o?-.*|.*-\\d+[smhdwM]o?\\.(csv|zip|json)$")) {
            return false; // named like klines
        }
        byte[] b = KlineLoader.readVerified(f);
        return AggTradeParser.looksLikeAggTrades(b, b.length);
    }

    public static Loaded load(String spec, String symbol) {
        return load(KlineFiles.expand(spec), symbol, spec);
    }

    public static Loaded load(List<Path> files, String symbol, String what) {
        TradeBuffer buf = new TradeBuffer();
        List<String> names = new ArrayList<>();
        String nameSymbol = null;
        for (Path f : files) {
            String name = f.toString();
            names.add(f.getFileName().toString());
            String said = symbolOf(f.getFileName().toString());
            if (said != null) {
                if (symbol != null && !symbol.equals(said)) {
                    throw new KlineFormatException(name + ": the file name says symbol " + said + ", but --symbol " + symbol
                            + " was given; leave --symbol out (it is for files whose name does not say it) or give the right files");
                }
                if (nameSymbol != null && symbol == null && !nameSymbol.equals(said)) {
                    throw new KlineFormatException(name + ": symbol " + said + " differs from " + nameSymbol
                            + " of the other files; one series is one symbol");
                }
                nameSymbol = said;
            }
            byte[] bytes = KlineLoader.readVerified(f);
            AggTradeParser.Facts facts = AggTradeParser.parse(bytes, bytes.length, name, names.size() - 1, buf);
            if (facts.rows() == 0) {
                throw new KlineFormatException(name + ": no trades in it (" + (bytes.length == 0 ? "an empty file" : "only a header or blank lines")
                        + "); a dump holds one trade a line after an optional header. " + AggTradeParser.LAYOUT);
            }
        }
        String sym = symbol != null ? symbol : nameSymbol;
        if (sym == null) {
            throw new KlineFormatException(what + ": the file name does not say the symbol (name it like "
                    + "BTCUSDT-aggTrades-2024-01.csv) and no --symbol was given");
        }
        return merge(buf, names, sym);
    }

    /** Checks trades got elsewhere (a download) by the same rules as files. */
    public static Loaded validate(TradeBuffer buf, String symbol, String name) {
        return merge(buf, List.of(name), symbol);
    }

    /** The union of a stored series and new trades of the same symbol, checked as one. */
    public static Loaded union(TradeSeries existing, String existingName, TradeSeries incoming, String incomingName) {
        TradeBuffer buf = new TradeBuffer(existing.size() + incoming.size());
        add(buf, existing, 0);
        add(buf, incoming, 1);
        return merge(buf, List.of(existingName, incomingName), existing.symbol());
    }

    static void add(TradeBuffer buf, TradeSeries s, int fileIndex) {
        buf.ensure(s.size());
        long pm = TradeSeries.pow10(TradeBuffer.SCALE - s.priceScale());
        long qm = TradeSeries.pow10(TradeBuffer.SCALE - s.qtyScale());
        int[] runs = s.runStarts();
        long[] firstIds = s.runFirstIds();
        int r = 0;
        for (int i = 0; i < s.size(); i++) {
            while (r + 1 < runs.length && runs[r + 1] <= i) {
                r++;
            }
            long id = firstIds[r] + (i - runs[r]);
            buf.add(id, id, id, s.timeMicros(i), s.priceUnits(i) * pm, s.qtyUnits(i) * qm, s.buyerMaker(i), fileIndex, i + 1);
        }
        buf.noteDecimals(s.priceScale(), s.qtyScale());
    }

    private static Loaded merge(TradeBuffer b, List<String> names, String symbol) {
        int n = b.size;
        int[] order = sortedOrder(b);
        List<String> errors = new ArrayList<>();
        int errorCount = 0;
        int dropped = 0;
        int priceScale = b.priceDecimals;
        int qtyScale = b.qtyDecimals;
        long pd = TradeSeries.pow10(TradeBuffer.SCALE - priceScale);
        long qd = TradeSeries.pow10(TradeBuffer.SCALE - qtyScale);
        long[] time = new long[n];
        long[] price = new long[n];
        long[] qty = new long[n];
        long[] maker = new long[(n + 63) >>> 6];
        int[] runStart = new int[16];
        long[] runFirst = new long[16];
        int runs = 0;
        int k = 0;
        int prev = -1; // row index of the last trade kept
        for (int o = 0; o < n; o++) {
            int i = order == null ? o : order[o];
            if (prev >= 0 && b.id[i] == b.id[prev]) {
                if (b.time[i] == b.time[prev] && b.price[i] == b.price[prev] && b.qty[i] == b.qty[prev] && b.maker[i] == b.maker[prev]) {
                    dropped++;
                } else if (errors.size() < TradeReport.MAX_LISTED) {
                    errors.add(where(b, names, i) + ": agg_trade_id " + b.id[i] + " appears twice with different values ("
                            + where(b, names, prev) + ")");
                    errorCount++;
                } else {
                    errorCount++;
                }
                continue;
            }
            if (prev >= 0 && b.time[i] < b.time[prev]) {
                if (errors.size() < TradeReport.MAX_LISTED) {
                    errors.add(where(b, names, i) + ": column transact_time: " + show(b.time[i]) + " is before " + show(b.time[prev])
                            + " of trade " + b.id[prev] + " (" + where(b, names, prev) + "); times must not go back as ids increase");
                }
                errorCount++;
            }
            if (runs == 0 || b.id[i] != b.id[prev] + 1) {
                if (runs == runStart.length) {
                    runStart = java.util.Arrays.copyOf(runStart, runs * 2);
                    runFirst = java.util.Arrays.copyOf(runFirst, runs * 2);
                }
                runStart[runs] = k;
                runFirst[runs] = b.id[i];
                runs++;
            }
            time[k] = b.time[i];
            price[k] = b.price[i] / pd;
            qty[k] = b.qty[i] / qd;
            if (b.maker[i]) {
                maker[k >>> 6] |= 1L << (k & 63);
            }
            k++;
            prev = i;
        }
        if (errorCount > 0) {
            TradeReport r = new TradeReport(names.size(), n, errors, errorCount, dropped, List.of());
            throw new KlineFormatException((names.size() == 1 ? names.get(0) : names.size() + " files") + ": " + r.summary());
        }
        if (k < n) {
            time = java.util.Arrays.copyOf(time, k);
            price = java.util.Arrays.copyOf(price, k);
            qty = java.util.Arrays.copyOf(qty, k);
            maker = java.util.Arrays.copyOf(maker, (k + 63) >>> 6);
        }
        TradeSeries s = new TradeSeries(symbol, k, time, price, priceScale, qty, qtyScale, maker, java.util.Arrays.copyOf(runStart, runs),
                java.util.Arrays.copyOf(runFirst, runs));
        return new Loaded(s, new TradeReport(names.size(), n, List.of(), 0, dropped, s.gaps()));
    }

    private static String show(long micros) {
        return micros % 1000 == 0 ? Long.toString(micros / 1000) + " ms" : micros + " us";
    }

    private static String where(TradeBuffer b, List<String> names, int i) {
        return names.get(b.file[i]) + ": line " + b.line[i];
    }

    /** Null when the rows are in increasing id order already (the usual case), else a stable order by id. */
    private static int[] sortedOrder(TradeBuffer b) {
        int n = b.size;
        boolean sorted = true;
        for (int i = 1; i < n; i++) {
            if (b.id[i] <= b.id[i - 1]) {
                sorted = false;
                break;
            }
        }
        if (sorted) {
            return null;
        }
        int[] a = new int[n];
        int[] tmp = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        long[] key = b.id;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int x = lo;
                int y = mid;
                int z = lo;
                while (x < mid && y < hi) {
                    tmp[z++] = key[a[y]] < key[a[x]] ? a[y++] : a[x++];
                }
                while (x < mid) {
                    tmp[z++] = a[x++];
                }
                while (y < hi) {
                    tmp[z++] = a[y++];
                }
            }
            int[] t = a;
            a = tmp;
            tmp = t;
        }
        return a;
    }
}
