package io.ratchet.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Small, valid Binance kline dumps written by hand, for tests that need a file of a given shape. */
final class Klines {
    static final long START = 1_609_459_200_000L; // 2021-01-01 00:00 UTC
    static final String HEADER = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore";

    private Klines() {
    }

    /** {@code bars} consecutive bars of {@code barMillis}, one a line, ending each line with {@code eol}. */
    static String csv(int bars, long barMillis, String eol) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < bars; i++) {
            long t = START + i * barMillis;
            double o = 100 + i % 5;
            b.append(String.format(Locale.ROOT, "%d,%.2f,%.2f,%.2f,%.2f,10.5,%d,1050.0,42,5.0,500.0,0", t, o, o + 2, o - 2, o + 1, t + barMillis - 1))
                    .append(eol);
        }
        return b.toString();
    }

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
