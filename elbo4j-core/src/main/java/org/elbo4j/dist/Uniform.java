package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * The continuous uniform distribution on [low, high]:
 *
 * <pre>  log p(x) = −log(high − low) for low ≤ x ≤ high, −∞ otherwise
 *   E[x] = (low + high)/2,   Var[x] = (high − low)²/12,   H = log(high − low)</pre>
 *
 * <p>Reparameterized draws {@code x = low + (high − low)·U}, U ~ Uniform(0, 1). Batch shape: the
 * broadcast shape of low and high; event shape {@code []}.
 */
public final class Uniform implements Reparameterizable, HasEntropy {

    private final Tensor low;
    private final Tensor high;
    private final int[] batchShape;

    private Uniform(Tensor low, Tensor high, int[] batchShape) {
        this.low = low;
        this.high = high;
        this.batchShape = batchShape;
    }

    /**
     * Uniform(low, high) with low and high broadcast to a common batch shape.
     *
     * @throws IllegalArgumentException when a bound is not finite, low ≥ high for some element, or
     *     the shapes do not broadcast
     */
    public static Uniform of(Tensor low, Tensor high) {
        ParamCheck.finite("Uniform", "low", low);
        ParamCheck.finite("Uniform", "high", high);
        int[] shape = ParamCheck.broadcastShape("Uniform", new String[] {"low", "high"}, low.shape(), high.shape());
        Tensor lo = ParamCheck.expandTo(low, shape);
        Tensor hi = ParamCheck.expandTo(high, shape);
        if (Validation.isEnabled()) {
            float[] a = lo.data();
            float[] b = hi.data();
            for (int i = 0; i < a.length; i++) {
                if (!(a[i] < b[i])) {
                    throw new IllegalArgumentException("Uniform: low must be < high, got low=" + a[i]
                            + ", high=" + b[i]);
                }
            }
        }
        return new Uniform(lo, hi, shape);
    }

    /** Uniform(low, high) for one pair of bounds. */
    public static Uniform of(double low, double high) {
        return of(Tensor.scalar(low), Tensor.scalar(high));
    }

    /** The lower bound. */
    public Tensor low() {
        return low;
    }

    /** The upper bound. */
    public Tensor high() {
        return high;
    }

    @Override
    public Tensor logProb(Tensor x) {
        return OutsideSupport.logProb(support(), x, () -> low, v -> high.sub(low).log().neg()
                .add(Tensor.zeros(Shape.broadcast("Uniform.logProb", v.shape(), batchShape))));
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int... sampleShape) {
        int[] shape = ParamCheck.concat(ParamCheck.sampleShape("Uniform", sampleShape), batchShape);
        Tensor u = StandardNoise.uniformWithLogs(rng, shape)[0];
        return low.add(high.sub(low).mul(u));
    }

    @Override
    public Tensor sample(RandomGenerator rng, int... sampleShape) {
        return ParamCheck.withoutGrad(() -> rsample(rng, sampleShape));
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public int[] eventShape() {
        return new int[0];
    }

    @Override
    public Tensor mean() {
        return low.add(high).mul(0.5);
    }

    @Override
    public Tensor variance() {
        return high.sub(low).square().div(12.0);
    }

    @Override
    public Tensor entropy() {
        return high.sub(low).log();
    }

    @Override
    public Support support() {
        return Support.interval(low, high);
    }

    @Override
    public String toString() {
        return "Uniform(low=" + low + ", high=" + high + ")";
    }
}
