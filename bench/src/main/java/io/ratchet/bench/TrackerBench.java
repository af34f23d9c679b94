package io.ratchet.bench;

import io.ratchet.engine.Direction;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.engine.TrailingStop;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The live hot path: one price through a {@link TrailingStop}, as the runner feeds trades.
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per price
 * (0: nothing). The baseline is the least any tracker must do: a running maximum.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TrackerBench {
    static final int N = 4096;
    double[] prices;
    TrailingStop stop;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom r = new SplittableRandom(1);
        prices = new double[N];
        double p = 30_000;
        for (int i = 0; i < N; i++) {
            p *= 1 + r.nextGaussian() * 0.0002 + 0.00002; // a slow rise: few hits, many ratchets
            prices[i] = p;
        }
        stop = new TrailingStop(new TrailingConfig(Mode.PERCENT, 0.05, 0, 0.1, 0, 0.001, 0));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double trackerPerPrice() {
        stop.open(Direction.LONG, prices[0], 0);
        for (int i = 1; i < N && stop.isOpen(); i++) {
            stop.onPrice(i, prices[i]);
        }
        return stop.stop();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double baselineRunningMax() {
        double peak = prices[0];
        for (int i = 1; i < N; i++) {
            peak = Math.max(peak, prices[i]);
        }
        return peak;
    }
}
