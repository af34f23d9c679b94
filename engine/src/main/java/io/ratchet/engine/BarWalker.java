package io.ratchet.engine;

/**
 * Walks a position through klines point by point, as the contract's "Walking a bar" says,
 * with a {@link TrailingStop} doing the trailing. The reference for every fast path.
 *
 * <p>{@link #walk} allocates nothing and leaves its result in the accessors; {@link #trade}
 * wraps it in a {@link Trade}. Not thread-safe: one walker per thread.
 */
public final class BarWalker {
    private final TrailingConfig config;
    private final IntrabarOrder order;
    private final DetailIndex detail;
    private final TrailingStop stop;
    private final TradePrints prints;

    private int exitIndex;
    private long exitTime;
    private long hitTime;
    private double trigger;
    private ExitReason reason;

    public BarWalker(TrailingConfig config, IntrabarOrder order) {
        this(config, order, null, StopListener.NONE);
    }

    /**
     * @param detail   required for {@link IntrabarOrder#DETAIL}, ignored otherwise
     * @param listener told of every stop move and hit, with the time of the bar walked
     */
    public BarWalker(TrailingConfig config, IntrabarOrder order, DetailIndex detail, StopListener listener) {
        this(config, order, detail, null, listener);
    }

    /**
     * The tick-exact walk when {@code prints} is given: each main bar is replaced by its trades,
     * each a point reached by a jump; a bar with no trade inside is walked in {@code order}
     * (the contract says {@code ohlc}). A stop hit on a trade exits at that trade's price and time.
     */
    public BarWalker(TrailingConfig config, IntrabarOrder order, DetailIndex detail, TradePrints prints, StopListener listener) {
        if (order == IntrabarOrder.DETAIL && detail == null) {
            throw new IllegalArgumentException("intrabar detail needs lower-timeframe bars");
        }
        this.config = config;
        this.order = order;
        this.detail = order == IntrabarOrder.DETAIL ? detail : null;
        this.stop = new TrailingStop(config, listener);
        this.prints = prints;
    }

    public TrailingConfig config() {
        return config;
    }

    /**
     * Enters at the open of bar {@code entryIndex} and walks until the stop is hit, a time
     * exit, or the end of {@code bars}.
     *
     * @return the index of the bar the position exited in
     */
    public int walk(Bars bars, int entryIndex, Direction direction) {
        if (entryIndex < bars.from() || entryIndex >= bars.to()) {
            throw new IndexOutOfBoundsException("entry bar " + entryIndex + " outside the series");
        }
        long[] t = bars.openTime();
        stop.open(direction, bars.open()[entryIndex], t[entryIndex]);
        hitTime = Long.MIN_VALUE;
        if (walkEntryBar(bars, entryIndex)) {
            return exit(entryIndex, hitTime != Long.MIN_VALUE ? hitTime : t[entryIndex], stop.trigger(), ExitReason.STOP);
        }
        return walkAfterEntryBar(bars, entryIndex);
    }

    /**
     * Enters at {@code entryPrice} at epoch ms {@code entryTime} inside bar {@code entryIndex} (a
     * live position's fill, replayed): the bar's trades printed after that millisecond
     * ({@code time > entryTime}) are walked from the entry, then the bars after it as
     * {@link #walk} does. Needs the trades: a bar cannot say what came after a time inside it.
     * A bar opening after {@code entryTime} (no bar holds that time) is walked whole, as the
     * first bar after the entry.
     *
     * @return the index of the bar the position exited in
     */
    public int walk(Bars bars, int entryIndex, Direction direction, double entryPrice, long entryTime) {
        if (prints == null) {
            throw new IllegalStateException("an entry inside a bar is walked on its trades only (intrabar trades)");
        }
        if (entryIndex < bars.from() || entryIndex >= bars.to()) {
            throw new IndexOutOfBoundsException("entry bar " + entryIndex + " outside the series");
        }
        stop.open(direction, entryPrice, entryTime);
        hitTime = Long.MIN_VALUE;
        if (bars.openTime()[entryIndex] > entryTime) {
            // No bar holds the entry's time (no trade after it in its own bar, so no bar was built): the walk starts at the
            // next bar, all of which comes after the entry, walked as any bar.
            if (walkBar(bars, entryIndex)) {
                return exit(entryIndex, hitTime != Long.MIN_VALUE ? hitTime : bars.openTime()[entryIndex], stop.trigger(), ExitReason.STOP);
            }
            return walkAfterEntryBar(bars, entryIndex);
        }
        int k = prints.start(entryIndex);
        int e = prints.end(entryIndex);
        while (k < e && prints.time(k) <= entryTime) {
            k++;
        }
        if (walkPrints(k, e)) {
            return exit(entryIndex, hitTime, stop.trigger(), ExitReason.STOP);
        }
        return walkAfterEntryBar(bars, entryIndex);
    }

