package io.ratchet.backtest.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.ratchet.backtest.entry.Entries;
import io.ratchet.engine.BarWalker;
import io.ratchet.engine.Bars;
import io.ratchet.engine.DetailIndex;
import io.ratchet.engine.Direction;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.ExitReason;
import io.ratchet.engine.Mode;
import io.ratchet.engine.RandomBars;
import io.ratchet.engine.RandomPrints;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.StopListener;
import io.ratchet.engine.Trade;
import io.ratchet.engine.TradePrints;
import io.ratchet.engine.TrailingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast path may never drift from the reference: on seeded random series, entries and
 * grids, every (configuration, entry) of the kernel is the engine's trade, bit for bit, and
 * so is every summary. A failure names the seed; rerunning it replays the case exactly.
 */
class KernelEqualsEngineTest {

    static LongStream seeds() {
        return LongStream.range(1, 121);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void kernelTradesAreTheEnginesTrades(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        IntrabarOrder order = IntrabarOrder.values()[rnd.nextInt(4)];
        Bars bars;
        DetailIndex detail = null;
        if (order == IntrabarOrder.DETAIL) {
            Bars fine = RandomBars.of(seed, 5 * 300, 100, 60_000L);
            bars = aggregate(fine, 5, rnd);
            detail = DetailIndex.of(bars, 5 * 60_000L, dropSome(fine, rnd));
        } else {
            bars = RandomBars.of(seed, 300 + rnd.nextInt(300));
        }
        int nConfigs = 1 + rnd.nextInt(24);
        TrailingConfig[] grid = new TrailingConfig[nConfigs];
        if (rnd.nextBoolean()) {
            for (int c = 0; c < nConfigs; c++) {
                grid[c] = RandomBars.config(rnd);
            }
        } else {
            // A sweep's shape: a few groups sharing everything but the trail, trails repeated too.
            TrailingConfig[] bases = {RandomBars.config(rnd), RandomBars.config(rnd), RandomBars.config(rnd)};
            for (int c = 0; c < nConfigs; c++) {
                TrailingConfig base = bases[rnd.nextInt(bases.length)];
                double trail = base.mode() == io.ratchet.engine.Mode.PROFIT_LOCK ? 0.05 + 0.95 * rnd.nextDouble() : 0.001 + 0.05 * rnd.nextDouble();
                if (rnd.nextInt(6) == 0 && c > 0) {
                    trail = grid[c - 1].mode() == base.mode() ? grid[c - 1].trail() : trail;
                }
                grid[c] = base.withMode(base.mode(), trail);
            }
        }
        Entries entries = randomEntries(rnd, bars);
        assertSameAsEngine(seed, bars, entries, grid, order, detail, 1 + rnd.nextInt(3));
    }

    static LongStream denseSeeds() {
        return LongStream.range(1, 41);
    }

    /**
     * The case the bars-outer walk is for: an entry at every bar (a few bars with two, some
     * shorts among them), wide trails that hold positions for hundreds of bars, so many
     * positions share an extreme and are walked as one.
     */
    @ParameterizedTest(name = "dense seed {0}")
    @MethodSource("denseSeeds")
    void denseEntriesAndWideTrailsAreTheEnginesTrades(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 7919);
        IntrabarOrder order = IntrabarOrder.values()[rnd.nextInt(3)];
        Bars bars = RandomBars.of(seed, 200 + rnd.nextInt(200));
        int nConfigs = 1 + rnd.nextInt(12);
        TrailingConfig[] grid = new TrailingConfig[nConfigs];
        for (int c = 0; c < nConfigs; c++) {
            TrailingConfig base = RandomBars.config(rnd);
            double trail = base.mode() == io.ratchet.engine.Mode.PROFIT_LOCK ? 0.05 + 0.95 * rnd.nextDouble() : 0.001 + 0.3 * rnd.nextDouble();
            grid[c] = base.withMode(rnd.nextInt(4) == 0 ? base.mode() : io.ratchet.engine.Mode.PERCENT,
                    rnd.nextInt(4) == 0 ? trail : Math.min(0.9, trail)).withActivation(rnd.nextInt(2) == 0 ? 0 : base.activation());
        }
        List<Integer> bar = new ArrayList<>();
        List<Direction> dir = new ArrayList<>();
        boolean mixed = rnd.nextBoolean();
        for (int i = bars.from(); i < bars.to(); i++) {
            int copies = rnd.nextInt(10) == 0 ? 2 : 1;
            for (int k = 0; k < copies; k++) {
                bar.add(i);
                dir.add(mixed && rnd.nextInt(3) == 0 ? Direction.SHORT : Direction.LONG);
            }
        }
        Entries entries = new Entries(bar.stream().mapToInt(Integer::intValue).toArray(), dir.toArray(new Direction[0]));
        assertSameAsEngine(seed, bars, entries, grid, order, null, 1 + rnd.nextInt(2));
    }

