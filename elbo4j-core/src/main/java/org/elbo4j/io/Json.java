package org.elbo4j.io;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON text of elbo4j's files (fit.json, metrics.json, config.json, state.json, safetensors
 * headers) and command output, and a small reader for the files it reads back.
 *
 * <p><b>Values.</b> {@link #write} and {@link #writeIndented} take a tree of {@code null},
 * {@code Boolean}, {@code String}, {@code Number}, {@code Map} with {@code String} keys (written in
 * iteration order), {@code Collection}, {@code Object[]}, {@code double[]}, {@code int[]},
 * {@code long[]} and {@link JsonObject}. {@link #parse} returns {@code LinkedHashMap},
 * {@code List}, {@code Double}, {@code String}, {@code Boolean} and {@code null}.
 *
 * <p><b>Numbers.</b> {@code Integer}, {@code Long}, {@code Short} and {@code Byte} are written as
 * integers. A finite double that is a whole number of magnitude below 10<sup>15</sup> is written
 * without a fraction ({@code 3}, {@code -20}: counts and sizes stay integers for Python readers),
 * any other finite double as {@link Double#toString} ({@code 0.5}, {@code 1.0E-5}, {@code -0.0}),
 * so every finite double reads back exactly.
 *
 * <p><b>Non-finite numbers: {@code null}.</b> JSON has no NaN or infinity. elbo4j writes every
 * non-finite number as {@code null}: valid JSON that every parser reads, and a consumer that
 * formats or adds it fails loudly (Python: {@code TypeError} on {@code None}) instead of carrying
 * on with a wrong number. {@code null} says "no finite value", not which one:
 * {@link #toDouble}{@code (null)} is NaN.
 *
 * <p>Where the kind of non-finite value is itself the result — a KL divergence of +∞ (p has mass
 * where q has none), a log density of −∞ outside the support — the caller wraps the value with
 * {@link #nonFiniteAsString(double)}, which writes NaN, +∞ and −∞ as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"} (the spellings that Java's
 * {@code Double.parseDouble}, Python's {@code float()} and JavaScript's {@code Number()} accept);
 * {@link #toDouble} reads them back exactly. The {@code kl} and {@code logprob} commands do; every
 * other output uses {@code null}.
 */
public final class Json {

    private static final String NAN = "NaN";
    private static final String INFINITY = "Infinity";
    private static final String MINUS_INFINITY = "-Infinity";

    private Json() {
    }

    /**
     * Parses one JSON value.
     *
     * @throws IllegalArgumentException naming the position of the first syntax error
     */
    public static Object parse(String text) {
        return JsonParser.parse(text);
    }

    /** One line: {@code {"a": 1, "b": [0.5, null], "c": "x"}}. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, normalize(value), null);
        return out.toString();
    }

    /**
     * The text of a JSON file: an object or array holding other objects or arrays has one member a
     * line, indented by two spaces a level; one holding only numbers, strings, booleans and nulls
     * stays on one line. Ends with a newline.
     */
    public static String writeIndented(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, normalize(value), "");
        return out.append('\n').toString();
    }

    /** {@code v} itself when finite, else the string {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"}. */
    public static Object nonFiniteAsString(double v) {
        if (Double.isNaN(v)) {
            return NAN;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? INFINITY : MINUS_INFINITY;
        }
        return v;
    }

    /** {@link #nonFiniteAsString(double)} of every element. */
    public static List<Object> nonFiniteAsString(double[] values) {
        List<Object> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(nonFiniteAsString(v));
        }
        return out;
    }

    /** {@link #nonFiniteAsString(double)} of every element, row by row. */
    public static List<Object> nonFiniteAsString(double[][] rows) {
        List<Object> out = new ArrayList<>(rows.length);
        for (double[] row : rows) {
            out.add(nonFiniteAsString(row));
        }
        return out;
    }

    /**
     * The number a parsed value stands for: a {@code Number}'s value, NaN for {@code null}, and NaN,
     * +∞ or −∞ for the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static double toDouble(Object parsed) {
        if (parsed instanceof Number n) {
            return n.doubleValue();
        }
        if (parsed == null || NAN.equals(parsed)) {
            return Double.NaN;
        }
        if (INFINITY.equals(parsed)) {
            return Double.POSITIVE_INFINITY;
        }
        if (MINUS_INFINITY.equals(parsed)) {
            return Double.NEGATIVE_INFINITY;
        }
        throw new IllegalArgumentException("Json: expected a number, null, \"NaN\", \"Infinity\" or \"-Infinity\", got "
                + write(parsed));
    }

    /**
     * A copy of {@code value} made of maps, lists and scalars only (arrays become lists).
     *
     * @throws IllegalArgumentException naming the type of a value that has no JSON form
     */
    static Object normalize(Object value) {
        if (value == null || value instanceof Boolean || value instanceof String || value instanceof Number) {
            return value;
        }
        if (value instanceof JsonObject o) {
            return normalize(o.fields());
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("Json: object keys must be strings, got " + e.getKey());
                }
                out.put(key, normalize(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        List<Object> out = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.forEach(v -> out.add(normalize(v)));
        } else if (value instanceof Object[] a) {
            for (Object v : a) {
                out.add(normalize(v));
            }
        } else if (value instanceof double[] a) {
            for (double v : a) {
                out.add(v);
            }
        } else if (value instanceof int[] a) {
            for (int v : a) {
                out.add(v);
            }
        } else if (value instanceof long[] a) {
            for (long v : a) {
                out.add(v);
            }
        } else {
            throw new IllegalArgumentException("Json: cannot write a value of type " + value.getClass().getName());
        }
        return Collections.unmodifiableList(out);
    }

    /** Appends a normalized value; {@code indent} null writes one line. */
    private static void append(StringBuilder out, Object value, String indent) {
        if (value instanceof Map<?, ?> m) {
            String inner = innerIndent(m.values(), indent);
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                separate(out, first, inner);
                quote(out, (String) e.getKey());
                out.append(": ");
                append(out, e.getValue(), inner);
                first = false;
            }
            close(out, '}', m.isEmpty(), inner, indent);
        } else if (value instanceof List<?> list) {
            String inner = innerIndent(list, indent);
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                separate(out, i == 0, inner);
                append(out, list.get(i), inner);
            }
            close(out, ']', list.isEmpty(), inner, indent);
        } else if (value instanceof String s) {
            quote(out, s);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            out.append(value);
        } else if (value instanceof Number n) {
            out.append(number(n.doubleValue()));
        } else {
            out.append(value);
        }
    }

    /** The indent of the members: null (one line) unless indenting and a member is a container. */
    private static String innerIndent(Collection<?> members, String indent) {
        if (indent == null) {
            return null;
        }
        for (Object v : members) {
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                return indent + "  ";
            }
        }
        return null;
    }

    private static void separate(StringBuilder out, boolean first, String inner) {
        if (inner != null) {
            out.append(first ? "\n" : ",\n").append(inner);
        } else if (!first) {
            out.append(", ");
        }
    }

    private static void close(StringBuilder out, char bracket, boolean empty, String inner, String indent) {
        if (inner != null && !empty) {
            out.append('\n').append(indent);
        }
        out.append(bracket);
    }

    /** The number rule of the class comment; non-finite values are {@code null}. */
    private static String number(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static void quote(StringBuilder out, String s) {
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
