package io.ratchet.bench;

import io.ratchet.backtest.account.AccountFigures;
import io.ratchet.backtest.account.AccountSpec;
import io.ratchet.backtest.entry.Entries;
import io.ratchet.backtest.sweep.GridSpec;
import io.ratchet.backtest.account.Account;
import io.ratchet.backtest.account.Days;
import io.ratchet.backtest.sweep.RankBy;
import io.ratchet.backtest.sweep.Sweep;
import io.ratchet.backtest.sweep.SweepKernel;
import io.ratchet.backtest.sweep.SweepResult;
import io.ratchet.backtest.sweep.Trades;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import io.ratchet.engine.Bars;
import io.ratchet.engine.Direction;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.Mode;
import io.ratchet.engine.RunSummary;
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
 * The README's sweep (114 configurations, an entry a day, a 70/30 split) on a year of hourly
 * bars, with and without the account layer, in one run: the same bars, entries and grid.
 * {@code kernelOnly} is what a sweep cost before account figures (the kernel and the per-trade
 * statistics of both parts, each configuration's trades handed over and dropped, as {@code Sweep}
 * does); {@code withAccount} adds every configuration's account on both parts, from the same
 * trades; {@code fullSweep} is {@code Sweep.run} as the CLI calls it, with PBO (12,870 CSCV
 * combinations), the deflated Sharpe ratio and the neighbourhood on top. {@code accountOnly} and
 * {@code daysOnly} split {@code withAccount}'s extra cost: every configuration's account on both
 * parts from trades kept in setup, and the days and close blocks of both parts built again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SweepAccountBench {
    /** Worker threads: 1 isolates the cost; all cores is what the CLI uses. */
    @Param({"1", "2"})
    int threads;

    Bars bars;
    Entries entries;
    List<TrailingConfig> grid;
    TrailingConfig[] g;
    int cut;
    Bars[] parts;
    Days[] days;
    Trades[][] trades;

    @Setup(Level.Trial)
    public void setup() {
        KlineSeries s = SyntheticKlines.randomWalk("SYN", Interval.H1, 8760, 7);
        bars = s.bars();
        entries = Entries.every(24, 0, bars.to(), Direction.LONG);
        grid = new ArrayList<>();
        grid.addAll(Sweep.grid(List.of(Mode.PROFIT_LOCK), GridSpec.parse("--trail", "0.1:0.9:0.1", false), new double[] {0, 0.01, 0.02},
                new double[] {Double.NaN, 0.03}, 0, 0.001, 0));
        grid.addAll(Sweep.grid(List.of(Mode.PERCENT), GridSpec.parse("--trail", "0.01:0.1:0.01", false), new double[] {0, 0.01, 0.02},
                new double[] {Double.NaN, 0.03}, 0, 0.001, 0));
        g = grid.toArray(new TrailingConfig[0]);
        cut = (int) Math.round(0.7 * bars.size());
        parts = new Bars[] {bars.slice(0, cut), bars.slice(cut, bars.to())};
        days = new Days[parts.length];
        trades = new Trades[parts.length][g.length];
        for (int p = 0; p < parts.length; p++) {
            Trades[] kept = trades[p];
            days[p] = Days.of(parts[p]);
            SweepKernel.forEach(parts[p], entries.within(parts[p].from(), parts[p].to()), g, IntrabarOrder.ADVERSE_FIRST, null, 1, null,
                    (c, t) -> kept[c] = t.copy());
        }
    }

    /**
     * The two parts as a sweep walks them: the kernel hands each configuration's trades over
     * ({@code SweepKernel.forEach}), and the sweep reads its per-trade statistics and, with
     * {@code account}, its account from them, in parallel over configurations, keeping none.
     */
    private void sweep(boolean account, Blackhole bh) {
        for (Bars part : new Bars[] {bars.slice(0, cut), bars.slice(cut, bars.to())}) {
            Entries in = entries.within(part.from(), part.to());
            Days days = account ? Days.of(part) : null;
            RunSummary[] s = new RunSummary[g.length];
            AccountFigures[] a = new AccountFigures[g.length];
            SweepKernel.forEach(part, in, g, IntrabarOrder.ADVERSE_FIRST, null, threads, null, (c, t) -> {
                s[c] = t.summary();
                if (account) {
                    a[c] = Account.figures(part, days, t, AccountSpec.DEFAULT, null);
                }
            });
            bh.consume(s);
            bh.consume(a);
        }
    }

    @Benchmark
    public void kernelOnly(Blackhole bh) {
        sweep(false, bh);
    }

    @Benchmark
    public void withAccount(Blackhole bh) {
        sweep(true, bh);
    }

    @Benchmark
    public void accountOnly(Blackhole bh) {
        for (int p = 0; p < parts.length; p++) {
            for (int c = 0; c < g.length; c++) {
                bh.consume(Account.figures(parts[p], days[p], trades[p][c], AccountSpec.DEFAULT, null));
            }
        }
    }

    @Benchmark
    public void daysOnly(Blackhole bh) {
        bh.consume(Days.of(bars.slice(0, cut)));
        bh.consume(Days.of(bars.slice(cut, bars.to())));
    }

    @Benchmark
    public SweepResult fullSweep() {
        return Sweep.run(bars, entries, grid, new Sweep.Options(IntrabarOrder.ADVERSE_FIRST, null, threads, RankBy.SHARPE, 0.7, 0,
                false, AccountSpec.DEFAULT, 16), null);
    }
}
