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
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
}
