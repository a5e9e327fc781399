package org.elbo4j.optim;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The state of an optimizer as a value: its kind ("Adam", "AdamW", "Sgd"), the number of
 * updates applied, and named arrays (Adam's "exp_avg/encoder.0.weight", SGD's
 * "momentum_buffer/..."): float32 for the tensor {@link Optimizer}s, float64 for
 * {@link AdamUpdate} ({@link #ofDoubles}). Arrays are copied in and out, so a state is never
 * changed by the optimizer it came from.
 */
public final class OptimizerState {

    private final String kind;
    private final long step;
    private final Map<String, float[]> buffers;
    private final Map<String, double[]> doubles;

    private OptimizerState(String kind, long step, Map<String, float[]> buffers, Map<String, double[]> doubles) {
        this.kind = kind;
        this.step = step;
        this.buffers = buffers;
        this.doubles = doubles;
    }

    /**
     * A state from its parts (the arrays are copied).
     *
     * @throws IllegalArgumentException if {@code step < 0} or a buffer is null
     */
    public static OptimizerState of(String kind, long step, Map<String, float[]> buffers) {
        return new OptimizerState(kind, checkedStep(kind, step), copy(buffers, float[]::clone), Map.of());
    }

    /**
     * A state with float64 buffers (the arrays are copied).
     *
     * @throws IllegalArgumentException if {@code step < 0} or a buffer is null
     */
    public static OptimizerState ofDoubles(String kind, long step, Map<String, double[]> buffers) {
        return new OptimizerState(kind, checkedStep(kind, step), Map.of(), copy(buffers, double[]::clone));
    }

    private static long checkedStep(String kind, long step) {
        Objects.requireNonNull(kind, "OptimizerState: kind must not be null");
        if (step < 0) {
            throw new IllegalArgumentException("OptimizerState: step must be >= 0, got " + step);
        }
        return step;
    }

    /** An unmodifiable copy of {@code buffers} with each array cloned. */
    private static <T> Map<String, T> copy(Map<String, T> buffers, UnaryOperator<T> clone) {
        Map<String, T> copy = new LinkedHashMap<>();
        for (Map.Entry<String, T> e : buffers.entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("OptimizerState: buffer '" + e.getKey() + "' is null");
            }
            copy.put(e.getKey(), clone.apply(e.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** True when the buffers are float64 ({@link #ofDoubles}). */
    public boolean isDouble() {
        return !doubles.isEmpty();
    }

    /** Copies of the float64 buffers, by name, in order (empty for a float32 state). */
    public Map<String, double[]> doubleBuffers() {
        Map<String, double[]> copy = new LinkedHashMap<>();
        doubles.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /**
     * The buffer named {@code name} in double: a copy of a float64 buffer, or a float32 one widened
     * (exactly).
     *
     * @throws IllegalArgumentException if there is none
     */
    public double[] widened(String name) {
        double[] d = doubles.get(name);
        if (d != null) {
            return d.clone();
        }
        float[] f = buffers.get(name);
        if (f == null) {
            throw new IllegalArgumentException("OptimizerState: no buffer named '" + name + "' in " + kind
                    + " state (has " + names() + ")");
        }
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
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
        return doubles.isEmpty() ? buffers.keySet() : doubles.keySet();
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
                || !buffers.keySet().equals(s.buffers.keySet()) || !doubles.keySet().equals(s.doubles.keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : doubles.entrySet()) {
            if (!Arrays.equals(e.getValue(), s.doubles.get(e.getKey()))) {
                return false;
            }
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
        for (Map.Entry<String, double[]> e : doubles.entrySet()) {
            h = 31 * h + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        return "OptimizerState(" + kind + ", step " + step + ", " + names().size()
                + (doubles.isEmpty() ? " float32" : " float64") + " buffers)";
    }
}