    /** One case of the group walk: bars, an entry at (nearly) every bar, a grid of percent trail groups, the order, threads. */
    record GroupCase(Bars bars, Entries entries, TrailingConfig[] grid, IntrabarOrder order, int threads) {
    }

    static LongStream groupSeeds() {
        return LongStream.range(1, 41);
    }

    /**
     * What {@link PercentGroupWalk} is for: groups of percent trails without activation or
     * initial stop (up to 30%, some repeated), an entry at every bar or nearly (two at some bars,
     * shorts among them), prices on a coarse tick now and then so that extremes and prices tie
     * (positions that meet share a node from then on), time exits in some groups, and now and
     * then a configuration the group walk does not serve beside them.
     */
    static GroupCase groupCase(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 104_729L + 3);
        IntrabarOrder order = IntrabarOrder.values()[rnd.nextInt(3)];
        Bars bars = RandomBars.of(seed, 150 + rnd.nextInt(250));
        if (rnd.nextBoolean()) {
            bars = coarse(bars, 0.05 + 0.25 * rnd.nextInt(3));
        }
        List<TrailingConfig> grid = new ArrayList<>();
        for (int g = 1 + rnd.nextInt(3); g > 0; g--) {
            int maxBars = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(120) : 0;
            double fee = 0.001 * rnd.nextInt(3);
            double slip = 0.0005 * rnd.nextInt(3);
            double top = rnd.nextBoolean() ? 0.3 : 0.1;
            for (int t = 1 + rnd.nextInt(24); t > 0; t--) { // 16 or more: a group walked as two on several threads
                double trail = rnd.nextInt(5) == 0 && !grid.isEmpty() ? grid.get(grid.size() - 1).trail() : 0.001 + top * rnd.nextDouble();
                grid.add(new TrailingConfig(Mode.PERCENT, trail, 0, Double.NaN, maxBars, fee, slip));
            }
        }
        if (rnd.nextInt(4) == 0) {
            grid.add(RandomBars.config(rnd));
        }
        java.util.Collections.shuffle(grid, new java.util.Random(seed));
        int every = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(5) : 1;
        boolean mixed = rnd.nextBoolean();
        List<Integer> bar = new ArrayList<>();
        List<Direction> dir = new ArrayList<>();
        for (int i = bars.from(); i < bars.to(); i += every) {
            int copies = rnd.nextInt(8) == 0 ? 2 : 1;
            for (int k = 0; k < copies; k++) {
                bar.add(i);
                dir.add(mixed && rnd.nextInt(3) == 0 ? Direction.SHORT : Direction.LONG);
            }
        }
        Entries entries = new Entries(bar.stream().mapToInt(Integer::intValue).toArray(), dir.toArray(new Direction[0]));
        return new GroupCase(bars, entries, grid.toArray(new TrailingConfig[0]), order, 1 + rnd.nextInt(3));
    }

    @ParameterizedTest(name = "group seed {0}")
    @MethodSource("groupSeeds")
    void groupsOfPercentTrailsAreTheEnginesTrades(long seed) {
        GroupCase g = groupCase(seed);
        int readAgain = assertSameAsEngine(seed, g.bars(), g.entries(), g.grid(), g.order(), null, g.threads());
        // Every configuration of a group of six or more that the group walk serves can be read back from it (a sweep's pick).
        java.util.Map<List<Object>, Integer> groupSize = new java.util.HashMap<>();
        for (TrailingConfig c : g.grid()) {
            groupSize.merge(List.of(c.mode(), c.activation(), Double.doubleToLongBits(c.initialStop()), c.maxBars()), 1, Integer::sum);
        }
        long served = java.util.Arrays.stream(g.grid()).filter(c -> PercentGroupWalk.serves(c)
                && groupSize.get(List.of(c.mode(), c.activation(), Double.doubleToLongBits(c.initialStop()), c.maxBars())) >= 6).count();
        assertThat(readAgain).as("seed " + seed + ": configurations read back from their group walk").isEqualTo((int) served);
    }

    /**
     * The group cases reach what the group walk shares: positions whose exit (bar, price and
     * extreme) is another position's for the same trail, entries at an open equal to an open
     * position's extreme, time exits, long and short, the widest trails. Without this a
     * generator gone blind would pass the test above.
     */
    @Test
    void theGroupCasesCoverTheSharing() {
        long shared = 0;
        long tiedAtEntry = 0;
        long timeExits = 0;
        long shorts = 0;
        long wide = 0;
        long stops = 0;
        for (long seed : groupSeeds().toArray()) {
            GroupCase g = groupCase(seed);
            for (TrailingConfig c : g.grid()) {
                if (!PercentGroupWalk.serves(c)) {
                    continue;
                }
                wide += c.trail() > 0.2 ? 1 : 0;
                BarWalker w = new BarWalker(c, g.order(), null, null, StopListener.NONE);
                java.util.Set<List<Object>> exits = new java.util.HashSet<>();
                List<Trade> open = new ArrayList<>();
                for (int e = 0; e < g.entries().size(); e++) {
                    int i = g.entries().bar()[e];
                    Direction dir = g.entries().direction()[e];
                    Trade t = w.trade(g.bars(), i, dir);
                    shorts += dir == Direction.SHORT ? 1 : 0;
                    timeExits += t.exitReason() == ExitReason.TIME ? 1 : 0;
                    stops += t.exitReason() == ExitReason.STOP ? 1 : 0;
                    if (!exits.add(List.of(dir, t.exitTime(), t.exitPrice(), t.peak()))) {
                        shared++;
                    }
                    long entryTime = t.entryTime();
                    open.removeIf(o -> o.exitTime() < entryTime);
                    for (Trade o : open) {
                        if (o.direction() == dir && o.peak() == t.entryPrice() && o.exitTime() > entryTime) {
                            tiedAtEntry++;
                            break;
                        }
                    }
                    open.add(t);
                }
            }
        }
        String counts = "shared exits " + shared + ", entries at an open position's extreme " + tiedAtEntry + ", time exits " + timeExits
                + ", shorts " + shorts + ", trails over 20% " + wide + ", stops " + stops;
        assertThat(java.util.Arrays.stream(new long[] {shared, tiedAtEntry, timeExits, shorts, wide, stops}).min().getAsLong()).as(counts)
                .isGreaterThanOrEqualTo(20);
    }

    /** The same bars on a tick of {@code tick}: many equal highs, lows and closes. */
    private static Bars coarse(Bars b, double tick) {
        int n = b.size();
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            int k = b.from() + i;
            t[i] = b.openTime()[k];
            o[i] = Math.max(tick, Math.round(b.open()[k] / tick) * tick);
            c[i] = Math.max(tick, Math.round(b.close()[k] / tick) * tick);
            h[i] = Math.max(Math.max(o[i], c[i]), Math.round(b.high()[k] / tick) * tick);
            l[i] = Math.max(tick, Math.min(Math.min(o[i], c[i]), Math.round(b.low()[k] / tick) * tick));
        }
        return Bars.of(t, o, h, l, c);
    }

    /** One case of the tick-exact walk: bars, the trades under them, entries, a grid, the order of bars without trades. */
    record TradeCase(Bars bars, DetailIndex detail, TradePrints prints, Entries entries, TrailingConfig[] grid, IntrabarOrder order, int threads) {
    }

    static final long MINUTE = 60_000L;

    /**
     * Random prints under random bars (ties in time, equal prices, bursts of thousands, bars with none,
     * prints put exactly at a stop the engine set), entries long and short with some on bars
     * without a trade, grids of both modes with activation, initial stops and time exits. Now and
     * then the bars without trades are walked {@code detail} (the kernel takes trades first, as
     * the engine does).
     */
    static TradeCase tradeCase(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + 15);
        int o = rnd.nextInt(8);
        IntrabarOrder order = o < 4 ? IntrabarOrder.OHLC : o == 4 ? IntrabarOrder.DETAIL : IntrabarOrder.values()[rnd.nextInt(2)];
        Bars bars;
        DetailIndex detail = null;
        long interval = MINUTE;
        if (order == IntrabarOrder.DETAIL) {
            Bars fine = RandomBars.of(seed, 5 * 200, 100, MINUTE);
            bars = aggregate(fine, 5, rnd);
            interval = 5 * MINUTE;
            detail = DetailIndex.of(bars, interval, dropSome(fine, rnd));
        } else {
            bars = RandomBars.of(seed, 150 + rnd.nextInt(250));
        }
        int nConfigs = 1 + rnd.nextInt(24);
        TrailingConfig[] grid = new TrailingConfig[nConfigs];
        if (rnd.nextInt(3) == 0) {
            for (int c = 0; c < nConfigs; c++) {
                grid[c] = RandomBars.config(rnd);
            }
        } else {
            TrailingConfig[] bases = {RandomBars.config(rnd), RandomBars.config(rnd), RandomBars.config(rnd)};
            for (int c = 0; c < nConfigs; c++) {
                TrailingConfig base = bases[rnd.nextInt(bases.length)];
                double trail = base.mode() == Mode.PROFIT_LOCK ? 0.05 + 0.95 * rnd.nextDouble() : 0.001 + 0.05 * rnd.nextDouble();
                if (rnd.nextInt(6) == 0 && c > 0) {
                    trail = grid[c - 1].mode() == base.mode() ? grid[c - 1].trail() : trail;
                }
                grid[c] = base.withMode(base.mode(), trail);
            }
        }
        TradePrints prints = RandomPrints.of(rnd, bars, interval);
        prints = RandomPrints.touchStops(rnd, bars, interval, prints, grid, order, detail);
        List<Integer> bar = new ArrayList<>();
        for (int n = rnd.nextInt(40); n > 0; n--) {
            bar.add(bars.from() + rnd.nextInt(bars.size()));
        }
        for (int i = bars.from(), n = 2 + rnd.nextInt(4); i < bars.to() && n > 0; i++) {
            if (prints.end(i) == prints.start(i) && rnd.nextInt(4) == 0) {
                bar.add(i); // an entry on a bar without a trade: walked as a bar, from its open
                n--;
            }
        }
        bar.sort(null);
        Direction[] dir = new Direction[bar.size()];
        for (int e = 0; e < dir.length; e++) {
            dir[e] = rnd.nextBoolean() ? Direction.LONG : Direction.SHORT;
        }
        Entries entries = new Entries(bar.stream().mapToInt(Integer::intValue).toArray(), dir);
        return new TradeCase(bars, detail, prints, entries, grid, order, 1 + rnd.nextInt(3));
    }

    static LongStream tradeSeeds() {
        return LongStream.range(1, 161);
    }

    /** On trades: every (configuration, entry) of the kernel is the engine's walk of the same trades ({@code BarWalker} with the prints), bit for bit. */
    @ParameterizedTest(name = "trades seed {0}")
    @MethodSource("tradeSeeds")
    void kernelOnTradesIsTheEngineOnTrades(long seed) {
        TradeCase t = tradeCase(seed);
        assertSameAsEngine(seed, t.bars(), t.entries(), t.grid(), t.order(), t.detail(), t.prints(), t.threads());
    }

    /**
     * A walk passes over runs of trades inside (stop, extreme]; a run holding one trade exactly at
     * the stop is not such a run. Long and short, the touch in a block and in a super-block of
     * one long bar: the exit is that trade, at its price and time, as the engine says.
     */
    @Test
    void aTradeExactlyAtTheStopInsideALongRunOfTradesIsAHit() {
        for (int touchAt : new int[] {TradePrints.BLOCK + 17, TradePrints.SUPER_BLOCK + 1234}) {
            for (Direction dir : Direction.values()) {
                int d = dir.sign();
                int n = 3 * TradePrints.SUPER_BLOCK;
                long[] time = new long[n];
                double[] price = new double[n];
                double peak = 100 * (1 + d * 0.10);
                double stop = peak * (1 - d * 0.01); // the engine's arithmetic: percent 1% behind the extreme
                for (int k = 0; k < n; k++) {
                    time[k] = 1_000 + k / 3; // three trades a millisecond
                    price[k] = k < 10 ? 100 : k == 10 ? peak : 100 * (1 + d * 0.095);
                }
                price[touchAt] = stop;
                Bars bars = Bars.of(new long[] {0, MINUTE}, new double[] {100, 100}, new double[] {111, 100}, new double[] {89, 100},
                        new double[] {100, 100});
                TradePrints prints = TradePrints.of(bars, MINUTE, time, price);
                TrailingConfig cfg = new TrailingConfig(Mode.PERCENT, 0.01, 0, Double.NaN, 0, 0, 0);
                Entries entries = new Entries(new int[] {0}, new Direction[] {dir});
                Trade t = new BarWalker(cfg, IntrabarOrder.OHLC, null, prints, StopListener.NONE).trade(bars, 0, dir);
                assertThat(t.exitTime()).as(dir + " touch at " + touchAt).isEqualTo(time[touchAt]);
                assertThat(t.exitPrice()).isEqualTo(stop);
                assertSameAsEngine(touchAt, bars, entries, new TrailingConfig[] {cfg, cfg.withMode(Mode.PERCENT, 0.02)}, IntrabarOrder.OHLC, null,
                        prints, 1);
            }
        }
    }

    /**
     * The trade cases reach what the contract's trades section speaks of: hits on a trade (at
     * its price and time) and on bars without trades, a trade exactly at the stop, ties in time,
     * equal prices, entries on bars without a trade, long and short, both modes, activation,
     * initial stops and time exits. Without this, a generator gone blind would pass the test above.
     */
    @Test
    void theTradeCasesCoverTheContract() {
        long hitOnTrade = 0;
        long hitOnBar = 0;
        long touch = 0;
        long ties = 0;
        long equalPrices = 0;
        long noTradeEntries = 0;
        long longs = 0;
        long shorts = 0;
        long timeExits = 0;
        boolean[] modes = new boolean[2];
        long activated = 0;
        long initial = 0;
        long bursts = 0;
        for (long seed : tradeSeeds().toArray()) {
            TradeCase t = tradeCase(seed);
            TradePrints p = t.prints();
            for (int i = t.bars().from(); i < t.bars().to(); i++) {
                bursts += p.end(i) - p.start(i) >= 2 * TradePrints.SUPER_BLOCK ? 1 : 0; // holds a whole super-block
            }
            for (int k = 1; k < p.size(); k++) {
                ties += p.time(k) == p.time(k - 1) ? 1 : 0;
                equalPrices += p.price(k) == p.price(k - 1) ? 1 : 0;
            }
            for (TrailingConfig c : t.grid()) {
                modes[c.mode().ordinal()] = true;
                activated += c.activation() > 0 ? 1 : 0;
                initial += c.initialStop() == c.initialStop() ? 1 : 0;
                double[] stop = {Double.NaN};
                boolean[] touched = {false};
                StopListener rec = new StopListener() {
                    @Override
                    public void onStopMoved(long time, double price, double oldStop, double newStop) {
                        stop[0] = newStop;
                    }

                    @Override
                    public void onStopHit(long time, double price, double trigger) {
                        touched[0] = price == stop[0];
                    }
                };
                BarWalker w = new BarWalker(c, t.order(), t.detail(), p, rec);
                for (int e = 0; e < t.entries().size(); e++) {
                    int i = t.entries().bar()[e];
                    stop[0] = Double.NaN;
                    touched[0] = false;
                    Trade tr = w.trade(t.bars(), i, t.entries().direction()[e]);
                    boolean onTrade = p.end(w.exitIndex()) > p.start(w.exitIndex()); // a bar with trades is walked by its trades alone
                    if (tr.exitReason() == ExitReason.STOP) {
                        hitOnTrade += onTrade ? 1 : 0;
                        hitOnBar += onTrade ? 0 : 1;
                        touch += touched[0] && onTrade ? 1 : 0;
                    }
                    timeExits += tr.exitReason() == ExitReason.TIME ? 1 : 0;
                }
            }
            for (int e = 0; e < t.entries().size(); e++) {
                int i = t.entries().bar()[e];
                noTradeEntries += p.end(i) == p.start(i) ? 1 : 0;
                longs += t.entries().direction()[e] == Direction.LONG ? 1 : 0;
                shorts += t.entries().direction()[e] == Direction.SHORT ? 1 : 0;
            }
        }
        String counts = "hits on a trade " + hitOnTrade + ", on a bar " + hitOnBar + ", trades at the stop " + touch + ", ties " + ties
                + ", equal prices " + equalPrices + ", entries on bars without trades " + noTradeEntries + ", long " + longs + ", short " + shorts
                + ", time exits " + timeExits + ", activation " + activated + ", initial stop " + initial + ", bars of a super-block " + bursts;
        assertThat(java.util.Arrays.stream(new long[] {hitOnTrade, hitOnBar, touch, ties, equalPrices, noTradeEntries, longs, shorts, timeExits,
            activated, initial, bursts}).min().getAsLong()).as(counts).isGreaterThanOrEqualTo(20);
        assertThat(modes).as("both modes").containsOnly(true);
    }

    private static int assertSameAsEngine(long seed, Bars bars, Entries entries, TrailingConfig[] grid, IntrabarOrder order, DetailIndex detail,
                                           int threads) {
        return assertSameAsEngine(seed, bars, entries, grid, order, detail, null, threads);
    }

    /** Returns how many configurations were read back from their group walk. */
    private static int assertSameAsEngine(long seed, Bars bars, Entries entries, TrailingConfig[] grid, IntrabarOrder order, DetailIndex detail,
                                          TradePrints prints, int threads) {
        int nConfigs = grid.length;
        int readAgain = 0;
        KernelResult k = SweepKernel.run(bars, entries, grid, order, detail, prints, threads, null);
        RunSummary[] asSwept = new RunSummary[nConfigs]; // what a sweep reads: each configuration's summary while its trades are handed over
        SweepKernel.Kept kept = SweepKernel.forEachKept(bars, entries, grid, order, detail, prints, threads, null, (c, t) -> asSwept[c] = t.summary());
        String on = prints == null ? "" : " on trades";
        for (int c = 0; c < nConfigs; c++) {
            BarWalker w = new BarWalker(grid[c], order, detail, prints, StopListener.NONE);
            // Alone, a configuration takes the bars-outer walk where it has one; in the grid its group may take the other.
            Trades alone = SweepKernel.trades(bars, entries, grid[c], order, detail, prints);
            Trades again = kept.trades(c); // a sweep's pick, read back from its group walk (null: none served it)
            List<Trade> trades = new ArrayList<>();
            for (int e = 0; e < entries.size(); e++) {
                Trade t = w.trade(bars, entries.bar()[e], entries.direction()[e]);
                trades.add(t);
                String why = "seed " + seed + on + ", " + order + ", config " + c + " " + grid[c] + ", entry " + e + " at bar " + entries.bar()[e];
                assertThat(k.exitBar(c, e)).as(why + ": exit bar").isEqualTo(w.exitIndex());
                assertThat(k.exitTime(c, e)).as(why).isEqualTo(t.exitTime());
                assertThat(k.reason(c, e)).as(why).isEqualTo(t.exitReason());
                assertThat(Double.doubleToLongBits(k.exitPrice(c, e))).as(why + ": exit price").isEqualTo(Double.doubleToLongBits(t.exitPrice()));
                assertThat(Double.doubleToLongBits(k.netReturn(c, e))).as(why + ": return").isEqualTo(Double.doubleToLongBits(t.netReturn()));
                assertThat(k.peak(c, e)).as(why).isEqualTo(t.peak());
                assertThat(k.entryTime(e)).as(why).isEqualTo(t.entryTime());
                assertThat(alone.exitTime(e)).as(why + " alone").isEqualTo(t.exitTime());
                assertThat(alone.reason(e)).as(why + " alone").isEqualTo(t.exitReason());
                assertThat(Double.doubleToLongBits(alone.netReturn(e))).as(why + " alone: return").isEqualTo(Double.doubleToLongBits(t.netReturn()));
                assertThat(alone.peak(e)).as(why + " alone").isEqualTo(t.peak());
                assertThat(alone.endExits(e)).as(why + " alone: end exits").isEqualTo(t.exitReason() == ExitReason.END ? 1 : 0);
                if (again != null) {
                    assertThat(again.exitBar(e)).as(why + " read again: exit bar").isEqualTo(w.exitIndex());
                    assertThat(again.exitTime(e)).as(why + " read again").isEqualTo(t.exitTime());
                    assertThat(again.reason(e)).as(why + " read again").isEqualTo(t.exitReason());
                    assertThat(Double.doubleToLongBits(again.exitPrice(e))).as(why + " read again: exit price")
                            .isEqualTo(Double.doubleToLongBits(t.exitPrice()));
                    assertThat(Double.doubleToLongBits(again.netReturn(e))).as(why + " read again: return")
                            .isEqualTo(Double.doubleToLongBits(t.netReturn()));
                    assertThat(again.peak(e)).as(why + " read again").isEqualTo(t.peak());
                    assertThat(again.entryTime(e)).as(why + " read again").isEqualTo(t.entryTime());
                    assertThat(again.endExits(e)).as(why + " read again: end exits").isEqualTo(t.exitReason() == ExitReason.END ? 1 : 0);
                }
            }
            if (again != null) {
                assertThat(again.summary()).as("seed " + seed + " summary of config " + c + " read again").isEqualTo(RunSummary.of(trades));
                readAgain++;
            }
            assertThat(k.summary(c)).as("seed " + seed + " summary of config " + c).isEqualTo(RunSummary.of(trades));
            assertThat(alone.summary()).as("seed " + seed + " summary of config " + c + " alone (exits counted per bar)").isEqualTo(RunSummary.of(trades));
            assertThat(asSwept[c]).as("seed " + seed + " summary of config " + c + " as swept").isEqualTo(RunSummary.of(trades));
        }
        return readAgain;
    }

    private static Entries randomEntries(SplittableRandom rnd, Bars bars) {
        int n = rnd.nextInt(40);
        int[] bar = new int[n];
        Direction[] dir = new Direction[n];
        for (int i = 0; i < n; i++) {
            bar[i] = bars.from() + rnd.nextInt(bars.size());
        }
        java.util.Arrays.sort(bar);
        for (int i = 0; i < n; i++) {
            dir[i] = rnd.nextBoolean() ? Direction.LONG : Direction.SHORT;
        }
        return new Entries(bar, dir);
    }

    /** Main bars built from groups of {@code k} fine bars, as an exchange builds 5m from 1m. */
    private static Bars aggregate(Bars fine, int k, SplittableRandom rnd) {
        int n = fine.size() / k;
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            int a = i * k;
            t[i] = fine.openTime()[a];
            o[i] = fine.open()[a];
            c[i] = fine.close()[a + k - 1];
            h[i] = Double.NEGATIVE_INFINITY;
            l[i] = Double.POSITIVE_INFINITY;
            for (int j = a; j < a + k; j++) {
                h[i] = Math.max(h[i], fine.high()[j]);
                l[i] = Math.min(l[i], fine.low()[j]);
            }
        }
        return Bars.of(t, o, h, l, c);
    }

    /** Drops a few stretches of fine bars, so some main bars have no detail and fall back to ohlc. */
    private static Bars dropSome(Bars fine, SplittableRandom rnd) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < fine.size(); i++) {
            if (rnd.nextInt(40) != 0) {
                keep.add(i);
            }
        }
        int n = keep.size();
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        for (int k = 0; k < n; k++) {
            int i = keep.get(k);
            t[k] = fine.openTime()[i];
            o[k] = fine.open()[i];
            h[k] = fine.high()[i];
            l[k] = fine.low()[i];
            c[k] = fine.close()[i];
        }
        return Bars.of(t, o, h, l, c);
    }
}
