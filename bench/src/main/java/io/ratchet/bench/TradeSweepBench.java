package io.ratchet.bench;

import io.ratchet.backtest.Backtest;
import io.ratchet.backtest.BacktestResult;
import io.ratchet.backtest.entry.Entries;
import io.ratchet.backtest.sweep.KernelResult;
import io.ratchet.backtest.sweep.Sweep;
import io.ratchet.backtest.sweep.SweepKernel;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.trades.SyntheticTrades;
import io.ratchet.data.trades.TradeKlines;
import io.ratchet.data.trades.TradeSeries;
import io.ratchet.engine.Bars;
import io.ratchet.engine.Direction;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TradePrints;
import io.ratchet.engine.Trade;
import io.ratchet.engine.TrailingConfig;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The sweep kernel on trades (issue 15) against the plain engine on the same trades, same
 * entries, same configurations, in one run: {@code trades} synthetic BTCUSDT-like aggTrades
 * ({@code SyntheticTrades}, seed 1, up to 100 ticks a trade: about 2.7% a day), under the 1m bars
 * Binance would build from them, an entry every 60 bars (long), and the grid of the CLI figure
 * in {@code bench/README.md}: profit-lock 0.1..1.0 and percent 0.2%..2% (ten trails each) times
 * initial stops none, 0.5%, 1%, 2%, 5% (100 configurations), fee 0.1%.
 *
 * <ul>
 *   <li>{@code kernel1Thread} / {@code kernelAllCores}: {@code SweepKernel.run} with the prints,
 *       every (configuration, entry) kept;</li>
 *   <li>{@code plainEngine}: {@code Backtest.run} with the prints ({@code BarWalker} with
 *       {@code TradePrints}, every trade of every position walked), one configuration after another.</li>
 * </ul>
 *
 * The setup checks that both give the same trades, bit for bit, and prints how many trades the
 * engine walks per grid.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class TradeSweepBench {
    @Param("5000000")
    int trades;

    Bars bars;
    TradePrints prints;
    Entries entries;
    TrailingConfig[] grid;

    @Setup(Level.Trial)
    public void setup() {
        TradeSeries ts = SyntheticTrades.randomWalk("SYN", trades, 1, 1_704_067_200_000L, 100);
        KlineSeries k = TradeKlines.build(ts, Interval.M1);
        bars = k.bars();
        prints = io.ratchet.backtest.Prints.of(bars, Interval.M1.millis(), ts);
        entries = Entries.every(60, bars.from(), bars.to(), Direction.LONG);
        grid = grid();
        KernelResult r = SweepKernel.run(bars, entries, grid, IntrabarOrder.OHLC, null, prints, 1, null);
        long walked = 0;
        for (int c = 0; c < grid.length; c++) {
            BacktestResult e = Backtest.run(bars, entries, grid[c], IntrabarOrder.OHLC, null, prints);
            for (int x = 0; x < entries.size(); x++) {
                Trade t = e.trades().get(x);
                if (t.exitTime() != r.exitTime(c, x) || Double.doubleToLongBits(t.netReturn()) != Double.doubleToLongBits(r.netReturn(c, x))) {
                    throw new IllegalStateException("kernel and engine differ at configuration " + c + ", entry " + x);
                }
                walked += prints.end(r.exitBar(c, x)) - prints.start(entries.bar()[x]);
            }
        }
        System.out.printf("%n[setup] %d trades under %d 1m bars, %d entries, %d configurations: the same trades from kernel and engine; "
                + "the engine walks up to %,d trades per grid (the trades of the bars each position is held)%n", trades, bars.size(), entries.size(),
                grid.length, walked);
    }

    static TrailingConfig[] grid() {
        double[] stops = {Double.NaN, 0.005, 0.01, 0.02, 0.05};
        List<TrailingConfig> g = new ArrayList<>();
        double[] pl = new double[10];
        double[] pc = new double[10];
        for (int i = 0; i < 10; i++) {
            pl[i] = Math.round((i + 1) * 0.1 * 10) / 10.0;
            pc[i] = Math.round((i + 1) * 0.002 * 1000) / 1000.0;
        }
        g.addAll(Sweep.grid(List.of(Mode.PROFIT_LOCK), pl, new double[] {0}, stops, 0, 0.001, 0));
        g.addAll(Sweep.grid(List.of(Mode.PERCENT), pc, new double[] {0}, stops, 0, 0.001, 0));
        return g.toArray(new TrailingConfig[0]);
    }

    @Benchmark
    public KernelResult kernel1Thread() {
        return SweepKernel.run(bars, entries, grid, IntrabarOrder.OHLC, null, prints, 1, null);
    }

    @Benchmark
    public KernelResult kernelAllCores() {
        return SweepKernel.run(bars, entries, grid, IntrabarOrder.OHLC, null, prints, Runtime.getRuntime().availableProcessors(), null);
    }

    @Benchmark
    public void plainEngine(Blackhole bh) {
        for (TrailingConfig c : grid) {
            bh.consume(Backtest.run(bars, entries, c, IntrabarOrder.OHLC, null, prints));
        }
    }
}
