package io.ratchet.data.io;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnedFileTest {
    private static final OwnedFile.Kind JSON = OwnedFile.Kind.json("a sweep result");
    private static final OwnedFile.Kind TABLE = OwnedFile.Kind.csv("a sweep table", "mode,trail,activation,initialStop,");

    @TempDir
    Path dir;

    @Test
    void anAbsentOrEmptyFileMayBeWritten() throws Exception {
        assertThatCode(() -> OwnedFile.checkReplaceable("--json", dir.resolve("new.json"), JSON)).doesNotThrowAnyException();
        Path empty = Files.createFile(dir.resolve("touched.json"));
        assertThatCode(() -> OwnedFile.checkReplaceable("--json", empty, JSON)).doesNotThrowAnyException();
    }

    @Test
    void ratchetsOwnJsonIsKnownByItsFirstFieldHoweverItIsSpaced() throws Exception {
        Path pretty = Files.writeString(dir.resolve("a.json"), "{\n  \"writtenBy\" : \"ratchet\",\n  \"kind\" : \"sweep\"\n}\n");
        Path compact = Files.writeString(dir.resolve("b.json"), "\uFEFF{\"writtenBy\":\"ratchet\",\"kind\":\"sweep\"}");
        assertThatCode(() -> OwnedFile.checkReplaceable("--json", pretty, JSON)).doesNotThrowAnyException();
        assertThatCode(() -> OwnedFile.checkReplaceable("--json", compact, JSON)).doesNotThrowAnyException();
    }

    @Test
    void aConfigWrittenByHandIsRefusedAndNamed() throws Exception {
        // Exactly what a live config looks like, but without the stamp: someone wrote it.
        Path hand = Files.writeString(dir.resolve("best.json"), "{\"mode\": \"percent\", \"trail\": 0.02, \"writtenBy\": \"ratchet\"}");
        assertThatThrownBy(() -> OwnedFile.checkReplaceable("--export-best", hand, JSON)).isInstanceOf(OutputRefusedException.class)
                .hasMessageStartingWith("--export-best " + hand + ": the file exists and is not a sweep result Ratchet wrote");
    }

    @Test
    void aCsvIsKnownByItsHeaderLine() throws Exception {
        Path ours = Files.writeString(dir.resolve("all.csv"), "mode,trail,activation,initialStop,is_trades\r\npercent,0.01,0,,12\r\n");
        Path theirs = Files.writeString(dir.resolve("sheet.csv"), "date,close\n2021-01-01,29000\n");
        Path readme = Files.writeString(dir.resolve("README.md"), "# My project\n");
        assertThatCode(() -> OwnedFile.checkReplaceable("--out", ours, TABLE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> OwnedFile.checkReplaceable("--out", theirs, TABLE)).isInstanceOf(OutputRefusedException.class)
                .hasMessage("--out " + theirs + ": the file exists and is not a sweep table Ratchet wrote (those begin with the header "
                        + "mode,trail,activation,initialStop,...), so it is left alone; give a new file name, or move the file away first");
        assertThatThrownBy(() -> OwnedFile.checkReplaceable("--out", readme, TABLE)).isInstanceOf(OutputRefusedException.class);
    }

    @Test
    void aLinkOrAFolderIsRefused() throws Exception {
        Path target = Files.writeString(dir.resolve("t.csv"), "mode,trail,activation,initialStop,x\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), target);
        assertThatThrownBy(() -> OwnedFile.checkReplaceable("--out", link, TABLE)).isInstanceOf(OutputRefusedException.class)
                .hasMessageContaining("is a symbolic link");
        Path folder = Files.createDirectories(dir.resolve("out.csv"));
        assertThatThrownBy(() -> OwnedFile.checkReplaceable("--out", folder, TABLE)).isInstanceOf(OutputRefusedException.class)
                .hasMessageContaining("is not a regular file");
    }
}
