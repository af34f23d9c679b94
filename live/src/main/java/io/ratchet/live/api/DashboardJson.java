package io.ratchet.live.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ratchet.live.FeedHealth;
import io.ratchet.live.LiveHealth;
import io.ratchet.live.LiveRunner;
import io.ratchet.live.Position;
import io.ratchet.live.store.PositionStore;
import java.util.List;
import java.util.Map;

/** The dashboard's own answers: the health strip, and everything a page needs when it loads. */
final class DashboardJson {
    private DashboardJson() {
    }

    static ObjectNode health(LiveHealth h, String network, StreamBus bus) {
        ObjectNode o = LiveJson.MAPPER.createObjectNode();
        o.put("network", network);
        o.put("dryRun", h.dryRun());
        o.put("protectOnExchange", h.protectOnExchange());
        o.put("databaseWaiting", h.databaseWaiting());
        if (h.recording() != null) {
            ObjectNode r = o.putObject("recording");
            r.put("failing", h.recording().failing());
            r.put("written", h.recording().written());
            r.put("waiting", h.recording().waiting());
            r.put("dropped", h.recording().dropped());
            r.put("problem", h.recording().problem());
            r.put("where", h.recording().where());
        }
        ObjectNode f = o.putObject("feed");
        f.put("state", h.feed().state());
        f.put("reconnects", h.feed().reconnects());
        ArrayNode symbols = f.putArray("symbols");
        for (FeedHealth.Symbol s : h.feed().symbols()) {
            symbols.addObject().put("symbol", s.symbol()).put("streaming", s.streaming()).put("lastTradeAgeMillis", s.lastTradeAgeMillis());
        }
        o.put("streamId", bus.id(bus.lastSeq()));
        return o;
    }

    /**
     * The stream's position is read first: whatever happens while the rest is read comes again
     * on the stream from there (the page drops what it already has), so nothing falls between.
     */
    static ObjectNode snapshot(LiveRunner runner, PositionStore store, String network, StreamBus bus) {
        String streamId = bus.id(bus.lastSeq());
        ObjectNode o = LiveJson.MAPPER.createObjectNode();
        o.put("streamId", streamId);
        ObjectNode health = health(runner.health(), network, bus);
        health.put("streamId", streamId);
        o.set("health", health);
        Map<Long, Position> live = new java.util.HashMap<>();
        for (Position p : runner.openPositions()) {
            live.put(p.id(), p); // fresher than the row: unchanged prices are stored only every few seconds
        }
        ArrayNode ps = o.putArray("positions");
        for (Position stored : store.all()) {
            Position p = live.getOrDefault(stored.id(), stored);
            ObjectNode x = ps.addObject();
            x.set("position", LiveJson.position(p));
            ArrayNode ev = x.putArray("events");
            store.events(p.id()).forEach(e -> ev.add(LiveJson.event(e)));
        }
        ObjectNode tapes = o.putObject("tapes");
        for (Map.Entry<String, List<double[]>> t : bus.tapes().entrySet()) {
            ArrayNode a = tapes.putArray(t.getKey());
            for (double[] pt : t.getValue()) {
                a.addArray().add((long) pt[0]).add(pt[1]);
            }
        }
        return o;
    }
}
