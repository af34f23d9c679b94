package io.ratchet.data.read;

/** The file layouts Ratchet reads, as told to a user whose file is in none of them. */
final class Layouts {
    static final String READ = "Ratchet reads (1) Binance kline dumps from data.binance.vision: CSV or a ZIP holding one CSV, "
            + "12 columns open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
            + "taker_buy_quote_volume,ignore, with or without that header, times in ms or us; "
            + "(2) freqtrade candle JSON: [[ms, open, high, low, close, volume], ...]";

    static final String[] BINANCE_COLUMNS = {"open_time", "open", "high", "low", "close", "volume", "close_time",
        "quote_volume", "count", "taker_buy_volume", "taker_buy_quote_volume", "ignore"};

    private Layouts() {
    }
}
