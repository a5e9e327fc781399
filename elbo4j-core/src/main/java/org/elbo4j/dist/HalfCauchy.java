package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Tensor;

/**
 * The half-Cauchy distribution with scale γ, the law of |X| for X ~ Cauchy(0, γ) (the usual weakly
 * informative prior on a scale, Gelman 2006):
 *
 * <pre>  log p(x) = log 2 − log π − log γ − log(1 + (x/γ)²) for x ≥ 0 (−∞ outside the support)
 *   H = log(2πγ),   median γ</pre>
 *
 * <p>E[x] = +∞ (the integral diverges), so {@link #mean()} and {@link #variance()} are +∞, as in
 * torch.distributions.
 *
 * <p>Reparameterized draws {@code x = γ·tan(πU/2)}, U ~ Uniform(0, 1). Batch shape: the shape of
 * scale; event shape {@code []}.
 *
 * <p>{@link #logDensity}, {@link #logDensityDerivative} and {@link #logDensitySecondDerivative}
 * evaluate the same log-density in double for scalar code (the exact-gradient models of
 * {@code org.elbo4j.bayes.models}).
 */
public final class HalfCauchy implements Reparameterizable, HasEntropy {

    private static final double LOG_TWO_OVER_PI = Math.log(2 / Math.PI);
    private static final Tensor ZERO = Tensor.scalar(0.0);

    private final Tensor scale;

    private HalfCauchy(Tensor scale) {
        this.scale = scale;
    }

    /**
     * HalfCauchy(scale).
     *
     * @throws IllegalArgumentException when an element of scale is not finite and > 0
     */
    public static HalfCauchy of(Tensor scale) {
        ParamCheck.positive("HalfCauchy", "scale", scale);
        return new HalfCauchy(scale);
    }

    /** HalfCauchy(scale) for one scale. */
    public static HalfCauchy of(double scale) {
        return of(Tensor.scalar(scale));
    }

    /** log p(x) = log(2/π) − log γ − log1p((x/γ)²) for x ≥ 0, −∞ for x &lt; 0, in double. */
    public static double logDensity(double x, double scale) {
        if (x < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double z = x / scale;
        return LOG_TWO_OVER_PI - Math.log(scale) - Math.log1p(z * z);
    }

    /** ∂/∂x log p(x) = −2x/(γ² + x²) for x ≥ 0 (0 outside the support, where log p is constant). */
    public static double logDensityDerivative(double x, double scale) {
        return x < 0 ? 0.0 : -2 * x / (scale * scale + x * x);
    }

    /** ∂²/∂x² log p(x) = −2(γ² − x²)/(γ² + x²)² for x ≥ 0 (0 outside the support). */
    public static double logDensitySecondDerivative(double x, double scale) {
        if (x < 0) {
            return 0.0;
        }
        double s2 = scale * scale;
        double x2 = x * x;
        return -2 * (s2 - x2) / ((s2 + x2) * (s2 + x2));
    }

    /** The scale γ (the median). */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Tensor logProb(Tensor x) {
        return OutsideSupport.logProb(Support.NONNEGATIVE, x, () -> ZERO,
                v -> v.div(scale).square().log1p().neg().sub(scale.log()).add(LOG_TWO_OVER_PI));
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int... sampleShape) {
        int[] shape = ParamCheck.concat(ParamCheck.sampleShape("HalfCauchy", sampleShape), scale.shape());
        return scale.mul(StandardNoise.halfCauchy(rng, shape));
    }

    @Override
    public Tensor sample(RandomGenerator rng, int... sampleShape) {
        return ParamCheck.withoutGrad(() -> rsample(rng, sampleShape));
    }

    @Override
    public int[] batchShape() {
        return scale.shape();
    }

    @Override
    public int[] eventShape() {
        return new int[0];
    }

    /** +∞: E[x] diverges. */
    @Override
    public Tensor mean() {
        return Tensor.full(Double.POSITIVE_INFINITY, scale.shape());
    }

    /** +∞: E[x²] diverges. */
    @Override
    public Tensor variance() {
        return Tensor.full(Double.POSITIVE_INFINITY, scale.shape());
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(Math.log(2 * Math.PI));
    }

    @Override
    public Support support() {
        return Support.NONNEGATIVE;
    }

    @Override
    public String toString() {
        return "HalfCauchy(scale=" + scale + ")";
    }
}
