package org.elbo4j.data;

import java.util.Arrays;
import java.util.Optional;
import org.elbo4j.tensor.Tensor;

/**
 * n samples of d features as one float tensor {@code [n, d]} (row-major: sample i is
 * {@code values[i·d … i·d + d)}), the shape of one sample ({@code [rows, cols]} for images,
 * {@code [d]} for tables) and, optionally, one integer label per sample.
 *
 * <p>The tensor and the label array are held, not copied: loaders build them once and the
 * minibatch code reads them. Treat them as read-only.
 */
public final class Dataset {

    private final Tensor values;
    private final int[] sampleShape;
    private final int[] labels;

    private Dataset(Tensor values, int[] sampleShape, int[] labels) {
        this.values = values;
        this.sampleShape = sampleShape;
        this.labels = labels;
    }

    /**
     * A dataset over {@code values [n, d]} with samples of shape {@code sampleShape} (whose
     * size must be d) and {@code labels} of length n, or null for none.
     *
     * @throws IllegalArgumentException if the sizes do not agree
     */
    public static Dataset of(Tensor values, int[] sampleShape, int[] labels) {
        if (values.rank() != 2) {
            throw new IllegalArgumentException("Dataset: values must have shape [n, d], got "
                    + Arrays.toString(values.shape()));
        }
        long d = 1;
        for (int s : sampleShape) {
            if (s < 1) {
                throw new IllegalArgumentException("Dataset: sample dimensions must be >= 1, got "
                        + Arrays.toString(sampleShape));
            }
            d *= s;
        }
        if (d != values.dim(1)) {
            throw new IllegalArgumentException("Dataset: sample shape " + Arrays.toString(sampleShape)
                    + " has " + d + " elements, values have d = " + values.dim(1));
        }
        if (labels != null && labels.length != values.dim(0)) {
            throw new IllegalArgumentException("Dataset: " + labels.length + " labels for "
                    + values.dim(0) + " samples");
        }
        return new Dataset(values, sampleShape.clone(), labels);
    }

    /** A dataset of flat samples: {@code values [n, d]}, no labels. */
    public static Dataset of(Tensor values) {
        return of(values, new int[] {values.rank() == 2 ? values.dim(1) : -1}, null);
    }

    /** The same samples with {@code labels} (length n). */
    public Dataset withLabels(int[] newLabels) {
        return of(values, sampleShape, newLabels);
    }

    /** The same samples and labels with other values of the same shape (binarized, say). */
    public Dataset withValues(Tensor newValues) {
        if (!Arrays.equals(newValues.shape(), values.shape())) {
            throw new IllegalArgumentException("Dataset.withValues: shape " + Arrays.toString(newValues.shape())
                    + " differs from " + Arrays.toString(values.shape()));
        }
        return new Dataset(newValues, sampleShape, labels);
    }

    /** Samples {@code [from, to)} (copied), with their labels. */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > n() || from > to) {
            throw new IllegalArgumentException("Dataset.slice: range [" + from + ", " + to
                    + ") is out of bounds for " + n() + " samples");
        }
        return new Dataset(values.slice(0, from, to).detach(), sampleShape,
                labels == null ? null : Arrays.copyOfRange(labels, from, to));
    }

    /** The number of samples. */
    public int n() {
        return values.dim(0);
    }

    /** The number of features per sample. */
    public int d() {
        return values.dim(1);
    }

    /** The shape of one sample. */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** All samples, {@code [n, d]} (the held tensor, not a copy). */
    public Tensor values() {
        return values;
    }

    /** The labels (the held array, not a copy), if any were read. */
    public Optional<int[]> labels() {
        return Optional.ofNullable(labels);
    }

    @Override
    public String toString() {
        return "Dataset(n=" + n() + ", sample " + Arrays.toString(sampleShape)
                + (labels == null ? "" : ", labelled") + ")";
    }
}
