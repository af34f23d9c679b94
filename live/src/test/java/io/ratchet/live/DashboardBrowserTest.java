package io.ratchet.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.live.api.LiveJson;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard as a person uses it: served by a runner on the simulator, opened in a real
 * headless Chromium, driven through its form and buttons.
 */
class DashboardBrowserTest {
    /** Trails from the entry (no activation), wide: every new extreme moves the stop, none is hit during the test. */
    static final TrailingConfig WIDE = new TrailingConfig(Mode.PERCENT, 0.1, 0, 0.2, 0, 0.001, 0);

    @TempDir
    Path dir;

    /** A STOP_MOVED as the runner made it, and when (wall time). */
    record Move(long position, double newStop, long at) {
    }

    @Test
    void thePageShowsEveryChangeLiveAndItsButtonsAct() throws Exception {
        List<Move> moves = new CopyOnWriteArrayList<>();
        try (LiveHarness h = new LiveHarness(300, "jdbc:sqlite:" + dir.resolve("dash.db")); Cdp b = Cdp.launch()) {
            h.startRunner(WIDE, false);
            h.runner.listen(new Changes() {
                @Override
                public void saved(Position p, StopEvent... events) {
                    for (StopEvent e : events) {
                        if (e.type() == EventType.STOP_MOVED) {
                            moves.add(new Move(p.id(), e.newStop(), System.currentTimeMillis()));
                        }
                    }
                }

                @Override
                public void traded(String symbol, double price, long time) {
                }

                @Override
                public void told(String type, Position p, String detail) {
                }
            });
            String origin = "http://127.0.0.1:" + h.api.port();
            b.call("Page.enable", null);
            b.call("Network.enable", null);
            b.call("Runtime.enable", null);
            b.call("Log.enable", null);
            b.call("Page.navigate", Cdp.params("url", origin + "/"));
            assertThat(b.waitFor("Page.loadEventFired", 60)).as("the page loaded").isTrue();
            await(b, "window.ratchet && window.ratchet.connected === true", 20, "the stream to connect");
            assertThat(b.eval("document.getElementById('mode').textContent").asText()).isEqualTo("SIM: orders sent");
            assertThat(b.eval("document.getElementById('open-empty').hidden").asBoolean()).isFalse();

            // The form shows the API's own validation message.
            submit(b, "BTCUSDT", "long", "-1", "");
            await(b, "document.getElementById('form-error').textContent !== ''", 10, "the form's error");
            assertThat(b.eval("document.getElementById('form-error').textContent").asText()).isEqualTo("quantity: must be positive, got -1");

            // A long bought at market and a short adopted at the last price, both through the form: whichever way the
            // market goes, one of them makes new extremes and so moves its stop.
            submit(b, "BTCUSDT", "long", "0.01", "");
            await(b, "document.querySelectorAll('#open-table tbody tr').length === 1", 20, "the long in the table");
            submit(b, "BTCUSDT", "short", "0.01", price(h));
            await(b, "document.querySelectorAll('#open-table tbody tr').length === 2", 20, "the short in the table");
            assertThat(b.eval("document.getElementById('form-error').textContent").asText()).isEmpty();
            JsonNode rows = b.eval("Array.from(document.querySelectorAll('#open-table tbody tr')).map(r => [r.dataset.id, r.cells[1].textContent,"
                    + " r.cells[2].textContent, r.cells[3].textContent, r.cells[10].textContent])");
            List<JsonNode> stored = new ArrayList<>();
            LiveJson.MAPPER.readTree(h.get("/api/positions").body()).forEach(stored::add);
            assertThat(stored).hasSize(2);
            JsonNode bought = stored.stream().filter(p -> p.get("direction").asText().equals("long")).findFirst().orElseThrow();
            long longId = bought.get("id").asLong();
            String held = bought.get("quantity").asText(); // what the account holds: the fill less the commission in the coin
            assertThat(rows.get(0).get(0).asLong()).isEqualTo(longId);
            assertThat(rows.get(0).get(1).asText()).isEqualTo("BTCUSDT");
            assertThat(rows.get(0).get(2).asText()).isEqualTo("long");
            assertThat(rows.get(0).get(3).asText()).isEqualTo(held);
            assertThat(rows.get(0).get(4).asText()).isEqualTo("TRAILING");
            assertThat(rows.get(1).get(2).asText()).isEqualTo("short");

            // Every stop the runner moves shows in the table within a second. The observer notes when each stop text
            // first appears; a move followed by another within 150 ms may be drawn over in the same frame, so only
            // moves that stood longer are measured (and at least three must).
            b.eval("(() => { window.__seen = {}; const note = () => { const now = Date.now();"
                    + " document.querySelectorAll('#open-table tbody tr').forEach(r => { const k = r.dataset.id + '|' + r.querySelector('td.stop').textContent;"
                    + " if (!(k in window.__seen)) window.__seen[k] = now; }); };"
                    + " new MutationObserver(note).observe(document.querySelector('#open-table tbody'), {childList: true, subtree: true, characterData: true});"
                    + " note(); return true; })()");
            int before = moves.size();
            LiveHarness.await(() -> moves.size() - before >= 4, 60_000, "stop moves");
            Thread.sleep(1_100);
            List<Move> measured = new ArrayList<>(moves.subList(before, moves.size()));
            StringBuilder js = new StringBuilder("[");
            for (Move m : measured) {
                js.append(js.length() > 1 ? "," : "").append("window.__seen[").append(m.position()).append(" + '|' + num(").append(m.newStop()).append(")]");
            }
            JsonNode seen = b.eval(js.append("]").toString());
            // A move shows when the page shows its stop or a later one of the same position: moves coming faster than
            // frames are drawn over in one frame, and that is the page being up to date, not late.
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < measured.size(); i++) {
                long first = Long.MAX_VALUE;
                for (int j = i; j < measured.size(); j++) {
                    if (measured.get(j).position() == measured.get(i).position() && seen.get(j).isNumber()) {
                        first = Math.min(first, seen.get(j).asLong());
                    }
                }
                assertThat(first).as("stop " + measured.get(i) + " (or a later one) shown on the page; it showed "
                        + b.eval("JSON.stringify(window.__seen)").asText()).isLessThan(Long.MAX_VALUE);
                latencies.add(first - measured.get(i).at());
            }
            System.out.println("dashboard: STOP_MOVED to the page, ms: " + latencies);
            assertThat(latencies).hasSizeGreaterThanOrEqualTo(4).allSatisfy(l -> assertThat(l).isLessThan(1_000));
            int markers = b.eval("window.ratchet.charts.get(" + measured.get(0).position() + ").markers.filter(m => m.e.type === 'STOP_MOVED').length").asInt();
            long movesOfIt = moves.stream().filter(m -> m.position() == measured.get(0).position()).count();
            assertThat(markers).as("its moves are marked on its chart").isGreaterThanOrEqualTo((int) Math.min(movesOfIt, measured.size()));

            // A dropped stream: the browser goes offline and the server ends the stream; what happens meanwhile (a
            // position opened through the API) arrives once it is back, and no id is skipped or repeated.
            // Chromium logs every 4xx answer: the one the invalid quantity was given is the only error allowed.
            assertThat(errors(b)).as("errors in the page before the drop").containsExactly(
                    "log: Failed to load resource: the server responded with a status of 400 (Bad Request) " + origin + "/api/positions");
            int errorsBeforeDrop = errors(b).size();
            int connects = b.eval("window.ratchet.connects").asInt();
            b.call("Network.emulateNetworkConditions", Cdp.params("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
            h.api.dropStreams();
            await(b, "window.ratchet.connected === false", 10, "the page to see the drop");
            assertThat(b.eval("document.getElementById('conn').textContent").asText()).startsWith("✕ disconnected");
            int receivedAtDrop = b.eval("window.ratchet.received.length").asInt();
            var adopted = h.post("/api/positions", "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.02\",\"entryPrice\":" + price(h) + "}");
            assertThat(adopted.statusCode()).as(adopted.body()).isEqualTo(201);
            long adoptedId = LiveJson.MAPPER.readTree(adopted.body()).get("id").asLong();
            Thread.sleep(1_500);
            assertThat(b.eval("window.ratchet.received.length").asInt()).as("nothing arrives while offline").isEqualTo(receivedAtDrop);
            b.call("Network.emulateNetworkConditions", Cdp.params("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
            await(b, "window.ratchet.connected === true && window.ratchet.positions.has(" + adoptedId + ")", 20, "the page to resume");
            assertThat(b.eval("window.ratchet.connects").asInt()).isEqualTo(connects + 1);
            await(b, "document.querySelector('#open-table tr[data-id=\"" + adoptedId + "\"]') !== null", 5, "the adopted position in the table");
            JsonNode ids = b.eval("window.ratchet.received.map(i => Number(i.split('-')[1]))");
            List<Long> seqs = new ArrayList<>();
            ids.forEach(i -> seqs.add(i.asLong()));
            assertThat(seqs.size()).isGreaterThan(receivedAtDrop);
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as("stream id after " + seqs.get(i - 1)).isEqualTo(seqs.get(i - 1) + 1);
            }

            // Close at market: nothing is sent until the confirmation, then exactly one SELL.
            assertThat(h.orders().size()).as("the long's market BUY only").isEqualTo(1);
            b.eval("document.querySelector('#open-table button.close[data-id=\"" + longId + "\"]').click()");
            await(b, "document.getElementById('confirm').open", 5, "the confirmation");
            assertThat(b.eval("document.getElementById('confirm-text').textContent").asText()).startsWith("Close #" + longId + " BTCUSDT long " + held + " at market");
            Thread.sleep(300);
            assertThat(h.orders().size()).as("no order before the confirmation").isEqualTo(1);
            b.eval("document.getElementById('confirm-ok').click()");
            await(b, "document.querySelector('#closed-table tr[data-id=\"" + longId + "\"]') !== null", 30, "the long among the closed");
            assertThat(b.eval("document.querySelector('#closed-table tr[data-id=\"" + longId + "\"]').cells[6].textContent").asText()).isEqualTo("MANUAL");
            List<JsonNode> sells = new ArrayList<>();
            h.orders().forEach(o -> {
                if (o.get("side").asText().equals("SELL")) {
                    sells.add(o);
                }
            });
            assertThat(sells).hasSize(1);
            assertThat(sells.get(0).get("clientOrderId").asText()).isEqualTo(h.store.clientPrefix() + "-" + longId + "-x1");
            assertThat(sells.get(0).get("status").asText()).isEqualTo("FILLED");
            Thread.sleep(1_000);

            JsonNode shot = b.call("Page.captureScreenshot", Cdp.params("format", "png", "captureBeyondViewport", true));
            byte[] png = Base64.getDecoder().decode(shot.get("data").asText());
            Path out = Path.of("target", "dashboard-screenshot.png");
            Files.createDirectories(out.getParent());
            Files.write(out, png);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(img.getWidth()).isGreaterThan(1000);
            // Every action of an open position is in view: the table fits its section, nothing to scroll to.
            JsonNode fit = b.eval("(() => { const t = document.getElementById('open-table'), s = t.parentElement;"
                    + " const right = Math.max(...Array.from(t.querySelectorAll('button')).map(x => x.getBoundingClientRect().right));"
                    + " return {buttons: t.querySelectorAll('button').length, right: right, view: document.documentElement.clientWidth,"
                    + " scroll: s.scrollWidth, visible: s.clientWidth}; })()");
            assertThat(fit.get("buttons").asInt()).isPositive();
            assertThat(fit.get("right").asDouble()).as("the last button's right edge").isLessThanOrEqualTo(fit.get("view").asDouble());
            assertThat(fit.get("scroll").asInt()).as("no horizontal scrolling").isLessThanOrEqualTo(fit.get("visible").asInt());
            assertThat(b.eval("document.querySelectorAll('#charts .chart canvas').length").asInt()).isGreaterThanOrEqualTo(3);

            List<String> outside = new ArrayList<>();
            for (JsonNode e : b.events) {
                if (e.path("method").asText().equals("Network.requestWillBeSent")) {
                    String url = e.path("params").path("request").path("url").asText();
                    if (!url.startsWith(origin + "/")) {
                        outside.add(url);
                    }
                }
            }
            assertThat(outside).as("requests that left the runner").isEmpty();
            assertThat(errors(b).subList(errorsBeforeDrop, errors(b).size())).as("errors in the page after the drop: only the stream's and the health strip's requests, failing while offline")
                    .allSatisfy(e -> assertThat(e).containsAnyOf(origin + "/api/stream", origin + "/api/health"));
            assertThat(h.get("/").body()).doesNotContain(io.ratchet.sim.SimConfig.DEFAULT_SECRET).doesNotContain(io.ratchet.sim.SimConfig.DEFAULT_KEY);
        }
    }

    /** The simulator's last price on the symbol's tick. */
    private static String price(LiveHarness h) {
        return java.math.BigDecimal.valueOf(h.sim.lastPrice()).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** Fills the form and clicks Open, once the previous submission has its answer (the button is disabled until then). */
    private static void submit(Cdp b, String symbol, String direction, String qty, String entry) throws Exception {
        await(b, "!document.getElementById('open-button').disabled", 30, "the previous submission's answer");
        b.eval("(() => { const f = document.getElementById('open-form'); f.symbol.value = '" + symbol + "'; f.direction.value = '" + direction + "';"
                + " f.quantity.value = '" + qty + "'; f.entryPrice.value = '" + entry + "'; f.config.value = '';"
                + " document.getElementById('form-error').textContent = ''; document.getElementById('open-button').click(); return true; })()");
    }

    private static void await(Cdp b, String condition, int seconds, String what) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (!b.eval("!!(" + condition + ")").asBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what + " (" + condition + "); the form says: '"
                        + b.eval("document.getElementById('form-error').textContent").asText() + "'");
            }
            Thread.sleep(50);
        }
    }

    /** Exceptions, console errors, error log entries and failed loads, in the order the page had them. */
    private static List<String> errors(Cdp b) {
        List<String> errors = new ArrayList<>();
        java.util.Map<String, String> urls = new java.util.HashMap<>();
        for (JsonNode e : b.events) {
            String m = e.path("method").asText();
            JsonNode p = e.path("params");
            if (m.equals("Network.requestWillBeSent")) {
                urls.put(p.path("requestId").asText(), p.path("request").path("url").asText());
            } else if (m.equals("Runtime.exceptionThrown")) {
                errors.add("exception: " + p.path("exceptionDetails"));
            } else if (m.equals("Runtime.consoleAPICalled") && p.path("type").asText().equals("error")) {
                errors.add("console.error: " + p.path("args"));
            } else if (m.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
                errors.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
            } else if (m.equals("Network.loadingFailed")) {
                errors.add("failed load: " + urls.get(p.path("requestId").asText()) + " " + p);
            }
        }
        return errors;
    }
}
