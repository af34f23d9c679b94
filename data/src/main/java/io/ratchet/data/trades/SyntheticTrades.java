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
        SplittableRandom r = new SplittableRandom(seed);
        TradeBuffer b = new TradeBuffer(n);
        long id = 3_000_000_000L;
        long t = 1_704_067_200_000_000L;
        long p = 4_200_000L; // ticks of 0.01
        for (int i = 0; i < n; i++) {
            id += r.nextInt(100_000) == 0 ? 2 + r.nextInt(10) : 1;
            t += r.nextInt(4) == 0 ? 0 : r.nextInt(60) * 1000L;
            p = Math.max(100, p + r.nextInt(-3, 4));
            long q = r.nextInt(20) == 0 ? 1 + r.nextLong(500_000) : 1 + r.nextInt(20_000); // units of 0.00001
            b.add(id, id, id, t, p * 1_000_000L, q * 1000L, r.nextBoolean(), 0, i + 1);
        }
        b.noteDecimals(2, 5);
        return TradeLoader.validate(b, symbol, "synthetic").series();
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
