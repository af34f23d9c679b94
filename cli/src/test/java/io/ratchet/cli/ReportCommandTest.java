package io.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    static final String H1 = Path.of("..", "sample-data", "BTCUSDT-1h").toString();

    @TempDir
    Path dir;

    @Test
    void aSavedSweepBecomesTheSameReportLater() throws Exception {
        Path json = dir.resolve("sweep.json");
        CliRun s = CliRun.of("sweep", "--data", H1, "--trail", "profit-lock=0.2:0.8:0.3", "--initial-stop", "none,0.03", "--entry-every", "48",
                "--split", "0.7", "--json", json.toString(), "--report", dir.resolve("direct").toString());
        assertThat(s.exit()).as(s.err()).isZero();
        assertThat(s.out()).contains("report:   " + dir.resolve("direct").toAbsolutePath().resolve("index.html"));
        CliRun r = CliRun.of("report", json.toString(), "--out", dir.resolve("later").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // The same page, but for where the data was read from (a relative path then, absolute now).
        String direct = Files.readString(dir.resolve("direct/index.html")).replaceAll("<dt>Source</dt><dd>[^<]*</dd>", "");
        String later = Files.readString(dir.resolve("later/index.html")).replaceAll("<dt>Source</dt><dd>[^<]*</dd>", "");
        assertThat(later).isEqualTo(direct);
    }

    @Test
    void aBacktestReportAndBadResultFiles() throws Exception {
        Path json = dir.resolve("bt.json");
        CliRun b = CliRun.of("backtest", "--data", H1, "--mode", "percent", "--trail", "0.03", "--entry-every", "24", "--json", json.toString());
        assertThat(b.exit()).as(b.err()).isZero();
        CliRun r = CliRun.of("report", json.toString(), "--out", dir.resolve("rep").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("rep/index.html"))).contains("Ratchet backtest: BTCUSDT 1h").contains("percent 0.03");

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"kind\": \"forecast\"}");
        CliRun k = CliRun.of("report", bad.toString(), "--out", dir.resolve("x").toString());
        assertThat(k.exit()).isEqualTo(2);
        assertThat(k.err()).contains("bad.json").contains("\"kind\"");
        assertThat(dir.resolve("x")).doesNotExist();

        String changed = Files.readString(json).replace("\"bars\" : 8747", "\"bars\" : 9000");
        Files.writeString(bad, changed);
        CliRun c = CliRun.of("report", bad.toString(), "--out", dir.resolve("y").toString());
        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.err()).contains("the data changed since");
    }
}
