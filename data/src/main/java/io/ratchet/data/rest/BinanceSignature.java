package io.ratchet.data.rest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Binance's request signature: hex HMAC-SHA256 of the query string followed by the body,
 * as sent. One implementation for the client that signs and the simulator that checks.
 */
public final class BinanceSignature {
    private BinanceSignature() {
    }

    public static String hmac(byte[] secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    public static String hmac(String secret, String payload) {
        return hmac(secret.getBytes(StandardCharsets.UTF_8), payload);
    }
}
