package io.ratchet.backtest.sweep;

import io.ratchet.backtest.entry.Entries;
import io.ratchet.engine.Bars;
import io.ratchet.engine.DetailIndex;
import io.ratchet.engine.ExitReason;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.Mode;
import io.ratchet.engine.Returns;
import io.ratchet.engine.TradePrints;
import io.ratchet.engine.TrailingConfig;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scores many configurations over the same entries, and must give exactly {@code BarWalker}'s
 * trades (a property test holds it to that, bit for bit). Two walks:
 *
 * <ul>
 *   <li>{@code percent} trails without activation or initial stop (four-point orders), six or
 *       more in a group: {@link PercentGroupWalk}, bars outer, every trail and every open
 *       position of a direction at once; positions that reach the same extreme are walked as one
 *       from then on, so the cost does not grow with holding time, entry density or the number
 *       of trails, and no (configuration, entry) trade is kept: each configuration's are read
 *       back from the walk when it is handed over.</li>
 *   <li>other {@code percent} configurations (four-point orders): {@link PercentWalk}, one
 *       configuration at a time, bars outer, every open position of a direction walked at once
 *       as cohorts that share their extreme: the cost is per bar and per entry, whatever the
 *       holding time.</li>
 *   <li>the others ({@code profit-lock}, {@code detail}, and trades): entries outer, each entry walked
 *       until the last configuration of its group exits, the configurations inner. Every
 *       configuration's stop is a monotone function of the shared extreme {@code P}, so a new
 *       extreme costs nothing per configuration; configurations that differ only in trail are
 *       ordered by their stops at every {@code P}: per point the walk looks at the tightest open
 *       one of each group, and a hit closes a prefix.</li>
 * </ul>
 *
 * <p>On trades ({@link TradePrints}, the contract's "Trades (tick-exact)"): a bar with trades
 * is walked trade by trade, each a point reached by a jump, a hit triggering at the trade's
 * price and stamped with its time; a bar whose trades all lie inside (nearest stop, extreme]
 * is skipped whole, as a bar is; a bar with no trade is walked as a bar.
 *
 * <p>A pure function of (bars, entries, grid): no state survives a call, so a sweep too
 * large for one machine can be split by symbol and time window.
 */
public final class SweepKernel {
    private SweepKernel() {
    }

    /** Receives one configuration's trades; called from worker threads, the trades are valid during the call only. */
    public interface Sink {
        void accept(int config, Trades trades);
    }

    /**
     * Walks every configuration and hands each one's trades to {@code sink}, then forgets them:
     * a sweep's memory is its per-configuration figures plus one configuration's trades per
     * worker. {@code percent} configurations (without {@code detail} or trades) are walked bars outer,
     * one at a time ({@link PercentWalk}); the others group by group, entries outer.
     *
     * @param detail   lower-timeframe bars for {@link IntrabarOrder#DETAIL}, else null
     * @param threads  worker threads; configurations (or groups) are split among them
     * @param progress counts entries, the range's entries once over the whole grid (may be null)
     */
    public static void forEach(Bars bars, Entries entries, TrailingConfig[] configs, IntrabarOrder order, DetailIndex detail,
                               int threads, AtomicLong progress, Sink sink) {
        forEach(bars, entries, configs, order, detail, null, threads, progress, sink);
    }

    /**
     * As {@link #forEach(Bars, Entries, TrailingConfig[], IntrabarOrder, DetailIndex, int, AtomicLong, Sink)};
     * with {@code prints}, the tick-exact walk (each bar with trades walked trade by trade, a bar
     * without in {@code order}), as {@code BarWalker} with the same prints.
     */
    public static void forEach(Bars bars, Entries entries, TrailingConfig[] configs, IntrabarOrder order, DetailIndex detail,
                               TradePrints prints, int threads, AtomicLong progress, Sink sink) {
        forEach(new Bars[] {bars}, new Entries[] {entries}, configs, order, detail, prints, threads, progress, (c, r, t) -> sink.accept(c, t));
    }

    /** Receives one configuration's trades on one of several ranges; a configuration's ranges come in order. */
    public interface RangeSink {
        void accept(int config, int range, Trades trades);
    }

    /**
     * As {@link #forEach(Bars, Entries, TrailingConfig[], IntrabarOrder, DetailIndex, int, AtomicLong, Sink)}
     * over several ranges (each with its own entries), one range after the other: a
     * configuration's ranges reach the sink in order, so it can pool them without keeping the grid's.
     */
    public static void forEach(Bars[] ranges, Entries[] rangeEntries, TrailingConfig[] configs, IntrabarOrder order, DetailIndex detail,
                               int threads, AtomicLong progress, RangeSink sink) {
        forEach(ranges, rangeEntries, configs, order, detail, null, threads, progress, sink);
    }

    /** As the one above; {@code prints} (may be null) are the trades under the bars, for the tick-exact walk. */
    public static void forEach(Bars[] ranges, Entries[] rangeEntries, TrailingConfig[] configs, IntrabarOrder order, DetailIndex detail,
                               TradePrints prints, int threads, AtomicLong progress, RangeSink sink) {
        forEach(ranges, rangeEntries, configs, order, detail, prints, threads, progress, sink, null);
    }

    /**
     * As {@link #forEach(Bars, Entries, TrailingConfig[], IntrabarOrder, DetailIndex, TradePrints, int, AtomicLong, Sink)},
     * and keeps what lets a configuration's trades be read again without a second walk (a
     * sweep's pick): the group walks ({@link PercentGroupWalk}), tens of MB for a year of 1m
     * bars with an entry at every bar, held by the returned {@link Kept} only.
     */
    public static Kept forEachKept(Bars bars, Entries entries, TrailingConfig[] configs, IntrabarOrder order, DetailIndex detail,
                                   TradePrints prints, int threads, AtomicLong progress, Sink sink) {
        Kept kept = new Kept(bars, entries, configs, order, detail, prints, threads);
        forEach(new Bars[] {bars}, new Entries[] {entries}, configs, order, detail, prints, threads, progress, (c, r, t) -> sink.accept(c, t),
                kept.walks);
        return kept;
    }

    /** What {@link #forEachKept} kept of a grid's walk: each configuration a group walk served can be read back from it. */
    public static final class Kept {
        private final Bars bars;
        private final Entries entries;
        private final TrailingConfig[] configs;
        private final IntrabarOrder order;
        private final DetailIndex detail;
        private final TradePrints prints;
        private final int threads;
        final java.util.List<PercentGroupWalk> walks = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        private Kept(Bars bars, Entries entries, TrailingConfig[] configs, IntrabarOrder order, DetailIndex detail, TradePrints prints,
                     int threads) {
            this.bars = bars;
            this.threads = threads;
            this.entries = entries;
            this.configs = configs;
            this.order = order;
            this.detail = detail;
            this.prints = prints;
        }

        /**
         * Configuration {@code c}'s trades (an index into the grid walked), read back from its
         * group walk: the same trades as {@link SweepKernel#trades} (which then returns these
         * for the same arguments), or null if no group walk served it.
         */
        public Trades trades(int c) {
            synchronized (walks) {
                for (PercentGroupWalk w : walks) {
                    for (int i = 0; i < w.size(); i++) {
                        if (w.config[i] == c) {
                            Trades t = new Trades();
                            t.reset(bars, entries, configs[c]);
                            // The columns a sweep reads, and those it left (exit times, prices, extremes), on two cores: each pass
                            // has a cursor and columns of its own (a year of 1m bars at every bar: about 45 ms each).
                            int trail = i;
                            t.use(configs[c]);
                            Parallel.forEach(threads, 2, pass -> {
                                if (pass == 0) {
                                    w.expand(w.cursor(trail), trail, configs[c], t);
                                } else {
                                    w.complete(t, trail);
                                }
                            });
                            t.written();
                            lastWalked = new Walked(bars, entries, configs[c], order, detail, prints, t);
                            return t;
                        }
                    }
                }
            }
            return null;
        }
    }

    private static void forEach(Bars[] ranges, Entries[] rangeEntries, TrailingConfig[] configs, IntrabarOrder order, DetailIndex detail,
                                TradePrints prints, int threads, AtomicLong progress, RangeSink sink, java.util.List<PercentGroupWalk> keep) {
        if (order == IntrabarOrder.DETAIL && detail == null) {
            throw new IllegalArgumentException("intrabar detail needs lower-timeframe bars");
        }
        long pairs = 0;
        for (Entries e : rangeEntries) {
            pairs += (long) e.size() * configs.length;
        }
        Progress p = progress == null ? null : new Progress(progress, pairs, configs.length);
        for (int r = 0; r < ranges.length; r++) {
            int range = r;
            forRange(ranges[r], rangeEntries[r], configs, order, detail, prints, threads, p, (c, t) -> sink.accept(c, range, t), keep);
        }
    }

    /** Entries done, counted as (configuration, entry) pairs over the grid's size. */
    private static final class Progress {
        final AtomicLong out;
        final AtomicLong pairs = new AtomicLong();
        final long configs;

        Progress(AtomicLong out, long total, long configs) {
            this.out = out;
            this.configs = configs;
        }

        void add(long n) {
            long after = pairs.addAndGet(n);
            out.addAndGet(after / configs - (after - n) / configs);
        }
    }

    /** The smallest group of percent trails walked together ({@link PercentGroupWalk}); measured on a year of 1m bars, an entry at every bar. */
    static final int TOGETHER = 6;

    /** Entries per task of the entries-outer walk. */
    private static final int BLOCK = 64;

    /**
     * One range. Each group of {@code percent} configurations (sharing all but the trail) is
     * first walked for its widest trail alone, which tells how long its positions are held;
     * the group then takes the cheaper walk: entries outer when holding is short next to the
     * bars (cost ~ bars held by the widest trail, shared by the group), else bars outer, one
     * configuration at a time (cost ~ configurations x bars covered, plus the trades). The
     * weights are this machine's measured costs of each (JMH, bench/README.md); both walks are
     * exact, so the choice changes only the time. On trades every group walks entries outer.
     */
    private static void forRange(Bars bars, Entries entries, TrailingConfig[] configs, IntrabarOrder order, DetailIndex detail,
                                 TradePrints prints, int threads, Progress progress, Sink sink, java.util.List<PercentGroupWalk> keep) {
        int n = entries.size();
        java.util.List<int[]> perConfig = new java.util.ArrayList<>();
        java.util.List<int[]> grouped = new java.util.ArrayList<>();
        java.util.List<int[]> together = new java.util.ArrayList<>();
        for (int[] g : groups(configs)) {
            boolean percent = configs[g[0]].mode() == Mode.PERCENT && order != IntrabarOrder.DETAIL && prints == null;
            // The group walk costs about as much as walking six of its trails alone: fewer (a pick walked again) go alone.
            if (percent && PercentGroupWalk.serves(configs[g[0]]) && g.length >= TOGETHER) {
                together.add(g);
                continue;
            }
            if (!percent) {
                grouped.add(g);
                continue;
            }
            if (g.length == 1) {
                perConfig.add(g);
                continue;
            }
            int widest = g[0];
            for (int c : g) {
                widest = configs[c].trail() > configs[widest].trail() ? c : widest;
            }
            Trades t = new Trades();
            t.reset(bars, entries, configs[widest]);
            new PercentWalk().walk(bars, entries, configs[widest], order, t);
            long held = 0;
            long covered = 0;
            int reach = -1;
            for (int e = 0; e < n; e++) {
                held += t.exitBar(e) - t.entryBar(e) + 1;
                int from = Math.max(t.entryBar(e), reach + 1);
                if (t.exitBar(e) >= from) {
                    covered += t.exitBar(e) - from + 1;
                }
                reach = Math.max(reach, t.exitBar(e));
            }
            double entriesOuter = 8.0 * held;
            double barsOuter = 18.0 * g.length * covered + 115.0 * g.length * n;
            if (entriesOuter < barsOuter) {
                grouped.add(g);
                continue;
            }
            sink.accept(widest, t);
            if (progress != null) {
                progress.add(n);
            }
            for (int c : g) {
                if (c != widest) {
                    perConfig.add(new int[] {c});
                }
            }
        }
        Scratches scratch = new Scratches();
        walkTogether(bars, entries, configs, order, together, threads, progress, sink, scratch, keep);
        // Entries-outer groups: the group's trades are kept until every block is walked.
        Trades[][] kept = new Trades[grouped.size()][];
        Grid[] grids = new Grid[grouped.size()];
        java.util.List<int[]> tasks = new java.util.ArrayList<>(); // {-1, config} or {group, first entry}
        for (int[] g : perConfig) {
            tasks.add(new int[] {-1, g[0]});
        }
        for (int x = 0; x < grouped.size(); x++) {
            int[] g = grouped.get(x);
            TrailingConfig[] sub = new TrailingConfig[g.length];
            kept[x] = new Trades[g.length];
            for (int y = 0; y < g.length; y++) {
                sub[y] = configs[g[y]];
                kept[x][y] = new Trades();
                kept[x][y].reset(bars, entries, sub[y]);
            }
            grids[x] = new Grid(sub);
            for (int e = 0; e < n; e += BLOCK) {
                tasks.add(new int[] {x, e});
            }
        }
        Parallel.forEach(threads, tasks.size(), u -> {
            int[] task = tasks.get(u);
            if (task[0] < 0) {
                int c = task[1];
                Scratch s = scratch.take();
                s.trades(0).reset(bars, entries, configs[c]);
                s.percent.walk(bars, entries, configs[c], order, s.trades(0));
                sink.accept(c, s.trades(0));
                scratch.give(s);
                if (progress != null) {
                    progress.add(n);
                }
                return;
            }
            Worker w = new Worker(bars, grids[task[0]], order, detail, prints, kept[task[0]]);
            int end = Math.min(n, task[1] + BLOCK);
            for (int e = task[1]; e < end; e++) {
                w.walk(e, entries.bar()[e], entries.direction()[e].sign());
            }
            if (progress != null) {
                progress.add((long) (end - task[1]) * kept[task[0]].length);
            }
        });
        java.util.List<int[]> handOver = new java.util.ArrayList<>();
        for (int x = 0; x < grouped.size(); x++) {
            for (int y = 0; y < grouped.get(x).length; y++) {
                handOver.add(new int[] {x, y});
            }
        }
        Parallel.forEach(threads, handOver.size(), u -> {
            int[] xy = handOver.get(u);
            sink.accept(grouped.get(xy[0])[xy[1]], kept[xy[0]][xy[1]]);
        });
    }

    /**
     * Groups of {@code percent} trails without activation or initial stop: each walked once for
     * all its trails ({@link PercentGroupWalk}), then read back one configuration at a time, in
     * contiguous runs of trails shared among the threads (a run's reader only moves forward).
     */
    private static void walkTogether(Bars bars, Entries entries, TrailingConfig[] configs, IntrabarOrder order, java.util.List<int[]> given,
                                     int threads, Progress progress, Sink sink, Scratches scratch,
                                     java.util.List<PercentGroupWalk> keep) {
        if (given.isEmpty()) {
            return;
        }
        int n = entries.size();
        java.util.List<int[]> groups = given;
        if (threads > 1) {
            // A group's walk is one thread's, and its cost is mostly its tightest trails' (hit at almost every bar): a large group
            // is walked as two, its tightest eighth and the rest, side by side (measured: 0.13 s and 0.11 s against 0.20 s for
            // 100 trails 0.1%..10% over a year of 1m bars, an entry at every bar).
            java.util.List<int[]> split = new java.util.ArrayList<>();
            for (int[] g : given) {
                if (g.length < 16) {
                    split.add(g);
                    continue;
                }
                int[] byTrail = java.util.Arrays.stream(g).boxed().sorted((x, y) -> Double.compare(configs[x].trail(), configs[y].trail()))
                        .mapToInt(Integer::intValue).toArray();
                split.add(java.util.Arrays.copyOfRange(byTrail, 0, g.length / 8));
                split.add(java.util.Arrays.copyOfRange(byTrail, g.length / 8, g.length));
            }
            groups = split;
        }
        java.util.List<int[]> parts = groups;
        PercentGroupWalk[] walks = new PercentGroupWalk[parts.size()];
        Parallel.forEach(threads, walks.length, x -> walks[x] = new PercentGroupWalk(bars, entries, configs, parts.get(x), order).walk());
        if (keep != null) {
            keep.addAll(java.util.Arrays.asList(walks));
        }
        // Runs of about a quarter of a thread's share each, whatever the group: the groups differ in size (a split one's
        // tightest eighth and the rest), and a configuration costs about the same to read back in any of them.
        int total = 0;
        for (PercentGroupWalk w : walks) {
            total += w.size();
        }
        int chunk = Math.max(1, (total + 4 * threads - 1) / (4 * threads));
        java.util.List<int[]> runs = new java.util.ArrayList<>(); // {group, first trail, end}
        for (int x = 0; x < walks.length; x++) {
            int size = walks[x].size();
            int pieces = threads <= 1 ? 1 : (size + chunk - 1) / chunk;
            for (int q = 0; q < pieces; q++) {
                runs.add(new int[] {x, (int) ((long) size * q / pieces), (int) ((long) size * (q + 1) / pieces)});
            }
        }
        // Tightest first (the most trades to read and account, the most exits), except for one of the widest a thread to start
        // with, on which the read-back and the account are compiled; the others start while the widest end it.
        java.util.List<int[]> queue = new java.util.ArrayList<>();
        int start = Math.min(threads, runs.size() - 1);
        for (int q = 0; q < start; q++) {
            queue.add(runs.get(runs.size() - 1 - q));
        }
        queue.addAll(runs.subList(0, runs.size() - start));
        Parallel.inOrder(threads, queue.size(), u -> {
            int[] run = queue.get(u);
            PercentGroupWalk w = walks[run[0]];
            Scratch s = scratch.take();
            Trades t = s.trades(0);
            t.reset(bars, entries, configs[w.config[run[1]]]);
            PercentGroupWalk.Cursor cur = w.cursor(run[1]);
            for (int i = run[1]; i < run[2]; i++) {
                w.expand(cur, i, configs[w.config[i]], t);
                sink.accept(w.config[i], t);
                if (progress != null) {
                    progress.add(n);
                }
            }
            t.clear(); // the buffers no longer point at the walk
            scratch.give(s);
        });
    }

    /** One configuration's trades on {@code bars}, in entry order: the caller's to keep and read, not to change (see below). */
    public static Trades trades(Bars bars, Entries entries, TrailingConfig config, IntrabarOrder order, DetailIndex detail) {
        return trades(bars, entries, config, order, detail, null);
    }

    /** The last configuration walked alone, and what it was walked on: a sweep walks its pick again, and so does the CLI. */
    private record Walked(Bars bars, Entries entries, TrailingConfig config, IntrabarOrder order, DetailIndex detail, TradePrints prints,
                          Trades trades) {
    }

    private static volatile Walked lastWalked;

    /**
     * As the one above, on trades when {@code prints} is given. The trades are the caller's to
     * read, not to change: the same bars (the same arrays and range: a series hands out a new
     * view of its arrays each time it is asked), entries (the same object; neither is changed
     * once made) and configuration walked again get the same trades, not a second walk.
     */
    public static Trades trades(Bars bars, Entries entries, TrailingConfig config, IntrabarOrder order, DetailIndex detail, TradePrints prints) {
        Walked w = lastWalked;
        // The configuration's equals (a record's, linked on its first call) only for another object than the one walked.
        if (w != null && w.bars().equals(bars) && w.entries() == entries && (w.config() == config || w.config().equals(config))
                && w.order() == order && w.detail() == detail && w.prints() == prints) {
            return w.trades();
        }
        Trades[] keep = new Trades[1];
        // One configuration: the trades handed over are this call's own (its walk's buffers are made for it), so they are kept as they are.
        forEach(bars, entries, new TrailingConfig[] {config}, order, detail, prints, 1, null, (c, t) -> keep[0] = t);
        lastWalked = new Walked(bars, entries, config, order, detail, prints, keep[0]);
        return keep[0];
    }

    /** Every (configuration, entry) kept: for tests and benchmarks, which compare all trades; a sweep uses {@link #forEach}. */
    public static KernelResult run(Bars bars, Entries entries, TrailingConfig[] configs, IntrabarOrder order, DetailIndex detail,
                                   int threads, AtomicLong progress) {
        return run(bars, entries, configs, order, detail, null, threads, progress);
    }

    /** As the one above, on trades when {@code prints} is given. */
    public static KernelResult run(Bars bars, Entries entries, TrailingConfig[] configs, IntrabarOrder order, DetailIndex detail,
                                   TradePrints prints, int threads, AtomicLong progress) {
        KernelResult out = new KernelResult(configs.length, entries.size());
        forEach(bars, entries, configs, order, detail, prints, threads, progress, out::take);
        return out;
    }

    /** Configurations that share mode, activation, initial stop and time exit, in grid order. */
    private static java.util.List<int[]> groups(TrailingConfig[] configs) {
        java.util.Map<java.util.List<Object>, java.util.List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int c = 0; c < configs.length; c++) {
            TrailingConfig k = configs[c];
            groups.computeIfAbsent(java.util.List.of(k.mode(), k.activation(), Double.doubleToLongBits(k.initialStop()), k.maxBars()),
                    x -> new java.util.ArrayList<>()).add(c);
        }
        java.util.List<int[]> out = new java.util.ArrayList<>();
        for (java.util.List<Integer> g : groups.values()) {
            out.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /**
     * One call's buffers, each held by one task at a time and handed to the call's later tasks:
     * as many as run at once. (A thread-local per call left its buffers, trades of every entry,
     * in the common pool's threads' maps until each map next swept its dead keys.)
     */
    private static final class Scratches {
        private final java.util.concurrent.ConcurrentLinkedQueue<Scratch> free = new java.util.concurrent.ConcurrentLinkedQueue<>();

        Scratch take() {
            Scratch s = free.poll();
            return s != null ? s : new Scratch();
        }

        void give(Scratch s) {
            free.add(s);
        }
    }

    /** One task's reusable buffers. */
    private static final class Scratch {
        final PercentWalk percent = new PercentWalk();
        Trades[] trades = new Trades[0];

        Trades trades(int x) {
            if (x >= trades.length) {
                Trades[] t = java.util.Arrays.copyOf(trades, x + 1);
                for (int i = trades.length; i <= x; i++) {
                    t[i] = new Trades();
                }
                trades = t;
            }
            return trades[x];
        }
    }

    /**
     * The grid as columns, in groups: configurations that share mode, activation, initial stop
     * and time exit. Within a group the stops are ordered by trail at every extreme (percent:
     * the smaller trail is tighter; profit-lock: the larger), so each group is kept tightest
     * first, and a move against the position can only hit a prefix of it.
     */
    private static final class Grid {
        final int size;
        final double[] trail;
        final double[] fee;
        final double[] slippage;
        /** Configuration indices, group by group, tightest first. */
        final int[] order;
        final int[] groupStart;
        final int[] groupEnd;
        final boolean[] gProfitLock;
        final double[] gActivation;
        final double[] gInitialStop;
        final int[] gMaxBars;
        final boolean anyMaxBars;

        Grid(TrailingConfig[] configs) {
            size = configs.length;
            trail = new double[size];
            fee = new double[size];
            slippage = new double[size];
            java.util.Map<java.util.List<Object>, java.util.List<Integer>> groups = new java.util.LinkedHashMap<>();
            for (int c = 0; c < size; c++) {
                TrailingConfig k = configs[c];
                trail[c] = k.trail();
                fee[c] = k.fee();
                slippage[c] = k.slippage();
                groups.computeIfAbsent(java.util.List.of(k.mode(), k.activation(), Double.doubleToLongBits(k.initialStop()), k.maxBars()),
                        x -> new java.util.ArrayList<>()).add(c);
            }
            int n = groups.size();
            order = new int[size];
            groupStart = new int[n];
            groupEnd = new int[n];
            gProfitLock = new boolean[n];
            gActivation = new double[n];
            gInitialStop = new double[n];
            gMaxBars = new int[n];
            int g = 0;
            int k = 0;
            boolean any = false;
            for (java.util.List<Integer> members : groups.values()) {
                TrailingConfig first = configs[members.get(0)];
                boolean pl = first.mode() == Mode.PROFIT_LOCK;
                members.sort((x, y) -> pl ? Double.compare(trail[y], trail[x]) : Double.compare(trail[x], trail[y]));
                gProfitLock[g] = pl;
                gActivation[g] = first.activation();
                gInitialStop[g] = first.initialStop();
                gMaxBars[g] = first.maxBars();
                any |= first.maxBars() > 0;
                groupStart[g] = k;
                for (int c : members) {
                    order[k++] = c;
                }
                groupEnd[g] = k;
                g++;
            }
            anyMaxBars = any;
        }
    }

    /** One thread's state: preallocated, reused for every entry it walks. */
    private static final class Worker {
        final Bars bars;
        final Grid g;
        final IntrabarOrder order;
        final DetailIndex detail;
        /** The trades under the bars, or null: a bar with trades is walked trade by trade. */
        final TradePrints prints;
        final Trades[] out;
        /** Per group: the first (tightest) configuration still open, as an index into {@code g.order}. */
        final int[] head;
        double[] pts = new double[16];
        boolean[] gap = new boolean[16];
        int open;
        int d;
        double entry;
        double peak;
        double profit;
        int entryIndex;

        Worker(Bars bars, Grid g, IntrabarOrder order, DetailIndex detail, TradePrints prints, Trades[] out) {
            this.bars = bars;
            this.g = g;
            this.order = order;
            this.detail = order == IntrabarOrder.DETAIL ? detail : null;
            this.prints = prints;
            this.out = out;
            this.head = new int[g.groupStart.length];
        }

        void walk(int e, int i, int sign) {
            d = sign;
            entryIndex = e;
            entry = bars.open()[i];
            peak = entry;
            profit = d * (peak - entry) / entry;
            System.arraycopy(g.groupStart, 0, head, 0, head.length);
            open = g.size;
            double nearest = nearest();
            double prev = entry;
            int last = bars.to() - 1;
            double[] hi = bars.high();
            double[] lo = bars.low();
            for (int j = i; j <= last && open > 0; j++) {
                if (prints != null && prints.end(j) > prints.start(j)) {
                    // The bar's trades, each a print reached by a jump; skipped whole when all lie inside (nearest stop, extreme].
                    if (nearest != nearest) {
                        nearest = nearest();
                    }
                    if (d > 0 ? prints.high(j) <= peak && prints.low(j) > nearest : prints.low(j) >= peak && prints.high(j) < nearest) {
                        prev = prints.price(prints.end(j) - 1);
                    } else {
                        prev = walkPrints(j, prev, nearest);
                        nearest = nearestAfter;
                    }
                    if (g.anyMaxBars && open > 0 && timeExits(j, i)) {
                        nearest = Double.NaN;
                    }
                    continue;
                }
                if (detail == null || detail.end(j) == detail.start(j)) {
                    // A bar inside (nearest stop, extreme] can neither make a new extreme nor hit
                    // a stop: skip its points (their only trace is the close as the previous point).
                    if (nearest != nearest) {
                        nearest = nearest();
                    }
                    if (d > 0 ? hi[j] <= peak && lo[j] > nearest : lo[j] >= peak && hi[j] < nearest) {
                        prev = bars.close()[j];
                        if (g.anyMaxBars && timeExits(j, i)) {
                            nearest = Double.NaN;
                        }
                        continue;
                    }
                }
                int np = points(j, j == i);
                for (int k = 0; k < np && open > 0; k++) {
                    double p = pts[k];
                    if (d > 0 ? p > prev : p < prev) {
                        if (d > 0 ? p > peak : p < peak) {
                            // Rule 3: every stop is a function of the extreme; they move without being touched.
                            peak = p;
                            profit = d * (peak - entry) / entry;
                            nearest = Double.NaN;
                        }
                    } else {
                        if (nearest != nearest) {
                            nearest = nearest();
                        }
                        if (d > 0 ? p <= nearest : p >= nearest) {
                            hits(j, p, gap[k], bars.openTime()[j]);
                            nearest = nearest();
                        }
                    }
                    prev = p;
                }
                if (g.anyMaxBars && open > 0) {
                    if (timeExits(j, i)) {
                        nearest = Double.NaN;
                    }
                }
            }
            for (int grp = 0; grp < head.length; grp++) {
                for (int h = head[grp]; h < g.groupEnd[grp]; h++) {
                    close(g.order[h], last, bars.openTime()[last], bars.close()[last], ExitReason.END);
                }
                head[grp] = g.groupEnd[grp];
            }
            open = 0;
        }

        /** {@link #walkPrints}' nearest stop when it returns (NaN: to be computed again). */
        private double nearestAfter;

        /**
         * The trades of bar {@code j} from {@code prev} (the point before them): each a print
         * reached by a jump (rule 1), a hit triggering at its price and stamped with its time.
         * A block (or super-block) of trades that lies inside (nearest stop, extreme] can neither
         * move the extreme nor hit a stop, so it is passed over, its last trade the previous point.
         * Returns the last point walked; the nearest stop is left in {@link #nearestAfter}.
         */
        private double walkPrints(int j, double prev, double nearest) {
            final TradePrints tp = prints;
            final int ke = tp.end(j);
            final boolean up = d > 0;
            int k = tp.start(j);
            while (k < ke && open > 0) {
                if ((k & (TradePrints.BLOCK - 1)) == 0) {
                    if (nearest != nearest) {
                        nearest = nearest();
                    }
                    if ((k & (TradePrints.SUPER_BLOCK - 1)) == 0 && k + TradePrints.SUPER_BLOCK <= ke) {
                        int sb = k / TradePrints.SUPER_BLOCK;
                        if (up ? tp.superHigh(sb) <= peak && tp.superLow(sb) > nearest : tp.superLow(sb) >= peak && tp.superHigh(sb) < nearest) {
                            k += TradePrints.SUPER_BLOCK;
                            prev = tp.price(k - 1);
                            continue;
                        }
                    }
                    if (k + TradePrints.BLOCK <= ke) {
                        int b = k / TradePrints.BLOCK;
                        if (up ? tp.blockHigh(b) <= peak && tp.blockLow(b) > nearest : tp.blockLow(b) >= peak && tp.blockHigh(b) < nearest) {
                            k += TradePrints.BLOCK;
                            prev = tp.price(k - 1);
                            continue;
                        }
                    }
                }
                double p = tp.price(k);
                if (up ? p > prev : p < prev) {
                    if (up ? p > peak : p < peak) {
                        // Rule 3: every stop is a function of the extreme; they move without being touched.
                        peak = p;
                        profit = d * (peak - entry) / entry;
                        nearest = Double.NaN;
                    }
                } else {
                    if (nearest != nearest) {
                        nearest = nearest();
                    }
                    if (up ? p <= nearest : p >= nearest) {
                        hits(j, p, true, tp.time(k));
                        nearest = nearest();
                    }
                }
                prev = p;
                k++;
            }
            nearestAfter = nearest;
            return prev;
        }

        /**
         * The stop of configuration {@code c} of group {@code grp} at the current extreme: the
         * initial stop, ratcheted to the candidate once active. The engine's arithmetic to the
         * letter: the candidate is monotone in the extreme, so the last one taken is the one at
         * the extreme now.
         */
        private double stopOf(int grp, int c) {
            double s0 = g.gInitialStop[grp];
            double s = s0 == s0 ? entry * (1 - d * s0) : Double.NaN;
            if (!(profit < g.gActivation[grp] || (g.gProfitLock[grp] && profit <= 0))) {
                double cand = g.gProfitLock[grp] ? entry + g.trail[c] * (peak - entry) : peak * (1 - d * g.trail[c]);
                if (s != s || (d > 0 ? cand > s : cand < s)) {
                    s = cand;
                }
            }
            return s;
        }

        /**
         * The stop a move against the position meets first (the tightest open one of each group,
         * the tightest of those); minus (plus) infinity when no open configuration has a stop.
         */
        private double nearest() {
            double nearest = d > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            for (int grp = 0; grp < head.length; grp++) {
                if (head[grp] < g.groupEnd[grp]) {
                    double s = stopOf(grp, g.order[head[grp]]);
                    if (d > 0 ? s > nearest : s < nearest) { // false for NaN: no stop yet
                        nearest = s;
                    }
                }
            }
            return nearest;
        }

        /** An adverse or flat point reached the nearest stop at {@code time}: closes, group by group, the prefix it hits. */
        private void hits(int j, double p, boolean isGap, long time) {
            for (int grp = 0; grp < head.length; grp++) {
                int h = head[grp];
                int end = g.groupEnd[grp];
                while (h < end) {
                    int c = g.order[h];
                    double s = stopOf(grp, c);
                    if (!(d > 0 ? p <= s : p >= s)) { // also for NaN: no stop, no hit
                        break;
                    }
                    close(c, j, time, isGap ? p : s, ExitReason.STOP);
                    h++;
                    open--;
                }
                head[grp] = h;
            }
        }

        /** Closes the groups whose time exit is this bar; true if any closed. */
        private boolean timeExits(int j, int i) {
            boolean closed = false;
            for (int grp = 0; grp < head.length; grp++) {
                int mb = g.gMaxBars[grp];
                if (mb > 0 && j - i == mb) {
                    for (int h = head[grp]; h < g.groupEnd[grp]; h++) {
                        close(g.order[h], j, bars.openTime()[j], bars.close()[j], ExitReason.TIME);
                        open--;
                        closed = true;
                    }
                    head[grp] = g.groupEnd[grp];
                }
            }
            return closed;
        }

        private void close(int c, int j, long time, double trigger, ExitReason why) {
            double fill = Returns.exitFill(d, trigger, g.slippage[c]);
            out[c].set(entryIndex, j, time, fill, Returns.net(d, entry, fill, g.fee[c]), peak, (byte) why.ordinal());
        }

        /** The points of bar {@code j} in walking order; the entry bar has no open (it is the entry). */
        private int points(int j, boolean entryBar) {
            if (detail != null && detail.end(j) > detail.start(j)) {
                Bars db = detail.detail();
                int n = 0;
                int need = 4 * (detail.end(j) - detail.start(j));
                if (pts.length < need) {
                    pts = new double[need];
                    gap = new boolean[need];
                }
                for (int k = detail.start(j); k < detail.end(j); k++) {
                    n = bar(n, db.open()[k], db.high()[k], db.low()[k], db.close()[k], true);
                }
                return n;
            }
            return bar(0, bars.open()[j], bars.high()[j], bars.low()[j], bars.close()[j], !entryBar);
        }

        private int bar(int n, double o, double h, double l, double c, boolean withOpen) {
            if (withOpen) {
                pts[n] = o;
                gap[n++] = true;
            }
            boolean lowFirst = order.lowFirst(d, o, c);
            pts[n] = lowFirst ? l : h;
            gap[n++] = false;
            pts[n] = lowFirst ? h : l;
            gap[n++] = false;
            pts[n] = c;
            gap[n++] = false;
            return n;
        }
    }
}
