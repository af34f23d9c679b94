package io.ratchet.data.kline;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 of a series' bars (open time and the five values of every bar, in order), so a
 * saved result can tell whether the data it is shown with is the data it was computed on:
 * an edited price changes the digest where bar count and range stay the same.
 */
public final class SeriesDigest {
    private SeriesDigest() {
    }

    public static String sha256(KlineSeries s) {
        MessageDigest md = sha256();
        ByteBuffer b = ByteBuffer.allocate(48 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < s.size(); i++) {
            if (b.remaining() < 48) {
                md.update(b.array(), 0, b.position());
                b.clear();
            }
            b.putLong(s.openTime(i)).putDouble(s.open(i)).putDouble(s.high(i)).putDouble(s.low(i)).putDouble(s.close(i)).putDouble(s.volume(i));
        }
        md.update(b.array(), 0, b.position());
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * A SHA-256 of the trades a tick-exact walk reads: the time (ms) and price of every trade that
     * lies in one of {@code bars}, in order. Trades outside the bars are left out, so a recording
     * that grew after the bars' end still matches the result made on it.
     */
    public static String sha256(io.ratchet.engine.TradePrints prints, io.ratchet.engine.Bars bars) {
        MessageDigest md = sha256();
        ByteBuffer b = ByteBuffer.allocate(16 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = bars.from(); i < bars.to(); i++) {
            for (int k = prints.start(i), end = prints.end(i); k < end; k++) {
                if (b.remaining() < 16) {
                    md.update(b.array(), 0, b.position());
                    b.clear();
                }
                b.putLong(prints.time(k)).putDouble(prints.price(k));
            }
        }
        md.update(b.array(), 0, b.position());
        return HexFormat.of().formatHex(md.digest());
    }

    /** How many trades lie in one of {@code bars}: what {@link #sha256(io.ratchet.engine.TradePrints, io.ratchet.engine.Bars)} covers. */
    public static int inside(io.ratchet.engine.TradePrints prints, io.ratchet.engine.Bars bars) {
        int n = 0;
        for (int i = bars.from(); i < bars.to(); i++) {
            n += prints.end(i) - prints.start(i);
        }
        return n;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
