package io.ratchet.backtest.sweep;

import io.ratchet.backtest.entry.Entries;
import io.ratchet.engine.Bars;
import io.ratchet.engine.DetailIndex;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.TrailingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Scores every configuration of a grid with the kernel, in sample and out of sample.
 * Out-of-sample parts are walked on their own bars: a position opened in-sample ends at
 * the end of in-sample data, so no in-sample score sees a later price.
 */
public final class Sweep {
    private Sweep() {
    }

    /**
     * @param split       share of time in sample, in (0, 1), or NaN for none
     * @param walkForward number of rolling train/test windows, or 0 for none
     */
    public record Options(IntrabarOrder order, DetailIndex detail, int threads, RankBy rankBy, double split, int walkForward) {
        public Options {
            if (split == split && !(split > 0 && split < 1)) {
                throw new IllegalArgumentException("--split: must be in (0, 1), got " + split);
            }
            if (walkForward < 0) {
                throw new IllegalArgumentException("--walk-forward: must be at least 1, got " + walkForward);
            }
            if (split == split && walkForward > 0) {
                throw new IllegalArgumentException("give --split or --walk-forward, not both");
            }
        }
    }

    public static SweepResult run(Bars bars, Entries entries, List<TrailingConfig> grid, Options o, AtomicLong progress) {
        TrailingConfig[] g = grid.toArray(new TrailingConfig[0]);
        if (o.walkForward() > 0) {
            return walkForward(bars, entries, grid, g, o, progress);
        }
        if (o.split() == o.split()) {
            int cut = bars.from() + (int) Math.round(o.split() * bars.size());
            String given = "--split " + java.math.BigDecimal.valueOf(o.split()).stripTrailingZeros().toPlainString();
            requireEntries(entries, bars.from(), cut, given + ": the in-sample part (the first " + (cut - bars.from()) + " bars)");
            requireEntries(entries, cut, bars.to(), given + ": the out-of-sample part (the last " + (bars.to() - cut) + " bars)");
            KernelResult is = SweepKernel.run(bars.slice(bars.from(), cut), entries.within(bars.from(), cut), g, o.order(), o.detail(), o.threads(), progress);
            KernelResult oos = SweepKernel.run(bars.slice(cut, bars.to()), entries.within(cut, bars.to()), g, o.order(), o.detail(), o.threads(), progress);
            RunSummary[] a = summaries(is);
            return new SweepResult(grid, o.rankBy(), a, summaries(oos), rank(a, o.rankBy()),
                    cut < bars.to() ? bars.openTime()[cut] : 0, List.of(), null);
        }
        KernelResult all = SweepKernel.run(bars, entries, g, o.order(), o.detail(), o.threads(), progress);
        RunSummary[] a = summaries(all);
        return new SweepResult(grid, o.rankBy(), a, null, rank(a, o.rankBy()), 0, List.of(), null);
    }

