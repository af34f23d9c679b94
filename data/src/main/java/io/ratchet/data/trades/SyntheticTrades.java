package io.ratchet.data.trades;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A seeded stream of trades shaped like BTCUSDT's (ticks of 0.01 near 42,000, a few ms apart,
 * quantities of 0.00001 up to a few BTC, a gap in ids now and then): for benchmarks and
 * trials at any size. Same seed, same trades.
 */
public final class SyntheticTrades {
    private SyntheticTrades() {
    }

    public static TradeSeries randomWalk(String symbol, int n, long seed) {
        return randomWalk(symbol, n, seed, 1_704_067_200_000L, 3);
    }

    /**
     * As {@link #randomWalk(String, int, long)} from {@code fromMillis}, each trade moving the
     * price by up to {@code maxStep} ticks either way (3: a calm book; 100: about 2.7% a day, as
     * BTCUSDT moves, at some 3.9 M trades a day). The columns are filled directly, as the loader
     * would store them (a billion trades need no parse buffers).
     */
    public static TradeSeries randomWalk(String symbol, int n, long seed, long fromMillis, int maxStep) {
        if (n < 0 || maxStep < 0) {
            throw new IllegalArgumentException("trades and step must not be negative");
        }
        SplittableRandom r = new SplittableRandom(seed);
        long[] time = new long[n];
        long[] price = new long[n];
        long[] qty = new long[n];
        long[] maker = new long[(n + 63) >>> 6];
        int[] runStart = new int[16];
        long[] runFirst = new long[16];
        int runs = 0;
        long id = 3_000_000_000L;
        long t = Math.multiplyExact(fromMillis, 1000L);
        long p = 4_200_000L; // ticks of 0.01
        for (int i = 0; i < n; i++) {
            long step = r.nextInt(100_000) == 0 ? 2 + r.nextInt(10) : 1;
            id += step;
            if (i == 0 || step != 1) {
                if (runs == runStart.length) {
                    runStart = java.util.Arrays.copyOf(runStart, runs * 2);
                    runFirst = java.util.Arrays.copyOf(runFirst, runs * 2);
                }
                runStart[runs] = i;
                runFirst[runs++] = id;
            }
            t += r.nextInt(4) == 0 ? 0 : r.nextInt(60) * 1000L;
            p = Math.max(100, p + r.nextInt(-maxStep, maxStep + 1));
            long q = r.nextInt(20) == 0 ? 1 + r.nextLong(500_000) : 1 + r.nextInt(20_000); // units of 0.00001
            time[i] = t;
            price[i] = p;
            qty[i] = q;
            if (r.nextBoolean()) {
                maker[i >>> 6] |= 1L << (i & 63);
            }
        }
        return new TradeSeries(symbol, n, time, price, 2, qty, 5, maker, java.util.Arrays.copyOf(runStart, runs),
                java.util.Arrays.copyOf(runFirst, runs));
    }

