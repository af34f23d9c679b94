package io.ratchet.live.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's files, read once from the jar: the page, its script and style, and uPlot
 * from its webjar. A fixed list, so no path a browser sends can reach any other resource.
 */
final class DashboardAssets {
    static final String UPLOT = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";

    /** The page may load only what is served here: the browser itself refuses anything else. */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private record Asset(byte[] bytes, String type) {
    }

    private final Map<String, Asset> assets;

    DashboardAssets() {
        assets = Map.of(
                "/", load("/io/ratchet/live/dashboard/dashboard.html", "text/html;charset=utf-8"),
                "/assets/dashboard.js", load("/io/ratchet/live/dashboard/dashboard.js", "text/javascript;charset=utf-8"),
                "/assets/dashboard.css", load("/io/ratchet/live/dashboard/dashboard.css", "text/css;charset=utf-8"),
                "/assets/uPlot.iife.min.js", load(UPLOT + "uPlot.iife.min.js", "text/javascript;charset=utf-8"),
                "/assets/uPlot.min.css", load(UPLOT + "uPlot.min.css", "text/css;charset=utf-8"));
    }

    static boolean isAsset(String path) {
        return path.equals("/") || path.startsWith("/assets/");
    }

    void serve(Context ctx) {
        Asset a = assets.get(ctx.path());
        if (a == null) {
            ctx.status(404).contentType("text/plain").result("not found");
            return;
        }
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(a.type()).result(a.bytes());
    }

    private static Asset load(String resource, String type) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + resource + " is not in the jar");
            }
            return new Asset(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webjar's version, from its own Maven metadata, so a version bump in the pom needs no change here. */
    private static String uplotVersion() {
        try (InputStream in = DashboardAssets.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the uplot webjar is not on the class path");
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
