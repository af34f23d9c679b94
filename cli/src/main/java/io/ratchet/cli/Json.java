package io.ratchet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON output for commands; undefined numbers ({@code NaN}) are written as {@code null}. */
final class Json {
    private Json() {
    }

    static void put(ObjectNode node, String field, double value) {
        if (value != value || Double.isInfinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    static String pretty(com.fasterxml.jackson.databind.JsonNode node) {
        return io.ratchet.data.config.JsonTrees.pretty(node);
    }
}
