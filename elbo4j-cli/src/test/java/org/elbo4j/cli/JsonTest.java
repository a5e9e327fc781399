package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void fieldsInOrderWithNumbersArraysAndMatrices() {
        String json = new Json().field("a", 0.5).field("n", 3).field("v", new double[] {1, -2.5})
                .field("m", new double[][] {{1, 0}, {0, 1}}).field("ok", true).toString();
        assertEquals("{\"a\": 0.5, \"n\": 3, \"v\": [1.0, -2.5], \"m\": [[1.0, 0.0], [0.0, 1.0]], \"ok\": true}", json);
    }

    @Test
    void nonFiniteNumbersBecomeStrings() {
        assertEquals("{\"a\": \"Infinity\", \"b\": \"-Infinity\", \"c\": \"NaN\"}", new Json()
                .field("a", Double.POSITIVE_INFINITY).field("b", Double.NEGATIVE_INFINITY).field("c", Double.NaN)
                .toString());
    }

    @Test
    void stringsAreEscaped() {
        assertEquals("{\"s\": \"a\\\"b\\\\c\\nd\\u0001\"}", new Json().field("s", "a\"b\\c\nd\u0001").toString());
    }

    @Test
    void emptyObject() {
        assertEquals("{}", new Json().toString());
    }
}
