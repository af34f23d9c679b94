package io.ratchet.engine;

/**
 * Trades (prints) under main bars, for the tick-exact walk: for each main bar, the range of
 * trades whose time lies inside it ({@code [openTime, openTime + interval)}), in the order
 * given, which must be (time, aggTradeId) order. A trade is a point reached by a jump.
 *
 * <p>With the trades, their extremes: per main bar, and per block of {@link #BLOCK} (and of
 * {@link #SUPER_BLOCK}) consecutive trades in index order, so that a walk can pass over a run of
 * trades that lie inside (stop, extreme] without reading them (about 0.4 bytes a trade).
 */
public final class TradePrints {
    /** Trades in a block: block {@code b} holds trades {@code [b * BLOCK, (b + 1) * BLOCK)}. */
    public static final int BLOCK = 64;
    /** Trades in a super-block: {@code BLOCK} blocks. */
    public static final int SUPER_BLOCK = BLOCK * BLOCK;

    /** Each trade's time, epoch ms, or µs when {@link #micros}. */
    private final long[] time;
    private final boolean micros;
    private final double[] price;
    private final int[] start;
    private final int[] end;
    private final double[] high;
    private final double[] low;
    private final double[] blockHigh;
    private final double[] blockLow;
    private final double[] superHigh;
    private final double[] superLow;

    private TradePrints(long[] time, boolean micros, double[] price, int[] start, int[] end, double[] high, double[] low) {
        this.time = time;
        this.micros = micros;
        this.price = price;
        this.start = start;
        this.end = end;
        this.high = high;
        this.low = low;
        int n = price.length;
        blockHigh = new double[(n + BLOCK - 1) / BLOCK];
        blockLow = new double[blockHigh.length];
        for (int b = 0; b < blockHigh.length; b++) {
            double hi = price[b * BLOCK];
            double lo = hi;
            for (int k = b * BLOCK + 1, e = Math.min(n, (b + 1) * BLOCK); k < e; k++) {
                double p = price[k];
                hi = p > hi ? p : hi;
                lo = p < lo ? p : lo;
            }
            blockHigh[b] = hi;
            blockLow[b] = lo;
        }
        superHigh = new double[(blockHigh.length + BLOCK - 1) / BLOCK];
        superLow = new double[superHigh.length];
        for (int s = 0; s < superHigh.length; s++) {
            double hi = blockHigh[s * BLOCK];
            double lo = blockLow[s * BLOCK];
            for (int b = s * BLOCK + 1, e = Math.min(blockHigh.length, (s + 1) * BLOCK); b < e; b++) {
                hi = blockHigh[b] > hi ? blockHigh[b] : hi;
                lo = blockLow[b] < lo ? blockLow[b] : lo;
            }
            superHigh[s] = hi;
            superLow[s] = lo;
        }
    }

    /**
     * One merge pass; {@code timeMillis} must not go back.
     *
     * @param timeMillis each trade's time, epoch ms
     * @param price      each trade's price
     */
    public static TradePrints of(Bars main, long intervalMillis, long[] timeMillis, double[] price) {
        return of(main, intervalMillis, timeMillis, false, price);
    }

    /**
     * As {@link #of} with each trade's time in epoch µs (the store's column, used as it is, not
     * copied); {@link #time} still answers in ms (µs rounded down), and a trade lies in the bar
     * whose ms it falls in.
     */
    public static TradePrints ofMicros(Bars main, long intervalMillis, long[] timeMicros, double[] price) {
        return of(main, intervalMillis, timeMicros, true, price);
    }

    private static TradePrints of(Bars main, long intervalMillis, long[] times, boolean micros, double[] price) {
        if (times.length != price.length) {
            throw new IllegalArgumentException("one time per price");
        }
        for (int k = 1; k < times.length; k++) {
            if (times[k] < times[k - 1]) {
                throw new IllegalArgumentException("trade times go back at trade " + k);
            }
        }
        long unit = micros ? 1000 : 1;
        int n = main.openTime().length;
        int[] start = new int[n];
        int[] end = new int[n];
        double[] high = new double[n];
        double[] low = new double[n];
        int k = 0;
        for (int i = main.from(); i < main.to(); i++) {
            long t0 = main.openTime()[i] * unit; // floor(µs / 1000) < ms exactly when µs < ms * 1000
            long t1 = (main.openTime()[i] + intervalMillis) * unit;
            while (k < times.length && times[k] < t0) {
                k++;
            }
            start[i] = k;
            double hi = Double.NaN;
            double lo = Double.NaN;
            while (k < times.length && times[k] < t1) {
                double p = price[k];
                hi = k == start[i] || p > hi ? p : hi;
                lo = k == start[i] || p < lo ? p : lo;
                k++;
            }
            end[i] = k;
            high[i] = hi;
            low[i] = lo;
        }
        return new TradePrints(times, micros, price, start, end, high, low);
    }

    public int start(int i) {
        return start[i];
    }

    public int end(int i) {
        return end[i];
    }

    /** The highest trade price under main bar {@code i}; NaN when it has none. */
    public double high(int i) {
        return high[i];
    }

    /** The lowest trade price under main bar {@code i}; NaN when it has none. */
    public double low(int i) {
        return low[i];
    }

    /** The highest price of block {@code b} (trades {@code [b * BLOCK, (b + 1) * BLOCK)}, fewer in the last). */
    public double blockHigh(int b) {
        return blockHigh[b];
    }

    public double blockLow(int b) {
        return blockLow[b];
    }

    /** The highest price of super-block {@code s} (trades {@code [s * SUPER_BLOCK, (s + 1) * SUPER_BLOCK)}). */
    public double superHigh(int s) {
        return superHigh[s];
    }

    public double superLow(int s) {
        return superLow[s];
    }

    /** Trade {@code k}'s time, epoch ms. */
    public long time(int k) {
        return micros ? Math.floorDiv(time[k], 1000L) : time[k];
    }

    public double price(int k) {
        return price[k];
    }

    /** Trades under all main bars. */
    public int size() {
        return price.length;
    }
}
