package org.elbo4j.dist;

import org.elbo4j.tensor.Functions;
import org.elbo4j.tensor.Tensor;

/**
 * Logarithms of probabilities that may be exactly 0, with usable gradients: {@code log p} is
 * −∞ where p = 0, and its gradient there is 0 rather than NaN.
 *
 * <p>Implementation note: the log is applied to {@code where(p > 0, p, 1)} and −∞ is selected
 * afterwards, so the backward pass never multiplies a zero upstream gradient by 1/0 (which would
 * give NaN); where p = 0 the selected −∞ is a constant.
 */
final class SafeLog {

    private static final Tensor ZERO = Tensor.scalar(0.0);
    private static final Tensor ONE = Tensor.scalar(1.0);
    private static final Tensor MINUS_INFINITY = Tensor.scalar(Double.NEGATIVE_INFINITY);
    private static final Tensor MOST_NEGATIVE = Tensor.scalar(-Float.MAX_VALUE);

    private SafeLog() {
    }

    /** log p, −∞ where p = 0. */
    static Tensor of(Tensor p) {
        Tensor positive = Functions.gt(p, ZERO);
        return Functions.where(positive, Functions.where(positive, p, ONE).log(), MINUS_INFINITY);
    }

    /** log(1 − p) computed as log1p(−p), −∞ where p = 1. */
    static Tensor ofOneMinus(Tensor p) {
        Tensor below = Functions.lt(p, ONE);
        return Functions.where(below, Functions.where(below, p, ZERO).neg().log1p(), MINUS_INFINITY);
    }

    /** log p, with log 0 replaced by the most negative float, so that 0 · log 0 = 0 (for entropies). */
    static Tensor clamped(Tensor p) {
        Tensor positive = Functions.gt(p, ZERO);
        return Functions.where(positive, Functions.where(positive, p, ONE).log(), MOST_NEGATIVE);
    }
}
