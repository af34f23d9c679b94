package io.ratchet.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ratchet.engine.Direction;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.engine.TrailingStop;
import io.ratchet.live.api.LiveJson;
import io.ratchet.sim.AimedFault;
import io.ratchet.sim.LostReply;
import io.ratchet.sim.Rejection;
import io.ratchet.sim.SimConfig;
import io.ratchet.sim.SimExchange;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded schedules of faults over random positions on the simulator, each checked against
 * the runner's promises: at most one fill per entry and per exit; every position ends
 * (closed, failed, or flagged); stops never loosen; each position's stop path is the
 * engine's walk of the trades the simulator printed after its entry. A schedule draws its
 * faults from: replies lost after the exchange acted (503 or a closed connection, at the
 * entry or the exit), bursts of 429 and -1021 aimed at the exit, a refused exit (a person
 * then closes it), streams dropped after a fill, a database that fails for a while, and a
 * kill of the runner followed by a restart. Run {@code -Dratchet.chaos.schedules=N} for
 * more; a failure names its seed ({@code -Dratchet.chaos.seed=S} replays one).
 */
@Execution(ExecutionMode.CONCURRENT)
class LiveChaosTest {
    static final int SCHEDULES = Integer.getInteger("ratchet.chaos.schedules", 200);
    static final int LANES = 8;
    static final BlockingQueue<SimExchange> SIMS = new ArrayBlockingQueue<>(LANES);
    static final Map<String, AtomicInteger> FIGURES = new ConcurrentHashMap<>();
    static Path dir;

    static Stream<Long> seeds() {
        Long one = Long.getLong("ratchet.chaos.seed");
        return one != null ? Stream.of(one) : LongStream.rangeClosed(1, SCHEDULES).boxed();
    }

    @BeforeAll
    static void sims() throws Exception {
        dir = Files.createTempDirectory("ratchet-chaos");
        for (int i = 0; i < LANES; i++) {
            // Plenty of both assets: a second SELL would find the coins, so only the runner stands in its way.
            SimConfig cfg = SimConfig.of(LiveHarness.BTC).withSpeed(480).withSeed(1000 + i)
                    .withBalances(Map.of("USDT", new BigDecimal("1000000"), "BTC", new BigDecimal("100")))
                    .withStart(LiveHarness.BTC.openTime(0) + (1 + i * 3L) * 24 * 3_600_000);
            SIMS.add(new SimExchange(cfg).start());
        }
    }

    @AfterAll
    static void report() {
        for (SimExchange s : SIMS) {
            s.close();
        }
        System.out.println("chaos: " + new java.util.TreeMap<>(FIGURES));
        assertThat(count("schedules")).isEqualTo(seeds().count());
        if (seeds().count() >= 100) {
            // Every kind of fault was served, not only armed: a chaos run that injected nothing proves nothing.
            for (String kind : List.of("fault.lost-reply", "fault.429", "fault.1021", "fault.refused-exit", "fault.drop-after-fill",
                    "fault.database", "fault.kill")) {
                assertThat(count(kind)).as(kind + " served").isPositive();
            }
        }
    }

    static int count(String k) {
        return FIGURES.computeIfAbsent(k, x -> new AtomicInteger()).get();
    }

