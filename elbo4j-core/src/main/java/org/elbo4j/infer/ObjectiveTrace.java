package org.elbo4j.infer;

import java.util.Arrays;

/**
 * The objective of an iterative fit, one value per iteration (an ELBO, a log-likelihood or a
 * bound, as the fit says). Values are appended, never changed; {@link #toArray()} copies.
 */
public final class ObjectiveTrace {

    private double[] values = new double[16];
    private int size;

    /** An empty trace. */
    public ObjectiveTrace() {
    }

    /** Appends the objective of the next iteration (non-finite values are kept as they are). */
    public void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, 2 * size);
        }
        values[size++] = value;
    }

    /** The number of iterations recorded. */
    public int size() {
        return size;
    }

    /**
     * The objective of iteration {@code i} (0-based).
     *
     * @throws IndexOutOfBoundsException if i is not in [0, size)
     */
    public double get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("ObjectiveTrace: iteration " + i + " of " + size);
        }
        return values[i];
    }

    /** The last value, or NaN when the trace is empty. */
    public double last() {
        return size == 0 ? Double.NaN : values[size - 1];
    }

    /** A copy of the values in iteration order. */
    public double[] toArray() {
        return Arrays.copyOf(values, size);
    }

    /**
     * The largest decrease between consecutive iterations, relative to max(1, |earlier value|):
     * 0 for a trace that never goes down. A monotone algorithm (EM, coordinate ascent) should
     * show round-off only, about 1e-12.
     */
    public double largestRelativeDecrease() {
        double worst = 0.0;
        for (int i = 1; i < size; i++) {
            double drop = (values[i - 1] - values[i]) / Math.max(1.0, Math.abs(values[i - 1]));
            if (drop > worst) {
                worst = drop;
            }
        }
        return worst;
    }
}