    /**
     * Invented prints inside each bar of {@code klines}, for trials of the tick-exact walk where no
     * real aggTrades are at hand: synthetic, not trades that happened. Each bar gets
     * {@code perBar} prints at seeded random times inside it (ms, in order): the first at the
     * bar's open price, the last at its close, one at its high and one at its low (which of the
     * two comes first is drawn; each stretch between these anchors is at least a sixth of the
     * prints long), and the others on a Brownian bridge between the anchors (steps of about the
     * bar's range over the square root of {@code perBar}), kept within the bar's range and on its
     * price grid (the decimals the bars use). So klines built from them ({@link TradeKlines}) have
     * the bars' open, high, low and close exactly; the bar's volume is shared among its prints
     * (each at least 10^-8). Ids run from 1 with no gap. Same bars and seed, same trades.
     *
     * @param perBar at least 4
     */
    public static TradeSeries inKlines(io.ratchet.data.kline.KlineSeries klines, String symbol, int perBar, long seed) {
        if (perBar < 4) {
            throw new IllegalArgumentException("prints per bar: at least 4 (open, high, low, close), got " + perBar);
        }
        if (klines.interval() == io.ratchet.data.kline.Interval.MONTH1) {
            throw new IllegalArgumentException("bars of 1M have no fixed length; use 1w or shorter");
        }
        int decimals = 0;
        for (int i = 0; i < klines.size(); i++) {
            for (double x : new double[] {klines.open(i), klines.high(i), klines.low(i), klines.close(i)}) {
                decimals = Math.max(decimals, Math.max(0, java.math.BigDecimal.valueOf(x).stripTrailingZeros().scale()));
            }
        }
        decimals = Math.min(TradeBuffer.SCALE, decimals);
        double unit = Math.pow(10, decimals);
        long toScale8 = TradeSeries.pow10(TradeBuffer.SCALE - decimals);
        long span = klines.interval().millis();
        SplittableRandom r = new SplittableRandom(seed);
        TradeBuffer b = new TradeBuffer((int) Math.min(Integer.MAX_VALUE - 8, (long) klines.size() * perBar));
        long[] offsets = new long[perBar];
        long[] price = new long[perBar];
        double[] bridge = new double[perBar];
        long id = 0;
        long prev = -1;
        for (int i = 0; i < klines.size(); i++) {
            long o = Math.round(klines.open(i) * unit);
            long h = Math.round(klines.high(i) * unit);
            long l = Math.round(klines.low(i) * unit);
            long c = Math.round(klines.close(i) * unit);
            for (int k = 0; k < perBar; k++) {
                offsets[k] = r.nextLong(span);
            }
            java.util.Arrays.sort(offsets);
            // Anchors: 0 = open, perBar - 1 = close, and the high and the low inside, in a drawn order, each of the
            // three stretches between them at least a sixth of the bar's prints long (no leap from open to low).
            int g = Math.max(1, (perBar - 1) / 6);
            int extra = perBar - 1 - 3 * g;
            int c1 = r.nextInt(extra + 1);
            int c2 = r.nextInt(extra + 1);
            int[] at = {0, g + Math.min(c1, c2), 2 * g + Math.max(c1, c2), perBar - 1};
            boolean highFirst = r.nextBoolean();
            long[] px = {o, highFirst ? h : l, highFirst ? l : h, c};
            // Between two anchors a Brownian bridge: steps of about range / sqrt(perBar), pinned at both ends.
            double sigma = (h - l) / Math.sqrt(perBar);
            for (int seg = 0; seg < 3; seg++) {
                int a = at[seg];
                int z = at[seg + 1];
                price[a] = px[seg];
                price[z] = px[seg + 1];
                if (z - a < 2) {
                    continue;
                }
                double w = 0;
                for (int k = a + 1; k < z; k++) {
                    w += sigma * r.nextDouble(-1, 1) * 1.7320508;
                    bridge[k] = w;
                }
                double end = w + sigma * r.nextDouble(-1, 1) * 1.7320508;
                for (int k = a + 1; k < z; k++) {
                    double f = (double) (k - a) / (z - a);
                    double p = px[seg] + f * (px[seg + 1] - px[seg]) + bridge[k] - f * end;
                    price[k] = Math.max(l, Math.min(h, Math.round(p)));
                }
            }
            long vol = Math.max(0, Math.round(klines.volume(i) * 1e8));
            for (int k = 0; k < perBar; k++) {
                long q = Math.max(1, vol / perBar + (k < vol % perBar ? 1 : 0));
                long t = (klines.openTime(i) + offsets[k]) * 1000L;
                id++;
                b.add(id, id, id, t, price[k] * toScale8, q, prev >= 0 && price[k] < prev, (int) Math.min(Integer.MAX_VALUE, id));
                prev = price[k];
            }
        }
        return TradeLoader.validate(b, symbol, "synthetic prints in " + klines.symbol() + " " + klines.interval().id() + " bars").series();
    }

    /** The trades as a spot aggTrades dump (8 columns, no header, 8 decimals, ms), as data.binance.vision prints them. */
    public static void writeCsv(TradeSeries s, Path f) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.US_ASCII)) {
            StringBuilder sb = new StringBuilder(96);
            for (int i = 0; i < s.size(); i++) {
                sb.setLength(0);
                long id = s.id(i);
                sb.append(id).append(',');
                fixed8(sb, s.priceUnits(i) * TradeSeries.pow10(TradeBuffer.SCALE - s.priceScale()));
                sb.append(',');
                fixed8(sb, s.qtyUnits(i) * TradeSeries.pow10(TradeBuffer.SCALE - s.qtyScale()));
                sb.append(',').append(id).append(',').append(id).append(',').append(s.timeMillis(i)).append(',')
                        .append(s.buyerMaker(i) ? "True" : "False").append(",True\n");
                w.append(sb);
            }
        }
    }

    private static void fixed8(StringBuilder sb, long units8) {
        sb.append(units8 / 100_000_000L).append('.');
        String f = Long.toString(100_000_000L + units8 % 100_000_000L);
        sb.append(f, 1, 9);
    }
}
