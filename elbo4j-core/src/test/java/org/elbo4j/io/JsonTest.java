package org.elbo4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void fieldsInOrderWithNumbersArraysAndMatrices() {
        String json = new JsonObject().put("a", 0.5).put("n", 3).put("v", new double[] {1, -2.5})
                .put("m", new double[][] {{1, 0}, {0, 1}}).put("ok", true).toString();
        assertEquals("{\"a\": 0.5, \"n\": 3, \"v\": [1, -2.5], \"m\": [[1, 0], [0, 1]], \"ok\": true}", json);
    }

    @Test
    void nonFiniteNumbersAreNull() {
        assertEquals("{\"a\": null, \"b\": null, \"c\": null, \"v\": [1.5, null]}", new JsonObject()
                .put("a", Double.POSITIVE_INFINITY).put("b", Double.NEGATIVE_INFINITY).put("c", Double.NaN)
                .put("v", new double[] {1.5, Double.NaN}).toString());
        assertEquals("[null, null]", Json.write(List.of(Float.NaN, Float.NEGATIVE_INFINITY)));
    }

    @Test
    void nullReadsBackAsNaN() {
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) Json.parse(new JsonObject()
                .put("inf", Double.POSITIVE_INFINITY).put("nan", Double.NaN).toString());
        assertNull(back.get("inf"));
        assertEquals(Double.NaN, Json.toDouble(back.get("inf")));
        assertEquals(Double.NaN, Json.toDouble(back.get("nan")));
    }

    @Test
    void nonFiniteAsStringRoundTripsExactly() {
        String json = new JsonObject().put("a", Json.nonFiniteAsString(Double.POSITIVE_INFINITY))
                .put("b", Json.nonFiniteAsString(Double.NEGATIVE_INFINITY)).put("c", Json.nonFiniteAsString(Double.NaN))
                .put("d", Json.nonFiniteAsString(0.25)).toString();
        assertEquals("{\"a\": \"Infinity\", \"b\": \"-Infinity\", \"c\": \"NaN\", \"d\": 0.25}", json);
        Map<?, ?> back = (Map<?, ?>) Json.parse(json);
        assertEquals(Double.POSITIVE_INFINITY, Json.toDouble(back.get("a")));
        assertEquals(Double.NEGATIVE_INFINITY, Json.toDouble(back.get("b")));
        assertEquals(Double.NaN, Json.toDouble(back.get("c")));
        assertEquals(0.25, Json.toDouble(back.get("d")));
        // the same spellings Double.parseDouble reads
        for (String s : List.of("Infinity", "-Infinity", "NaN")) {
            assertEquals(Double.parseDouble(s), Json.toDouble(s));
        }
    }

    @Test
    void nonFiniteAsStringOfArraysAndMatrices() {
        assertEquals("[1, \"-Infinity\"]", Json.write(Json.nonFiniteAsString(new double[] {1, Double.NEGATIVE_INFINITY})));
        assertEquals("[[\"NaN\", 2], [0.5, \"Infinity\"]]", Json.write(Json.nonFiniteAsString(
                new double[][] {{Double.NaN, 2}, {0.5, Double.POSITIVE_INFINITY}})));
    }

    @Test
    void toDoubleRejectsOtherValues() {
        assertEquals("Json: expected a number, null, \"NaN\", \"Infinity\" or \"-Infinity\", got \"inf\"",
                assertThrows(IllegalArgumentException.class, () -> Json.toDouble("inf")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.toDouble(true));
    }

    @Test
    void finiteNumbersRoundTripExactly() {
        double[] values = {0, -0.0, 1, -20, 0.1, 1.0 / 3, 1e-5, 123456789012345.0, 1e15, -1e15 - 2, 1e300,
            Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Math.PI};
        for (double v : values) {
            double back = (Double) Json.parse(Json.write(v));
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(back), Json.write(v));
        }
        assertEquals("-0.0", Json.write(-0.0));
        assertEquals("[3, 1.0E-5, 1.0E15, 9223372036854775807, 7]",
                Json.write(new Object[] {3.0, 1e-5, 1e15, Long.MAX_VALUE, (short) 7}));
        assertEquals("[1, 2]", Json.write(new int[] {1, 2}));
        assertEquals("[1, 2]", Json.write(new long[] {1, 2}));
    }

    @Test
    void stringsAreEscaped() {
        assertEquals("{\"s\": \"a\\\"b\\\\c\\nd\\u0001\"}", new JsonObject().put("s", "a\"b\\c\nd\u0001").toString());
        String nasty = "a\"b\\c\nd\re\tf\u0001g\u00e9";
        assertEquals(nasty, Json.parse(Json.write(nasty)));
    }

    @Test
    void emptyObject() {
        assertEquals("{}", new JsonObject().toString());
        assertEquals("{}\n", Json.writeIndented(new JsonObject()));
    }

    @Test
    void indentedBreaksOnlyContainersOfContainers() {
        JsonObject o = new JsonObject().put("name", "x").put("hidden", List.of(400))
                .put("posterior", new JsonObject().put("mu", new JsonObject().put("mean", 1.5).put("sd", 0.25)))
                .put("empty", List.of());
        assertEquals("{\n"
                + "  \"name\": \"x\",\n"
                + "  \"hidden\": [400],\n"
                + "  \"posterior\": {\n"
                + "    \"mu\": {\"mean\": 1.5, \"sd\": 0.25}\n"
                + "  },\n"
                + "  \"empty\": []\n"
                + "}\n", Json.writeIndented(o));
        assertEquals("{\"a\": 1}\n", Json.writeIndented(Map.of("a", 1)));
    }

    @Test
    void parseReadsWhatWriteWrites() {
        JsonObject o = new JsonObject().put("s", "t").put("n", 2).put("x", -1.25).put("b", false).put("z", null)
                .put("list", List.of(1, "two", List.of())).put("obj", Map.of("k", true));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "t");
        expected.put("n", 2.0);
        expected.put("x", -1.25);
        expected.put("b", false);
        expected.put("z", null);
        expected.put("list", List.of(1.0, "two", List.of()));
        expected.put("obj", Map.of("k", true));
        assertEquals(expected, Json.parse(o.toString()));
        assertEquals(expected, Json.parse(Json.writeIndented(o)));
    }

    @Test
    void parseIsStrictAndNamesThePosition() {
        assertEquals("JSON: unexpected character 'N' at position 6",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": NaN}")).getMessage());
        assertEquals("JSON: unexpected text after the value at position 3",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x")).getMessage());
        assertEquals("JSON: unterminated string at position 4",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("\"abc")).getMessage());
        assertEquals("JSON: expected ']' at position 3",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("[1 2]")).getMessage());
    }

    @Test
    void valuesWithoutAJsonFormAreRejectedWhenPut() {
        assertEquals("Json: cannot write a value of type java.lang.Object",
                assertThrows(IllegalArgumentException.class, () -> new JsonObject().put("x", new Object())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, 2)));
    }

    @Test
    void putCopiesArrays() {
        double[] v = {1, 2};
        JsonObject o = new JsonObject().put("v", v);
        v[0] = 9;
        assertEquals("{\"v\": [1, 2]}", o.toString());
    }
}
