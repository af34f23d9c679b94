package io.ratchet.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.backtest.sweep.SweepResult;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** How the report says numbers: prices as quoted, heatmap scales around zero, the sweep table's parts comparable. */
class ReportPresentationTest {
    @Test
    void pricesCarryTheDataDecimalsAndTheQuoteCurrency() {
        KlineSeries btc = new KlineSeries("BTCUSDT", Interval.H1, new long[] {0, 3_600_000}, new double[] {47123.45, 47200.1},
                new double[] {47300, 47300}, new double[] {47000, 47000}, new double[] {47200.1, 47250}, new double[] {1, 1});
        PriceFormat f = PriceFormat.of(btc);
        assertThat(f.decimals()).isEqualTo(2);
        assertThat(f.format(47123.4)).isEqualTo("47,123.40 USDT");
        assertThat(f.axis()).isEqualTo("price, USDT");
        assertThat(PriceFormat.quoteOf("ETHBTC")).isEqualTo("BTC");
        assertThat(PriceFormat.quoteOf("BTCFDUSD")).isEqualTo("FDUSD");
        assertThat(PriceFormat.quoteOf("BTCUSD_PERP")).isEqualTo("USD");
        assertThat(PriceFormat.quoteOf(Fixtures.EVIL)).isEmpty();
    }

    @Test
    void heatmapScalesAreSymmetricRoundAndKeepNegativesApart() {
        assertThat(Charts.niceLimit(List.<Number[]>of(new Number[] {0, 0, -168.16}, new Number[] {1, 0, 464.39}))).isEqualTo(500);
        assertThat(Charts.niceLimit(List.<Number[]>of(new Number[] {0, 0, 0.3}, new Number[] {1, 0, -0.07}))).isEqualTo(0.5);
        assertThat(Charts.niceLimit(List.<Number[]>of(new Number[] {0, 0, -2.0}))).isEqualTo(2);
        assertThat(Charts.niceLimit(List.<Number[]>of(new Number[] {0, 0, 0.0}))).isEqualTo(1);
        DecimalFormat wide = new DecimalFormat(Charts.valuePattern(500), java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        assertThat(wide.format(-133.15)).isEqualTo("\u2212133");
        assertThat(wide.format(464.39)).isEqualTo("464");
        DecimalFormat narrow = new DecimalFormat(Charts.valuePattern(2), java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        assertThat(narrow.format(-1.234)).isEqualTo("\u22121.23");
    }

    @Test
    void theSweepTableGroupsThePartsAndComparesThemPerDay() {
        SweepResult r = Fixtures.sweepReport().sweep();
        String html = SweepTableHtml.of(r, 5, 80, 20);
        assertThat(html).contains("<th class=\"group\" colspan=\"4\">Configuration</th>")
                .contains("<th class=\"group is\" colspan=\"8\">In sample (80 days)</th>")
                .contains("<th class=\"group oos\" colspan=\"8\">Out of sample (20 days)</th>")
                .contains("<th>initial stop</th>").doesNotContain("is_").doesNotContain("initialStop");
        Matcher rows = Pattern.compile("<tr( class=\"pick\")?>(.*?)</tr>").matcher(html.substring(html.indexOf("<tbody>")));
        assertThat(rows.find()).isTrue();
        List<String> cells = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(rows.group(2)).results().map(m -> m.group(1)).toList();
        assertThat(cells).hasSize(20); // 4 of the configuration, then each part: 5 per trade, 3 of the account
        int pick = r.ranking()[0];
        var cfg = r.grid().get(pick);
        assertThat(cells.get(3)).isEqualTo(cfg.hasInitialStop() ? "0.03" : "none");
        // per day: the part's total over its days, 80 in sample and 20 out of sample here.
        assertThat(cells.get(6)).isEqualTo(signed(r.inSample()[pick].totalReturn() / 80));
        assertThat(cells.get(14)).isEqualTo(signed(r.outOfSample()[pick].totalReturn() / 20));
        assertThat(cells.get(5)).isEqualTo(signed(r.inSample()[pick].meanReturn()));
        // The figure the sweep ranked by is in the table: the account's Sharpe of each part, and its return and drawdown.
        assertThat(html).contains(">Sharpe</th>").contains(">account return</th>").contains(">account max DD</th>").doesNotContain(">win rate<");
        assertThat(cells.get(9)).isEqualTo(String.format(Locale.ROOT, "%.2f", r.inSampleAccount(pick).sharpe()).replace("-", "\u2212"));
        assertThat(cells.get(17)).isEqualTo(String.format(Locale.ROOT, "%.2f", r.outOfSampleAccount(pick).sharpe()).replace("-", "\u2212"));
        assertThat(html).contains(">none<");
    }

    private static String signed(double fraction) {
        String s = String.format(Locale.ROOT, "%+.3f%%", 100 * fraction);
        return s.startsWith("-") ? "\u2212" + s.substring(1) : s;
    }
}
