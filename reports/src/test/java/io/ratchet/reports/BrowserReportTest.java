package io.ratchet.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report as a person sees it: opened from disk in headless Chromium. */
class BrowserReportTest {
    @TempDir
    Path dir;

    @Test
    void theReportOpensOfflineWithEveryImageAndNoError() throws Exception {
        Path index = ReportWriter.write(Fixtures.sweepReport(), dir.resolve("report"));
        String folder = index.getParent().toUri().toString();
        try (Cdp b = Cdp.launch()) {
            b.call("Page.enable", null);
            b.call("Network.enable", null);
            b.call("Runtime.enable", null);
            b.call("Log.enable", null);
            b.call("Page.navigate", Cdp.params("url", index.toUri().toString()));
            assertThat(b.waitFor("Page.loadEventFired", 60)).as("the page loaded").isTrue();

            JsonNode images = b.eval("Array.from(document.images).map(i => ({src: i.src, complete: i.complete, w: i.naturalWidth}))");
            assertThat(images.size()).isGreaterThanOrEqualTo(9);
            for (JsonNode img : images) {
                assertThat(img.get("complete").asBoolean()).as(img.get("src").asText()).isTrue();
                assertThat(img.get("w").asInt()).as(img.get("src").asText() + " loaded").isGreaterThan(0);
            }

            // The sweep table: configuration, in sample and out of sample, each under its own header, within the page.
            JsonNode groups = b.eval("Array.from(document.querySelector('table.sweep').tHead.rows[0].cells).map(c => c.textContent)");
            assertThat(groups.size()).isEqualTo(3);
            assertThat(groups.get(0).asText()).isEqualTo("Configuration");
            assertThat(groups.get(1).asText()).matches("In sample \\(\\d+ days\\)");
            assertThat(groups.get(2).asText()).matches("Out of sample \\(\\d+ days\\)");
            JsonNode fits = b.eval("(() => { const t = document.querySelector('table.sweep'), m = document.querySelector('main');"
                    + " const s = t.parentElement; return {table: t.getBoundingClientRect().right, main: m.getBoundingClientRect().right,"
                    + " scroll: s.scrollWidth, visible: s.clientWidth}; })()");
            assertThat(fits.get("table").asDouble()).as("the sweep table ends inside the page").isLessThanOrEqualTo(fits.get("main").asDouble());
            assertThat(fits.get("scroll").asInt()).as("no horizontal scrolling").isLessThanOrEqualTo(fits.get("visible").asInt());
            JsonNode stops = b.eval("Array.from(document.querySelector('table.sweep').tBodies[0].rows).map(r => r.cells[3].textContent)");
            List<String> initialStops = new ArrayList<>();
            stops.forEach(x -> initialStops.add(x.asText()));
            assertThat(initialStops).contains("none", "0.03");

            // Sorting: click the in-sample "mean per trade" header twice (descending), read the column; "−" is a minus.
            int col = b.eval("(() => { const h = document.querySelector('table.sweep').tHead.rows[1];"
                    + " return Array.from(h.cells).findIndex(th => th.textContent.trim() === 'mean per trade'); })()").asInt();
            assertThat(col).isEqualTo(5);
            JsonNode values = b.eval("(() => { const t = document.querySelector('table.sweep');"
                    + " const th = t.tHead.rows[1].cells[" + col + "]; th.click(); th.click();"
                    + " return Array.from(t.tBodies[0].rows).map(r => parseFloat(r.cells[" + col + "].textContent.replace('\u2212', '-'))); })()");
            List<Double> v = new ArrayList<>();
            values.forEach(x -> v.add(x.asDouble()));
            assertThat(v).hasSizeGreaterThan(5).doesNotContainNull().isSortedAccordingTo((a, c) -> Double.compare(c, a));
            assertThat(v.get(0)).isGreaterThan(v.get(v.size() - 1));

            JsonNode shot = b.call("Page.captureScreenshot", Cdp.params("format", "png", "captureBeyondViewport", true));
            byte[] png = Base64.getDecoder().decode(shot.get("data").asText());
            Path out = Path.of("target", "report-screenshot.png");
            Files.createDirectories(out.getParent());
            Files.write(out, png);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(img.getHeight()).isGreaterThan(2000); // the whole page, charts included
            assertThat(ReportWriterTest.distinctColours(img)).isGreaterThan(50);

            List<String> outside = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (JsonNode e : b.events) {
                String m = e.path("method").asText();
                JsonNode p = e.path("params");
                if (m.equals("Network.requestWillBeSent")) {
                    String url = p.path("request").path("url").asText();
                    if (!url.startsWith(folder)) {
                        outside.add(url);
                    }
                } else if (m.equals("Runtime.exceptionThrown")) {
                    errors.add("exception: " + p.path("exceptionDetails"));
                } else if (m.equals("Runtime.consoleAPICalled") && p.path("type").asText().equals("error")) {
                    errors.add("console.error: " + p.path("args"));
                } else if (m.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
                    errors.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
                } else if (m.equals("Network.loadingFailed")) {
                    errors.add("failed load: " + p);
                }
            }
            assertThat(outside).as("requests outside the report folder").isEmpty();
            assertThat(errors).as("errors in the page").isEmpty();
        }
    }
}
