package io.ratchet.live.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ratchet.data.config.TrailingConfigJson;
import io.ratchet.live.Position;
import io.ratchet.live.StopEvent;

/** Positions and events as the control API and {@code ratchet live status} show them. */
public final class LiveJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private LiveJson() {
    }

    public static ObjectNode position(Position p) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", p.id());
        o.put("symbol", p.symbol());
        o.put("direction", p.direction().id());
        o.put("quantity", p.quantity().toPlainString());
        num(o, "entryPrice", p.entryPrice());
        o.set("config", TrailingConfigJson.toNode(p.config()));
        num(o, "peak", p.peak());
        num(o, "stop", p.stop());
        num(o, "lastPrice", p.lastPrice());
        o.put("lastTime", p.lastTime());
        o.put("entryTime", p.entryTime());
        o.put("status", p.status().name());
        num(o, "exitPrice", p.exitPrice());
        if (p.exitReason() == null) {
            o.putNull("exitReason");
        } else {
            o.put("exitReason", p.exitReason());
        }
        o.put("openedAt", p.openedAt());
        if (p.attention() == null) {
            o.putNull("attention");
        } else {
            o.put("attention", p.attention());
        }
        if (p.exchangeStop() == null) {
            o.putNull("exchangeStop");
        } else {
            o.put("exchangeStop", p.exchangeStop());
        }
        if (p.closedAt() > 0) {
            o.put("closedAt", p.closedAt());
        } else {
            o.putNull("closedAt");
        }
        return o;
    }

    public static ObjectNode event(StopEvent e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("time", e.time());
        o.put("type", e.type().name());
        num(o, "price", e.price());
        num(o, "oldStop", e.oldStop());
        num(o, "newStop", e.newStop());
        o.put("detail", e.detail());
        return o;
    }

    private static void num(ObjectNode o, String f, double v) {
        if (v != v) {
            o.putNull(f);
        } else {
            o.put(f, v);
        }
    }
}
