package io.ratchet.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import io.ratchet.data.read.KlineDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KlineStoreTest {
    @TempDir
    Path dir;

    @Test
    void aSeriesRoundTripsBitForBit() throws Exception {
        KlineStore store = new KlineStore(dir);
        KlineSeries s = SyntheticKlines.randomWalk("SYN", Interval.M1, 10_000, 7);
        store.save(s);
        KlineSeries back = store.load("SYN", Interval.M1).orElseThrow();
        assertThat(back.symbol()).isEqualTo("SYN");
        assertThat(back.interval()).isEqualTo(Interval.M1);
        assertThat(back.openTimes()).isEqualTo(s.openTimes());
        assertThat(back.opens()).isEqualTo(s.opens());
        assertThat(back.highs()).isEqualTo(s.highs());
        assertThat(back.lows()).isEqualTo(s.lows());
        assertThat(back.closes()).isEqualTo(s.closes());
        assertThat(back.volumes()).isEqualTo(s.volumes());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("SYN-1m.klines");
        }
    }

    @Test
    void mergeAddsNewBarsAndAConflictLeavesTheStoreAsItWas() throws Exception {
        KlineStore store = new KlineStore(dir);
        KlineSeries all = SyntheticKlines.randomWalk("SYN", Interval.H1, 100, 3);
        store.merge(all.slice(0, 60), "first");
        store.merge(all.slice(40, 100), "second");
        KlineSeries back = store.load("SYN", Interval.H1).orElseThrow();
        assertThat(back.size()).isEqualTo(100);
        assertThat(back.closes()).isEqualTo(all.closes());

        byte[] before = Files.readAllBytes(store.file("SYN", Interval.H1));
        double[] c = all.closes();
        c[50] = c[50] + 1;
        KlineSeries conflicting = new KlineSeries("SYN", Interval.H1, all.openTimes(), all.opens(), all.highs(),
                all.lows(), c, all.volumes()).slice(45, 55);
        assertThatThrownBy(() -> store.merge(conflicting, "third"))
                .isInstanceOf(KlineDataException.class).hasMessageContaining("appears twice with different values");
        assertThat(Files.readAllBytes(store.file("SYN", Interval.H1))).isEqualTo(before);
    }

    @Test
    void listShowsRangeBarsAndGaps() throws Exception {
        KlineStore store = new KlineStore(dir);
        KlineSeries s = SyntheticKlines.randomWalk("SYN", Interval.M5, 50, 1);
        store.save(s.slice(0, 20));
        store.merge(s.slice(25, 50), "later");
        List<StoredSeries> list = store.list();
        assertThat(list).containsExactly(new StoredSeries("SYN", "5m", s.openTime(0), s.openTime(49), 45, 1, 5));
    }

    @Test
    void aDamagedFileIsAnErrorNamingIt() throws Exception {
        KlineStore store = new KlineStore(dir);
        store.save(SyntheticKlines.randomWalk("SYN", Interval.M1, 100, 1));
        Path f = store.file("SYN", Interval.M1);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 8));
        assertThatThrownBy(() -> store.load("SYN", Interval.M1)).hasMessageContaining(f.toString()).hasMessageContaining("damaged");
    }

    @Test
    void syntheticSeriesAreReproducibleAndValid() {
        KlineSeries a = SyntheticKlines.randomWalk("SYN", Interval.M1, 5000, 42);
        KlineSeries b = SyntheticKlines.randomWalk("SYN", Interval.M1, 5000, 42);
        assertThat(a.closes()).isEqualTo(b.closes());
        assertThat(SyntheticKlines.randomWalk("SYN", Interval.M1, 5000, 43).closes()).isNotEqualTo(a.closes());
        assertThat(io.ratchet.data.read.KlineLoader.validate(a, "synth").report().hasErrors()).isFalse();
    }
}
