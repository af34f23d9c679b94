package io.ratchet.data.read;

import io.ratchet.data.kline.Gap;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads kline files into one validated {@link KlineSeries}: sorted and de-duplicated across
 * files, every problem reported in one summary, nothing "fixed".
 */
public final class KlineLoader {

    /** A series and what validation found. */
    public record Loaded(KlineSeries series, ValidationReport report) {
    }

    private KlineLoader() {
    }

    /** Reads {@code spec} (file, folder or glob); symbol and interval may be null to take them from the names. */
    public static Loaded load(String spec, String symbol, Interval interval) {
        return load(KlineFiles.expand(spec), symbol, interval, spec);
    }

    public static Loaded load(List<Path> files, String symbol, Interval interval, String what) {
        KlineBuffer buf = new KlineBuffer();
        List<String> names = new ArrayList<>();
        String nameSymbol = null;
        Interval nameInterval = null;
        long barMillis = -1;
        for (Path f : files) {
            String name = f.toString();
            names.add(f.getFileName().toString());
            DumpName dn = DumpName.of(f.getFileName().toString());
            if (dn != null) {
                // The name is a fact about the file; an option that contradicts it is a mistake, not a relabelling.
                if (symbol != null && !symbol.equals(dn.symbol())) {
                    throw new KlineFormatException(name + ": the file name says symbol " + dn.symbol() + ", but --symbol " + symbol
                            + " was given; leave --symbol out (it is for files whose name does not say it) or give the right files");
                }
                if (interval != null && interval != dn.interval()) {
                    throw new KlineFormatException(name + ": the file name says interval " + dn.interval().id() + ", but --interval "
                            + interval.id() + " was given; leave --interval out (it is for files whose name does not say it) or give the right files");
                }
                if (nameSymbol != null && symbol == null && !nameSymbol.equals(dn.symbol())) {
                    throw new KlineFormatException(name + ": symbol " + dn.symbol() + " differs from " + nameSymbol
                            + " of the other files; one series is one symbol");
                }
                if (nameInterval != null && interval == null && nameInterval != dn.interval()) {
                    throw new KlineFormatException(name + ": interval " + dn.interval().id() + " differs from "
                            + nameInterval.id() + " of the other files; one series is one interval");
                }
                nameSymbol = dn.symbol();
                nameInterval = dn.interval();
            }
            byte[] bytes = readVerified(f);
            String lower = name.toLowerCase(Locale.ROOT);
            int before = buf.size;
            if (lower.endsWith(".json")) {
                FreqtradeJsonParser.parse(bytes, bytes.length, name, names.size() - 1, buf);
            } else {
                BinanceCsvParser.Facts facts = BinanceCsvParser.parse(bytes, bytes.length, name, names.size() - 1, buf);
                Interval said = interval != null ? interval : dn != null ? dn.interval() : null;
                if (said != null && said.millis() > 0 && facts.barMillis() > 0 && facts.barMillis() != said.millis()) {
                    Interval actual = Interval.ofMillis(facts.barMillis());
                    throw new KlineFormatException(name + ": line " + facts.firstDataLine() + ": the bars are "
                            + (actual != null ? actual.id() : facts.barMillis() + " ms") + " long (close_time - open_time), but "
                            + (interval != null ? "--interval says " : "the file name says ") + said.id());
                }
                if (barMillis < 0 && facts.barMillis() > 0) {
                    barMillis = facts.barMillis();
                }
            }
            if (buf.size == before) {
                throw new KlineFormatException(name + ": no klines in it (" + (bytes.length == 0 ? "an empty file" : "only a header or blank lines")
                        + "); a dump holds one kline a line after an optional header. " + Layouts.READ);
            }
        }
        String sym = symbol != null ? symbol : nameSymbol;
        if (sym == null) {
            throw new KlineFormatException(what + ": the file name does not say the symbol (name it like "
                    + "BTCUSDT-1m-2024-01.csv) and no --symbol was given");
        }
        Interval iv = interval != null ? interval : nameInterval != null ? nameInterval : Interval.ofMillis(barMillis);
        if (iv == null) {
            iv = inferInterval(buf);
        }
        if (iv == null) {
            throw new KlineFormatException(what + ": cannot tell the interval (name the file like BTCUSDT-1m-2024-01.csv or give --interval)");
        }
        return merge(buf, names, sym, iv);
    }

    /**
     * The union of a stored series and new bars of the same symbol and interval, checked as
     * one: identical overlaps are dropped, different values for one open time are an error.
     */
    /** Checks a series built elsewhere (a download, say) by the same rules as files. */
    public static Loaded validate(KlineSeries series, String name) {
        KlineBuffer buf = new KlineBuffer();
        add(buf, series, 0);
        return merge(buf, List.of(name), series.symbol(), series.interval());
    }

    public static Loaded union(KlineSeries existing, String existingName, KlineSeries incoming, String incomingName) {
        KlineBuffer buf = new KlineBuffer();
        add(buf, existing, 0);
        add(buf, incoming, 1);
        return merge(buf, List.of(existingName, incomingName), existing.symbol(), existing.interval());
    }

    private static void add(KlineBuffer buf, KlineSeries s, int fileIndex) {
        buf.ensure(s.size());
        for (int i = 0; i < s.size(); i++) {
            buf.add(s.openTime(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i), fileIndex, i + 1);
        }
    }