    private static SweepResult walkForward(Bars bars, Entries entries, List<TrailingConfig> grid, TrailingConfig[] g, Options o, AtomicLong progress) {
        int k = o.walkForward();
        int chunks = k + 1;
        int[] edge = new int[chunks + 1];
        for (int m = 0; m <= chunks; m++) {
            edge[m] = bars.from() + (int) Math.round((double) m * bars.size() / chunks);
        }
        for (int m = 0; m < chunks; m++) {
            requireEntries(entries, edge[m], edge[m + 1], "--walk-forward " + k + ": part " + (m + 1) + " of " + chunks + " ("
                    + (edge[m + 1] - edge[m]) + " bars of " + bars.size() + ")");
        }
        KernelResult[] part = new KernelResult[chunks];
        for (int m = 0; m < chunks; m++) {
            part[m] = SweepKernel.run(bars.slice(edge[m], edge[m + 1]), entries.within(edge[m], edge[m + 1]), g, o.order(), o.detail(),
                    o.threads(), progress);
        }
        RunSummary[] is = new RunSummary[g.length];
        RunSummary[] oos = new RunSummary[g.length];
        for (int c = 0; c < g.length; c++) {
            is[c] = pooled(part, 0, k, c);
            oos[c] = pooled(part, 1, chunks, c);
        }
        List<Window> windows = new ArrayList<>();
        List<double[]> r = new ArrayList<>();
        List<long[]> exit = new ArrayList<>();
        List<long[]> entry = new ArrayList<>();
        for (int w = 1; w <= k; w++) {
            RunSummary[] train = summaries(part[w - 1]);
            int pick = rank(train, o.rankBy())[0];
            KernelResult test = part[w];
            windows.add(new Window(bars.openTime()[edge[w - 1]], bars.openTime()[edge[w] - 1] + 1, bars.openTime()[edge[w]],
                    bars.openTime()[edge[w + 1] - 1] + 1, pick, train[pick], test.summary(pick)));
            r.add(test.returns(pick));
            exit.add(test.exitTimes(pick));
            entry.add(test.entryTimes());
        }
        RunSummary wf = RunSummary.of(concat(r), concatL(exit), concatL(entry), r.stream().mapToInt(a -> a.length).sum());
        return new SweepResult(grid, o.rankBy(), is, oos, rank(is, o.rankBy()), 0, List.copyOf(windows), wf);
    }

    /**
     * A part with no entry has no trade: its score would be no evidence at all, yet a verdict
     * would be drawn from it. Refused, with the part named, so the user picks a split that fits.
     */
    private static void requireEntries(Entries entries, int from, int to, String part) {
        if (to <= from || entries.within(from, to).size() == 0) {
            throw new IllegalArgumentException(part + " has no entry, so no trade to score; choose a split that leaves entries on both sides"
                    + " (fewer windows, a split nearer 0.5, or more frequent entries)");
        }
    }

    private static RunSummary pooled(KernelResult[] part, int from, int to, int c) {
        List<double[]> r = new ArrayList<>();
        List<long[]> exit = new ArrayList<>();
        List<long[]> entry = new ArrayList<>();
        for (int m = from; m < to; m++) {
            r.add(part[m].returns(c));
            exit.add(part[m].exitTimes(c));
            entry.add(part[m].entryTimes());
        }
        double[] all = concat(r);
        return RunSummary.of(all, concatL(exit), concatL(entry), all.length);
    }

    static RunSummary[] summaries(KernelResult k) {
        RunSummary[] out = new RunSummary[k.configs()];
        for (int c = 0; c < out.length; c++) {
            out[c] = k.summary(c);
        }
        return out;
    }

    /** Indices best first; ties keep grid order. */
    static int[] rank(RunSummary[] s, RankBy by) {
        return IntStream.range(0, s.length).boxed().sorted((a, b) -> by.order().compare(s[a], s[b])).mapToInt(Integer::intValue).toArray();
    }

    private static double[] concat(List<double[]> parts) {
        double[] out = new double[parts.stream().mapToInt(a -> a.length).sum()];
        int p = 0;
        for (double[] a : parts) {
            System.arraycopy(a, 0, out, p, a.length);
            p += a.length;
        }
        return out;
    }

    private static long[] concatL(List<long[]> parts) {
        long[] out = new long[parts.stream().mapToInt(a -> a.length).sum()];
        int p = 0;
        for (long[] a : parts) {
            System.arraycopy(a, 0, out, p, a.length);
            p += a.length;
        }
        return out;
    }

    /** Every combination, in grid order: mode, then trail, activation, initial stop. */
    public static List<TrailingConfig> grid(List<io.ratchet.engine.Mode> modes, double[] trails, double[] activations, double[] initialStops,
                                            int maxBars, double fee, double slippage) {
        List<TrailingConfig> out = new ArrayList<>();
        for (io.ratchet.engine.Mode m : modes) {
            for (double t : trails) {
                for (double a : activations) {
                    for (double s : initialStops) {
                        out.add(new TrailingConfig(m, t, a, s, maxBars, fee, slippage));
                    }
                }
            }
        }
        return out;
    }
}
