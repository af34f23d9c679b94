package io.ratchet.backtest;

import io.ratchet.backtest.account.Account;
import io.ratchet.backtest.account.AccountSpec;
import io.ratchet.backtest.account.Days;
import io.ratchet.backtest.account.Positions;
import io.ratchet.backtest.entry.Entries;
import io.ratchet.backtest.sweep.SweepKernel;
import io.ratchet.backtest.sweep.Trades;
import io.ratchet.engine.BarWalker;
import io.ratchet.engine.Bars;
import io.ratchet.engine.DetailIndex;
import io.ratchet.engine.Direction;
import io.ratchet.engine.ExitReason;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.StopListener;
import io.ratchet.engine.Trade;
import io.ratchet.engine.TradePrints;
import io.ratchet.engine.TrailingConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fidelity gap of one configuration: the same entries walked by the engine three ways, on
 * the trades ({@code --intrabar trades}, the tick-exact walk), with {@code adverse-first} on the
 * main bars, and with {@code detail} on 1m bars built from the same trades; and how far the two
 * bar walks are from the trades walk.
 *
 * <p>Definitions (docs/trailing-semantics.md, "Trades (tick-exact)"):
 * <ul>
 * <li>An entry's exit <b>differs</b> between two walks when its exit bar (the main bar in which
 *     the position closed), its exit reason or its fill price is not the same. Prices are
 *     compared exactly: on bars a stop exits at the stop level {@code S} (or a gapping open), on
 *     trades at the price of the trade through it, so a stop hit in the same bar usually differs
 *     in price. The count is split into exits in <em>another bar</em> and exits in the same bar
 *     at another price or for another reason.</li>
 * <li>Every return difference is <b>the bar walk minus the trades walk</b>: positive when the bars
 *     flatter the configuration.</li>
 * <li>The 1m bars are built from the trades as Binance builds klines (open = first trade, high,
 *     low, close = last trade; {@code TradeKlines}), one per minute holding a trade: a minute
 *     without one would be flat at the close before and changes nothing in the walk, and a main
 *     bar with no trade at all is walked with {@code ohlc} on both walks. When the main bars are
 *     1m themselves, the detail walk is the main bars (each walked as {@code ohlc}); below 1m
 *     there is no detail walk (null).</li>
 * </ul>
 *
 * <p>A pure function of (bars, prints, entries, configuration[, account]): {@link #on} prepares
 * what does not depend on the configuration (the 1m bars), once; {@link Setup#gap} walks one
 * configuration with the engine and keeps its trades, {@link Setup#grid} walks a whole grid with
 * the sweep kernel (the engine's trades bit for bit) and keeps each configuration's figures only.
 *
 * @param trades       the tick-exact walk
 * @param adverseFirst {@code adverse-first} on the main bars, against the trades walk
 * @param detail       {@code detail} on 1m bars, against the trades walk; null below 1m
 * @param detailBars   what the detail walk walked, in words
 */
public record FidelityGap(Walk trades, Comparison adverseFirst, Comparison detail, String detailBars) {
    public static final long MINUTE = 60_000L;
    /** (configuration, entry) pairs whose trades walk {@link Setup#grid} keeps at once: about 60 bytes each, twice (the kernel's and the copy). */
    static final long GRID_BLOCK = 1_000_000L;

    /**
     * One walk of every entry.
     *
     * @param name             {@code trades}, {@code adverse-first} or {@code detail}
     * @param trades           in entry order; null in a sweep's per-configuration gap ({@link Setup#grid}), which keeps figures only
     * @param exitBar          the main bar (absolute index) each exited in; null where {@code trades} is
     * @param accountReturnPct the account's compounded return, % (NaN without an account)
     */
    public record Walk(String name, List<Trade> trades, int[] exitBar, RunSummary summary, double accountReturnPct) {
    }

    /**
     * A bar walk against the trades walk; every delta is the bar walk minus the trades walk.
     *
     * @param exits                 entries compared (all of them)
     * @param differ                exits that differ: {@code inAnotherBar + sameBarOtherwise}
     * @param inAnotherBar          exits in another main bar
     * @param sameBarOtherwise      exits in the same bar at another fill price or for another reason
     * @param meanReturnDelta       difference of the mean net return per trade
     * @param totalReturnDelta      difference of the summed net returns
     * @param accountReturnPctDelta difference of the account's compounded return, in % points (NaN without an account)
     * @param worst                 the entry whose net return differs most (by absolute value), or null when none differs
     */
    public record Comparison(Walk walk, int exits, int differ, int inAnotherBar, int sameBarOtherwise, double meanReturnDelta,
                             double totalReturnDelta, double accountReturnPctDelta, Difference worst) {
        public double differShare() {
            return exits == 0 ? 0 : (double) differ / exits;
        }
    }

    /** One entry's exit on the trades walk and on a bar walk. */
    public record Difference(int entry, Trade onTrades, int barOnTrades, Trade onBars, int barOnBars) {
        /** The bar walk's net return minus the trades walk's. */
        public double returnDelta() {
            return onBars.netReturn() - onTrades.netReturn();
        }
    }

    /** The comparison against {@code adverse-first} or {@code detail} by name, or null. */
    public Comparison against(String walk) {
        if (adverseFirst.walk().name().equals(walk)) {
            return adverseFirst;
        }
        return detail != null && detail.walk().name().equals(walk) ? detail : null;
    }

    /** What does not depend on the configuration: the bars, their trades, and the 1m bars built from them. */
    public static final class Setup {
        private final Bars bars;
        private final long intervalMillis;
        private final TradePrints prints;
        private final DetailIndex minutes;
        private final String detailBars;
        private final Days days;

        private Setup(Bars bars, long intervalMillis, TradePrints prints) {
            this.bars = bars;
            this.intervalMillis = intervalMillis;
            this.prints = prints;
            this.days = Days.of(bars);
            if (intervalMillis == MINUTE) {
                this.minutes = DetailIndex.of(bars, intervalMillis, bars);
                this.detailBars = "the main bars (they are 1m)";
            } else if (intervalMillis > MINUTE) {
                this.minutes = DetailIndex.of(bars, intervalMillis, FidelityGap.minuteBars(bars, prints));
                this.detailBars = "1m bars built from the trades";
            } else {
                this.minutes = null;
                this.detailBars = null;
            }
        }

        /** The 1m bars the detail walk walks: null below 1m. */
        public Bars minuteBars() {
            return minutes == null ? null : minutes.detail();
        }

        /** One configuration's gap; {@code account} may be null (no account figures). */
        public FidelityGap gap(Entries entries, TrailingConfig config, AccountSpec account) {
            Walk onTrades = walk("trades", new BarWalker(config, IntrabarOrder.OHLC, null, prints, StopListener.NONE), entries, config, account);
            Walk adverse = walk(IntrabarOrder.ADVERSE_FIRST.id(), new BarWalker(config, IntrabarOrder.ADVERSE_FIRST), entries, config, account);
            Walk detail = minutes == null ? null
                    : walk(IntrabarOrder.DETAIL.id(), new BarWalker(config, IntrabarOrder.DETAIL, minutes, StopListener.NONE), entries, config, account);
            return new FidelityGap(onTrades, compare(onTrades, adverse), detail == null ? null : compare(onTrades, detail), detailBars);
        }

        /**
         * Every configuration's gap, in grid order, figures only (their trades are null): each walk
         * is one pass of the sweep kernel over a block of the grid, not one engine walk per
         * configuration. The trades walk of a block is kept while its bar walks are compared to
         * it, entry by entry; blocks hold at most {@link #GRID_BLOCK} (configuration, entry)
         * pairs, so memory stays bounded whatever the grid.
         *
         * @param account  may be null (no account figures)
         * @param progress counts entries, once per walk and block: up to {@link #gridSteps}; may be null
         */
        public List<FidelityGap> grid(Entries entries, TrailingConfig[] configs, AccountSpec account, int threads, AtomicLong progress) {
            return grid(entries, configs, account, threads, progress, GRID_BLOCK);
        }

        List<FidelityGap> grid(Entries entries, TrailingConfig[] configs, AccountSpec account, int threads, AtomicLong progress, long blockPairs) {
            FidelityGap[] out = new FidelityGap[configs.length];
            int block = blockSize(entries.size(), configs.length, blockPairs);
            for (int first = 0; first < configs.length; first += block) {
                TrailingConfig[] part = Arrays.copyOfRange(configs, first, Math.min(configs.length, first + block));
                Trades[] onTrades = new Trades[part.length];
                Walk[] tradesWalk = new Walk[part.length];
                SweepKernel.forEach(bars, entries, part, IntrabarOrder.OHLC, null, prints, threads, progress, (c, t) -> {
                    onTrades[c] = t.copy();
                    tradesWalk[c] = figures("trades", t, account);
                });
                Comparison[] adverse = new Comparison[part.length];
                SweepKernel.forEach(bars, entries, part, IntrabarOrder.ADVERSE_FIRST, null, null, threads, progress, (c, t) ->
                        adverse[c] = compare(tradesWalk[c], Exits.of(onTrades[c]), figures(IntrabarOrder.ADVERSE_FIRST.id(), t, account), Exits.of(t)));
                Comparison[] detail = new Comparison[part.length];
                if (minutes != null) {
                    SweepKernel.forEach(bars, entries, part, IntrabarOrder.DETAIL, minutes, null, threads, progress, (c, t) ->
                            detail[c] = compare(tradesWalk[c], Exits.of(onTrades[c]), figures(IntrabarOrder.DETAIL.id(), t, account), Exits.of(t)));
                } else if (progress != null) {
                    progress.addAndGet(entries.size());
                }
                for (int c = 0; c < part.length; c++) {
                    out[first + c] = new FidelityGap(tradesWalk[c], adverse[c], detail[c], detailBars);
                }
            }
            return List.of(out);
        }

        private Walk figures(String name, Trades t, AccountSpec account) {
            double acct = account == null ? Double.NaN : Account.figures(bars, days, t, account, null).returnPct();
            return new Walk(name, null, null, t.summary(), acct);
        }

        private Walk walk(String name, BarWalker w, Entries entries, TrailingConfig config, AccountSpec account) {
            List<Trade> trades = new ArrayList<>(entries.size());
            int[] exitBar = new int[entries.size()];
            for (int e = 0; e < entries.size(); e++) {
                trades.add(w.trade(bars, entries.bar()[e], entries.direction()[e]));
                exitBar[e] = w.exitIndex();
            }
            double acct = Double.NaN;
            if (account != null) {
                acct = Account.figures(bars, days, Positions.of(bars, trades, config), account, null).returnPct();
            }
            return new Walk(name, List.copyOf(trades), exitBar, RunSummary.of(trades), acct);
        }
    }

    private static int blockSize(int entries, int configs, long blockPairs) {
        return (int) Math.max(1, Math.min(configs, blockPairs / Math.max(1, entries)));
    }

    /** What {@link Setup#grid}'s progress counts up to: the entries, once per walk and block of the grid. */
    public static long gridSteps(int entries, int configs) {
        int block = blockSize(entries, configs, GRID_BLOCK);
        return 3L * entries * ((configs + block - 1) / block);
    }

    /** Prepares the gap for any configuration on these bars and trades. */
    public static Setup on(Bars bars, long intervalMillis, TradePrints prints) {
        return new Setup(bars, intervalMillis, prints);
    }

    /** The gap of one configuration; {@code account} may be null. */
    public static FidelityGap of(Bars bars, long intervalMillis, TradePrints prints, Entries entries, TrailingConfig config, AccountSpec account) {
        return on(bars, intervalMillis, prints).gap(entries, config, account);
    }

    /** Whether one entry's exit differs between two walks: another exit bar, reason or fill price. */
    public static boolean differ(Trade a, int barA, Trade b, int barB) {
        return differ(barA, a.exitReason(), a.exitPrice(), barB, b.exitReason(), b.exitPrice());
    }

    private static boolean differ(int barA, ExitReason reasonA, double priceA, int barB, ExitReason reasonB, double priceB) {
        return barA != barB || reasonA != reasonB || priceA != priceB;
    }

    /** One walk's exits as the comparison reads them: the engine's trades, or the kernel's columns. */
    private interface Exits {
        int size();

        int bar(int e);

        ExitReason reason(int e);

        double price(int e);

        double netReturn(int e);

        Trade trade(int e);

        static Exits of(Walk w) {
            return new Exits() {
                public int size() {
                    return w.trades().size();
                }

                public int bar(int e) {
                    return w.exitBar()[e];
                }

                public ExitReason reason(int e) {
                    return w.trades().get(e).exitReason();
                }

                public double price(int e) {
                    return w.trades().get(e).exitPrice();
                }

                public double netReturn(int e) {
                    return w.trades().get(e).netReturn();
                }

                public Trade trade(int e) {
                    return w.trades().get(e);
                }
            };
        }

        static Exits of(Trades t) {
            return new Exits() {
                public int size() {
                    return t.size();
                }

                public int bar(int e) {
                    return t.exitBar(e);
                }

                public ExitReason reason(int e) {
                    return t.reason(e);
                }

                public double price(int e) {
                    return t.exitPrice(e);
                }

                public double netReturn(int e) {
                    return t.netReturn(e);
                }

                public Trade trade(int e) {
                    return new Trade(t.entryTime(e), t.sign(e) > 0 ? Direction.LONG : Direction.SHORT, t.entryPrice(e), t.exitTime(e),
                            t.exitPrice(e), t.reason(e), t.netReturn(e), t.peak(e));
                }
            };
        }
    }

    static Comparison compare(Walk trades, Walk bars) {
        return compare(trades, Exits.of(trades), bars, Exits.of(bars));
    }

    private static Comparison compare(Walk trades, Exits a, Walk bars, Exits b) {
        int n = a.size();
        int other = 0;
        int same = 0;
        int worst = -1;
        double worstAbs = -1;
        for (int e = 0; e < n; e++) {
            int ja = a.bar(e);
            int jb = b.bar(e);
            if (!differ(ja, a.reason(e), a.price(e), jb, b.reason(e), b.price(e))) {
                continue;
            }
            if (ja != jb) {
                other++;
            } else {
                same++;
            }
            double d = Math.abs(b.netReturn(e) - a.netReturn(e));
            if (d > worstAbs) {
                worstAbs = d;
                worst = e;
            }
        }
        RunSummary st = trades.summary();
        RunSummary sb = bars.summary();
        double meanDelta = n == 0 ? 0 : sb.meanReturn() - st.meanReturn();
        return new Comparison(bars, n, other + same, other, same, meanDelta, sb.totalReturn() - st.totalReturn(),
                bars.accountReturnPct() - trades.accountReturnPct(),
                worst < 0 ? null : new Difference(worst, a.trade(worst), a.bar(worst), b.trade(worst), b.bar(worst)));
    }

    /**
     * 1m bars from the trades under the main bars, as {@code TradeKlines} builds them: open the
     * first trade's price, high and low the extremes, close the last; one bar per minute holding
     * a trade (the flat bars Binance prints for a minute without trade change nothing in a walk).
     */
    static Bars minuteBars(Bars main, TradePrints prints) {
        int cap = 16;
        long[] t = new long[cap];
        double[] o = new double[cap];
        double[] h = new double[cap];
        double[] l = new double[cap];
        double[] c = new double[cap];
        int n = 0;
        for (int i = main.from(); i < main.to(); i++) {
            for (int k = prints.start(i), end = prints.end(i); k < end; k++) {
                long minute = Math.floorDiv(prints.time(k), MINUTE) * MINUTE;
                double p = prints.price(k);
                if (n > 0 && t[n - 1] == minute) {
                    h[n - 1] = Math.max(h[n - 1], p);
                    l[n - 1] = Math.min(l[n - 1], p);
                    c[n - 1] = p;
                    continue;
                }
                if (n == cap) {
                    cap *= 2;
                    t = Arrays.copyOf(t, cap);
                    o = Arrays.copyOf(o, cap);
                    h = Arrays.copyOf(h, cap);
                    l = Arrays.copyOf(l, cap);
                    c = Arrays.copyOf(c, cap);
                }
                t[n] = minute;
                o[n] = h[n] = l[n] = c[n] = p;
                n++;
            }
        }
        return Bars.of(Arrays.copyOf(t, n), Arrays.copyOf(o, n), Arrays.copyOf(h, n), Arrays.copyOf(l, n), Arrays.copyOf(c, n));
    }
}
