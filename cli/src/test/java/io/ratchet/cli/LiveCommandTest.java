package io.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveCommandTest {
    @TempDir
    Path dir;

    @Test
    void mainnetWithOrdersNeedsAnExplicitAcceptance() {
        CliRun r = CliRun.of("live", "--exchange", "mainnet", "--no-dry-run", "--db", "jdbc:sqlite:" + dir.resolve("x.db"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--i-accept-mainnet-risk");
    }

    @Test
    void simNeedsItsBaseUrlAndUnknownExchangesAreRefused() {
        assertThat(CliRun.of("live", "--exchange", "sim").err()).contains("--base-url");
        CliRun r = CliRun.of("live", "--exchange", "kraken");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("testnet, mainnet, sim");
    }

    @Test
    void ordersWithoutKeysAreRefusedAndHelpSaysWhereKeysComeFrom() {
        if (System.getenv("BINANCE_API_KEY") == null) {
            CliRun r = CliRun.of("live", "--exchange", "testnet", "--no-dry-run", "--db", "jdbc:sqlite:" + dir.resolve("k.db"));
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("BINANCE_API_KEY");
        }
        CliRun help = CliRun.of("live", "--help");
        assertThat(help.out()).contains("BINANCE_API_KEY", "RATCHET_API_TOKEN", "--protect-on-exchange", "--notify-url", "dry-run");
    }

    @Test
    void statusReadsTheDatabaseWithTheRunnerStopped() {
        CliRun r = CliRun.of("live", "status", "--db", "jdbc:sqlite:" + dir.resolve("empty.db"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("no positions");
        CliRun j = CliRun.of("live", "status", "--json", "--db", "jdbc:sqlite:" + dir.resolve("empty.db"));
        assertThat(j.out().trim()).isEqualTo("[ ]");
    }
}
