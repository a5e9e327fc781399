package org.elbo4j.dist.transform;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.elbo4j.dist.OutsideSupport;
import org.elbo4j.dist.Reparameterizable;
import org.elbo4j.dist.Support;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;

/**
 * The distribution of x = f(u) for u drawn from a reparameterizable base distribution and a
 * bijection f, by the change of variables
 *
 * <pre>  log p(x) = log p_base(f⁻¹(x)) − log |det ∂f/∂u| at u = f⁻¹(x).</pre>
 *
 * <p>Draws are {@code f(base.rsample(…))}, so they stay differentiable in the base's parameters
 * and in any tensor parameters of f. When f acts on events of higher rank than the base's (for
 * instance stick-breaking applied to a batch of K−1 independent normals), the base's rightmost
 * batch dimensions become event dimensions, as in torch.distributions.
 *
 * <p>Moments: E[x] and Var[x] have no closed form for a general f, so {@link #mean()} and
 * {@link #variance()} return NaN; named families built this way (LogNormal) give closed forms.
 *
 * <p>It lives beside the bijections, not in {@code org.elbo4j.dist}, so that package
 * dependencies point one way: {@code dist.transform} builds on {@code dist}.
 */
public final class TransformedDistribution implements Reparameterizable {

    private final Reparameterizable base;
    private final Bijection bijection;
    private final int reinterpreted;
    private final int[] batchShape;
    private final int[] eventShape;

    private TransformedDistribution(Reparameterizable base, Bijection bijection, int reinterpreted,
            int[] batchShape, int[] eventShape) {
        this.base = base;
        this.bijection = bijection;
        this.reinterpreted = reinterpreted;
        this.batchShape = batchShape;
        this.eventShape = eventShape;
    }

    /**
     * The distribution of {@code bijection.forward(u)}, u ~ base.
     *
     * @throws IllegalArgumentException when the bijection needs events of a higher rank than the
     *     base's batch and event dimensions together provide
     */
    public static TransformedDistribution of(Reparameterizable base, Bijection bijection) {
        int[] baseBatch = base.batchShape();
        int[] baseEvent = base.eventShape();
        int reinterpreted = Math.max(0, bijection.eventRank() - baseEvent.length);
        if (reinterpreted > baseBatch.length) {
            throw new IllegalArgumentException("TransformedDistribution: the bijection acts on events of rank "
                    + bijection.eventRank() + " but the base has batch shape " + Arrays.toString(baseBatch)
                    + " and event shape " + Arrays.toString(baseEvent));
        }
        int keep = baseBatch.length - reinterpreted;
        int[] batch = Arrays.copyOf(baseBatch, keep);
        int[] inputEvent = concat(Arrays.copyOfRange(baseBatch, keep, baseBatch.length), baseEvent);
        int[] event = bijection.forwardShape(inputEvent);
        return new TransformedDistribution(base, bijection, reinterpreted, batch, event);
    }

    /** The distribution of u. */
    public Reparameterizable base() {
        return base;
    }

    /** f. */
    public Bijection bijection() {
        return bijection;
    }

    /** The change of variables on the bijection's codomain; −∞ outside it (the rule of {@link OutsideSupport}). */
    @Override
    public Tensor logProb(Tensor x) {
        return OutsideSupport.logProb(bijection.codomain(), x, this::pointInSupport, this::logDensity);
    }

    /** f(0): a point of the codomain with the event shape. */
    private Tensor pointInSupport() {
        try (GradMode ignored = GradMode.noGrad()) {
            return bijection.forward(Tensor.zeros(bijection.inverseShape(eventShape))).detach();
        }
    }

    private Tensor logDensity(Tensor x) {
        Tensor u = bijection.inverse(x);
        Tensor logDensity = base.logProb(u);
        for (int i = 0; i < reinterpreted; i++) {
            logDensity = logDensity.sum(-1, false);
        }
        Tensor logDet = bijection.logAbsDetJacobian(u, x);
        for (int i = 0; i < base.eventShape().length - bijection.eventRank(); i++) {
            logDet = logDet.sum(-1, false);
        }
        return logDensity.sub(logDet);
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int... sampleShape) {
        return bijection.forward(base.rsample(rng, sampleShape));
    }

    @Override
    public Tensor sample(RandomGenerator rng, int... sampleShape) {
        try (GradMode ignored = GradMode.noGrad()) {
            return bijection.forward(base.sample(rng, sampleShape)).detach();
        }
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public int[] eventShape() {
        return eventShape.clone();
    }

    /** NaN: no closed form for a general bijection (estimate it from draws). */
    @Override
    public Tensor mean() {
        return Tensor.full(Double.NaN, concat(batchShape, eventShape));
    }

    /** NaN: no closed form for a general bijection (estimate it from draws). */
    @Override
    public Tensor variance() {
        return Tensor.full(Double.NaN, concat(batchShape, eventShape));
    }

    @Override
    public Support support() {
        return bijection.codomain();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String toString() {
        return "TransformedDistribution(" + base + ", " + bijection.getClass().getSimpleName() + ")";
    }
}
