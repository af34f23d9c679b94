package io.ratchet.backtest.sweep;

import io.ratchet.backtest.account.Account;
import io.ratchet.backtest.account.AccountFigures;
import io.ratchet.backtest.account.AccountSpec;
import io.ratchet.backtest.account.Days;
import io.ratchet.backtest.account.Positions;
import io.ratchet.backtest.entry.Entries;
import io.ratchet.backtest.robust.DeflatedSharpe;
import io.ratchet.backtest.robust.Neighbourhood;
import io.ratchet.backtest.robust.Pbo;
import io.ratchet.backtest.robust.Robustness;
import io.ratchet.engine.Bars;
import io.ratchet.engine.DetailIndex;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.TradePrints;
import io.ratchet.engine.TrailingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Scores every configuration of a grid with the kernel, in sample and out of sample, per
 * trade and through the account. Out-of-sample parts are walked on their own bars: a
 * position opened in-sample ends at the end of in-sample data, so no in-sample score sees a
 * later price.
 */
public final class Sweep {
    private Sweep() {
    }

    /**
     * @param split       share of time in sample, in (0, 1), or NaN for none
     * @param walkForward number of train/test windows, or 0 for none
     * @param anchored    walk-forward training from the start of the data (else rolling: the previous part only)
     * @param account     the account every configuration's trades run through
     * @param pboBlocks   blocks of time for the probability of backtest overfitting
     * @param prints      the trades under the bars for the tick-exact walk, or null
     */
    public record Options(IntrabarOrder order, DetailIndex detail, int threads, RankBy rankBy, double split, int walkForward,
                          boolean anchored, AccountSpec account, int pboBlocks, TradePrints prints) {
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
            if (anchored && walkForward == 0) {
                throw new IllegalArgumentException("--anchored: only with --walk-forward K");
            }
            if (pboBlocks < 2 || pboBlocks % 2 != 0 || pboBlocks > 24) {
                throw new IllegalArgumentException("--pbo-blocks: an even number from 2 to 24, got " + pboBlocks);
            }
        }

        public Options(IntrabarOrder order, DetailIndex detail, int threads, RankBy rankBy, double split, int walkForward,
                       boolean anchored, AccountSpec account, int pboBlocks) {
            this(order, detail, threads, rankBy, split, walkForward, anchored, account, pboBlocks, null);
        }

