package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Tensor;

/**
 * The half-normal distribution with scale σ, the law of |X| for X ~ N(0, σ²):
 *
 * <pre>  log p(x) = ½ log(2/π) − log σ − x²/(2σ²) for x ≥ 0 (−∞ outside the support)
 *   E[x] = σ√(2/π),   Var[x] = σ²(1 − 2/π),   H = ½ log(πσ²/2) + ½</pre>
 *
 * <p>Reparameterized draws {@code x = σ·|ε|}, ε ~ N(0, 1). Batch shape: the shape of scale; event
 * shape {@code []}.
 *
 * <p>{@link #logDensity}, {@link #logDensityDerivative} and {@link #logDensitySecondDerivative}
 * evaluate the same log-density in double for scalar code (the exact-gradient models of
 * {@code org.elbo4j.bayes.models}).
 */
public final class HalfNormal implements Reparameterizable, HasEntropy {

    private static final double HALF_LOG_TWO_OVER_PI = 0.5 * Math.log(2 / Math.PI);
    private static final Tensor ZERO = Tensor.scalar(0.0);

    private final Tensor scale;

    private HalfNormal(Tensor scale) {
        this.scale = scale;
    }

    /**
     * HalfNormal(scale).
     *
     * @throws IllegalArgumentException when an element of scale is not finite and > 0
     */
    public static HalfNormal of(Tensor scale) {
        ParamCheck.positive("HalfNormal", "scale", scale);
        return new HalfNormal(scale);
    }

    /** HalfNormal(scale) for one scale. */
    public static HalfNormal of(double scale) {
        return of(Tensor.scalar(scale));
    }

    /** log p(x) = ½ log(2/π) − log σ − x²/(2σ²) for x ≥ 0, −∞ for x &lt; 0, in double. */
    public static double logDensity(double x, double scale) {
        if (x < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double z = x / scale;
        return HALF_LOG_TWO_OVER_PI - Math.log(scale) - 0.5 * z * z;
    }

    /** ∂/∂x log p(x) = −x/σ² for x ≥ 0 (0 outside the support, where log p is constant). */
    public static double logDensityDerivative(double x, double scale) {
        return x < 0 ? 0.0 : -x / (scale * scale);
    }

    /** ∂²/∂x² log p(x) = −1/σ² for x ≥ 0 (0 outside the support). */
    public static double logDensitySecondDerivative(double x, double scale) {
        return x < 0 ? 0.0 : -1 / (scale * scale);
    }

    /** The scale σ. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Tensor logProb(Tensor x) {
        return OutsideSupport.logProb(Support.NONNEGATIVE, x, () -> ZERO,
                v -> v.div(scale).square().mul(-0.5).sub(scale.log()).add(HALF_LOG_TWO_OVER_PI));
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int... sampleShape) {
        int[] shape = ParamCheck.concat(ParamCheck.sampleShape("HalfNormal", sampleShape), scale.shape());
        return scale.mul(Tensor.randn(rng, shape).abs());
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

    @Override
    public Tensor mean() {
        return scale.mul(Math.sqrt(2 / Math.PI));
    }

    @Override
    public Tensor variance() {
        return scale.square().mul(1 - 2 / Math.PI);
    }

    @Override
    public Tensor entropy() {
        return scale.log().add(0.5 * Math.log(Math.PI / 2) + 0.5);
    }

    @Override
    public Support support() {
        return Support.NONNEGATIVE;
    }

    @Override
    public String toString() {
        return "HalfNormal(scale=" + scale + ")";
    }
}
