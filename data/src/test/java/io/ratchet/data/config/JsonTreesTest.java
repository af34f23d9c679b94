package io.ratchet.data.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Our tree writer against Jackson's own (an ObjectMapper's default pretty printer) on every kind of node. */
class JsonTreesTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void writesWhatAMapperWrites() throws Exception {
        ObjectNode root = JsonTrees.object();
        root.put("kind", "sweep \"quoted\" \\ / \u00e9 \u0001 tab\t");
        root.put("int", -7);
        root.put("long", 1_704_067_200_000L);
        root.put("double", 0.1 + 0.2);
        root.put("tiny", 1e-300);
        root.put("negZero", -0.0);
        root.put("nan", Double.NaN);
        root.put("inf", Double.NEGATIVE_INFINITY);
        root.put("float", 1.25f);
        root.put("big", new BigDecimal("12345678901234567890.000123"));
        root.put("bigInt", new BigInteger("123456789012345678901234567890"));
        root.put("yes", true);
        root.putNull("none");
        root.putObject("empty");
        root.putArray("emptyArray");
        root.put("bytes", new byte[] {1, 2, 3, -1});
        ArrayNode rows = root.putArray("rows");
        for (int k = 0; k < 3; k++) {
            ObjectNode r = rows.addObject();
            r.put("k", k);
            r.putArray("xs").add(k * 1.5).add("s" + k).addNull().addArray();
        }
        assertEquals(JACKSON.writerWithDefaultPrettyPrinter().writeValueAsString(root), JsonTrees.pretty(root));
    }

    @Test
    void aScalarAndAnArrayAtTheTop() throws Exception {
        ArrayNode a = JsonTrees.array().add(1).add(2.5).add("x");
        assertEquals(JACKSON.writerWithDefaultPrettyPrinter().writeValueAsString(a), JsonTrees.pretty(a));
        assertEquals("[ 1, 2.5, \"x\" ]", JsonTrees.pretty(a));
    }

    @Test
    void aPojoIsRefused() {
        ObjectNode root = JsonTrees.object();
        root.putPOJO("p", new Object());
        assertThrows(IllegalArgumentException.class, () -> JsonTrees.pretty(root));
    }

    @Test
    void theReaderRefusesAKeyGivenTwice() {
        assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class, () -> JsonTrees.reader().readTree("{\"a\": 1, \"a\": 2}"));
    }
}
