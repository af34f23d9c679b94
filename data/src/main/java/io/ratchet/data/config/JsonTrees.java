package io.ratchet.data.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON trees built and written without an {@link ObjectMapper}: the first mapper of a run
 * costs about a tenth of a second (its serializer and type factories), more than the rest of
 * a short command's JSON, and a tree needs none of it. The text is what a mapper's default
 * pretty printer writes, byte for byte. A mapper is made only to read, and only once.
 */
public final class JsonTrees {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonTrees() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * The root of a JSON file Ratchet writes: its first field says who wrote it, which is how a
     * later run knows it may replace the file ({@link io.ratchet.data.io.OwnedFile}).
     */
    public static ObjectNode stamped() {
        ObjectNode n = object();
        n.put(io.ratchet.data.io.OwnedFile.WRITTEN_BY, io.ratchet.data.io.OwnedFile.RATCHET);
        return n;
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** The mapper for reading JSON (a key given twice is refused), made on first use. */
    public static ObjectMapper reader() {
        return Reader.MAPPER;
    }

    private static final class Reader {
        // With "last wins" a pasted edit could silently lose to a stale value.
        static final ObjectMapper MAPPER = new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** {@code node} as indented JSON (no trailing newline). */
    public static String pretty(JsonNode node) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    private static void write(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode c : n) {
                    write(g, c);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NULL, MISSING -> g.writeNull();
            case BINARY -> g.writeBinary(n.binaryValue());
            case NUMBER -> {
                switch (n.numberType()) {
                    case INT -> g.writeNumber(n.intValue());
                    case LONG -> g.writeNumber(n.longValue());
                    case FLOAT -> g.writeNumber(n.floatValue());
                    case DOUBLE -> g.writeNumber(n.doubleValue());
                    case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
                    case BIG_DECIMAL -> g.writeNumber(n.decimalValue());
                }
            }
            case POJO -> throw new IllegalArgumentException("a POJO node (" + n.getClass().getSimpleName() + ") needs a mapper to be written");
        }
    }
}
