package io.ratchet.data.trades;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aggregate trades of one symbol, exactly as Binance printed them, in id order (which is
 * time order): time in microseconds (a millisecond dump's times are multiplied by 1000),
 * price and quantity as integers of {@code 10^-scale}, the buyer-maker flag. Ids are held as
 * runs of consecutive ids: where a run ends, ids are missing (a gap).
 */
public final class TradeSeries {
    private static final long[] POW10 = new long[19];
    private static final double[] DPOW10 = new double[19];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            DPOW10[i] = p;
            p *= 10;
        }
    }

    private final String symbol;
    private final int size;
    private final long[] timeMicros;
    private final long[] priceUnits;
    private final int priceScale;
    private final long[] qtyUnits;
    private final int qtyScale;
    private final long[] makerBits;
    private final int[] runStart;
    private final long[] runFirstId;

    /**
     * @param runStart   index of the first trade of each run of consecutive ids (the first is 0)
     * @param runFirstId id of that trade
     */
    public TradeSeries(String symbol, int size, long[] timeMicros, long[] priceUnits, int priceScale, long[] qtyUnits, int qtyScale,
            long[] makerBits, int[] runStart, long[] runFirstId) {
        if (priceScale < 0 || priceScale > 18 || qtyScale < 0 || qtyScale > 18) {
            throw new IllegalArgumentException("scale out of 0..18");
        }
        if (runStart.length != runFirstId.length || (size > 0 && (runStart.length == 0 || runStart[0] != 0))) {
            throw new IllegalArgumentException("id runs do not cover the trades");
        }
        this.symbol = symbol;
        this.size = size;
        this.timeMicros = timeMicros;
        this.priceUnits = priceUnits;
        this.priceScale = priceScale;
        this.qtyUnits = qtyUnits;
        this.qtyScale = qtyScale;
        this.makerBits = makerBits;
        this.runStart = runStart;
        this.runFirstId = runFirstId;
    }

    public static TradeSeries empty(String symbol) {
        return new TradeSeries(symbol, 0, new long[0], new long[0], 0, new long[0], 0, new long[0], new int[0], new long[0]);
    }

    public String symbol() {
        return symbol;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Aggregate trade id of trade {@code i}. */
    public long id(int i) {
        int r = Arrays.binarySearch(runStart, i);
        if (r < 0) {
            r = -r - 2;
        }
        return runFirstId[r] + (i - runStart[r]);
    }

    public long firstId() {
        return runFirstId[0];
    }

    public long lastId() {
        return id(size - 1);
    }

    public long timeMicros(int i) {
        return timeMicros[i];
    }

    /** Epoch milliseconds (microseconds rounded down). */
    public long timeMillis(int i) {
        return Math.floorDiv(timeMicros[i], 1000);
    }

    /** Price as a double: the integer of ticks over {@code 10^scale}, correctly rounded, as parsing the printed text gives. */
    public double price(int i) {
        return priceUnits[i] / DPOW10[priceScale];
    }

    public long priceUnits(int i) {
        return priceUnits[i];
    }

    public int priceScale() {
        return priceScale;
    }

    public double qty(int i) {
        return qtyUnits[i] / DPOW10[qtyScale];
    }

    public long qtyUnits(int i) {
        return qtyUnits[i];
    }

    public int qtyScale() {
        return qtyScale;
    }

    public boolean buyerMaker(int i) {
        return (makerBits[i >>> 6] >>> (i & 63) & 1) != 0;
    }

    /** The raw columns, for the store and for fast walks; not copies. */
    public long[] timeMicrosColumn() {
        return timeMicros;
    }

    public long[] priceUnitsColumn() {
        return priceUnits;
    }

    public long[] qtyUnitsColumn() {
        return qtyUnits;
    }

    public long[] makerBitsColumn() {
        return makerBits;
    }

    public int[] runStarts() {
        return runStart;
    }

    public long[] runFirstIds() {
        return runFirstId;
    }

    /** Where ids are missing: between consecutive runs. */
    public List<TradeGap> gaps() {
        List<TradeGap> gaps = new ArrayList<>();
        for (int r = 1; r < runStart.length; r++) {
            int before = runStart[r] - 1;
            long lastId = runFirstId[r - 1] + (before - runStart[r - 1]);
            gaps.add(new TradeGap(lastId, runFirstId[r], timeMillis(before), timeMillis(runStart[r])));
        }
        return gaps;
    }

    /** The decimal text of an integer of {@code 10^-scale}, trailing zeros dropped: {@code 4200001, 2} is {@code 42000.01}. */
    public static String decimal(long units, int scale) {
        if (scale == 0) {
            return Long.toString(units);
        }
        long p = POW10[scale];
        String frac = Long.toString(p + Math.floorMod(units, p)).substring(1).replaceAll("0+$", "");
        String whole = Long.toString(Math.floorDiv(units, p));
        return frac.isEmpty() ? whole : whole + "." + frac;
    }

    static long pow10(int k) {
        return POW10[k];
    }

    @Override
    public String toString() {
        return symbol + ":trades (" + size + " trades)";
    }
}
