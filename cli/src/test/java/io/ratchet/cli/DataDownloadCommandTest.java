package io.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import io.ratchet.data.store.KlineStore;
import io.ratchet.sim.SimConfig;
import io.ratchet.sim.SimExchange;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ratchet data download against a Binance-compatible server on loopback (the simulator). */
class DataDownloadCommandTest {
    @TempDir
    Path store;

    @Test
    void downloadsPagesIntoTheStoreAndASecondRunResumes() throws Exception {
        KlineSeries s = SyntheticKlines.randomWalk("BTCUSDT", Interval.M1, 6000, 8);
        try (SimExchange sim = new SimExchange(SimConfig.of(s).withSpeed(1)).start()) {
            String from = Long.toString(s.openTime(0));
            String mid = Long.toString(s.openTime(1500));
            String to = Long.toString(s.openTime(2500));
            CliRun a = CliRun.of("data", "download", "--symbol", "BTCUSDT", "--interval", "1m", "--from", from, "--to", mid,
                    "--base-url", sim.baseUrl(), "--store", store.toString());
            assertThat(a.exit()).as(a.err()).isZero();
            assertThat(a.out()).contains("downloaded 1500 bars");
            CliRun b = CliRun.of("data", "download", "--symbol", "BTCUSDT", "--interval", "1m", "--from", from, "--to", to,
                    "--base-url", sim.baseUrl(), "--store", store.toString());
            assertThat(b.exit()).as(b.err()).isZero();
            assertThat(b.out()).contains("resuming at").contains("downloaded 1000 bars").contains("2500 bars");
            KlineSeries got = new KlineStore(store).load("BTCUSDT", Interval.M1).orElseThrow();
            assertThat(got.closes()).isEqualTo(s.slice(0, 2500).closes());

            CliRun bad = CliRun.of("data", "download", "--symbol", "NOPE", "--interval", "1m", "--from", from, "--to", to,
                    "--base-url", sim.baseUrl(), "--store", store.toString());
            assertThat(bad.exit()).isEqualTo(1);
            assertThat(bad.err()).contains("-1121");
        }
    }
}
