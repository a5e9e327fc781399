package org.elbo4j.optim;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The state of an {@link Optimizer} as a value: its kind ("Adam", "AdamW", "Sgd"), the number of
 * updates applied, and named float arrays (Adam's "exp_avg/encoder.0.weight", SGD's
 * "momentum_buffer/..."). Arrays are copied in and out, so a state is never changed by the
 * optimizer it came from.
 */
public final class OptimizerState {

    private final String kind;
    private final long step;
    private final Map<String, float[]> buffers;

    private OptimizerState(String kind, long step, Map<String, float[]> buffers) {
        this.kind = kind;
        this.step = step;
        this.buffers = buffers;
    }

    /**
     * A state from its parts (the arrays are copied).
     *
     * @throws IllegalArgumentException if {@code step < 0} or a buffer is null
     */
    public static OptimizerState of(String kind, long step, Map<String, float[]> buffers) {
        Objects.requireNonNull(kind, "OptimizerState: kind must not be null");
        if (step < 0) {
            throw new IllegalArgumentException("OptimizerState: step must be >= 0, got " + step);
        }
        Map<String, float[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : buffers.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("OptimizerState: buffer '" + e.getKey() + "' is null");
            }
            copy.put(e.getKey(), e.getValue().clone());
        }
        return new OptimizerState(kind, step, Collections.unmodifiableMap(copy));
    }

    /** The optimizer kind that produced this state. */
    public String kind() {
        return kind;
    }

    /** The number of updates applied. */
    public long step() {
        return step;
    }

    /** The buffer names, in order. */
    public Set<String> names() {
        return buffers.keySet();
    }

    /**
     * A copy of the buffer named {@code name}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public float[] buffer(String name) {
        float[] b = buffers.get(name);
        if (b == null) {
            throw new IllegalArgumentException("OptimizerState: no buffer named '" + name + "' in " + kind
                    + " state (has " + buffers.keySet() + ")");
        }
        return b.clone();
    }

    /** Copies of all buffers, by name, in order. */
    public Map<String, float[]> buffers() {
        Map<String, float[]> copy = new LinkedHashMap<>();
        buffers.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OptimizerState s) || !kind.equals(s.kind) || step != s.step
                || !buffers.keySet().equals(s.buffers.keySet())) {
            return false;
        }
        for (Map.Entry<String, float[]> e : buffers.entrySet()) {
            if (!Arrays.equals(e.getValue(), s.buffers.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(kind, step);
        for (Map.Entry<String, float[]> e : buffers.entrySet()) {
            h = 31 * h + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        return "OptimizerState(" + kind + ", step " + step + ", " + buffers.size() + " buffers)";
    }
}
