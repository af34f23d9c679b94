package io.ratchet.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Reads Binance's {@code executionReport} event (single-letter fields) into an {@link ExecutionReport}. */
final class ExecutionReportJson {
    private ExecutionReportJson() {
    }

    static ExecutionReport parse(JsonNode e) {
        JsonNode n = e.get("N");
        return new ExecutionReport(text(e, "s"), text(e, "c"), e.path("C").asText(""), e.path("i").asLong(), text(e, "S"), text(e, "o"),
                text(e, "x"), text(e, "X"), decimal(e, "l"), decimal(e, "L"), decimal(e, "z"), decimal(e, "Z"), decimal(e, "n"),
                n == null || n.isNull() ? null : n.asText(), e.path("E").asLong(), e.path("T").asLong());
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("executionReport without '" + field + "'");
        }
        return v.asText();
    }

    private static BigDecimal decimal(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? BigDecimal.ZERO : new BigDecimal(v.asText());
    }

    /**
     * What makes a report the same one when two connections both deliver it during a renewal:
     * the order, what happened to it, how much had filled, when, and which trade.
     */
    static String identity(JsonNode e) {
        return e.path("i").asLong() + "|" + e.path("c").asText() + "|" + e.path("x").asText() + "|" + e.path("X").asText() + "|"
                + e.path("z").asText() + "|" + e.path("T").asLong() + "|" + e.path("t").asLong();
    }
}
