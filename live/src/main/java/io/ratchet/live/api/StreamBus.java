package io.ratchet.live.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ratchet.live.Changes;
import io.ratchet.live.Position;
import io.ratchet.live.StopEvent;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code /api/stream} sends: every change the runner makes, numbered, kept in a bounded
 * ring so a reader that reconnects with {@code Last-Event-ID} gets exactly what it missed.
 *
 * <p>The runner's thread only appends here (a short lock, no I/O, no JSON); each reader waits
 * on its own thread. A reader too far behind is told to reload instead of slowing anyone.
 * Ids are {@code INSTANCE-SEQ}: a page that outlived a restart of the runner sees a new
 * instance and reloads, rather than waiting for numbers that mean something else now.
 */
final class StreamBus implements Changes {
    /** Trades are sampled: a chart needs a few points a second, not every trade of a busy symbol. */
    static final long TRADE_EVERY_NANOS = 200_000_000L;

    private final StreamEntry[] ring;
    private final PriceTape tape = new PriceTape(4_000);
    private final Map<String, Long> lastTradeNanos = new HashMap<>();
    final String instance = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
    private long seq;
    private int generation;
    private boolean closed;

    StreamBus(int capacity) {
        ring = new StreamEntry[capacity];
    }

    /** What a reader gets: entries after its id, or {@code reset} when they are no longer kept (or it asks another instance). */
    record Batch(List<StreamEntry> entries, boolean reset, boolean end) {
    }

    // ---- the runner's thread: append only -----------------------------------------------------

    @Override
    public void saved(Position p, StopEvent... events) {
        if (events.length == 0) {
            append("position", () -> wrap(p, null).toString());
            return;
        }
        for (StopEvent e : events) {
            append("stop-event", () -> wrap(p, e).toString());
        }
    }

    @Override
    public void traded(String symbol, double price, long time) {
        long now = System.nanoTime();
        synchronized (this) {
            Long last = lastTradeNanos.get(symbol);
            if (last != null && now - last < TRADE_EVERY_NANOS) {
                return;
            }
            lastTradeNanos.put(symbol, now);
        }
        tape.add(symbol, price, time);
        append("trade", () -> {
            ObjectNode o = LiveJson.MAPPER.createObjectNode();
            o.put("symbol", symbol);
            o.put("price", price);
            o.put("time", time);
            return o.toString();
        });
    }

    @Override
    public void told(String type, Position p, String detail) {
        long at = System.currentTimeMillis();
        append("notice", () -> {
            ObjectNode o = LiveJson.MAPPER.createObjectNode();
            o.put("type", type);
            o.put("detail", detail);
            o.put("time", at);
            if (p == null) {
                o.putNull("positionId");
            } else {
                o.put("positionId", p.id());
            }
            return o.toString();
        });
    }

    private static ObjectNode wrap(Position p, StopEvent e) {
        ObjectNode o = LiveJson.MAPPER.createObjectNode();
        o.set("position", LiveJson.position(p));
        if (e != null) {
            o.set("event", LiveJson.event(e));
        }
        return o;
    }

    private synchronized void append(String kind, java.util.function.Supplier<String> json) {
        seq++;
        ring[(int) (seq % ring.length)] = new StreamEntry(seq, kind, json);
        notifyAll();
    }

    // ---- readers' threads --------------------------------------------------------------------------

    synchronized long lastSeq() {
        return seq;
    }

    String id(long s) {
        return instance + "-" + s;
    }

    /** The sequence number a {@code Last-Event-ID} stands for here, or -1 when it is another instance's (or nonsense). */
    long parse(String lastEventId) {
        if (lastEventId == null || !lastEventId.startsWith(instance + "-")) {
            return -1;
        }
        try {
            return Long.parseLong(lastEventId.substring(instance.length() + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    synchronized int generation() {
        return generation;
    }

    /**
     * Entries after {@code after}, waiting up to {@code waitMillis} for one; {@code end} once the
     * bus is closed or the readers of {@code gen} were dropped.
     */
    synchronized Batch after(long after, long waitMillis, int gen) throws InterruptedException {
        long until = System.currentTimeMillis() + waitMillis;
        while (seq <= after && !closed && gen == generation) {
            long left = until - System.currentTimeMillis();
            if (left <= 0) {
                return new Batch(List.of(), false, false);
            }
            wait(left);
        }
        if (closed || gen != generation) {
            return new Batch(List.of(), false, true);
        }
        if (after > seq || seq - after > ring.length) {
            return new Batch(List.of(), true, false);
        }
        List<StreamEntry> out = new ArrayList<>((int) Math.min(500, seq - after));
        for (long s = after + 1; s <= seq && out.size() < 500; s++) {
            out.add(ring[(int) (s % ring.length)]);
        }
        return new Batch(out, false, false);
    }

    /** Ends every open stream (each page reconnects and resumes from its last id). */
    synchronized void drop() {
        generation++;
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    Map<String, List<double[]>> tapes() {
        return tape.all();
    }
}