        public Options(IntrabarOrder order, DetailIndex detail, int threads, RankBy rankBy, double split, int walkForward) {
            this(order, detail, threads, rankBy, split, walkForward, false, AccountSpec.DEFAULT, 16);
        }
    }

    /**
     * One range of bars scored: each configuration's statistics and account. The trades are
     * not kept (that would be configurations x entries); the few that are needed again (a
     * pick's) are walked again by the kernel.
     */
    private record Part(Bars bars, Entries entries, RunSummary[] summaries, AccountFigures[] accounts, SweepKernel.Kept kept, double[][] daily) {
        Part(Bars bars, Entries entries, RunSummary[] summaries, AccountFigures[] accounts) {
            this(bars, entries, summaries, accounts, null, null);
        }

        /** Configuration {@code c}'s daily account returns: kept from the sweep's own walk if they were, else walked again. */
        double[] daily(int c, Trades trades, Options o) {
            return daily != null ? daily[c] : Sweep.daily(bars, trades, o.account());
        }

        /** Configuration {@code c}'s trades on this part: read back from its group walk if one served it, else walked again. */
        Trades trades(int c, TrailingConfig[] g, Options o) {
            Trades t = kept == null ? null : kept.trades(c);
            return t != null ? t : SweepKernel.trades(bars, entries, g[c], o.order(), o.detail(), o.prints());
        }

        Part dropKept() {
            return new Part(bars, entries, summaries, accounts, null, daily);
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
            Pbo.Blocks blocks = blocks(bars, g.length, o.pboBlocks());
            Part is = part(bars.slice(bars.from(), cut), entries, g, o, progress, blocks, true);
            int[] ranking = rank(is.summaries(), is.accounts(), o.rankBy());
            // The pick's trades before the second part is walked: its group walks are then no longer held.
            Trades pickTrades = is.trades(ranking[0], g, o);
            is = is.dropKept();
            Part oos = part(bars.slice(cut, bars.to()), entries, g, o, progress, blocks, false);
            return new SweepResult(grid, o.rankBy(), is.summaries(), oos.summaries(), ranking, cut < bars.to() ? bars.openTime()[cut] : 0,
                    List.of(), null, o.account(), is.accounts(), oos.accounts(), null, robustness(is, pickTrades, g, grid, ranking, o, blocks), false);
        }
        Part all = part(bars, entries, g, o, progress, null, true);
        int[] ranking = rank(all.summaries(), all.accounts(), o.rankBy());
        Trades pickTrades = all.trades(ranking[0], g, o);
        return new SweepResult(grid, o.rankBy(), all.summaries(), null, ranking, 0, List.of(), null, o.account(), all.accounts(), null, null,
                robustness(all, pickTrades, g, grid, ranking, o, null), false);
    }

    /**
     * {@code K} windows over {@code K + 1} equal parts of time: window {@code w} tests on part
     * {@code w} and trains on part {@code w - 1} (rolling) or on parts {@code 0..w-1} (anchored).
     * Test parts are disjoint from each other and from their own training, and the pooled out
     * of sample is the test parts only, each traded with its own window's pick. The pick to
     * trade next is the best on the latest training range: the last part (rolling), or all of
     * it (anchored).
     */
    private static SweepResult walkForward(Bars bars, Entries entries, List<TrailingConfig> grid, TrailingConfig[] g, Options o, AtomicLong progress) {
        int k = o.walkForward();
        int chunks = k + 1;
        if (bars.size() < 2 * chunks) {
            throw new IllegalArgumentException("--walk-forward " + k + ": " + bars.size() + " bars are too few for " + chunks + " parts");
        }
        int[] edge = new int[chunks + 1];
        for (int m = 0; m <= chunks; m++) {
            edge[m] = bars.from() + (int) Math.round((double) m * bars.size() / chunks);
        }
        for (int m = 0; m < chunks; m++) {
            requireEntries(entries, edge[m], edge[m + 1], "--walk-forward " + k + ": part " + (m + 1) + " of " + chunks + " ("
                    + (edge[m + 1] - edge[m]) + " bars of " + bars.size() + ")");
        }
        Pbo.Blocks blocks = blocks(bars, g.length, o.pboBlocks());
        Bars[] slice = new Bars[chunks];
        Entries[] in = new Entries[chunks];
        Days[] days = new Days[chunks];
        RunSummary[][] summary = new RunSummary[chunks][g.length];
        AccountFigures[][] account = new AccountFigures[chunks][g.length];
        for (int m = 0; m < chunks; m++) {
            slice[m] = bars.slice(edge[m], edge[m + 1]);
            in[m] = entries.within(slice[m].from(), slice[m].to());
            days[m] = Days.of(slice[m]);
        }
        Bars tested = bars.slice(edge[1], edge[chunks]);
        Days testDays = Days.of(tested);
        RunSummary[] oos = new RunSummary[g.length];
        AccountFigures[] oosAccount = new AccountFigures[g.length];
        // Each configuration walks the parts in order in one task: its test parts are pooled as they come, then dropped.
        java.util.Map<Integer, Trades> pooling = new java.util.concurrent.ConcurrentHashMap<>();
        SweepKernel.forEach(slice, in, g, o.order(), o.detail(), o.prints(), o.threads(), progress, (c, m, t) -> {
            summary[m][c] = t.summary();
            account[m][c] = Account.figures(slice[m], days[m], t, o.account(), new DayReturns(blocks, c, null));
            if (m >= 1) {
                Trades pool = pooling.computeIfAbsent(c, x -> new Trades());
                pool.append(t);
                if (m == k) {
                    oos[c] = pool.summary();
                    oosAccount[c] = Account.figures(tested, testDays, pool, o.account(), new DayReturns(null, c, null));
                    pooling.remove(c);
                }
            }
        });
        Part[] part = new Part[chunks];
        for (int m = 0; m < chunks; m++) {
            part[m] = new Part(slice[m], in[m], summary[m], account[m]);
        }
        List<Window> windows = new ArrayList<>();
        List<Positions> pickTrades = new ArrayList<>();
        Trades picked = new Trades();
        for (int w = 1; w <= k; w++) {
            Part train = o.anchored() ? part(bars.slice(edge[0], edge[w]), entries, g, o, null, null, false) : part[w - 1];
            int pick = rank(train.summaries(), train.accounts(), o.rankBy())[0];
            Part test = part[w];
            windows.add(new Window(bars.openTime()[train.bars().from()], bars.openTime()[edge[w] - 1] + 1, bars.openTime()[edge[w]],
                    bars.openTime()[edge[w + 1] - 1] + 1, pick, train.summaries()[pick], test.summaries()[pick], train.accounts()[pick],
                    test.accounts()[pick]));
            Trades t = SweepKernel.trades(test.bars(), test.entries(), g[pick], o.order(), o.detail(), o.prints());
            pickTrades.add(t);
            picked.append(t);
        }
        RunSummary wf = picked.summary();
        AccountFigures wfAccount = Account.figures(tested, testDays, Positions.concat(pickTrades), o.account(), new DayReturns(null, 0, null));
        Part latest = o.anchored() ? part(bars, entries, g, o, null, null, true) : part[k];
        int[] ranking = rank(latest.summaries(), latest.accounts(), o.rankBy());
        Trades latestPick = latest.trades(ranking[0], g, o);
        return new SweepResult(grid, o.rankBy(), latest.summaries(), oos, ranking, 0, List.copyOf(windows), wf, o.account(), latest.accounts(),
                oosAccount, wfAccount, robustness(latest, latestPick, g, grid, ranking, o, blocks), o.anchored());
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

    /** The most daily returns a part keeps (every configuration's, to read the pick's without a second account walk): 32 MB. */
    private static final long KEEP_DAYS = 4L << 20;

    /**
     * {@code keep}: whether the part keeps its group walks and (if they are few enough) every
     * configuration's daily account returns, to read its pick's trades and daily returns again
     * without walking them.
     */
    private static Part part(Bars slice, Entries entries, TrailingConfig[] g, Options o, AtomicLong progress, Pbo.Blocks blocks, boolean keep) {
        Entries in = entries.within(slice.from(), slice.to());
        Days days = Days.of(slice);
        RunSummary[] summaries = new RunSummary[g.length];
        AccountFigures[] accounts = new AccountFigures[g.length];
        double[][] daily = keep && (long) g.length * days.count() <= KEEP_DAYS ? new double[g.length][] : null;
        SweepKernel.Sink sink = (c, t) -> {
            summaries[c] = t.summary();
            double[] kept = daily == null ? null : new double[days.count()];
            accounts[c] = Account.figures(slice, days, t, o.account(), new DayReturns(blocks, c, kept));
            if (daily != null) {
                daily[c] = kept;
            }
        };
        if (!keep) {
            SweepKernel.forEach(slice, in, g, o.order(), o.detail(), o.prints(), o.threads(), progress, sink);
            return new Part(slice, in, summaries, accounts);
        }
        return new Part(slice, in, summaries, accounts, SweepKernel.forEachKept(slice, in, g, o.order(), o.detail(), o.prints(), o.threads(),
                progress, sink), daily);
    }

    /**
     * The day sink of every account walk of a sweep (one class, so the compiled walk never meets
     * another): each day's return added to the configuration's row of the blocks, if any, and
     * kept in order, if asked (as {@link Account#run} keeps them: {@code daily()}).
     */
    private static final class DayReturns implements Account.DailySink {
        private final Pbo.Blocks blocks;
        private final int config;
        private final double[] kept;
        private int next;

        DayReturns(Pbo.Blocks blocks, int config, double[] kept) {
            this.blocks = blocks;
            this.config = config;
            this.kept = kept;
        }

        @Override
        public void day(long epochDay, double ret) {
            if (blocks != null) {
                blocks.add(config, epochDay, ret);
            }
            if (kept != null) {
                kept[next++] = ret;
            }
        }
    }

    /**
     * Every configuration's account over the kernel's trades, in parallel over configurations;
     * each adds its daily returns to its own row of {@code blocks} (if given).
     */
    public static AccountFigures[] accounts(Bars slice, KernelResult k, TrailingConfig[] g, AccountSpec spec, int threads, Pbo.Blocks blocks) {
        Days days = Days.of(slice);
        AccountFigures[] out = new AccountFigures[g.length];
        parallel(threads, g.length, c -> out[c] = Account.figures(slice, days, Positions.of(k, c, g[c]), spec,
                blocks == null ? null : (day, ret) -> blocks.add(c, day, ret)));
        return out;
    }

    private static Pbo.Blocks blocks(Bars bars, int configs, int s) {
        long first = Math.floorDiv(bars.openTime()[bars.from()], 86_400_000L);
        long last = Math.floorDiv(bars.openTime()[bars.to() - 1], 86_400_000L);
        return new Pbo.Blocks(configs, s, first, last);
    }

    /**
     * PBO over the blocks (when there is out-of-sample data), the deflated Sharpe ratio of the
     * pick on the range it was picked on, and its neighbourhood in the grid.
     */
    private static Robustness robustness(Part picked, Trades trades, TrailingConfig[] g, List<TrailingConfig> grid, int[] ranking, Options o,
                                         Pbo.Blocks blocks) {
        int pick = ranking[0];
        double[] daily = picked.daily(pick, trades, o);
        double[] m = DeflatedSharpe.moments(daily);
        int finite = 0;
        double mean = 0;
        double m2 = 0;
        for (AccountFigures a : picked.accounts()) {
            double sr = a.sharpe() / Math.sqrt(365);
            if (sr == sr) {
                finite++;
                double d = sr - mean;
                mean += d / finite;
                m2 += d * (sr - mean);
            }
        }
        double var = finite > 1 ? m2 / (finite - 1) : 0;
        double dsr = DeflatedSharpe.probability(m[1], g.length, var, daily.length, m[2], m[3]);
        Pbo.Result pbo = blocks == null ? null : Pbo.of(blocks);
        RankBy by = o.rankBy();
        Neighbourhood nb = Neighbourhood.of(grid, ranking, c -> by.score(picked.summaries()[c], picked.accounts()[c]));
        return new Robustness(pbo, dsr, g.length, m[1] * Math.sqrt(365), DeflatedSharpe.expectedMax(g.length, var) * Math.sqrt(365), nb);
    }

    /**
     * Every UTC day's return of {@code p}'s account on {@code bars}, as {@link Account#run} gives
     * them ({@code daily()}): the figures' walk hands each day's return over in order, to the
     * day sink every account walk of a sweep has.
     */
    static double[] daily(Bars bars, Positions p, AccountSpec spec) {
        Days days = Days.of(bars);
        double[] daily = new double[days.count()];
        Account.figures(bars, days, p, spec, new DayReturns(null, 0, daily));
        return daily;
    }

    static void parallel(int threads, int n, IntConsumer body) {
        Parallel.forEach(threads, n, body);
    }

    /** Indices best first on the per-trade statistics; ties keep grid order. */
    static int[] rank(RunSummary[] s, RankBy by) {
        return rank(s, null, by);
    }

    /** Indices best first; ties keep grid order. {@code a} may be null (account figures then rank as undefined). */
    public static int[] rank(RunSummary[] s, AccountFigures[] a, RankBy by) {
        double[] score = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            score[i] = by.score(s[i], a == null ? null : a[i]);
        }
        return IntStream.range(0, s.length).boxed().sorted((x, y) -> by.compare(score[x], score[y])).mapToInt(Integer::intValue).toArray();
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
