package org.elbo4j.dist;

import java.util.Arrays;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Validation and broadcasting shared by Gamma, Beta, Dirichlet and Poisson: every parameter
 * element must be finite and &gt; 0 (checked while {@link Validation} is on), parameters broadcast
 * to one batch shape, and values passed to {@code logProb} must broadcast with the batch.
 */
final class GammaFamilyParameters {

    private GammaFamilyParameters() {
    }

    /**
     * Checks that every element of {@code value} is finite and &gt; 0.
     *
     * @throws IllegalArgumentException {@code "Gamma: concentration must be finite and > 0, got -1.0"}
     */
    static Tensor requirePositive(String family, String name, Tensor value) {
        if (!Validation.isEnabled()) {
            return value;
        }
        for (float v : value.data()) {
            if (!(v > 0 && v < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(family + ": " + name + " must be finite and > 0, got " + v);
            }
        }
        return value;
    }

    /**
     * A scalar parameter from a double, checked before and after rounding to float32 (so that
     * 1e-50 is rejected rather than stored as 0).
     */
    static Tensor scalar(String family, String name, double value) {
        if (!Validation.isEnabled()) {
            return Tensor.scalar(value);
        }
        float f = (float) value;
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(family + ": " + name + " must be finite and > 0, got " + value);
        }
        if (!(f > 0 && f < Float.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(family + ": " + name + " must be finite and > 0 in float32, got "
                    + value);
        }
        return Tensor.scalar(value);
    }

    /**
     * The common shape of two parameters under broadcasting.
     *
     * @throws IllegalArgumentException naming both parameters and shapes when they do not broadcast
     */
    static int[] batchShape(String family, String nameA, Tensor a, String nameB, Tensor b) {
        try {
            return Shape.broadcast(family, a.shape(), b.shape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(family + ": " + nameA + " of shape " + Shape.str(a.shape())
                    + " and " + nameB + " of shape " + Shape.str(b.shape()) + " cannot be broadcast together");
        }
    }

    /** {@code t} broadcast to {@code shape}; differentiable (the gradient is summed back). */
    static Tensor expandTo(Tensor t, int[] shape) {
        return Shape.same(t.shape(), shape) ? t : t.expand(shape);
    }

    /** The values of {@code t} broadcast to {@code shape}, outside the graph. */
    static float[] broadcastValues(Tensor t, int[] shape) {
        if (Shape.same(t.shape(), shape)) {
            return t.data();
        }
        try (GradMode ignored = GradMode.noGrad()) {
            return t.expand(shape).data();
        }
    }

    /**
     * The shape of {@code logProb(x)}: x's shape without its last {@code eventRank} axes,
     * broadcast with the batch shape; the event axes of x must equal {@code eventShape}.
     *
     * @throws IllegalArgumentException naming both shapes when they do not fit
     */
    static int[] logProbShape(String family, Tensor x, int[] batchShape, int[] eventShape) {
        int[] xs = x.shape();
        int lead = xs.length - eventShape.length;
        if (lead < 0 || !Arrays.equals(Arrays.copyOfRange(xs, lead, xs.length), eventShape)) {
            throw new IllegalArgumentException(family + ": value of shape " + Shape.str(xs)
                    + " does not end with the event shape " + Shape.str(eventShape));
        }
        try {
            return Shape.broadcast(family, Arrays.copyOf(xs, lead), batchShape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(family + ": value of shape " + Shape.str(xs)
                    + " does not broadcast with batch shape " + Shape.str(batchShape)
                    + " and event shape " + Shape.str(eventShape));
        }
    }
}
