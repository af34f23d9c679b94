package io.ratchet.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesAPageWhoseImagesAreAllThereAndNotBlank() throws Exception {
        Path index = ReportWriter.write(Fixtures.sweepReport(), dir.resolve("report"));
        String html = Files.readString(index);
        Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        List<String> images = m.results().map(r -> r.group(1)).toList();
        assertThat(images).contains("sweep-profit-lock.png", "heatmap-percent.png", "trade-best.png", "trade-worst.png", "trade-typical.png",
                "equity.png", "returns.png", "mfe.png", "ladder.png", "account-equity.png", "account-drawdown.png", "pbo-logits.png");
        assertThat(html).contains("The account").contains("How much to trust the pick").contains("Probability of backtest overfitting");
        for (String name : images) {
            BufferedImage img = ImageIO.read(index.resolveSibling(name).toFile());
            assertThat(img).as(name).isNotNull();
            assertThat(img.getWidth()).as(name).isEqualTo(Charts.W);
            assertThat(img.getHeight()).as(name).isEqualTo(Charts.H);
            assertThat(distinctColours(img)).as(name + " is not blank").isGreaterThan(20);
            assertThat(nonWhiteShare(img)).as(name + " has something drawn").isGreaterThan(0.03);
        }
    }

    @Test
    void textIsEscapedAndNothingIsLoadedFromOutside() throws Exception {
        String html = Files.readString(ReportWriter.write(Fixtures.sweepReport(), dir.resolve("r")));
        assertThat(html).doesNotContain(Fixtures.EVIL).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(html).doesNotContain("@import").doesNotContain("url(");
        assertThat(html).contains("class=\"sortable\"").contains("id=\"verdict\"");
        assertThat(Pattern.compile("<script>").matcher(html).results().count()).isEqualTo(1); // our sort script only
    }

    @Test
    void aNewReportReplacesTheOldOneWhole() throws Exception {
        Path out = dir.resolve("report");
        ReportWriter.write(Fixtures.sweepReport(), out);
        Path marker = out.resolve(io.ratchet.data.io.OwnedFolder.MARKER);
        assertThat(marker).content().contains("\nindex.html\n").contains("\nequity.png\n");
        // A chart an earlier version wrote and this one does not: listed in the marker, so Ratchet's to remove.
        Files.writeString(out.resolve("stale.png"), "old");
        Files.writeString(marker, Files.readString(marker) + "stale.png\n");
        ReportWriter.write(Fixtures.sweepReport(), out);
        assertThat(out.resolve("stale.png")).doesNotExist();
        // A note the user saved beside the charts is not Ratchet's: the next report refuses the folder and leaves it all.
        Files.writeString(out.resolve("notes.txt"), "keep me");
        String before = Files.readString(out.resolve("index.html"));
        assertThatThrownBy(() -> ReportWriter.write(Fixtures.sweepReport(), out)).isInstanceOf(io.ratchet.data.io.OutputRefusedException.class)
                .hasMessageContaining("(notes.txt)");
        assertThat(out.resolve("notes.txt")).hasContent("keep me");
        assertThat(out.resolve("index.html")).hasContent(before);
        Files.delete(out.resolve("notes.txt"));
        assertThat(out.resolve("index.html")).exists();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("report");
        }
    }

    @Test
    void aFolderRatchetDidNotWriteIsNeverReplaced() throws Exception {
        Path mine = dir.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> ReportWriter.write(Fixtures.sweepReport(), mine))
                .isInstanceOf(io.ratchet.data.io.OutputRefusedException.class).hasMessageContaining(mine.toString())
                .hasMessageContaining("did not write");
        assertThat(mine.resolve("notes.txt")).hasContent("keep me");
        try (Stream<Path> s = Files.list(mine)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
        Path file = dir.resolve("live-config.json");
        Files.writeString(file, "{}");
        assertThatThrownBy(() -> ReportWriter.write(Fixtures.sweepReport(), file)).hasMessageContaining("is a file, not a folder");
        assertThat(file).hasContent("{}");
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        ReportWriter.write(Fixtures.sweepReport(), empty);
        assertThat(empty.resolve("index.html")).exists();
        assertThat(empty.resolve(io.ratchet.data.io.OwnedFolder.MARKER)).exists();
    }

    @Test
    void aWalkForwardSweepShowsEachWindowsPickAndItsTest() throws Exception {
        ReportInput base = Fixtures.sweepReport();
        var wf = io.ratchet.backtest.sweep.Sweep.run(base.series().bars(), base.entries(), base.sweep().grid(),
                new io.ratchet.backtest.sweep.Sweep.Options(io.ratchet.engine.IntrabarOrder.ADVERSE_FIRST, null, 1,
                        io.ratchet.backtest.sweep.RankBy.TOTAL_RETURN, Double.NaN, 3), null);
        ReportInput in = new ReportInput(base.series(), base.dataOrigin(), base.gaps(), base.entries(), base.entriesLabel(), base.order(), null, wf, null);
        String html = Files.readString(ReportWriter.write(in, dir.resolve("wf")));
        assertThat(html).contains("id=\"walk-forward\"").contains("Pooled over the test windows");
        assertThat(Pattern.compile("<tr>").matcher(html.substring(html.indexOf("id=\"walk-forward\""))).results().count())
                .isGreaterThanOrEqualTo(4); // header + 3 windows
    }

    static int distinctColours(BufferedImage img) {
        Set<Integer> c = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                c.add(img.getRGB(x, y));
            }
        }
        return c.size();
    }

    static double nonWhiteShare(BufferedImage img) {
        long n = 0;
        long total = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                total++;
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    n++;
                }
            }
        }
        return (double) n / total;
    }
}
