package io.ratchet.data.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import io.ratchet.data.store.KlineStore;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KlineDownloaderTest {
    static final KlineSeries HISTORY = SyntheticKlines.randomWalk("BTCUSDT", Interval.M1, 2500, 11);
    static final long T0 = HISTORY.firstOpenTime();
    static final Clock LATER = Clock.fixed(Instant.ofEpochMilli(T0 + 10 * 86_400_000L), ZoneOffset.UTC);

    FakeKlineServer server;
    final List<Long> sleeps = new ArrayList<>();
    final List<String> waits = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        server = new FakeKlineServer(HISTORY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private KlineDownloader downloader(Clock clock) {
        return new KlineDownloader(server.uri(), http, clock, sleeps::add, new KlineDownloader.Listener() {
            @Override
            public void onPage(int barsSoFar, long lastOpenTime) {
            }

            @Override
            public void onWait(String reason, long millis) {
                waits.add(reason);
            }
        });
    }

    @Test
    void pagesAThousandBarsACallAndGetsEveryBar() throws Exception {
        KlineSeries got = downloader(LATER).download("BTCUSDT", Interval.M1, T0, T0 + 2500 * 60_000L);
        assertThat(got.size()).isEqualTo(2500);
        assertThat(got.closes()).isEqualTo(HISTORY.closes());
        assertThat(server.queries).hasSize(3);
        assertThat(server.queries.get(0)).contains("limit=1000").contains("startTime=" + T0);
        assertThat(server.queries.get(1)).contains("startTime=" + (T0 + 1000 * 60_000L));
    }

    @Test
    void theStillOpenLastBarIsDropped() throws Exception {
        long now = T0 + 1999 * 60_000L + 30_000; // inside bar 1999
        server.openBarUntil = T0 + 1999 * 60_000L;
        KlineSeries got = downloader(Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC))
                .download("BTCUSDT", Interval.M1, T0, T0 + 2500 * 60_000L);
        assertThat(got.size()).isEqualTo(1999);
        assertThat(got.lastOpenTime()).isEqualTo(T0 + 1998 * 60_000L);
    }

    @Test
    void rateLimitsAndServerErrorsAreWaitedOutAndRetried() throws Exception {
        server.faults.add(new int[] {429, 7});
        server.faults.add(new int[] {503, 0});
        server.faults.add(new int[] {418, 120});
        KlineSeries got = downloader(LATER).download("BTCUSDT", Interval.M1, T0, T0 + 1500 * 60_000L);
        assertThat(got.size()).isEqualTo(1500);
        assertThat(sleeps).containsExactly(7_000L, 500L, 120_000L);
        assertThat(waits.get(0)).contains("429").contains("Retry-After 7");
        assertThat(waits.get(2)).contains("418");
    }

    @Test
    void theWeightHeaderPausesUntilTheNextMinute() throws Exception {
        server.usedWeight = 5000;
        downloader(LATER).weightLimit(6000).download("BTCUSDT", Interval.M1, T0, T0 + 2500 * 60_000L);
        assertThat(waits).anyMatch(w -> w.contains("request weight"));
        assertThat(sleeps).allMatch(ms -> ms > 0 && ms <= 60_500);
    }

    @Test
    void persistentFailureGivesUpWithTheReason() {
        for (int i = 0; i < 10; i++) {
            server.faults.add(new int[] {500, 0});
        }
        assertThatThrownBy(() -> downloader(LATER).maxRetries(3).download("BTCUSDT", Interval.M1, T0, T0 + 60_000L))
                .hasMessageContaining("HTTP 500").hasMessageContaining("gave up after 3 retries");
    }

    @Test
    void binanceErrorsAreReportedNotRetried() {
        server.faults.add(new int[] {400, 0});
        assertThatThrownBy(() -> downloader(LATER).download("NOPE", Interval.M1, T0, T0 + 60_000L))
                .isInstanceOf(BinanceApiException.class)
                .hasMessageContaining("-1121").hasMessageContaining("Invalid symbol");
        assertThat(server.queries).hasSize(1);
    }

    @Test
    void aSecondRunResumesWhereTheStoreEnds() throws Exception {
        KlineStore store = new KlineStore(dir);
        long to = T0 + 2500 * 60_000L;
        // The first run is cut short by an open bar at 1200, as if it ran earlier.
        server.openBarUntil = T0 + 1200 * 60_000L;
        StoreDownload.run(store, downloader(Clock.fixed(Instant.ofEpochMilli(T0 + 1200 * 60_000L + 1), ZoneOffset.UTC))::download,
                "BTCUSDT", Interval.M1, T0, to);
        assertThat(store.load("BTCUSDT", Interval.M1).orElseThrow().size()).isEqualTo(1200);
        server.queries.clear();
        server.openBarUntil = Long.MAX_VALUE;
        StoreDownload.run(store, downloader(LATER)::download, "BTCUSDT", Interval.M1, T0, to);
        assertThat(server.queries.get(0)).contains("startTime=" + (T0 + 1200 * 60_000L));
        KlineSeries all = store.load("BTCUSDT", Interval.M1).orElseThrow();
        assertThat(all.size()).isEqualTo(2500);
        assertThat(all.closes()).isEqualTo(HISTORY.closes());
    }

    @Test
    void checkpointsHandTheBarsSoFarToTheListener() throws Exception {
        List<Integer> checkpoints = new ArrayList<>();
        KlineDownloader d = new KlineDownloader(server.uri(), http, LATER, sleeps::add, new KlineDownloader.Listener() {
            @Override
            public void onPage(int barsSoFar, long lastOpenTime) {
            }

            @Override
            public void onWait(String reason, long millis) {
            }

            @Override
            public void onCheckpoint(KlineSeries soFar) {
                checkpoints.add(soFar.size());
            }
        }).checkpointPages(1);
        d.download("BTCUSDT", Interval.M1, T0, T0 + 2500 * 60_000L);
        assertThat(checkpoints).containsExactly(1000, 2000);
    }
}