    private static Interval inferInterval(KlineBuffer buf) {
        long min = Long.MAX_VALUE;
        for (int i = 1; i < buf.size; i++) {
            long d = Math.abs(buf.time[i] - buf.time[i - 1]);
            if (d > 0) {
                min = Math.min(min, d);
            }
        }
        return min == Long.MAX_VALUE ? null : Interval.ofMillis(min);
    }

    private static Loaded merge(KlineBuffer b, List<String> names, String symbol, Interval interval) {
        if (!b.sortedStrictly()) {
            b.sort();
        }
        List<String> errors = new ArrayList<>();
        int[] errorCount = {0};
        int n = b.size;
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        int k = 0;
        int dropped = 0;
        for (int i = 0; i < n; i++) {
            String where = names.get(b.file[i]) + ": line " + b.line[i];
            if (k > 0 && b.time[i] == t[k - 1]) {
                if (b.open[i] == o[k - 1] && b.high[i] == h[k - 1] && b.low[i] == l[k - 1] && b.close[i] == c[k - 1] && b.volume[i] == v[k - 1]) {
                    dropped++;
                } else {
                    error(errors, errorCount, where + ": open_time " + b.time[i] + " appears twice with different values ("
                            + names.get(b.file[i - 1]) + ": line " + b.line[i - 1] + ")");
                }
                continue;
            }
            check(b, i, interval, where, errors, errorCount);
            t[k] = b.time[i];
            o[k] = b.open[i];
            h[k] = b.high[i];
            l[k] = b.low[i];
            c[k] = b.close[i];
            v[k] = b.volume[i];
            k++;
        }
        if (k < n) {
            t = java.util.Arrays.copyOf(t, k);
            o = java.util.Arrays.copyOf(o, k);
            h = java.util.Arrays.copyOf(h, k);
            l = java.util.Arrays.copyOf(l, k);
            c = java.util.Arrays.copyOf(c, k);
            v = java.util.Arrays.copyOf(v, k);
        }
        KlineSeries series = new KlineSeries(symbol, interval, t, o, h, l, c, v);
        List<Gap> gaps = series.gaps();
        ValidationReport report = new ValidationReport(names.size(), n, List.copyOf(errors), errorCount[0], dropped, gaps);
        if (report.hasErrors()) {
            throw new KlineDataException(names.size() == 1 ? names.get(0) : names.size() + " files", report);
        }
        return new Loaded(series, report);
    }

    private static void check(KlineBuffer b, int i, Interval interval, String where, List<String> errors, int[] count) {
        double o = b.open[i];
        double h = b.high[i];
        double l = b.low[i];
        double c = b.close[i];
        if (!(o > 0 && h > 0 && l > 0 && c > 0)) {
            error(errors, count, where + ": non-positive price (open " + o + ", high " + h + ", low " + l + ", close " + c + ")");
        } else if (h < Math.max(o, c) || h < l) {
            error(errors, count, where + ": column high: " + h + " is below max(open, close, low) = " + Math.max(Math.max(o, c), l));
        } else if (l > Math.min(o, c)) {
            error(errors, count, where + ": column low: " + l + " is above min(open, close) = " + Math.min(o, c));
        }
        if (!(b.volume[i] >= 0)) {
            error(errors, count, where + ": column volume: negative (" + b.volume[i] + ")");
        }
        if (!interval.onGrid(b.time[i])) {
            error(errors, count, where + ": column open_time: " + b.time[i] + " (" + java.time.Instant.ofEpochMilli(b.time[i])
                    + ") is not on the " + interval.id() + " grid");
        }
    }

    private static void error(List<String> errors, int[] count, String message) {
        if (errors.size() < ValidationReport.MAX_LISTED) {
            errors.add(message);
        }
        count[0]++;
    }

    /** The file's bytes (a zip's one CSV), after checking a {@code .CHECKSUM} beside it, if any. */
    public static byte[] readVerified(Path f) {
        try {
            byte[] raw = Files.readAllBytes(f);
            Path sum = f.resolveSibling(f.getFileName() + ".CHECKSUM");
            if (Files.isRegularFile(sum)) {
                String expected = Files.readString(sum, StandardCharsets.US_ASCII).trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
                String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
                if (!expected.equals(actual)) {
                    throw new KlineFormatException(f + ": SHA-256 " + actual + " does not match " + sum.getFileName()
                            + " (" + expected + "): the download is damaged or the file was changed");
                }
            }
            if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                return unzipOne(f, raw);
            }
            return raw;
        } catch (IOException e) {
            throw new KlineFormatException(f + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unzipOne(Path f, byte[] raw) throws IOException {
        try (ZipInputStream zin = new ZipInputStream(new java.io.ByteArrayInputStream(raw))) {
            ZipEntry e;
            byte[] found = null;
            while ((e = zin.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                if (found != null) {
                    throw new KlineFormatException(f + ": holds more than one file; a Binance dump zip holds one CSV");
                }
                if (!e.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    throw new KlineFormatException(f + ": holds " + e.getName() + ", not a CSV. " + Layouts.READ);
                }
                found = readAll(zin, e.getSize());
            }
            if (found == null) {
                throw new KlineFormatException(f + ": empty zip (or not a zip file)");
            }
            return found;
        }
    }

    private static byte[] readAll(InputStream in, long sizeHint) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint > 0 && sizeHint < Integer.MAX_VALUE ? (int) sizeHint : 1 << 20);
        in.transferTo(out);
        return out.toByteArray();
    }
}
