package io.ratchet.data.kline;

import io.ratchet.data.read.KlineFormatException;
import io.ratchet.data.read.KlineLoader;
import io.ratchet.data.read.ValidationReport;
import io.ratchet.data.store.KlineStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every {@code --data} argument means: a file, a folder, a glob, or
 * {@code SYMBOL:INTERVAL} from the store, optionally cut to {@code [from, to)}.
 */
public final class KlineSource {
    private static final Pattern STORED = Pattern.compile("([A-Za-z0-9_]+):(\\w+)");

    /** A series, where it came from, and (for files) what validation found. */
    public record Resolved(KlineSeries series, String origin, ValidationReport report) {
    }

    private KlineSource() {
    }

    /**
     * @param from epoch ms, inclusive, or {@code Long.MIN_VALUE}
     * @param to   epoch ms, exclusive, or {@code Long.MAX_VALUE}
     */
    public static Resolved resolve(String spec, KlineStore store, String symbol, Interval interval, long from, long to) throws IOException {
        Matcher m = STORED.matcher(spec);
        Resolved r;
        if (m.matches() && !Files.exists(Path.of(spec))) {
            Interval iv;
            try {
                iv = Interval.parse(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new KlineFormatException(spec + ": " + e.getMessage());
            }
            String sym = m.group(1).toUpperCase(java.util.Locale.ROOT);
            KlineSeries s = store.load(sym, iv).orElseThrow(() -> new KlineFormatException(spec + ": not in the store "
                    + store.root() + " (ratchet data list shows what is; ratchet data import or download adds)"));
            r = new Resolved(s, "store " + store.file(sym, iv), null);
        } else {
            KlineLoader.Loaded loaded = KlineLoader.load(spec, symbol, interval);
            r = new Resolved(loaded.series(), spec, loaded.report());
        }
        if (from != Long.MIN_VALUE || to != Long.MAX_VALUE) {
            KlineSeries cut = r.series().between(from, to);
            if (cut.isEmpty()) {
                throw new KlineFormatException(spec + ": no bars between the given --from and --to");
            }
            r = new Resolved(cut, r.origin(), r.report());
        }
        if (r.series().isEmpty()) {
            throw new KlineFormatException(spec + ": no bars");
        }
        return r;
    }

    /** Convenience for tests and tools: a file or folder with names that say symbol and interval. */
    public static KlineSeries read(String spec) {
        return KlineLoader.load(spec, null, null).series();
    }
}
