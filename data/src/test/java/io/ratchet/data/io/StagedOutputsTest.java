package io.ratchet.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedOutputsTest {
    @TempDir
    Path dir;

    private String[] names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void aFailureWhileWritingTheLastOutputLeavesTheEarlierOnesAsTheyWere() throws Exception {
        Files.writeString(dir.resolve("best.json"), "old");
        try (StagedOutputs o = new StagedOutputs()) {
            o.file(dir.resolve("best.json"), out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
            o.file(dir.resolve("all.csv"), out -> out.write("rows".getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> o.folder(dir.resolve("report"), d -> {
                throw new IOException("No space left on device");
            })).isInstanceOf(IOException.class).hasMessage(dir.resolve("report") + ": cannot write: No space left on device");
        }
        assertThat(dir.resolve("best.json")).hasContent("old");
        assertThat(names()).containsExactly("best.json"); // no temporary left behind
    }

    @Test
    void aMoveThatFailsPutsTheOutputsMovedBeforeItBack() throws Exception {
        Files.writeString(dir.resolve("best.json"), "old");
        Path blocked = dir.resolve("run.json");
        try (StagedOutputs o = new StagedOutputs()) {
            o.file(dir.resolve("best.json"), out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
            o.file(dir.resolve("fresh.csv"), out -> out.write("rows".getBytes(StandardCharsets.UTF_8)));
            o.file(blocked, out -> out.write("{}".getBytes(StandardCharsets.UTF_8)));
            // Something takes the last target's name between the checks and the commit: a non-empty folder cannot be replaced by a file.
            Files.createDirectories(blocked);
            Files.writeString(blocked.resolve("x"), "x");
            assertThatThrownBy(o::commit).isInstanceOf(IOException.class).hasMessageStartingWith(blocked + ": cannot move into place");
        }
        assertThat(dir.resolve("best.json")).hasContent("old");
        assertThat(dir.resolve("fresh.csv")).doesNotExist();
        assertThat(names()).containsExactly("best.json", "run.json");
    }

    @Test
    void aCommittedFolderReplacesAnEarlierOneAndIsMarked() throws Exception {
        Path report = dir.resolve("report");
        try (StagedOutputs o = new StagedOutputs()) {
            o.folder(report, d -> Files.writeString(d.resolve("index.html"), "first"));
            o.commit();
        }
        Files.writeString(report.resolve("stale.png"), "x");
        try (StagedOutputs o = new StagedOutputs()) {
            o.folder(report, d -> Files.writeString(d.resolve("index.html"), "second"));
            o.file(dir.resolve("best.json"), out -> out.write("pick".getBytes(StandardCharsets.UTF_8)));
            o.commit();
        }
        assertThat(report.resolve("index.html")).hasContent("second");
        assertThat(report.resolve("stale.png")).doesNotExist();
        assertThat(report.resolve(OwnedFolder.MARKER)).exists();
        assertThat(dir.resolve("best.json")).hasContent("pick");
        assertThat(names()).containsExactly("best.json", "report");
    }

    @Test
    void aFolderWithoutTheMarkerIsNotReplacedAtCommit() throws Exception {
        Path theirs = dir.resolve("theirs");
        Files.createDirectories(theirs);
        Files.writeString(theirs.resolve("thesis.tex"), "years of work");
        try (StagedOutputs o = new StagedOutputs()) {
            o.folder(theirs, d -> Files.writeString(d.resolve("index.html"), "report"));
            assertThatThrownBy(o::commit).isInstanceOf(OutputRefusedException.class).hasMessageContaining(theirs.toString());
        }
        assertThat(theirs.resolve("thesis.tex")).hasContent("years of work");
        assertThat(names()).containsExactly("theirs");
    }
}