    static void add(String k, int n) {
        FIGURES.computeIfAbsent(k, x -> new AtomicInteger()).addAndGet(n);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aScheduleOfFaultsKeepsEveryPromise(long seed) throws Exception {
        SimExchange sim = SIMS.take();
        try {
            run(seed, sim);
        } catch (AssertionError | Exception e) {
            throw new AssertionError("chaos schedule failed: replay with -Dratchet.chaos.seed=" + seed + ": " + e.getMessage(), e);
        } finally {
            SIMS.add(sim);
        }
    }

    private void run(long seed, SimExchange sim) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean protect = rnd.nextInt(3) == 0;
        try (LiveHarness h = new LiveHarness(sim, "jdbc:sqlite:" + dir.resolve("chaos-" + seed + ".db"), false)) {
            h.wrapStore = FailingStore::new;
            h.staleAfterMillis = 3_000;
            double trail = 0.0005 + rnd.nextDouble() * 0.001;
            TrailingConfig cfg = new TrailingConfig(Mode.PERCENT, trail, 0, trail + rnd.nextDouble() * 0.001, 0, 0.001, 0);
            h.startRunner(cfg, protect);
            List<AimedFault> armed = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            // Faults aimed at the entries, armed before them.
            if (rnd.nextInt(4) == 0) {
                armed.add(sim.faults().loseReplyNext("POST /api/v3/order BUY MARKET", rnd.nextBoolean() ? LostReply.STATUS_503 : LostReply.CLOSE));
                kinds.add("fault.lost-reply");
            }
            if (rnd.nextInt(5) == 0) {
                sim.faults().dropStreamsAfterNextFill();
            }
            int drops = sim.faults().streamDropsAfterFill();
            int n = 1 + rnd.nextInt(2);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String body = rnd.nextInt(4) == 0
                        ? "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.00" + (1 + rnd.nextInt(9)) + "\",\"entryPrice\":" + sim.lastPrice() + "}"
                        : "{\"symbol\":\"BTCUSDT\",\"direction\":\"long\",\"quantity\":\"0.00" + (1 + rnd.nextInt(9)) + "\"}";
                HttpResponse<String> r = h.post("/api/positions", body);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                ids.add(LiveJson.MAPPER.readTree(r.body()).get("id").asLong());
            }
            // Faults aimed at the exits.
            int pick = rnd.nextInt(6);
            if (pick == 0) {
                armed.add(sim.faults().loseReplyNext("POST /api/v3/order SELL MARKET", rnd.nextBoolean() ? LostReply.STATUS_503 : LostReply.CLOSE));
                kinds.add("fault.lost-reply");
            } else if (pick == 1) {
                armed.add(sim.faults().rateLimitBurst("POST /api/v3/order SELL", 1 + rnd.nextInt(20), 0));
                kinds.add("fault.429");
            } else if (pick == 2) {
                armed.add(sim.faults().timestampBurst("POST /api/v3/order SELL", 1 + rnd.nextInt(6)));
                kinds.add("fault.1021");
            } else if (pick == 3) {
                armed.add(sim.faults().rejectNext("POST /api/v3/order SELL MARKET", rnd.nextBoolean() ? Rejection.LOT_SIZE : Rejection.BALANCE));
                kinds.add("fault.refused-exit");
            } else if (pick == 4) {
                sim.faults().dropStreamsAfterNextFill();
            }
            int disruptions = 0;
            if (rnd.nextInt(4) == 0) {
                Thread.sleep(rnd.nextInt(1000));
                FailingStore fs = (FailingStore) h.store;
                fs.failing.set(true);
                Thread.sleep(300 + rnd.nextInt(700));
                fs.failing.set(false);
                add("fault.database", fs.refused.get() > 0 ? 1 : 0);
                disruptions += fs.refused.get();
            }
            if (rnd.nextInt(4) == 0) {
                Thread.sleep(rnd.nextInt(1000));
                h.crash();
                Thread.sleep(rnd.nextInt(1000));
                h.startRunner(cfg, protect);
                add("fault.kill", 1);
                disruptions++;
            }
            long end = System.currentTimeMillis() + 60_000;
            while (true) {
                boolean allDone = true;
                for (long id : ids) {
                    Position p = h.db.get(id).orElseThrow();
                    if (p.status() == PositionStatus.EXIT_REFUSED && p.attention() != null) {
                        add("flagged", 1);
                        h.delete("/api/positions/" + id + "?close=true"); // the person who was told closes it
                    }
                    allDone &= p.status() == PositionStatus.CLOSED || p.status() == PositionStatus.FAILED;
                }
                if (allDone) {
                    break;
                }
                assertThat(System.currentTimeMillis()).as("every position ended within 60 s: " + h.db.all()).isLessThan(end);
                Thread.sleep(100);
            }
            for (int i = 0; i < armed.size(); i++) {
                add(kinds.get(i), armed.get(i).served() > 0 ? 1 : 0);
                disruptions += armed.get(i).served();
                armed.get(i).cancel();
            }
            sim.faults().cancelDropAfterNextFill();
            int dropped = sim.faults().streamDropsAfterFill() - drops;
            add("fault.drop-after-fill", dropped > 0 ? 1 : 0);
            disruptions += dropped;
            add("disruptions", disruptions);
            check(h, ids, cfg);
            add("schedules", 1);
            add("positions", ids.size());
        }
    }

    private static String describe(List<StopEvent> events) {
        StringBuilder b = new StringBuilder();
        for (StopEvent e : events) {
            b.append("\n  ").append(e.time()).append(' ').append(e.type()).append(' ').append(e.price()).append(' ').append(e.newStop()).append(' ').append(e.detail());
        }
        return b.toString();
    }

    /** What the feed delivered from {@code from} on, as runs of consecutive trade ids: where a walk went wrong, what came in. */
    private static String delivered(LiveHarness h, long from) {
        StringBuilder b = new StringBuilder("\ndelivered by the stream (trade ids, market times, wall times):");
        double[] start = null;
        double[] prev = null;
        for (double[] t : h.delivered) {
            if (t[1] < from) {
                continue;
            }
            if (prev != null && t[2] == prev[2] + 1) {
                prev = t;
                continue;
            }
            if (start != null) {
                b.append("\n  ids ").append((long) start[2]).append("..").append((long) prev[2]).append(" times ").append((long) start[1]).append("..")
                        .append((long) prev[1]).append(" wall ").append((long) start[3]).append("..").append((long) prev[3]);
            }
            start = t;
            prev = t;
        }
        if (start != null) {
            b.append("\n  ids ").append((long) start[2]).append("..").append((long) prev[2]).append(" times ").append((long) start[1]).append("..")
                    .append((long) prev[1]).append(" wall ").append((long) start[3]).append("..").append((long) prev[3]);
        }
        return b.toString();
    }

    /** The promises, position by position. */
    private static void check(LiveHarness h, List<Long> ids, TrailingConfig cfg) {
        String prefix = h.db.clientPrefix();
        JsonNode orders = h.orders();
        for (long id : ids) {
            Position p = h.db.get(id).orElseThrow();
            int entries = 0;
            int exits = 0;
            for (JsonNode o : orders) {
                String cid = o.get("clientOrderId").asText();
                if (!cid.startsWith(prefix + "-" + id + "-") || new BigDecimal(o.get("executedQty").asText()).signum() == 0) {
                    continue;
                }
                if (cid.endsWith("-e")) {
                    entries++;
                } else {
                    exits++;
                }
            }
            assertThat(entries).as("position " + id + ": at most one entry fill").isLessThanOrEqualTo(1);
            assertThat(exits).as("position " + id + ": at most one exit fill").isLessThanOrEqualTo(1);
            add("check.fills", 2);
            assertThat(p.status()).as("position " + id + " ended").isIn(PositionStatus.CLOSED, PositionStatus.FAILED);
            add("check.ended", 1);
            if (p.status() == PositionStatus.FAILED) {
                assertThat(exits).as("a failed entry holds nothing to sell").isZero();
                continue;
            }
            assertThat(exits).as("position " + id + " closed by exactly one exit").isEqualTo(1);
            List<StopEvent> events = h.db.events(id);
            List<Double> live = new ArrayList<>();
            for (StopEvent e : events) {
                if (e.type() == EventType.STOP_MOVED) {
                    if (!live.isEmpty()) {
                        assertThat(e.newStop()).as("position " + id + ": the stop never loosens").isGreaterThanOrEqualTo(live.get(live.size() - 1));
                    }
                    live.add(e.newStop());
                }
            }
            add("check.never-loosens", 1);
            // Manual closes end the walk early; a close by the engine's hit or the exchange stop ends it where the engine says.
            long entryTime = p.entryTime();
            TrailingStop ts = new TrailingStop(cfg);
            ts.open(Direction.LONG, p.entryPrice(), entryTime);
            List<Double> engine = new ArrayList<>();
            engine.add(ts.stop());
            for (double[] t : h.sim.printedTrades(entryTime + 1, Long.MAX_VALUE)) {
                if (engine.size() > live.size() + 1) {
                    break;
                }
                int r = ts.onGap((long) t[1], t[0]);
                if (r == TrailingStop.MOVED) {
                    engine.add(ts.stop());
                } else if (r == TrailingStop.HIT) {
                    break;
                }
            }
            boolean hit = events.stream().anyMatch(e -> e.type() == EventType.STOP_HIT);
            if (hit) {
                assertThat(live).as(() -> "position " + id + ": the stop path is the engine's walk of the printed trades; events " + describe(events) + delivered(h, entryTime)).isEqualTo(engine);
            } else {
                assertThat(engine).as(() -> "position " + id + ": the stop path so far is the engine's; events " + describe(events) + delivered(h, entryTime)).startsWith(live.toArray(new Double[0]));
            }
            add("check.stop-path", 1);
        }
    }
}
