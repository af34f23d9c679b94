package io.ratchet.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFailedWriteNamesTheFileAndLeavesTheOldOne() throws Exception {
        Path f = dir.resolve("BTCUSDT-1h.klines");
        Files.writeString(f, "old");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class).hasMessage(f.toAbsolutePath() + ": cannot write: No space left on device");
        assertThat(f).hasContent("old");
        try (var s = Files.list(dir)) {
            assertThat(s.count()).isEqualTo(1);
        }
    }
}
