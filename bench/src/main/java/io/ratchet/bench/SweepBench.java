package io.ratchet.bench;

import io.ratchet.backtest.Backtest;
import io.ratchet.backtest.BacktestResult;
import io.ratchet.backtest.entry.Entries;
import io.ratchet.backtest.entry.Ta4jBars;
import io.ratchet.backtest.sweep.KernelResult;
import io.ratchet.backtest.sweep.SweepKernel;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import io.ratchet.engine.Bars;
import io.ratchet.engine.Direction;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Rule;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.rules.FixedRule;
import org.ta4j.core.rules.TrailingStopLossRule;

/**
 * A grid of percent trails over the same bars and entries, three ways, in one run:
 * the sweep kernel (one pass serves every configuration), the plain engine (one backtest
 * per configuration), and what a Java user writes today: ta4j's {@code BarSeriesManager}
 * with a {@code TrailingStopLossRule} strategy per configuration. Each reports one op per
 * grid, so ratios of ops/s are ratios of throughput; {@code bench/README.md} turns them
 * into (bar x configuration) evaluations per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SweepBench {
    /** Bars in the series: 20,160 is two weeks of 1m. */
    @Param("20160")
    int bars;

    /** Configurations in the grid: percent trails from {@code firstTrail} in steps of {@code trailStep}. */
    @Param("20")
    int configs;

    /** 0.2% is a scalper's trail on 1m bars; 1% to 5% is the common swing range. */
    @Param({"0.002", "0.01"})
    double firstTrail;

    @Param({"0.001", "0.002"})
    double trailStep;

    Bars b;
    Entries entries;
    TrailingConfig[] grid;
    BarSeries taSeries;
    Strategy[] taStrategies;

    @Setup(Level.Trial)
    public void setup() {
        KlineSeries s = SyntheticKlines.randomWalk("SYN", Interval.M1, bars, 1);
        b = s.bars();
        entries = Entries.every(60, 0, bars, Direction.LONG);
        grid = new TrailingConfig[configs];
        for (int c = 0; c < configs; c++) {
            grid[c] = new TrailingConfig(Mode.PERCENT, firstTrail + trailStep * c, 0, Double.NaN, 0, 0.001, 0);
        }
        taSeries = Ta4jBars.of(s);
        int[] idx = entries.bar().clone();
        ClosePriceIndicator close = new ClosePriceIndicator(taSeries);
        taStrategies = new Strategy[configs];
        for (int c = 0; c < configs; c++) {
            Rule entry = new FixedRule(idx);
            Rule exit = new TrailingStopLossRule(close, taSeries.numOf(100 * grid[c].trail()));
            taStrategies[c] = new BaseStrategy(entry, exit);
        }
        KernelResult k = SweepKernel.run(b, entries, grid, IntrabarOrder.ADVERSE_FIRST, null, 1, null);
        long held = 0;
        for (int c = 0; c < configs; c++) {
            for (int e = 0; e < entries.size(); e++) {
                held += b.indexOf(k.exitTime(c, e)) - entries.bar()[e] + 1;
            }
        }
        System.out.printf("%n[setup] trails %.3f..%.3f, %d bars, %d entries, %d configs: %d (bar x configuration) evaluations per grid for the kernel and the engine, "
                + "%d for ta4j (every bar once per configuration, one position at a time)%n", firstTrail, firstTrail + trailStep * (configs - 1), bars, entries.size(), configs, held, (long) bars * configs);
    }

    @Benchmark
    public KernelResult kernel1Thread() {
        return SweepKernel.run(b, entries, grid, IntrabarOrder.ADVERSE_FIRST, null, 1, null);
    }

    @Benchmark
    public KernelResult kernelAllCores() {
        return SweepKernel.run(b, entries, grid, IntrabarOrder.ADVERSE_FIRST, null, Runtime.getRuntime().availableProcessors(), null);
    }

    @Benchmark
    public void plainEngine(Blackhole bh) {
        for (TrailingConfig c : grid) {
            BacktestResult r = Backtest.run(b, entries, c, IntrabarOrder.ADVERSE_FIRST, null);
            bh.consume(r);
        }
    }

    @Benchmark
    public void ta4jBarSeriesManager(Blackhole bh) {
        BarSeriesManager m = new BarSeriesManager(taSeries);
        for (Strategy s : taStrategies) {
            TradingRecord r = m.run(s);
            bh.consume(r);
        }
    }
}
