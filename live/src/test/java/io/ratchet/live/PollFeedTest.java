package io.ratchet.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ratchet.engine.Direction;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.engine.TrailingStop;
import io.ratchet.live.api.LiveJson;
import io.ratchet.sim.SimConfig;
import io.ratchet.sim.SimExchange;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --feed poll}: the same position, trailed once from the stream and once by polling
 * {@code aggTrades} every 2 s over the same replay, moves its stop at the same trades and
 * exits at the same trigger, which is the engine's walk of what the exchange printed.
 */
class PollFeedTest {
    static final TrailingConfig CFG = new TrailingConfig(Mode.PERCENT, 0.003, 0, Double.NaN, 0, 0.001, 0);

    @TempDir
    Path dir;

    record Walk(List<Double> stops, List<Long> moveTimes, double hitPrice, long hitTime, String trigger) {
    }

    @Test
    void pollingEveryTwoSecondsWalksTheSamePrintsAsTheStream() throws Exception {
        SimExchange sim = new SimExchange(SimConfig.of(LiveHarness.BTC).withSpeed(240)
                .withStart(LiveHarness.BTC.openTime(0) + 2L * 24 * 3_600_000)).start();
        try (LiveHarness stream = new LiveHarness(sim, "jdbc:sqlite:" + dir.resolve("stream.db"), false);
             LiveHarness poll = new LiveHarness(sim, "jdbc:sqlite:" + dir.resolve("poll.db"), false)) {
            poll.pollEveryMillis = 2_000;
            stream.startRunner(CFG, false);
            poll.startRunner(CFG, false);
            LiveHarness.await(() -> sim.printedTrades(0, Long.MAX_VALUE).size() > 8, 30_000, "the replay to run");
            // Both adopt the same position while the market stands still: both start after the same trade.
            sim.pauseReplay();
            double entry = sim.lastPrice();
            String body = "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.001\",\"entryPrice\":" + entry + "}";
            HttpResponse<String> a = stream.post("/api/positions", body);
            HttpResponse<String> b = poll.post("/api/positions", body);
            assertThat(a.statusCode()).as(a.body()).isEqualTo(201);
            assertThat(b.statusCode()).as(b.body()).isEqualTo(201);
            long idA = LiveJson.MAPPER.readTree(a.body()).get("id").asLong();
            long idB = LiveJson.MAPPER.readTree(b.body()).get("id").asLong();
            long entryTime = poll.db.get(idB).orElseThrow().entryTime();
            assertThat(stream.db.get(idA).orElseThrow().entryTime()).as("both adopted after the same trade").isEqualTo(entryTime);
            // The stream is connected before the market moves again, so neither run starts after a gap.
            LiveHarness.await(() -> sim.streamConnections() == 1, 30_000, "the stream runner's connection");
            Thread.sleep(500);
            sim.resumeReplay();
            LiveHarness.await(() -> poll.db.get(idB).orElseThrow().status() == PositionStatus.CLOSED
                    && stream.db.get(idA).orElseThrow().status() == PositionStatus.CLOSED, 90_000, "both positions to close");

            Walk fromStream = walk(stream, idA);
            Walk fromPolls = walk(poll, idB);
            assertThat(fromPolls.stops()).as("at least one move, so the comparison means something").hasSizeGreaterThanOrEqualTo(2);
            assertThat(fromPolls).isEqualTo(fromStream);

            // And both are what the engine says of the prints after the entry.
            TrailingStop ts = new TrailingStop(CFG);
            ts.open(Direction.LONG, entry, entryTime);
            List<Double> engine = new ArrayList<>(List.of(ts.stop()));
            double hit = Double.NaN;
            for (double[] t : sim.printedTrades(entryTime, Long.MAX_VALUE)) {
                int r = ts.onGap((long) t[1], t[0]);
                if (r == TrailingStop.MOVED) {
                    engine.add(ts.stop());
                } else if (r == TrailingStop.HIT) {
                    hit = t[0];
                    break;
                }
            }
            assertThat(fromPolls.stops()).isEqualTo(engine);
            assertThat(fromPolls.hitPrice()).isEqualTo(hit);

            // The polled run really polled: no stream, aggTrades paged by id with every id once, in order.
            assertThat(poll.polling.requests()).as("the latest trade, then pages by id").isGreaterThanOrEqualTo(2);
            List<double[]> got = poll.delivered;
            assertThat(got).hasSizeGreaterThan(10);
            for (int i = 1; i < got.size(); i++) {
                assertThat((long) got.get(i)[2]).as("aggTradeIds delivered once each, in order").isEqualTo((long) got.get(i - 1)[2] + 1);
            }
            JsonNode orders = poll.orders();
            int sells = 0;
            for (JsonNode o : orders) {
                if (o.get("clientOrderId").asText().startsWith(poll.db.clientPrefix() + "-" + idB + "-x")) {
                    sells++;
                }
            }
            assertThat(sells).as("one exit order").isEqualTo(1);
        } finally {
            sim.close();
        }
    }

    private static Walk walk(LiveHarness h, long id) {
        List<Double> stops = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        StopEvent hit = null;
        for (StopEvent e : h.db.events(id)) {
            if (e.type() == EventType.STOP_MOVED) {
                stops.add(e.newStop());
                times.add(e.time());
            } else if (e.type() == EventType.STOP_HIT) {
                hit = e;
            }
        }
        assertThat(hit).as("position " + id + " was closed by its stop").isNotNull();
        return new Walk(stops, times, hit.price(), hit.time(), hit.detail().replaceAll(",.*", ""));
    }
}
