package org.elbo4j.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON object built field by field, in insertion order:
 * {@code new JsonObject().put("kl", 0.5).put("method", "analytic")} is
 * {@code {"kl": 0.5, "method": "analytic"}}. Values are what {@link Json#write} takes, copied
 * when put (arrays become lists), written by {@link Json}'s rules (non-finite numbers as
 * {@code null} unless wrapped with {@link Json#nonFiniteAsString}).
 */
public final class JsonObject {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /**
     * Adds (or replaces) a field.
     *
     * @throws IllegalArgumentException naming the type of a value that has no JSON form
     */
    public JsonObject put(String name, Object value) {
        fields.put(Objects.requireNonNull(name, "name"), Json.normalize(value));
        return this;
    }

    /** The fields, read-only. */
    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    /** The object on one line ({@link Json#write}). */
    @Override
    public String toString() {
        return Json.write(fields);
    }
}
