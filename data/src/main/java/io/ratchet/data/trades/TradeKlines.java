package io.ratchet.data.trades;

import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;

/**
 * Klines from trades, as Binance builds them: a bar holds the trades whose time lies in it;
 * open is its first trade's price, high and low the extremes, close the last trade's price,
 * volume the sum of quantities (summed exactly, as integers). A bar between the first and last
 * trade with no trade in it is flat at the close before, volume 0, as Binance prints it.
 * The first and last bar are only as complete as the trades are.
 */
public final class TradeKlines {
    private TradeKlines() {
    }

    /** Open time of the bar of {@code interval} holding epoch ms {@code t}. */
    public static long barOpen(Interval interval, long t) {
        if (interval == Interval.MONTH1) {
            ZonedDateTime z = ZonedDateTime.ofInstant(Instant.ofEpochMilli(t), ZoneOffset.UTC);
            return z.withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        long m = interval.millis();
        long offset = interval == Interval.W1 ? 345_600_000L : 0L; // weeks open on Monday 00:00 UTC
        return Math.floorDiv(t - offset, m) * m + offset;
    }

    public static KlineSeries build(TradeSeries s, Interval interval) {
        int n = s.size();
        if (n == 0) {
            return new KlineSeries(s.symbol(), interval, new long[0], new double[0], new double[0], new double[0], new double[0], new double[0]);
        }
        long first = barOpen(interval, s.timeMillis(0));
        long last = barOpen(interval, s.timeMillis(n - 1));
        int cap = interval == Interval.MONTH1 ? 16 : (int) Math.min(Integer.MAX_VALUE - 8, (last - first) / interval.millis() + 1);
        long[] t = new long[cap];
        double[] o = new double[cap];
        double[] h = new double[cap];
        double[] l = new double[cap];
        double[] c = new double[cap];
        double[] v = new double[cap];
        double qd = Math.pow(10, s.qtyScale());
        double pd = Math.pow(10, s.priceScale());
        int bars = 0;
        int i = 0;
        long open = first;
        long prevClose = 0;
        while (i < n) {
            long next = interval.next(open);
            if (bars == t.length) {
                int m = bars * 2;
                t = Arrays.copyOf(t, m);
                o = Arrays.copyOf(o, m);
                h = Arrays.copyOf(h, m);
                l = Arrays.copyOf(l, m);
                c = Arrays.copyOf(c, m);
                v = Arrays.copyOf(v, m);
            }
            t[bars] = open;
            if (s.timeMillis(i) >= next) { // no trade in this bar: flat at the close before
                o[bars] = h[bars] = l[bars] = c[bars] = prevClose / pd;
                v[bars] = 0;
            } else {
                long po = s.priceUnits(i);
                long hi = po;
                long lo = po;
                long pc = po;
                long vol = 0;
                while (i < n && s.timeMillis(i) < next) {
                    long p = s.priceUnits(i);
                    if (p > hi) {
                        hi = p;
                    }
                    if (p < lo) {
                        lo = p;
                    }
                    pc = p;
                    vol = Math.addExact(vol, s.qtyUnits(i));
                    i++;
                }
                o[bars] = po / pd;
                h[bars] = hi / pd;
                l[bars] = lo / pd;
                c[bars] = pc / pd;
                v[bars] = vol / qd;
                prevClose = pc;
            }
            bars++;
            open = next;
        }
        return new KlineSeries(s.symbol(), interval, Arrays.copyOf(t, bars), Arrays.copyOf(o, bars), Arrays.copyOf(h, bars),
                Arrays.copyOf(l, bars), Arrays.copyOf(c, bars), Arrays.copyOf(v, bars));
    }
}
