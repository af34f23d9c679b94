package io.ratchet.sim;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Binance's request signature: hex HMAC-SHA256 of query string then body, as sent. */
public final class Signature {
    private Signature() {
    }

    public static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw parameter string without its {@code signature=...} part (order and encoding kept). */
    static String withoutSignature(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (String part : raw.split("&")) {
            if (part.startsWith("signature=")) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(part);
        }
        return sb.toString();
    }
}
