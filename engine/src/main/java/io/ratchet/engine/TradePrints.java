package io.ratchet.engine;

/**
 * Trades (prints) under main bars, for the tick-exact walk: for each main bar, the range of
 * trades whose time lies inside it ({@code [openTime, openTime + interval)}), in the order
 * given, which must be (time, aggTradeId) order. A trade is a point reached by a jump.
 */
public final class TradePrints {
    private final long[] time;
    private final double[] price;
    private final int[] start;
    private final int[] end;
    private final double[] high;
    private final double[] low;

    private TradePrints(long[] time, double[] price, int[] start, int[] end, double[] high, double[] low) {
        this.time = time;
        this.price = price;
        this.start = start;
        this.end = end;
        this.high = high;
        this.low = low;
    }

    /**
     * One merge pass; {@code timeMillis} must not go back.
     *
     * @param timeMillis each trade's time, epoch ms
     * @param price      each trade's price
     */
    public static TradePrints of(Bars main, long intervalMillis, long[] timeMillis, double[] price) {
        if (timeMillis.length != price.length) {
            throw new IllegalArgumentException("one time per price");
        }
        for (int k = 1; k < timeMillis.length; k++) {
            if (timeMillis[k] < timeMillis[k - 1]) {
                throw new IllegalArgumentException("trade times go back at trade " + k);
            }
        }
        int n = main.openTime().length;
        int[] start = new int[n];
        int[] end = new int[n];
        double[] high = new double[n];
        double[] low = new double[n];
        int k = 0;
        for (int i = main.from(); i < main.to(); i++) {
            long t0 = main.openTime()[i];
            long t1 = t0 + intervalMillis;
            while (k < timeMillis.length && timeMillis[k] < t0) {
                k++;
            }
            start[i] = k;
            double hi = Double.NaN;
            double lo = Double.NaN;
            while (k < timeMillis.length && timeMillis[k] < t1) {
                double p = price[k];
                hi = k == start[i] || p > hi ? p : hi;
                lo = k == start[i] || p < lo ? p : lo;
                k++;
            }
            end[i] = k;
            high[i] = hi;
            low[i] = lo;
        }
        return new TradePrints(timeMillis, price, start, end, high, low);
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

    public long time(int k) {
        return time[k];
    }

    public double price(int k) {
        return price[k];
    }

    /** Trades under all main bars. */
    public int size() {
        return price.length;
    }
}
