package org.elbo4j.dist;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Tensor;

/**
 * Reinterprets the rightmost {@code n} batch dimensions of a base distribution as event
 * dimensions: a batch of independent distributions becomes one distribution over their joint
 * value, {@code log p(x) = Σ_{reinterpreted dims} log p_base(x)} (and likewise for the entropy).
 * {@code Independent.of(Normal.of(μ, σ), 1)} with μ of shape {@code [B, D]} is a batch of B
 * diagonal Gaussians over ℝᴰ.
 *
 * <p>Shapes: batch shape = the base's batch shape without its last n dimensions; event shape =
 * those n dimensions followed by the base's event shape.
 *
 * <p>Capabilities: {@link #of} returns an instance that implements {@link Reparameterizable}
 * exactly when the base does and {@link HasEntropy} exactly when the base does (the nested types
 * {@link Reparameterized}, {@link WithEntropy} and {@link Full}), so a caller tests it as it would
 * test the base: {@code if (Independent.of(q, 1) instanceof Reparameterizable r) { r.rsample(…) }}.
 *
 * <p>{@link #support()} is the base's support: an event of this distribution lies in it when each
 * of its base events does (its {@code check} answers per base event).
 */
public sealed class Independent implements Distribution
        permits Independent.Reparameterized, Independent.WithEntropy, Independent.Full {

    private final Distribution base;
    private final int reinterpreted;

    private Independent(Distribution base, int reinterpreted) {
        this.base = base;
        this.reinterpreted = reinterpreted;
    }

    /**
     * Reinterprets the last {@code reinterpretedBatchDims} batch dimensions of {@code base}.
     *
     * @throws IllegalArgumentException when that is more than the base has, or negative
     */
    public static Independent of(Distribution base, int reinterpretedBatchDims) {
        int rank = base.batchShape().length;
        if (reinterpretedBatchDims < 0 || reinterpretedBatchDims > rank) {
            throw new IllegalArgumentException("Independent: reinterpretedBatchDims must be in [0, " + rank
                    + "] for base batch shape " + Arrays.toString(base.batchShape()) + ", got "
                    + reinterpretedBatchDims);
        }
        boolean r = base instanceof Reparameterizable;
        boolean h = base instanceof HasEntropy;
        if (r && h) {
            return new Full(base, reinterpretedBatchDims);
        }
        if (r) {
            return new Reparameterized(base, reinterpretedBatchDims);
        }
        if (h) {
            return new WithEntropy(base, reinterpretedBatchDims);
        }
        return new Independent(base, reinterpretedBatchDims);
    }

    /** The base distribution. */
    public Distribution base() {
        return base;
    }

    /** How many of the base's rightmost batch dimensions are event dimensions here. */
    public int reinterpretedBatchDims() {
        return reinterpreted;
    }

    @Override
    public Tensor logProb(Tensor x) {
        return sumRightmost(base.logProb(x), reinterpreted);
    }

    @Override
    public Tensor sample(RandomGenerator rng, int... sampleShape) {
        return base.sample(rng, sampleShape);
    }

    @Override
    public int[] batchShape() {
        int[] b = base.batchShape();
        return Arrays.copyOf(b, b.length - reinterpreted);
    }

    @Override
    public int[] eventShape() {
        int[] b = base.batchShape();
        return DrawShapes.prepend(Arrays.copyOfRange(b, b.length - reinterpreted, b.length), base.eventShape());
    }

    @Override
    public Tensor mean() {
        return base.mean();
    }

    @Override
    public Tensor variance() {
        return base.variance();
    }

    @Override
    public Support support() {
        return base.support();
    }

    @Override
    public String toString() {
        return "Independent(" + base + ", " + reinterpreted + ")";
    }

    /** Sums {@code t} over its last {@code n} dimensions. */
    public static Tensor sumRightmost(Tensor t, int n) {
        Tensor out = t;
        for (int i = 0; i < n; i++) {
            out = out.sum(-1, false);
        }
        return out;
    }

    Tensor rsampleFromBase(RandomGenerator rng, int... sampleShape) {
        return ((Reparameterizable) base).rsample(rng, sampleShape);
    }

    Tensor entropyFromBase() {
        return sumRightmost(((HasEntropy) base).entropy(), reinterpreted);
    }

    /** An Independent over a reparameterizable base without a closed-form entropy. */
    public static final class Reparameterized extends Independent implements Reparameterizable {
        private Reparameterized(Distribution base, int n) {
            super(base, n);
        }

        @Override
        public Tensor rsample(RandomGenerator rng, int... sampleShape) {
            return rsampleFromBase(rng, sampleShape);
        }
    }

    /** An Independent over a base with a closed-form entropy that is not reparameterizable. */
    public static final class WithEntropy extends Independent implements HasEntropy {
        private WithEntropy(Distribution base, int n) {
            super(base, n);
        }

        @Override
        public Tensor entropy() {
            return entropyFromBase();
        }
    }

    /** An Independent over a base that is reparameterizable and has a closed-form entropy. */
    public static final class Full extends Independent implements Reparameterizable, HasEntropy {
        private Full(Distribution base, int n) {
            super(base, n);
        }

        @Override
        public Tensor rsample(RandomGenerator rng, int... sampleShape) {
            return rsampleFromBase(rng, sampleShape);
        }

        @Override
        public Tensor entropy() {
            return entropyFromBase();
        }
    }
}
