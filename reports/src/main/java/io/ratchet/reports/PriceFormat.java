package io.ratchet.reports;

import io.ratchet.data.kline.KlineSeries;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Prices as the market quotes them: the decimals the data itself carries (a BTCUSDT dump has
 * two, a SHIBUSDT one eight) and the quote currency from the symbol's end, so 47123.4 reads
 * "47,123.40 USDT" and not "47123.4".
 */
record PriceFormat(int decimals, String quote) {
    /** Longest first, so FDUSD is not read as USD. */
    private static final List<String> QUOTES = List.of("FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USD", "EUR", "GBP", "TRY", "BRL", "JPY",
            "BTC", "ETH", "BNB");
    private static final int MAX_DECIMALS = 8;

    static PriceFormat of(KlineSeries s) {
        int d = 0;
        int n = Math.min(s.size(), 500);
        for (int i = 0; i < n; i++) {
            d = Math.max(d, Math.max(BigDecimal.valueOf(s.close(i)).stripTrailingZeros().scale(), BigDecimal.valueOf(s.open(i)).stripTrailingZeros().scale()));
        }
        if (d > MAX_DECIMALS) {
            // Not exchange prices (a computed series): as many decimals as show five significant digits.
            double ref = Math.abs(s.size() > 0 ? s.close(0) : 1);
            d = Math.max(0, Math.min(MAX_DECIMALS, 4 - (int) Math.floor(Math.log10(Math.max(ref, 1e-12)))));
        }
        return new PriceFormat(d, quoteOf(s.symbol()));
    }

    /** The quote currency the symbol ends with, or "" where it is not one Ratchet knows. */
    static String quoteOf(String symbol) {
        String up = symbol.toUpperCase(Locale.ROOT).replaceAll("_PERP$", "");
        for (String q : QUOTES) {
            if (up.endsWith(q) && up.length() > q.length() && up.matches("[A-Z0-9_]+")) {
                return q;
            }
        }
        return "";
    }

    /** "47,123.40 USDT". */
    String format(double price) {
        String num = String.format(Locale.ROOT, "%,." + decimals + "f", price);
        return quote.isEmpty() ? num : num + " " + quote;
    }

    /** An axis title: "price, USDT". */
    String axis() {
        return quote.isEmpty() ? "price" : "price, " + quote;
    }
}