    /** The bars after the entry bar, to a hit, a time exit, or the end of the data. */
    private int walkAfterEntryBar(Bars bars, int entryIndex) {
        long[] t = bars.openTime();
        int last = bars.to() - 1;
        int maxBars = config.maxBars();
        int limit = maxBars > 0 && maxBars < last - entryIndex ? entryIndex + maxBars : last;
        for (int j = entryIndex + 1; j <= limit; j++) {
            if (walkBar(bars, j)) {
                return exit(j, hitTime != Long.MIN_VALUE ? hitTime : t[j], stop.trigger(), ExitReason.STOP);
            }
        }
        double close = bars.close()[limit];
        stop.close(close);
        boolean timed = maxBars > 0 && entryIndex + maxBars <= last;
        return exit(limit, t[limit], close, timed ? ExitReason.TIME : ExitReason.END);
    }

    /** Walks and returns the trade, with its fill and net return. */
    public Trade trade(Bars bars, int entryIndex, Direction direction) {
        walk(bars, entryIndex, direction);
        return trade(bars.openTime()[entryIndex], direction);
    }

    /** Walks an entry inside a bar (see {@link #walk(Bars, int, Direction, double, long)}) and returns the trade, stamped with {@code entryTime}. */
    public Trade trade(Bars bars, int entryIndex, Direction direction, double entryPrice, long entryTime) {
        walk(bars, entryIndex, direction, entryPrice, entryTime);
        return trade(entryTime, direction);
    }

    private Trade trade(long entryTime, Direction direction) {
        int d = direction.sign();
        double entry = stop.entry();
        double fill = Returns.exitFill(d, trigger, config.slippage());
        return new Trade(entryTime, direction, entry, exitTime, fill, reason, Returns.net(d, entry, fill, config.fee()), stop.peak());
    }

    private int exit(int index, long time, double trig, ExitReason why) {
        this.exitIndex = index;
        this.exitTime = time;
        this.trigger = trig;
        this.reason = why;
        return index;
    }

    /** The entry bar: {@code E = O}, then the rest of it (or its detail bars) from {@code E}. */
    private boolean walkEntryBar(Bars b, int i) {
        if (prints != null && prints.end(i) > prints.start(i)) {
            return walkPrints(i);
        }
        if (detail != null && detail.end(i) > detail.start(i)) {
            return walkDetail(i);
        }
        return walkPoints(b.openTime()[i], b.open()[i], b.high()[i], b.low()[i], b.close()[i]);
    }

    private boolean walkBar(Bars b, int j) {
        if (prints != null && prints.end(j) > prints.start(j)) {
            return walkPrints(j);
        }
        if (detail != null && detail.end(j) > detail.start(j)) {
            return walkDetail(j);
        }
        long t = b.openTime()[j];
        return stop.onGap(t, b.open()[j]) == TrailingStop.HIT
                || walkPoints(t, b.open()[j], b.high()[j], b.low()[j], b.close()[j]);
    }

    /** The bar's trades, each a point reached by a jump (rule 1): a hit triggers at the trade's price, at its time. */
    private boolean walkPrints(int j) {
        return walkPrints(prints.start(j), prints.end(j));
    }

    private boolean walkPrints(int from, int to) {
        for (int k = from; k < to; k++) {
            if (stop.onGap(prints.time(k), prints.price(k)) == TrailingStop.HIT) {
                hitTime = prints.time(k);
                return true;
            }
        }
        return false;
    }

    private boolean walkDetail(int j) {
        Bars d = detail.detail();
        for (int k = detail.start(j), e = detail.end(j); k < e; k++) {
            long t = d.openTime()[k];
            if (stop.onGap(t, d.open()[k]) == TrailingStop.HIT
                    || walkPoints(t, d.open()[k], d.high()[k], d.low()[k], d.close()[k])) {
                return true;
            }
        }
        return false;
    }

    /** {@code X1, X2, C} after the open, in the order's sequence; true on a hit. */
    private boolean walkPoints(long t, double o, double h, double l, double c) {
        boolean lowFirst = order.lowFirst(stop.sign(), o, c);
        double x1 = lowFirst ? l : h;
        double x2 = lowFirst ? h : l;
        return stop.onPrice(t, x1) == TrailingStop.HIT
                || stop.onPrice(t, x2) == TrailingStop.HIT
                || stop.onPrice(t, c) == TrailingStop.HIT;
    }

    public int exitIndex() {
        return exitIndex;
    }

    /** When the last walk exited, epoch ms: the trade's time for a hit on a trade, else the exit bar's open time. */
    public long exitTime() {
        return exitTime;
    }

    /** Where the last walk's exit triggered, before slippage. */
    public double trigger() {
        return trigger;
    }

    public ExitReason reason() {
        return reason;
    }

    /** The favourable extreme of the last walk. */
    public double peak() {
        return stop.peak();
    }

    public double entry() {
        return stop.entry();
    }
}
