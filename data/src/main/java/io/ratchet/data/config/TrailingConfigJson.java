package io.ratchet.data.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ratchet.data.io.AtomicFiles;
import io.ratchet.engine.InvalidConfigException;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * The trailing configuration file: what {@code sweep --export-best} writes and
 * {@code live --config} and {@code backtest --config} read.
 *
 * <pre>{"mode": "profit-lock", "trail": 0.5, "activation": 0.01, "initialStop": 0.03,
 *  "maxBars": null, "fee": 0.001, "slippage": 0.0}</pre>
 *
 * Only {@code mode} and {@code trail} are required; {@code null} or {@code "none"} means none
 * for {@code initialStop} and {@code maxBars}. A file Ratchet wrote begins with {@code "writtenBy":
 * "ratchet"}, and an exported pick also carries {@code verdict} and {@code evidence} objects: none
 * of them is configuration, and they are skipped here. Unknown fields are refused rather than ignored,
 * so a typo cannot silently fall back to a default with money at stake.
 */
public final class TrailingConfigJson {
    private static final Set<String> FIELDS = Set.of("mode", "trail", "activation", "initialStop", "maxBars", "fee", "slippage");
    /** What sweep --export-best adds beside the fields: why the pick was chosen. Read by the CLI, not part of the configuration. */
    private static final Set<String> PROVENANCE = Set.of("verdict", "evidence", io.ratchet.data.io.OwnedFile.WRITTEN_BY);

    private TrailingConfigJson() {
    }

    /** The configuration as a JSON object node (for embedding in larger documents). */
    public static ObjectNode toNode(TrailingConfig c) {
        ObjectNode n = JsonTrees.object();
        n.put("mode", c.mode().id());
        n.put("trail", c.trail());
        n.put("activation", c.activation());
        if (c.hasInitialStop()) {
            n.put("initialStop", c.initialStop());
        } else {
            n.putNull("initialStop");
        }
        if (c.maxBars() > 0) {
            n.put("maxBars", c.maxBars());
        } else {
            n.putNull("maxBars");
        }
        n.put("fee", c.fee());
        n.put("slippage", c.slippage());
        return n;
    }

    public static String toJson(TrailingConfig c) {
        return JsonTrees.pretty(JsonTrees.stamped().setAll(toNode(c))) + "\n";
    }

    /** Parses a configuration; {@code source} names where it came from in error messages. */
    public static TrailingConfig parse(String json, String source) {
        JsonNode root;
        try {
            // Editors on Windows save with a byte order mark; it is not content.
            root = JsonTrees.reader().readTree(json.startsWith("\uFEFF") ? json.substring(1) : json);
        } catch (JsonProcessingException e) {
            throw new ConfigFileException(source + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
        return fromNode(root, source);
    }

    public static TrailingConfig fromNode(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new ConfigFileException(source + ": expected a JSON object with \"mode\" and \"trail\"", null);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f) && !PROVENANCE.contains(f)) {
                throw new ConfigFileException(source + ": field \"" + f + "\": unknown (allowed: " + String.join(", ",
                        new java.util.TreeSet<>(FIELDS)) + "; and writtenBy, verdict, evidence from sweep --export-best)", null);
            }
        }
        try {
            JsonNode mode = root.get("mode");
            if (mode == null || !mode.isTextual()) {
                throw new InvalidConfigException("mode", "required, a string (profit-lock or percent)");
            }
            return new TrailingConfig(
                    Mode.parse(mode.asText()),
                    number(root, "trail", Double.NaN, true),
                    number(root, "activation", 0, false),
                    number(root, "initialStop", Double.NaN, false),
                    (int) number(root, "maxBars", 0, false),
                    number(root, "fee", TrailingConfig.DEFAULT_FEE, false),
                    number(root, "slippage", 0, false));
        } catch (InvalidConfigException e) {
            throw new ConfigFileException(source + ": field \"" + e.field() + "\": "
                    + e.getMessage().substring(e.field().length() + 2), e);
        }
    }

    private static double number(JsonNode root, String field, double absent, boolean required) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidConfigException(field, "required, a number");
            }
            return absent;
        }
        boolean noneAllowed = field.equals("initialStop") || field.equals("maxBars");
        if (noneAllowed && v.isTextual() && v.asText().equalsIgnoreCase("none")) {
            return absent;
        }
        if (!v.isNumber()) {
            throw new InvalidConfigException(field, "must be a number" + (noneAllowed ? ", \"none\" or null" : "") + ", got " + v);
        }
        if (field.equals("maxBars") && !v.canConvertToExactIntegral()) {
            throw new InvalidConfigException(field, "must be a whole number of bars, got " + v);
        }
        return v.asDouble();
    }

    public static TrailingConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ConfigFileException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Writes atomically: the file is either the old one or the whole new one. */
    public static void write(Path file, TrailingConfig config) throws IOException {
        AtomicFiles.writeString(file, toJson(config));
    }
}
