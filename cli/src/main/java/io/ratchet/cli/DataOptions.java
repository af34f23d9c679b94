package io.ratchet.cli;

import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSource;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --data} and its companions, shared by every command that reads klines. */
final class DataOptions {
    @Option(names = "--data", required = true, paramLabel = "FILE|DIR|GLOB|SYMBOL:INTERVAL",
            description = "Klines: a Binance dump (.csv/.zip), a freqtrade .json, a folder or glob of them, or SYMBOL:INTERVAL from the store.")
    String data;

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "Symbol, where the file name does not say it.")
    String symbol;

    @Option(names = "--interval", paramLabel = "1m|1h|...", description = "Interval, where the file name does not say it.")
    String interval;

    @Option(names = "--from", paramLabel = "TIME", description = "First bar (UTC date, time, or epoch ms), inclusive.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End (UTC date, time, or epoch ms), exclusive.")
    String to;

    @Mixin
    StoreOption store;

    KlineSource.Resolved resolve() throws IOException {
        Interval iv = interval == null ? null : parseInterval(interval);
        long f = from == null ? Long.MIN_VALUE : Times.parse("--from", from);
        long t = to == null ? Long.MAX_VALUE : Times.parse("--to", to);
        return KlineSource.resolve(data, store.open(), symbol == null ? null : symbol.toUpperCase(java.util.Locale.ROOT), iv, f, t);
    }

    static Interval parseInterval(String text) {
        try {
            return Interval.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--interval: " + e.getMessage());
        }
    }
}
