package io.ratchet.data.read;

import io.ratchet.data.kline.Interval;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Symbol and interval from a dump's file name: {@code BTCUSDT-1m-2021-05.zip},
 * {@code BTCUSD_PERP-1m-2022-10-24.csv}, freqtrade's {@code BTC_USDT-1m.json}.
 */
record DumpName(String symbol, Interval interval) {
    private static final Pattern NAME = Pattern.compile(
            "^([A-Za-z0-9]+(?:_[A-Za-z0-9]+)*)-(1s|1m|3m|5m|15m|30m|1h|2h|4h|6h|8h|12h|1d|3d|1w|1mo|1M)(?:-[^.]*)?\\.(csv|zip|json)$");

    /** The name's facts, or null where the name does not follow the pattern. */
    static DumpName of(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        String symbol = m.group(1);
        if (m.group(3).equals("json")) {
            // freqtrade writes BTC_USDT (spot) and BTC_USDT_USDT (futures): base + quote.
            String[] parts = symbol.split("_");
            symbol = parts.length >= 2 ? parts[0] + parts[1] : symbol;
        }
        String iv = m.group(2).equals("1mo") ? "1M" : m.group(2);
        return new DumpName(symbol.toUpperCase(java.util.Locale.ROOT), Interval.parse(iv));
    }
}
