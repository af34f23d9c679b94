package io.ratchet.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ratchet.backtest.FidelityGap;
import io.ratchet.backtest.entry.Entries;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import io.ratchet.data.trades.SyntheticTrades;
import io.ratchet.data.trades.TradeKlines;
import io.ratchet.data.trades.TradeSeries;
import io.ratchet.engine.Direction;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TradePrints;
import io.ratchet.engine.TrailingConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a tick-exact backtest: the fidelity section, its table and charts, on disk and in a real headless Chromium. */
class FidelityReportTest {
    @TempDir
    Path dir;

    /** Two days of synthetic 1m bars, 8 invented prints in each, 1h bars built from them; a 0.5% percent trail every 3 hours. */
    static ReportInput tradesReport() {
        KlineSeries minutes = SyntheticKlines.randomWalk("SYNBTCUSDT", Interval.M1, 2 * 1440, 9);
        TradeSeries ts = SyntheticTrades.inKlines(minutes, "SYNBTCUSDT", 8, 4);
        KlineSeries hours = TradeKlines.build(ts, Interval.H1);
        long[] tm = new long[ts.size()];
        double[] px = new double[ts.size()];
        for (int i = 0; i < tm.length; i++) {
            tm[i] = ts.timeMillis(i);
            px[i] = ts.price(i);
        }
        TradePrints prints = TradePrints.of(hours.bars(), Interval.H1.millis(), tm, px);
        Entries e = Entries.every(3, 0, hours.size(), Direction.LONG);
        TrailingConfig c = new TrailingConfig(Mode.PERCENT, 0.005, 0, Double.NaN, 0, 0.001, 0);
        return new ReportInput(hours, "synthetic trades", hours.gaps(), e, "every 3 bars", IntrabarOrder.OHLC, null, null, c, null, prints);
    }

    @Test
    void aTickExactReportShowsTheGapWithItsTableAndCharts() throws Exception {
        ReportInput in = tradesReport();
        Path index = ReportWriter.write(in, dir.resolve("report"));
        String html = Files.readString(index);
        FidelityGap g = FidelityGap.of(in.series().bars(), Interval.H1.millis(), in.prints(), in.entries(), in.config(), in.accountSpec());
        assertThat(html).contains("<section id=\"fidelity\">").contains("Fidelity: trades against bars")
                .contains(HtmlPage.esc(FidelityReport.headline(g)))
                .contains("table class=\"fidelity-widest\"").contains("#" + (g.adverseFirst().worst().entry() + 1) + ", long at ")
                .contains("table class=\"sortable fidelity\"").contains("adverse-first on the 1h bars").contains("detail on 1m bars built from the trades")
                .contains(String.format(java.util.Locale.ROOT, "%d of %d (", g.adverseFirst().differ(), g.adverseFirst().exits()))
                .contains("<dt>Intrabar order</dt><dd>trades (each bar replaced by its trades")
                .contains("the price is the trades the walk used");
        // The gap differs from zero on this data: the charts have something to show.
        assertThat(g.adverseFirst().differ()).isPositive();
        Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        List<String> images = m.results().map(r -> r.group(1)).toList();
        assertThat(images).contains(FidelityReport.CUMULATIVE, FidelityReport.PER_TRADE, "trade-best.png", "account-equity.png");
        for (String name : images) {
            BufferedImage img = ImageIO.read(index.resolveSibling(name).toFile());
            assertThat(img).as(name).isNotNull();
            assertThat(img.getWidth()).as(name).isEqualTo(Charts.W);
            assertThat(ReportWriterTest.distinctColours(img)).as(name + " is not blank").isGreaterThan(20);
            assertThat(ReportWriterTest.nonWhiteShare(img)).as(name + " has something drawn").isGreaterThan(0.03);
        }
        // The section sits after the run and before the account.
        assertThat(html.indexOf("id=\"fidelity\"")).isGreaterThan(html.indexOf("id=\"run\"")).isLessThan(html.indexOf("id=\"account\""));
    }

    @Test
    void aBarReportHasNoFidelitySection() throws Exception {
        String html = Files.readString(ReportWriter.write(Fixtures.sweepReport(), dir.resolve("bars")));
        assertThat(html).doesNotContain("id=\"fidelity\"").doesNotContain(FidelityReport.CUMULATIVE).doesNotContain("Bars would have said");
    }

    @Test
    void inChromiumTheFidelityTableFitsThePageAndItsChartsLoad() throws Exception {
        Path index = ReportWriter.write(tradesReport(), dir.resolve("report"));
        try (Cdp b = Cdp.launch()) {
            b.call("Page.enable", null);
            b.call("Runtime.enable", null);
            b.call("Page.navigate", Cdp.params("url", index.toUri().toString()));
            assertThat(b.waitFor("Page.loadEventFired", 60)).as("the page loaded").isTrue();
            JsonNode imgs = b.eval("Array.from(document.querySelectorAll('#fidelity img')).map(i => ({src: i.src, w: i.naturalWidth}))");
            assertThat(imgs.size()).isEqualTo(2);
            imgs.forEach(i -> assertThat(i.get("w").asInt()).as(i.get("src").asText()).isGreaterThan(0));
            JsonNode rows = b.eval("Array.from(document.querySelector('table.fidelity').tBodies[0].rows).map(r => r.cells[0].textContent)");
            assertThat(rows.size()).isEqualTo(3);
            assertThat(rows.get(0).asText()).isEqualTo("trades (tick-exact)");
            JsonNode fits = b.eval("(() => { const t = document.querySelector('table.fidelity'), s = t.parentElement;"
                    + " return {scroll: s.scrollWidth, visible: s.clientWidth}; })()");
            assertThat(fits.get("scroll").asInt()).as("no horizontal scrolling").isLessThanOrEqualTo(fits.get("visible").asInt());
            b.eval("document.getElementById('fidelity').scrollIntoView()");
            JsonNode shot = b.call("Page.captureScreenshot", Cdp.params("format", "png"));
            byte[] png = Base64.getDecoder().decode(shot.get("data").asText());
            Path out = Path.of("target", "fidelity-screenshot.png");
            Files.createDirectories(out.getParent());
            Files.write(out, png);
            assertThat(ReportWriterTest.distinctColours(ImageIO.read(new ByteArrayInputStream(png)))).isGreaterThan(50);
        }
    }
}
