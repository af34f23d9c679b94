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
