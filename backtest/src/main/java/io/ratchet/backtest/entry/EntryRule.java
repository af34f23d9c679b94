package io.ratchet.backtest.entry;

import io.ratchet.data.kline.KlineSeries;
import io.ratchet.engine.Direction;
import java.util.ArrayList;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Indicator;
import org.ta4j.core.Rule;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.HighPriceIndicator;
import org.ta4j.core.indicators.helpers.HighestValueIndicator;
import org.ta4j.core.indicators.helpers.LowPriceIndicator;
import org.ta4j.core.indicators.helpers.LowestValueIndicator;
import org.ta4j.core.indicators.helpers.PreviousValueIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;
import org.ta4j.core.rules.OverIndicatorRule;
import org.ta4j.core.rules.UnderIndicatorRule;

/**
 * Entry rules built from ta4j indicators. A rule satisfied at bar {@code i} (on its close)
 * enters at the open of bar {@code i + 1}: no look-ahead.
 *
 * <ul>
 *   <li>{@code sma-cross:FAST,SLOW} — the fast SMA of closes crosses above the slow one
 *       (below, for shorts);</li>
 *   <li>{@code rsi-below:PERIOD,LEVEL} — RSI crosses below LEVEL; {@code rsi-above:PERIOD,LEVEL}
 *       crosses above;</li>
 *   <li>{@code breakout:N} — the close breaks above the highest high of the previous N bars
 *       (below the lowest low, for shorts).</li>
 * </ul>
 */
public final class EntryRule {
    public static final String SYNTAX = "sma-cross:FAST,SLOW | rsi-below:PERIOD,LEVEL | rsi-above:PERIOD,LEVEL | breakout:N";

    private EntryRule() {
    }

    public static Entries entries(String spec, KlineSeries series, Direction direction) {
        BarSeries bars = Ta4jBars.of(series);
        Rule rule = rule(spec, bars, direction);
        int base = series.bars().from();
        List<Integer> hits = new ArrayList<>();
        for (int i = 0; i + 1 < series.size(); i++) {
            if (rule.isSatisfied(i)) {
                hits.add(base + i + 1);
            }
        }
        int[] bar = hits.stream().mapToInt(Integer::intValue).toArray();
        Direction[] dir = new Direction[bar.length];
        java.util.Arrays.fill(dir, direction);
        return new Entries(bar, dir);
    }

    static Rule rule(String spec, BarSeries bars, Direction direction) {
        String[] kv = spec.trim().split(":", 2);
        String name = kv[0].toLowerCase(java.util.Locale.ROOT);
        double[] p = kv.length == 2 ? params(spec, kv[1]) : new double[0];
        boolean isLong = direction == Direction.LONG;
        ClosePriceIndicator close = new ClosePriceIndicator(bars);
        switch (name) {
            case "sma-cross" -> {
                need(spec, p, 2);
                int fast = period(spec, p[0]);
                int slow = period(spec, p[1]);
                if (fast >= slow) {
                    throw new EntryFileException("--entry-rule " + spec + ": FAST must be shorter than SLOW");
                }
                Indicator<Num> f = new SMAIndicator(close, fast);
                Indicator<Num> s = new SMAIndicator(close, slow);
                return isLong ? new CrossedUpIndicatorRule(f, s) : new CrossedDownIndicatorRule(f, s);
            }
            case "rsi-below", "rsi-above" -> {
                need(spec, p, 2);
                if (!(p[1] > 0 && p[1] < 100)) {
                    throw new EntryFileException("--entry-rule " + spec + ": LEVEL must be in (0, 100)");
                }
                RSIIndicator rsi = new RSIIndicator(close, period(spec, p[0]));
                Num level = bars.numOf(p[1]);
                return name.equals("rsi-below") ? new CrossedDownIndicatorRule(rsi, level) : new CrossedUpIndicatorRule(rsi, level);
            }
            case "breakout" -> {
                need(spec, p, 1);
                int n = period(spec, p[0]);
                if (isLong) {
                    return new OverIndicatorRule(close, new PreviousValueIndicator(new HighestValueIndicator(new HighPriceIndicator(bars), n), 1));
                }
                return new UnderIndicatorRule(close, new PreviousValueIndicator(new LowestValueIndicator(new LowPriceIndicator(bars), n), 1));
            }
            default -> throw new EntryFileException("--entry-rule: unknown rule '" + kv[0] + "' (allowed: " + SYNTAX + ")");
        }
    }

    private static double[] params(String spec, String text) {
        String[] parts = text.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new EntryFileException("--entry-rule " + spec + ": '" + parts[i] + "' is not a number (" + SYNTAX + ")");
            }
        }
        return out;
    }

    private static void need(String spec, double[] p, int n) {
        if (p.length != n) {
            throw new EntryFileException("--entry-rule " + spec + ": expected " + n + " parameter" + (n > 1 ? "s" : "") + " (" + SYNTAX + ")");
        }
    }

    private static int period(String spec, double v) {
        if (v < 1 || v != Math.rint(v) || v > 100_000) {
            throw new EntryFileException("--entry-rule " + spec + ": a period must be a whole number of bars >= 1, got " + v);
        }
        return (int) v;
    }
}
