package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Tensor;

/**
 * The normal distribution N(μ, σ²) with mean {@code loc} μ and standard deviation {@code scale} σ:
 *
 * <pre>  log p(x) = −(x − μ)² / (2σ²) − log σ − ½ log 2π
 *   H = ½ + ½ log 2π + log σ,   E[x] = μ,   Var[x] = σ²</pre>
 *
 * <p>Reparameterized draws {@code x = μ + σ·ε}, ε ~ N(0, 1). Batch shape: the broadcast shape of
 * loc and scale; event shape {@code []}.
 *
 * <p>{@link #logDensity}, {@link #logDensityDerivative} and {@link #logDensitySecondDerivative}
 * evaluate the same log-density in double for scalar code (the exact-gradient models of
 * {@code org.elbo4j.bayes.models}).
 */
public final class Normal implements Reparameterizable, HasEntropy {

    static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2.0 * Math.PI);

    private final Tensor loc;
    private final Tensor scale;
    private final int[] batchShape;

    private Normal(Tensor loc, Tensor scale, int[] batchShape) {
        this.loc = loc;
        this.scale = scale;
        this.batchShape = batchShape;
    }

    /**
     * N(loc, scale²) with loc and scale broadcast to a common batch shape.
     *
     * @throws IllegalArgumentException when an element of loc is not finite, of scale not finite
     *     and > 0, or the shapes do not broadcast
     */
    public static Normal of(Tensor loc, Tensor scale) {
        ParamCheck.finite("Normal", "loc", loc);
        ParamCheck.positive("Normal", "scale", scale);
        int[] shape = ParamCheck.broadcastShape("Normal", new String[] {"loc", "scale"}, loc.shape(), scale.shape());
        return new Normal(ParamCheck.expandTo(loc, shape), ParamCheck.expandTo(scale, shape), shape);
    }

    /** N(loc, scale²) for one pair of parameters. */
    public static Normal of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** log N(x; μ, σ²) = −½ z² − log σ − ½ log 2π, z = (x − μ)/σ, in double. */
    public static double logDensity(double x, double loc, double scale) {
        double z = (x - loc) / scale;
        return -0.5 * z * z - Math.log(scale) - HALF_LOG_TWO_PI;
    }

    /** ∂/∂x log N(x; μ, σ²) = −(x − μ)/σ² (and ∂/∂μ = −∂/∂x). */
    public static double logDensityDerivative(double x, double loc, double scale) {
        return -(x - loc) / (scale * scale);
    }

    /** ∂²/∂x² log N(x; μ, σ²) = −1/σ² (also ∂²/∂μ² and −∂²/∂x∂μ). */
    public static double logDensitySecondDerivative(double x, double loc, double scale) {
        return -1 / (scale * scale);
    }

    /** The mean μ. */
    public Tensor loc() {
        return loc;
    }

    /** The standard deviation σ. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Tensor logProb(Tensor x) {
        Tensor z = x.sub(loc).div(scale);
        return z.square().mul(-0.5).sub(scale.log()).sub(HALF_LOG_TWO_PI);
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int... sampleShape) {
        int[] shape = ParamCheck.concat(ParamCheck.sampleShape("Normal", sampleShape), batchShape);
        return loc.add(scale.mul(Tensor.randn(rng, shape)));
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
        return scale.square();
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(0.5 + HALF_LOG_TWO_PI);
    }

    @Override
    public Support support() {
        return Support.REAL;
    }

    @Override
    public String toString() {
        return "Normal(loc=" + loc + ", scale=" + scale + ")";
    }
}
