package io.ratchet.data.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrailingConfigJsonTest {

    @Test
    void roundTripsThroughAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub/best.json");
        for (TrailingConfig c : new TrailingConfig[] {
            new TrailingConfig(Mode.PROFIT_LOCK, 0.35, 0.015, 0.03, 120, 0.00075, 0.0002),
            TrailingConfig.of(Mode.PERCENT, 0.02)}) {
            TrailingConfigJson.write(f, c);
            assertThat(TrailingConfigJson.read(f)).isEqualTo(c);
        }
        try (var files = Files.list(f.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("best.json");
        }
    }

    @Test
    void noneIsWrittenAsNull() {
        String json = TrailingConfigJson.toJson(TrailingConfig.of(Mode.PERCENT, 0.02));
        assertThat(json).contains("\"initialStop\" : null").contains("\"maxBars\" : null").contains("\"mode\" : \"percent\"");
    }

    @Test
    void errorsNameTheFileAndTheField() {
        assertThatThrownBy(() -> TrailingConfigJson.parse("{\"mode\":\"percent\",\"trail\":1.5}", "best.json"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageStartingWith("best.json: field \"trail\": must be in (0, 1)");
        assertThatThrownBy(() -> TrailingConfigJson.parse("{\"mode\":\"percent\",\"trail\":\"0.1\"}", "x.json"))
                .hasMessageContaining("field \"trail\": must be a number");
        assertThatThrownBy(() -> TrailingConfigJson.parse("{\"mode\":\"atr\",\"trail\":0.1}", "x.json"))
                .hasMessageContaining("field \"mode\": unknown 'atr'");
        assertThatThrownBy(() -> TrailingConfigJson.parse("{\"mode\":\"percent\",\"trail\":0.1,\"activation\":-1}", "x.json"))
                .hasMessageContaining("field \"activation\"");
        assertThatThrownBy(() -> TrailingConfigJson.parse("{\"mode\":\"percent\"}", "x.json"))
                .hasMessageContaining("field \"trail\": required");
        assertThatThrownBy(() -> TrailingConfigJson.parse("{\"mode\":\"percent\",\n\"trail\":0.1,}", "x.json"))
                .hasMessageStartingWith("x.json: not valid JSON at line 2");
        assertThatThrownBy(() -> TrailingConfigJson.read(Path.of("/nonexistent/best.json")))
                .hasMessage("/nonexistent/best.json: no such file");
    }
}
