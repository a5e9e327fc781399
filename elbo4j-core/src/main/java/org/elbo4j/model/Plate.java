package org.elbo4j.model;

import java.util.Arrays;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * A conditionally independent dimension of a model, opened by {@link ModelContext#plate} and
 * closed by try-with-resources. Sites inside a plate are independent along it: a sample site gets
 * one value per element, an observe site's log-probability has one term per element.
 *
 * <p>Plates nest; like Pyro's, the outermost open plate takes batch dimension −1 (counted from
 * the right, before any event dimensions), the next one −2, and so on. A plate of size N with a
 * subsample size |B| &lt; N is evaluated on the rows B chosen by the fit, and its observe sites
 * are scaled by N / |B|, an unbiased estimate of the full-data sum.
 */
public final class Plate implements AutoCloseable {

    private final ModelContext context;
    private final String name;
    private final int size;
    private final int[] indices;
    private final int dim;

    Plate(ModelContext context, String name, int size, int[] indices, int dim) {
        this.context = context;
        this.name = name;
        this.size = size;
        this.indices = indices;
        this.dim = dim;
    }

    /** The plate's name. */
    public String name() {
        return name;
    }

    /** N, the full size. */
    public int size() {
        return size;
    }

    /** |B|, the number of elements in this run (N unless subsampled). */
    public int subsampleSize() {
        return indices == null ? size : indices.length;
    }

    /** The batch dimension it occupies, −1 for the outermost plate. */
    public int dim() {
        return dim;
    }

    /** The indices of this run's elements (0 … N−1 when not subsampled). */
    public int[] indices() {
        if (indices == null) {
            int[] all = new int[size];
            Arrays.setAll(all, i -> i);
            return all;
        }
        return indices.clone();
    }

    /**
     * The rows (first dimension) of {@code data} in this run: {@code data} itself when the plate
     * is not subsampled.
     *
     * @throws IllegalArgumentException if {@code data} does not have N rows
     */
    public Tensor subsample(Tensor data) {
        if (data.rank() < 1 || data.dim(0) != size) {
            throw new ModelException("Plate '" + name + "': data of shape " + Shape.str(data.shape())
                    + " must have " + size + " rows (the plate size)");
        }
        return indices == null ? data : data.indexSelect(0, indices);
    }

    /**
     * The elements of {@code values} in this run (e.g. a group index per observation).
     *
     * @throws IllegalArgumentException if {@code values} does not have N elements
     */
    public int[] subsample(int[] values) {
        if (values.length != size) {
            throw new ModelException("Plate '" + name + "': " + values.length
                    + " values must be " + size + " (the plate size)");
        }
        if (indices == null) {
            return values.clone();
        }
        int[] out = new int[indices.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }

    /** Leaves the plate (it must be the innermost open one). */
    @Override
    public void close() {
        context.close(this);
    }

    @Override
    public String toString() {
        return "plate '" + name + "' (size " + size + ", dim " + dim + ")";
    }
}
