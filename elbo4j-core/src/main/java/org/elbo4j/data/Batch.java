package org.elbo4j.data;

import org.elbo4j.tensor.Tensor;

/**
 * One minibatch of an epoch.
 *
 * @param epoch the epoch it belongs to
 * @param index its position in the epoch (0, 1, …)
 * @param rows the dataset indices of its samples, in batch order
 * @param x the samples, {@code [rows.length, d]} (a copy, not attached to the autodiff graph)
 */
public record Batch(long epoch, int index, int[] rows, Tensor x) {

    /** The number of samples. */
    public int size() {
        return rows.length;
    }
}
