package io.ratchet.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ratchet.backtest.FidelityGap;
import io.ratchet.backtest.account.AccountSpec;
import io.ratchet.backtest.entry.Entries;
import io.ratchet.backtest.sweep.RankBy;
import io.ratchet.backtest.sweep.Sweep;
import io.ratchet.backtest.sweep.SweepResult;
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
        TradePrints prints = io.ratchet.backtest.Prints.of(hours.bars(), Interval.H1.millis(), ts);
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

    /**
     * FidelityGapTest's hand-made 5m bars and trades (backtest), swept over three configurations, no
     * fee: profit-lock 0.25 and 0.5, percent 0.02; their gaps are worked out by hand in FidelityGridTest.
     */
    static ReportInput handSweep() {
        long t0 = 1_704_067_200_000L;
        long m5 = 300_000L;
        KlineSeries k = new KlineSeries("BTCUSDT", Interval.M5, new long[] {t0, t0 + m5, t0 + 2 * m5}, new double[] {100, 103, 96},
                new double[] {104, 103.5, 99}, new double[] {99, 95, 91}, new double[] {103, 96, 91}, new double[] {1, 1, 1});
        long[] at = {1_000, 2_000, 61_000, 62_000, 63_000, 601_000, 602_000, 603_000, 720_000};
        for (int i = 0; i < at.length; i++) {
            at[i] += t0;
        }
        TradePrints prints = TradePrints.of(k.bars(), m5, at, new double[] {100.5, 104, 101.5, 99, 103, 96, 99, 97, 91});
        Entries e = new Entries(new int[] {0, 1, 2}, new Direction[] {Direction.LONG, Direction.LONG, Direction.LONG});
        List<TrailingConfig> grid = List.of(new TrailingConfig(Mode.PROFIT_LOCK, 0.25, 0, Double.NaN, 0, 0, 0),
                new TrailingConfig(Mode.PROFIT_LOCK, 0.5, 0, Double.NaN, 0, 0, 0), new TrailingConfig(Mode.PERCENT, 0.02, 0, Double.NaN, 0, 0, 0));
        SweepResult r = Sweep.run(k.bars(), e, grid, new Sweep.Options(IntrabarOrder.OHLC, null, 1, RankBy.TOTAL_RETURN, Double.NaN, 0, false,
                AccountSpec.DEFAULT, 2, prints), null);
        return new ReportInput(k, "hand-made", k.gaps(), e, "3 by hand", IntrabarOrder.OHLC, null, r, null, null, prints);
    }

    @Test
    void aSweepOnTradesShowsEveryConfigurationsGapInOneTableBesideTheSweeps() throws Exception {
        String html = Files.readString(ReportWriter.write(handSweep(), dir.resolve("sweep")));
        assertThat(html).contains("<section id=\"sweep-fidelity\">").contains("Fidelity of every configuration: trades against bars")
                .contains("table class=\"sortable fidelity-grid\"");
        // Ranked by total return on the trades: profit-lock 0.5 (+2.78%), percent 0.02 (+1.02%), profit-lock 0.25 (-6.09%).
        // Each row: on trades, then adverse-first (total, differ, in another bar, minus trades), then detail on 1m (the same).
        assertThat(html).contains("<tr><td>1</td><td>profit-lock 0.5</td><td>+2.78%</td><td>+3.81%</td><td>2 of 3</td><td>1</td><td>+1.02 points</td>")
                .contains("<td>+3.31%</td><td>1 of 3</td><td>0</td><td>+0.52 points</td>");
        // percent 0.02: adverse-first (101.92 - 101.5) / 100 + (100.94 - 101.43) / 103 + (94.08 - 97) / 96 = -3.10 points, every exit differs;
        // detail (97.02 - 97) / 96 = +0.02 points, one exit.
        assertThat(html).contains("<tr><td>2</td><td>percent 0.02</td><td>+1.02%</td><td>-2.08%</td><td>3 of 3</td><td>1</td><td>-3.10 points</td>")
                .contains("<td>+1.04%</td><td>1 of 3</td><td>0</td><td>+0.02 points</td>");
        // profit-lock 0.25: adverse-first 0.02 + 5.75 / 96 = +7.99 points; detail 0.02 = +2.00 points.
        assertThat(html).contains("<tr><td>3</td><td>profit-lock 0.25</td><td>-6.09%</td><td>+1.90%</td><td>2 of 3</td><td>1</td><td>+7.99 points</td>")
                .contains("<td>-4.09%</td><td>1 of 3</td><td>0</td><td>+2.00 points</td>");
        // Beside the sweep's table, before the pick's trades; the pick's own gap stays further down.
        assertThat(html.indexOf("id=\"sweep-fidelity\"")).isGreaterThan(html.indexOf("id=\"sweep\"")).isLessThan(html.indexOf("id=\"trades\""));
        assertThat(html.indexOf("id=\"fidelity\"")).isGreaterThan(html.indexOf("id=\"run\""));
    }

    @Test
    void inChromiumTheGapOfEveryConfigurationFitsThePage() throws Exception {
        // Two days of invented prints, a grid of 12 configurations: the table is as wide as it gets (labels with activation and stop).
        ReportInput one = tradesReport();
        List<TrailingConfig> grid = Sweep.grid(List.of(Mode.PERCENT, Mode.PROFIT_LOCK), new double[] {0.003, 0.005, 0.01}, new double[] {0, 0.002},
                new double[] {0.02}, 0, 0.001, 0);
        SweepResult r = Sweep.run(one.series().bars(), one.entries(), grid, new Sweep.Options(IntrabarOrder.OHLC, null, 2, RankBy.DEFAULT, Double.NaN, 0,
                false, AccountSpec.DEFAULT, 2, one.prints()), null);
        ReportInput in = new ReportInput(one.series(), one.dataOrigin(), one.gaps(), one.entries(), one.entriesLabel(), IntrabarOrder.OHLC, null, r, null,
                null, one.prints());
        Path index = ReportWriter.write(in, dir.resolve("grid"));
        try (Cdp b = Cdp.launch()) {
            b.call("Page.enable", null);
            b.call("Runtime.enable", null);
            b.call("Page.navigate", Cdp.params("url", index.toUri().toString()));
            assertThat(b.waitFor("Page.loadEventFired", 60)).as("the page loaded").isTrue();
            JsonNode rows = b.eval("Array.from(document.querySelector('table.fidelity-grid').tBodies[0].rows).map(r => r.cells[1].textContent)");
            assertThat(rows.size()).isEqualTo(12);
            assertThat(rows.get(0).asText()).isEqualTo(r.bestConfig().label());
            JsonNode fits = b.eval("(() => { const t = document.querySelector('table.fidelity-grid'), s = t.parentElement;"
                    + " return {scroll: s.scrollWidth, visible: s.clientWidth}; })()");
            assertThat(fits.get("scroll").asInt()).as("no horizontal scrolling").isLessThanOrEqualTo(fits.get("visible").asInt());
            b.eval("document.getElementById('sweep-fidelity').scrollIntoView()");
            JsonNode shot = b.call("Page.captureScreenshot", Cdp.params("format", "png"));
            byte[] png = Base64.getDecoder().decode(shot.get("data").asText());
            Path out = Path.of("target", "sweep-fidelity-screenshot.png");
            Files.createDirectories(out.getParent());
            Files.write(out, png);
            assertThat(ReportWriterTest.distinctColours(ImageIO.read(new ByteArrayInputStream(png)))).isGreaterThan(50);
        }
    }

    @Test
    void aBarReportHasNoFidelitySection() throws Exception {
        String html = Files.readString(ReportWriter.write(Fixtures.sweepReport(), dir.resolve("bars")));
        assertThat(html).doesNotContain("id=\"fidelity\"").doesNotContain("id=\"sweep-fidelity\"").doesNotContain(FidelityReport.CUMULATIVE).doesNotContain("Bars would have said");
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
