package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Tensor;

/**
 * The Laplace (double exponential) distribution with location {@code loc} μ and scale b:
 *
 * <pre>  log p(x) = −log(2b) − |x − μ| / b
 *   E[x] = μ,   Var[x] = 2b²,   H = 1 + log(2b)</pre>
 *
 * <p>Reparameterized draws {@code x = μ + b·e} with e = ±E, E standard exponential and a fair
 * sign. Batch shape: the broadcast shape of loc and scale; event shape {@code []}.
 */
public final class Laplace implements Reparameterizable, HasEntropy {

    private static final double LOG_TWO = Math.log(2.0);

    private final Tensor loc;
    private final Tensor scale;
    private final int[] batchShape;

    private Laplace(Tensor loc, Tensor scale, int[] batchShape) {
        this.loc = loc;
        this.scale = scale;
        this.batchShape = batchShape;
    }

    /**
     * Laplace(loc, scale) with loc and scale broadcast to a common batch shape.
     *
     * @throws IllegalArgumentException when an element of loc is not finite, of scale not finite
     *     and > 0, or the shapes do not broadcast
     */
    public static Laplace of(Tensor loc, Tensor scale) {
        ParamCheck.finite("Laplace", "loc", loc);
        ParamCheck.positive("Laplace", "scale", scale);
        int[] shape = ParamCheck.broadcastShape("Laplace", new String[] {"loc", "scale"}, loc.shape(), scale.shape());
        return new Laplace(ParamCheck.expandTo(loc, shape), ParamCheck.expandTo(scale, shape), shape);
    }

    /** Laplace(loc, scale) for one pair of parameters. */
    public static Laplace of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** The location (mean and median) μ. */
    public Tensor loc() {
        return loc;
    }

    /** The scale b. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Tensor logProb(Tensor x) {
        return x.sub(loc).abs().div(scale).neg().sub(scale.log()).sub(LOG_TWO);
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int... sampleShape) {
        int[] shape = ParamCheck.concat(ParamCheck.sampleShape("Laplace", sampleShape), batchShape);
        return loc.add(scale.mul(StandardNoise.laplace(rng, shape)));
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
        return loc;
    }

    @Override
    public Tensor variance() {
        return scale.square().mul(2.0);
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(1.0 + LOG_TWO);
    }

    @Override
    public Support support() {
        return Support.REAL;
    }

    @Override
    public String toString() {
        return "Laplace(loc=" + loc + ", scale=" + scale + ")";
    }
}
