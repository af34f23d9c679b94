package io.ratchet.data.rest;

import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.store.KlineStore;
import java.io.IOException;
import java.util.Optional;

/**
 * A download into the store that resumes: bars already stored at the end of the range are
 * not fetched again, and progress is merged into the store every few pages, so a killed
 * run loses at most those pages.
 */
public final class StoreDownload {
    private StoreDownload() {
    }

    /** Where a download of {@code [from, to)} should start, given what the store holds. */
    public static long resumeFrom(KlineStore store, String symbol, Interval interval, long from, long to) throws IOException {
        Optional<KlineSeries> have = store.load(symbol, interval);
        if (have.isEmpty()) {
            return from;
        }
        KlineSeries inRange = have.get().between(from, to);
        if (inRange.isEmpty() || inRange.firstOpenTime() > from) {
            return from;
        }
        return Math.max(from, interval.next(inRange.lastOpenTime()));
    }

    /**
     * What a download did.
     *
     * @param fetched bars fetched by this run
     * @param stored  the stored series afterwards, or null if there is none
     */
    public record Result(int fetched, KlineSeries stored) {
    }

    /** Downloads what is missing at the end of {@code [from, to)} and merges it into the store. */
    public static Result run(KlineStore store, Fetcher downloader, String symbol, Interval interval, long from, long to)
            throws IOException, InterruptedException {
        long start = resumeFrom(store, symbol, interval, from, to);
        if (start >= to) {
            return new Result(0, store.load(symbol, interval).orElse(null));
        }
        KlineSeries got = downloader.download(symbol, interval, start, to);
        if (got.isEmpty()) {
            return new Result(0, store.load(symbol, interval).orElse(null));
        }
        return new Result(got.size(), store.merge(got, "download " + symbol + " " + interval.id()).series());
    }

    /** What {@link #run} needs of a downloader. */
    @FunctionalInterface
    public interface Fetcher {
        KlineSeries download(String symbol, Interval interval, long from, long to) throws IOException, InterruptedException;
    }
}
