package org.elbo4j.bayes;

import java.util.Arrays;
import org.elbo4j.tensor.Tensor;

/**
 * The observations a log-likelihood evaluation sees: all N of them, or a subsample B of
 * indices. The fit scales the subsample's log-likelihood by {@code N / |B|} (an unbiased
 * estimate of the full-data log-likelihood), so a model only ever sums over the rows it is given.
 */
public final class Minibatch {

    private final int observationCount;
    private final int[] indices;

    private Minibatch(int observationCount, int[] indices) {
        this.observationCount = observationCount;
        this.indices = indices;
    }

    /** All {@code n} observations. */
    public static Minibatch full(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Minibatch: observation count must be >= 1, got " + n);
        }
        return new Minibatch(n, null);
    }

    /**
     * The observations at {@code indices} out of {@code n}.
     *
     * @throws IllegalArgumentException if the list is empty or an index is outside [0, n)
     */
    public static Minibatch of(int n, int[] indices) {
        if (indices == null || indices.length == 0) {
            throw new IllegalArgumentException("Minibatch: indices must be non-empty");
        }
        for (int i : indices) {
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("Minibatch: index must be in [0, " + n + "), got " + i);
            }
        }
        return new Minibatch(n, indices.clone());
    }

    /** True when every observation is included. */
    public boolean isFull() {
        return indices == null;
    }

    /** |B|. */
    public int size() {
        return indices == null ? observationCount : indices.length;
    }

    /** N. */
    public int observationCount() {
        return observationCount;
    }

    /** The factor N / |B| applied to the log-likelihood. */
    public double scale() {
        return (double) observationCount / size();
    }

    /** The indices of the subsample (0 … N−1 for a full batch). */
    public int[] indices() {
        if (indices == null) {
            int[] all = new int[observationCount];
            Arrays.setAll(all, i -> i);
            return all;
        }
        return indices.clone();
    }

    /** The rows (first dimension) of {@code data} that belong to the batch; {@code data} itself when full. */
    public Tensor select(Tensor data) {
        if (data.dim(0) != observationCount) {
            throw new IllegalArgumentException("Minibatch: data has " + data.dim(0) + " rows, expected N = "
                    + observationCount);
        }
        return indices == null ? data : data.indexSelect(0, indices);
    }
}
