package io.ratchet.sim;


/** Checking Binance's request signature: which part of a request is signed. */
public final class Signature {
    private Signature() {
    }

    public static String hmac(String secret, String payload) {
        return io.ratchet.data.rest.BinanceSignature.hmac(secret, payload);
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
