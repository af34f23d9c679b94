package io.ratchet.cli;

import io.ratchet.data.config.JsonTrees;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastCommandTest {

    @Test
    void tableEndsAtTheTargetWithTheStopAt110() {
        CliRun r = CliRun.of("forecast", "--entry", "100", "--direction", "long", "--target", "120",
                "--mode", "profit-lock", "--trail", "0.5");
        assertThat(r.exit()).as(r.err()).isZero();
        String[] lines = r.out().split("\n");
        String first = java.util.Arrays.stream(lines).filter(l -> l.trim().startsWith("100.000")).findFirst().orElseThrow();
        assertThat(first).contains("none");
        String last = java.util.Arrays.stream(lines).filter(l -> l.trim().startsWith("120.000")).findFirst().orElseThrow();
        assertThat(last).contains("110.000");
    }

    @Test
    void jsonHasTheDocumentedShapeWithNullWhereThereIsNoStop() throws Exception {
        CliRun r = CliRun.of("forecast", "--entry", "100", "--target", "120", "--mode", "profit-lock", "--trail", "0.5",
                "--activation", "0.01", "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = JsonTrees.reader().readTree(r.out());
        assertThat(root.get("config").get("mode").asText()).isEqualTo("profit-lock");
        assertThat(root.get("entry").asDouble()).isEqualTo(100.0);
        assertThat(root.get("target").asDouble()).isEqualTo(120.0);
        JsonNode rows = root.get("rows");
        assertThat(rows.size()).isEqualTo(10); // 8 steps + entry + the activation level
        assertThat(rows.get(0).get("stop").isNull()).isTrue();
        assertThat(rows.get(0).get("lockedReturn").isNull()).isTrue();
        assertThat(rows.get(1).get("price").asDouble()).isEqualTo(101.0);
        assertThat(rows.get(rows.size() - 1).get("stop").asDouble()).isEqualTo(110.0);
        assertThat(rows.get(rows.size() - 1).fieldNames()).toIterable().containsExactly("price", "stop", "lockedReturn", "distance");
    }

    @Test
    void csvHasTheSameColumns() {
        CliRun r = CliRun.of("forecast", "--entry", "100", "--direction", "short", "--target", "80", "--mode", "percent",
                "--trail", "0.05", "--steps", "4", "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        String[] lines = r.out().trim().split("\n");
        assertThat(lines[0]).isEqualTo("price,stop,lockedReturn,distance");
        assertThat(lines).hasSize(6);
        assertThat(lines[1]).startsWith("100,105,"); // percent is active from the entry
        assertThat(lines[5]).startsWith("80,84,");
    }

    @Test
    void targetOnTheWrongSideIsAUsageError() {
        CliRun r = CliRun.of("forecast", "--entry", "100", "--target", "90", "--mode", "profit-lock", "--trail", "0.5");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("target").contains("above");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void invalidTrailNamesTheFieldAndRange() {
        CliRun r = CliRun.of("forecast", "--entry", "100", "--target", "120", "--mode", "profit-lock", "--trail", "1.5");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("trail").contains("(0, 1]");
        CliRun mode = CliRun.of("forecast", "--entry", "100", "--target", "120", "--mode", "atr", "--trail", "0.5");
        assertThat(mode.exit()).isEqualTo(2);
        assertThat(mode.err()).contains("mode: unknown 'atr'");
        CliRun missing = CliRun.of("forecast", "--entry", "100");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--target");
    }

    @Test
    void configFileSuppliesTheTrailAndOptionsOverrideIt(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("best.json");
        Files.writeString(cfg, "{\"mode\": \"profit-lock\", \"trail\": 0.25, \"initialStop\": 0.02}");
        CliRun r = CliRun.of("forecast", "--entry", "100", "--target", "120", "--config", cfg.toString(), "--format", "csv", "--steps", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\n100,98,").contains("\n120,105,");
        CliRun over = CliRun.of("forecast", "--entry", "100", "--target", "120", "--config", cfg.toString(), "--trail", "0.5",
                "--format", "csv", "--steps", "1");
        assertThat(over.out()).contains("\n120,110,");
        Files.writeString(cfg, "{\"mode\": \"profit-lock\", \"trial\": 0.25}");
        CliRun typo = CliRun.of("forecast", "--entry", "100", "--target", "120", "--config", cfg.toString());
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains(cfg.toString()).contains("\"trial\"");
    }

    @Test
    void helpAndVersionWork() {
        CliRun help = CliRun.of("forecast", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--initial-stop").contains("--format");
        CliRun version = CliRun.of("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("ratchet 0.");
    }
}
