package io.ratchet.live;

import io.ratchet.live.api.LiveJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces stop hits, fills and failures as a JSON POST to a URL, off the runner's thread,
 * retried with backoff (1 s, 2 s, 4 s, ... up to 5 tries); a notification that cannot be
 * delivered is logged, never allowed to hold up trading.
 */
public final class HttpNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(HttpNotifier.class);

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ratchet-notify");
        t.setDaemon(true);
        return t;
    });

    public HttpNotifier(URI url) {
        this.url = url;
    }

    @Override
    public void notify(String type, Position p, String detail) {
        com.fasterxml.jackson.databind.node.ObjectNode n = LiveJson.MAPPER.createObjectNode().put("type", type).put("detail", detail);
        if (p != null) {
            n.set("position", LiveJson.position(p));
        }
        String body = n.toString();
        LOG.info("notify {} position {}: {}", type, p == null ? "-" : p.id(), detail);
        sender.execute(() -> {
            for (int attempt = 1; attempt <= 5; attempt++) {
                try {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() < 300) {
                        return;
                    }
                    LOG.warn("notification answered HTTP {} (try {})", r.statusCode(), attempt);
                } catch (Exception e) {
                    LOG.warn("notification failed (try {}): {}", attempt, e.getMessage());
                }
                try {
                    Thread.sleep(1000L << (attempt - 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            LOG.error("notification {} for position {} not delivered after 5 tries", type, p == null ? "-" : p.id());
        });
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
