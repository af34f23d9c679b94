package io.ratchet.sim;

import java.util.Locale;
import java.util.Map;

/**
 * Which REST requests a fault is aimed at: {@code "POST /api/v3/order"}, optionally narrowed
 * to a side and an order type ({@code "POST /api/v3/order SELL MARKET"}, {@code "... SELL"}).
 */
public record RequestMatch(String method, String path, String side, String type) {

    /** {@code METHOD PATH [SIDE] [TYPE]}; the side and type are any of the order's (BUY/SELL, MARKET/STOP_LOSS/...). */
    public static RequestMatch parse(String text) {
        String[] w = text.trim().split("\\s+");
        if (w.length < 2 || w.length > 4 || !w[1].startsWith("/")) {
            throw new IllegalArgumentException("a request is METHOD PATH [SIDE] [TYPE], e.g. 'POST /api/v3/order SELL MARKET', got '" + text + "'");
        }
        String side = null;
        String type = null;
        for (int i = 2; i < w.length; i++) {
            String t = w[i].toUpperCase(Locale.ROOT);
            if (t.equals("BUY") || t.equals("SELL")) {
                side = t;
            } else {
                type = t;
            }
        }
        return new RequestMatch(w[0].toUpperCase(Locale.ROOT), w[1], side, type);
    }

    boolean matches(String requestMethod, String requestPath, Map<String, String> params) {
        return method.equalsIgnoreCase(requestMethod) && path.equals(requestPath)
                && (side == null || side.equals(params.get("side"))) && (type == null || type.equals(params.get("type")));
    }

    @Override
    public String toString() {
        return method + " " + path + (side == null ? "" : " " + side) + (type == null ? "" : " " + type);
    }
}
