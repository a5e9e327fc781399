package org.elbo4j.dist;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;
import org.elbo4j.tensor.Functions;
import org.elbo4j.tensor.Tensor;

/**
 * The one rule for values outside a family's support (see {@link Distribution}): log p(x) = −∞
 * for an event x outside the support, NaN for an event holding a NaN, and the family's formula
 * elsewhere.
 *
 * <p>Implementation note: events outside the support are replaced by a point of the support
 * before the formula is evaluated, and −∞ is selected afterwards, so the formula never sees a
 * value it is not defined for (no exception from a kernel, no NaN from a log of a negative number)
 * and its backward pass multiplies a zero upstream gradient by finite numbers only (the
 * gradient is 0 there, as for {@link SafeLog}). When every event is in the support the formula's
 * result is returned as it is, with no extra operation in the graph.
 *
 * <p>Public so that families outside this package ({@code dist.transform.TransformedDistribution},
 * or a user's own) follow the same rule.
 */
public final class OutsideSupport {

    private OutsideSupport() {
    }

    /**
     * {@code where(x in support, formula(x'), fill)}, with x' = x on the support and a point of
     * the support elsewhere, and fill = −∞, or NaN for events holding a NaN.
     *
     * @param support the family's support
     * @param x the values, {@code […, event]}
     * @param inside a point of the support broadcastable to x (asked for only when some event of
     *     x is outside the support; it receives no gradient)
     * @param formula the log-density, valid on the support
     */
    public static Tensor logProb(Support support, Tensor x, Supplier<Tensor> inside,
            Function<Tensor, Tensor> formula) {
        Tensor mask = support.check(x);
        float[] m = mask.data();
        boolean all = true;
        for (float v : m) {
            all &= v != 0f;
        }
        if (all) {
            return formula.apply(x);
        }
        Tensor elementMask = mask;
        for (int i = 0; i < support.eventRank(); i++) {
            elementMask = elementMask.unsqueeze(-1);
        }
        Tensor safe = Functions.where(elementMask, x, inside.get().detach());
        Tensor value = formula.apply(safe);
        return Functions.where(mask, value, fill(x, support.eventRank()));
    }

    /** −∞ per event of x, NaN where the event holds a NaN. */
    private static Tensor fill(Tensor x, int eventRank) {
        int[] shape = x.shape();
        int eventSize = 1;
        for (int i = shape.length - eventRank; i < shape.length; i++) {
            eventSize *= shape[i];
        }
        float[] v = x.data();
        int events = eventSize == 0 ? 0 : v.length / eventSize;
        float[] out = new float[events];
        for (int e = 0; e < events; e++) {
            out[e] = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < eventSize; j++) {
                if (Float.isNaN(v[e * eventSize + j])) {
                    out[e] = Float.NaN;
                    break;
                }
            }
        }
        return Tensor.of(out, Arrays.copyOf(shape, shape.length - eventRank));
    }
}
