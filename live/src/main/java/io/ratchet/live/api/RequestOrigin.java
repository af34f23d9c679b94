package io.ratchet.live.api;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * Keeps other web sites out of an API that a browser on the same machine can reach. Without a
 * token, only a loopback name may be asked for in {@code Host}: a page of another site whose name
 * was pointed at 127.0.0.1 (DNS rebinding) is refused. A request a browser sends from another
 * origin (its {@code Origin} header names another host) is refused too, so no page elsewhere can
 * open or close a position by posting a form here.
 */
final class RequestOrigin {
    private RequestOrigin() {
    }

    /** Why the request is refused, or null. */
    static String refusal(Context ctx, boolean tokenSet) {
        String host = ctx.header("Host");
        if (!tokenSet && (host == null || !isLoopbackName(host))) {
            return "Host " + host + ": without RATCHET_API_TOKEN only 127.0.0.1, localhost or [::1] may be asked for";
        }
        String origin = ctx.header("Origin");
        if (origin != null && host != null && !origin.equalsIgnoreCase("http://" + host) && !origin.equalsIgnoreCase("https://" + host)) {
            return "Origin " + origin + ": requests from another site are refused";
        }
        return null;
    }

    static boolean isLoopbackName(String hostHeader) {
        String h = hostHeader.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            return h.startsWith("[::1]");
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        return name.equals("localhost") || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
