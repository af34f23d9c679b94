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
    private static final OwnedFile.Kind JSON = OwnedFile.Kind.json("a result");
    private static final OwnedFile.Kind CSV = OwnedFile.Kind.csv("a table", "time,");
    /** What an earlier run wrote to best.json: Ratchet's, so a later run may replace it. */
    private static final String OLD = "{\"writtenBy\" : \"ratchet\", \"run\" : \"old\"}";

    @TempDir
    Path dir;

    private String[] names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void aFailureWhileWritingTheLastOutputLeavesTheEarlierOnesAsTheyWere() throws Exception {
        Files.writeString(dir.resolve("best.json"), OLD);
        try (StagedOutputs o = new StagedOutputs()) {
            o.file(dir.resolve("best.json"), JSON, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
            o.file(dir.resolve("all.csv"), CSV, out -> out.write("rows".getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> o.folder(dir.resolve("report"), d -> {
                throw new IOException("No space left on device");
            })).isInstanceOf(IOException.class).hasMessage(dir.resolve("report") + ": cannot write: No space left on device");
        }
        assertThat(dir.resolve("best.json")).hasContent(OLD);
        assertThat(names()).containsExactly("best.json"); // no temporary left behind
    }

    @Test
    void aMoveThatFailsPutsTheOutputsMovedBeforeItBack() throws Exception {
        Files.writeString(dir.resolve("best.json"), OLD);
        Path blocked = dir.resolve("run.json");
        try (StagedOutputs o = new StagedOutputs()) {
            o.file(dir.resolve("best.json"), JSON, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
            o.file(dir.resolve("fresh.csv"), CSV, out -> out.write("rows".getBytes(StandardCharsets.UTF_8)));
            o.file(blocked, JSON, out -> out.write("{}".getBytes(StandardCharsets.UTF_8)));
            // The last output's staged file vanishes before the commit (a cleaner sweeping the folder): its move fails after two moved.
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".run.json")).toList()) {
                    Files.delete(p);
                }
            }
            assertThatThrownBy(o::commit).isInstanceOf(IOException.class).hasMessageStartingWith(blocked + ": cannot move into place");
        }
        assertThat(dir.resolve("best.json")).hasContent(OLD);
        assertThat(dir.resolve("fresh.csv")).doesNotExist();
        assertThat(names()).containsExactly("best.json");
    }

    @Test
    void aCommittedFolderReplacesAnEarlierOneAndIsMarked() throws Exception {
        Path report = dir.resolve("report");
        try (StagedOutputs o = new StagedOutputs()) {
            o.folder(report, d -> {
                Files.writeString(d.resolve("index.html"), "first");
                Files.createDirectories(d.resolve("charts"));
                Files.writeString(d.resolve("charts/stale.png"), "x");
            });
            o.commit();
        }
        try (StagedOutputs o = new StagedOutputs()) {
            o.folder(report, d -> Files.writeString(d.resolve("index.html"), "second"));
            o.file(dir.resolve("best.json"), JSON, out -> out.write("pick".getBytes(StandardCharsets.UTF_8)));
            o.commit();
        }
        assertThat(report.resolve("index.html")).hasContent("second");
        assertThat(report.resolve("charts")).doesNotExist(); // the first run's, not written again
        assertThat(report.resolve(OwnedFolder.MARKER)).content().endsWith("files:\nindex.html\n");
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

    @Test
    void aFileAUserAddedToAnEarlierReportStopsItsReplacement() throws Exception {
        Path report = dir.resolve("report");
        try (StagedOutputs o = new StagedOutputs()) {
            o.folder(report, d -> Files.writeString(d.resolve("index.html"), "first"));
            o.commit();
        }
        Files.writeString(report.resolve("my-notes.txt"), "why I picked it");
        try (StagedOutputs o = new StagedOutputs()) {
            o.folder(report, d -> Files.writeString(d.resolve("index.html"), "second"));
            assertThatThrownBy(o::commit).isInstanceOf(OutputRefusedException.class)
                    .hasMessageContaining("holds what Ratchet did not write there (my-notes.txt)");
        }
        assertThat(report.resolve("my-notes.txt")).hasContent("why I picked it");
        assertThat(report.resolve("index.html")).hasContent("first");
        assertThat(names()).containsExactly("report");
    }

    @Test
    void aReportMarkedBeforeTheMarkerListedItsFilesIsReplacedOnlyIfItHoldsAReportsFilesAlone() throws Exception {
        String legacy = "Written by Ratchet. A later run may replace this folder whole; without this file it would refuse to.\n";
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        Files.writeString(old.resolve(OwnedFolder.MARKER), legacy);
        Files.writeString(old.resolve("index.html"), "old report");
        Files.writeString(old.resolve("equity.png"), "png");
        Path noted = dir.resolve("noted");
        Files.createDirectories(noted.resolve("drafts"));
        Files.writeString(noted.resolve(OwnedFolder.MARKER), legacy);
        Files.writeString(noted.resolve("index.html"), "old report");
        Files.writeString(noted.resolve("drafts/plan.md"), "mine");
        try (StagedOutputs o = new StagedOutputs()) {
            o.folder(old, d -> Files.writeString(d.resolve("index.html"), "new report"));
            o.commit();
        }
        assertThat(old.resolve("index.html")).hasContent("new report");
        assertThat(old.resolve("equity.png")).doesNotExist();
        try (StagedOutputs o = new StagedOutputs()) {
            o.folder(noted, d -> Files.writeString(d.resolve("index.html"), "new report"));
            assertThatThrownBy(o::commit).isInstanceOf(OutputRefusedException.class).hasMessageContaining("what Ratchet did not write there (drafts, drafts/plan.md)");
        }
        assertThat(noted.resolve("drafts/plan.md")).hasContent("mine");
        assertThat(noted.resolve("index.html")).hasContent("old report");
    }

    @Test
    void somethingPutAtATargetAfterTheChecksIsLeftAloneAtCommit() throws Exception {
        Path blocked = dir.resolve("run.json");
        try (StagedOutputs o = new StagedOutputs()) {
            o.file(dir.resolve("fresh.csv"), CSV, out -> out.write("rows".getBytes(StandardCharsets.UTF_8)));
            o.file(blocked, JSON, out -> out.write("{}".getBytes(StandardCharsets.UTF_8)));
            Files.createDirectories(blocked);
            Files.writeString(blocked.resolve("x"), "x");
            assertThatThrownBy(o::commit).isInstanceOf(OutputRefusedException.class).hasMessageContaining("is not a regular file");
        }
        assertThat(blocked.resolve("x")).hasContent("x");
        assertThat(names()).containsExactly("run.json");
    }

    @Test
    void aFileRatchetDidNotWriteIsNotReplacedAtCommit() throws Exception {
        Path mine = dir.resolve("best.json");
        Files.writeString(mine, "{\"mode\": \"percent\", \"trail\": 0.02}");
        Path older = dir.resolve("equity.csv");
        Files.writeString(older, "time,equity\n1,10000\n");
        try (StagedOutputs o = new StagedOutputs()) {
            o.file(older, CSV, out -> out.write("time,equity\n2,10100\n".getBytes(StandardCharsets.UTF_8)));
            o.file(mine, JSON, out -> out.write(OLD.getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(o::commit).isInstanceOf(OutputRefusedException.class)
                    .hasMessage(mine + " " + mine + ": the file exists and is not a result Ratchet wrote (those begin with "
                            + "{\"writtenBy\" : \"ratchet\"), so it is left alone; give a new file name, or move the file away first");
        }
        assertThat(mine).hasContent("{\"mode\": \"percent\", \"trail\": 0.02}");
        assertThat(older).hasContent("time,equity\n1,10000\n"); // checked before anything moved
        assertThat(names()).containsExactly("best.json", "equity.csv");
    }
}
