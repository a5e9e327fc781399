package org.elbo4j.cli;

import java.util.Locale;

/**
 * A minimal writer of one flat JSON object on one line, with fields in insertion order:
 * {@code new Json().field("kl", 0.5).field("method", "analytic")} gives
 * {@code {"kl": 0.5, "method": "analytic"}}.
 *
 * <p>Numbers are written with Java's shortest round-trip form ({@link Double#toString}, e.g.
 * {@code 1.0E-5}, which is valid JSON). JSON has no non-finite numbers, so ±∞ and NaN are
 * written as the strings {@code "Infinity"}, {@code "-Infinity"} and {@code "NaN"}.
 */
public final class Json {

    private final StringBuilder out = new StringBuilder("{");
    private boolean empty = true;

    /** Adds a number field. */
    public Json field(String name, double value) {
        key(name);
        number(value);
        return this;
    }

    /** Adds an integer field (written without a decimal point). */
    public Json field(String name, long value) {
        key(name);
        out.append(value);
        return this;
    }

    /** Adds a string field. */
    public Json field(String name, String value) {
        key(name);
        string(value);
        return this;
    }

    /** Adds an array of numbers. */
    public Json field(String name, double[] values) {
        key(name);
        array(values);
        return this;
    }

    /** Adds an array of arrays of numbers (a matrix, row by row). */
    public Json field(String name, double[][] rows) {
        key(name);
        out.append('[');
        for (int i = 0; i < rows.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            array(rows[i]);
        }
        out.append(']');
        return this;
    }

    /** Adds a boolean field. */
    public Json field(String name, boolean value) {
        key(name);
        out.append(value);
        return this;
    }

    /** The object, closed. */
    @Override
    public String toString() {
        return out + "}";
    }

    private void key(String name) {
        if (!empty) {
            out.append(", ");
        }
        empty = false;
        string(name);
        out.append(": ");
    }

    private void array(double[] values) {
        out.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            number(values[i]);
        }
        out.append(']');
    }

    private void number(double v) {
        if (Double.isNaN(v)) {
            string("NaN");
        } else if (Double.isInfinite(v)) {
            string(v > 0 ? "Infinity" : "-Infinity");
        } else {
            out.append(Double.toString(v));
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
