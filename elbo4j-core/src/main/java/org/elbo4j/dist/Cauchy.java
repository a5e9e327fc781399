package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Tensor;

/**
 * The Cauchy distribution with location {@code loc} μ and scale γ (Student's t with one degree of
 * freedom):
 *
 * <pre>  log p(x) = −log π − log γ − log(1 + z²),   z = (x − μ)/γ
 *   H = log(4πγ),   median μ</pre>
 *
 * <p>E[x] and Var[x] do not exist (the integrals diverge), so {@link #mean()} and
 * {@link #variance()} are NaN, as for {@link StudentT} with ν ≤ 1.
 *
 * <p>Reparameterized draws {@code x = μ + γ·tan(π(U − ½))}, U ~ Uniform(0, 1) (inversion of the
 * CDF ½ + atan(z)/π). Batch shape: the broadcast shape of loc and scale; event shape {@code []}.
 *
 * <p>{@link #logDensity}, {@link #logDensityDerivative} and {@link #logDensitySecondDerivative}
 * evaluate the same log-density in double for scalar code (the exact-gradient models of
 * {@code org.elbo4j.bayes.models}).
 */
public final class Cauchy implements Reparameterizable, HasEntropy {

    static final double LOG_PI = Math.log(Math.PI);

    private final Tensor loc;
    private final Tensor scale;
    private final int[] batchShape;

    private Cauchy(Tensor loc, Tensor scale, int[] batchShape) {
        this.loc = loc;
        this.scale = scale;
        this.batchShape = batchShape;
    }

    /**
     * Cauchy(loc, scale) with loc and scale broadcast to a common batch shape.
     *
     * @throws IllegalArgumentException when an element of loc is not finite, of scale not finite
     *     and > 0, or the shapes do not broadcast
     */
    public static Cauchy of(Tensor loc, Tensor scale) {
        ParamCheck.finite("Cauchy", "loc", loc);
        ParamCheck.positive("Cauchy", "scale", scale);
        int[] shape = ParamCheck.broadcastShape("Cauchy", new String[] {"loc", "scale"}, loc.shape(), scale.shape());
        return new Cauchy(ParamCheck.expandTo(loc, shape), ParamCheck.expandTo(scale, shape), shape);
    }

    /** Cauchy(loc, scale) for one pair of parameters. */
    public static Cauchy of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** log p(x) = −log π − log γ − log1p(z²), z = (x − μ)/γ, in double. */
    public static double logDensity(double x, double loc, double scale) {
        double z = (x - loc) / scale;
        return -LOG_PI - Math.log(scale) - Math.log1p(z * z);
    }

    /** ∂/∂x log p(x) = −2(x − μ)/(γ² + (x − μ)²) (and ∂/∂μ = −∂/∂x). */
    public static double logDensityDerivative(double x, double loc, double scale) {
        double d = x - loc;
        return -2 * d / (scale * scale + d * d);
    }

    /** ∂²/∂x² log p(x) = −2(γ² − (x − μ)²)/(γ² + (x − μ)²)². */
    public static double logDensitySecondDerivative(double x, double loc, double scale) {
        double d2 = (x - loc) * (x - loc);
        double s2 = scale * scale;
        return -2 * (s2 - d2) / ((s2 + d2) * (s2 + d2));
    }

    /** The location (median) μ. */
    public Tensor loc() {
        return loc;
    }

    /** The scale γ (half the interquartile range). */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Tensor logProb(Tensor x) {
        Tensor z = x.sub(loc).div(scale);
        return z.square().log1p().neg().sub(scale.log()).sub(LOG_PI);
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int... sampleShape) {
        int[] shape = ParamCheck.concat(ParamCheck.sampleShape("Cauchy", sampleShape), batchShape);
        return loc.add(scale.mul(StandardNoise.cauchy(rng, shape)));
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

    /** NaN: the mean of a Cauchy distribution does not exist. */
    @Override
    public Tensor mean() {
        return Tensor.full(Double.NaN, batchShape);
    }

    /** NaN: the variance of a Cauchy distribution does not exist. */
    @Override
    public Tensor variance() {
        return Tensor.full(Double.NaN, batchShape);
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(Math.log(4 * Math.PI));
    }

    @Override
    public Support support() {
        return Support.REAL;
    }

    @Override
    public String toString() {
        return "Cauchy(loc=" + loc + ", scale=" + scale + ")";
    }
}
