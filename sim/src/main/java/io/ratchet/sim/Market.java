package io.ratchet.sim;

import io.ratchet.data.kline.KlineSeries;
import io.ratchet.engine.IntrabarOrder;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The replayed market. Bars before the start are history; each bar after it becomes four
 * trades, {@code O, X1, X2, C} in the {@code ohlc} order at a quarter of a bar apart, so a
 * live run over the replay sees exactly the points a backtest with {@code --intrabar ohlc}
 * walks. Market time runs at {@code speed} times the wall clock from when the replay started.
 */
final class Market {
    /** Told of every replayed trade, on the replay thread. */
    interface Listener {
        void onTrade(long tradeId, double price, double qty, long marketTime, boolean buyerMaker);
    }

    final KlineSeries series;
    final int firstLive;
    private final double speed;
    private final SplittableRandom random;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private long wallStart = -1;
    /** Wall time the replay was paused at (-1: running), and the wall time spent paused before. */
    private long pausedAt = -1;
    private long pausedFor;
    private int bar;
    private int point;
    private long tradeId;
    private volatile double last;
    private volatile long lastTime;
    // the bar being replayed, as far as it has gone
    private double barHigh;
    private double barLow;
    // every replayed trade, for aggTrades: id i+1 is at index i
    private double[] tPrice = new double[4096];
    private double[] tQty = new double[4096];
    private long[] tTime = new long[4096];
    private boolean[] tMaker = new boolean[4096];

    Market(KlineSeries series, long start, double speed, long seed) {
        this.series = series;
        long s = start > 0 ? start : series.openTime(series.size() / 2);
        int i = 0;
        while (i < series.size() && series.openTime(i) < s) {
            i++;
        }
        if (i == 0 || i >= series.size()) {
            throw new IllegalArgumentException("--start must leave history before it and bars to replay after it");
        }
        this.firstLive = i;
        this.bar = i;
        this.speed = speed;
        this.random = new SplittableRandom(seed);
        this.last = series.close(i - 1);
        this.lastTime = series.openTime(i) - 1;
    }

    void addListener(Listener l) {
        listeners.add(l);
    }

    /** Open time of the first replayed bar. */
    long start() {
        return series.openTime(firstLive);
    }

    synchronized void begin(long wallNow) {
        if (wallStart < 0) {
            wallStart = wallNow;
        }
    }

    /** Market time now. */
    synchronized long marketTime(long wallNow) {
        long wall = pausedAt >= 0 ? pausedAt : wallNow;
        return wallStart < 0 ? start() : start() + (long) ((wall - wallStart - pausedFor) * speed);
    }

    /** Holds the market still (no trade is printed) until {@link #resume}; the exchange's clock runs on. */
    synchronized void pause(long wallNow) {
        if (pausedAt < 0) {
            pausedAt = wallNow;
        }
    }

    synchronized void resume(long wallNow) {
        if (pausedAt >= 0) {
            pausedFor += wallNow - pausedAt;
            pausedAt = -1;
        }
    }

    /** Emits every trade due by {@code wallNow}; returns how many. */
    int advance(long wallNow) {
        int n = 0;
        while (true) {
            long id;
            double price;
            double qty;
            long t;
            boolean maker;
            synchronized (this) {
                if (wallStart < 0 || bar >= series.size()) {
                    return n;
                }
                long interval = series.interval().millis();
                t = series.openTime(bar) + point * interval / 4;
                if (t > marketTime(wallNow)) {
                    return n;
                }
                double o = series.open(bar);
                double c = series.close(bar);
                boolean lowFirst = IntrabarOrder.OHLC.lowFirst(1, o, c); // the backtest's ohlc order, for either side
                price = switch (point) {
                    case 0 -> o;
                    case 1 -> lowFirst ? series.low(bar) : series.high(bar);
                    case 2 -> lowFirst ? series.high(bar) : series.low(bar);
                    default -> c;
                };
                if (point == 0) {
                    barHigh = price;
                    barLow = price;
                } else {
                    barHigh = Math.max(barHigh, price);
                    barLow = Math.min(barLow, price);
                }
                qty = Math.max(0.00001, Math.round(series.volume(bar) / 4 * 1e5) / 1e5);
                maker = random.nextBoolean();
                id = ++tradeId;
                record(id, price, qty, t, maker);
                last = price;
                lastTime = t;
                if (++point == 4) {
                    point = 0;
                    bar++;
                }
            }
            for (Listener l : listeners) {
                l.onTrade(id, price, qty, t, maker);
            }
            n++;
        }
    }

    private void record(long id, double price, double qty, long t, boolean maker) {
        int i = (int) (id - 1);
        if (i == tPrice.length) {
            tPrice = java.util.Arrays.copyOf(tPrice, i * 2);
            tQty = java.util.Arrays.copyOf(tQty, i * 2);
            tTime = java.util.Arrays.copyOf(tTime, i * 2);
            tMaker = java.util.Arrays.copyOf(tMaker, i * 2);
        }
        tPrice[i] = price;
        tQty[i] = qty;
        tTime[i] = t;
        tMaker[i] = maker;
    }

    /**
     * Replayed trades as aggTrades rows {id, price, qty, time, maker (1/0)}: from {@code fromId}
     * if given, else those with time in {@code [start, end]}; oldest first, at most {@code limit}.
     */
    synchronized java.util.List<double[]> aggTrades(Long fromId, long start, long end, int limit) {
        java.util.List<double[]> out = new java.util.ArrayList<>();
        int n = (int) tradeId;
        // As Binance: with neither an id nor a time, the most recent trades.
        int i = fromId != null ? (int) Math.max(0, fromId - 1) : start == Long.MIN_VALUE && end == Long.MAX_VALUE ? Math.max(0, n - limit) : lowerBound(start, n);
        for (; i < n && out.size() < limit; i++) {
            if (fromId == null && tTime[i] > end) {
                break;
            }
            out.add(new double[] {i + 1, tPrice[i], tQty[i], tTime[i], tMaker[i] ? 1 : 0});
        }
        return out;
    }

    private int lowerBound(long t, int n) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tTime[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    double lastPrice() {
        return last;
    }

    long lastTradeTime() {
        return lastTime;
    }

    /**
     * Bars with open time in {@code [from, to]} that the market has reached: history, replayed
     * bars, and the bar being replayed as far as it went (open: its close is the last trade).
     * Each row: {openTime, open, high, low, close, volume}.
     */
    synchronized java.util.List<double[]> klines(long from, long to, int limit, boolean newestFirst) {
        int end = point > 0 ? bar + 1 : bar; // exclusive
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        int a = 0;
        int b = end;
        if (newestFirst) {
            for (int i = b - 1; i >= a && rows.size() < limit; i--) {
                if (series.openTime(i) <= to && series.openTime(i) >= from) {
                    rows.add(0, row(i));
                }
            }
            return rows;
        }
        for (int i = a; i < b && rows.size() < limit; i++) {
            long t = series.openTime(i);
            if (t >= from && t <= to) {
                rows.add(row(i));
            }
        }
        return rows;
    }

    private double[] row(int i) {
        if (i == bar && point > 0) {
            double v = series.volume(i) * point / 4;
            return new double[] {series.openTime(i), series.open(i), barHigh, barLow, last, v};
        }
        return new double[] {series.openTime(i), series.open(i), series.high(i), series.low(i), series.close(i), series.volume(i)};
    }
}
