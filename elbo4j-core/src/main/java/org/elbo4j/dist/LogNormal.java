package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Tensor;

/**
 * The log-normal distribution: x = exp(y) with y ~ N(μ, σ²), {@code loc} μ and {@code scale} σ
 * being the parameters of log x:
 *
 * <pre>  log p(x) = −(log x − μ)² / (2σ²) − log σ − ½ log 2π − log x   (x > 0; −∞ otherwise)
 *   E[x] = exp(μ + σ²/2),   Var[x] = (exp(σ²) − 1)·exp(2μ + σ²),   H = μ + ½ + ½ log 2π + log σ</pre>
 *
 * <p>Reparameterized draws {@code x = exp(μ + σ·ε)}. Batch shape: the broadcast shape of loc and
 * scale; event shape {@code []}. It equals {@code TransformedDistribution.of(Normal.of(μ, σ),
 * ExpBijection.of())}, with the moments and entropy in closed form.
 *
 * <p>Implementation note: Var[x] uses expm1(σ²) so that small σ does not cancel; values x ≤ 0
 * are replaced by 1 inside the density before selecting −∞, so that no NaN reaches the gradient.
 */
public final class LogNormal implements Reparameterizable, HasEntropy {

    private final Normal normal;

    private LogNormal(Normal normal) {
        this.normal = normal;
    }

    /**
     * LogNormal(loc, scale) with loc and scale broadcast to a common batch shape.
     *
     * @throws IllegalArgumentException when an element of loc is not finite, of scale not finite
     *     and > 0, or the shapes do not broadcast
     */
    public static LogNormal of(Tensor loc, Tensor scale) {
        ParamCheck.finite("LogNormal", "loc", loc);
        ParamCheck.positive("LogNormal", "scale", scale);
        ParamCheck.broadcastShape("LogNormal", new String[] {"loc", "scale"}, loc.shape(), scale.shape());
        return new LogNormal(Normal.of(loc, scale));
    }

    /** LogNormal(loc, scale) for one pair of parameters. */
    public static LogNormal of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** The mean μ of log x. */
    public Tensor loc() {
        return normal.loc();
    }

    /** The standard deviation σ of log x. */
    public Tensor scale() {
        return normal.scale();
    }

    @Override
    public Tensor logProb(Tensor x) {
        return OutsideSupport.logProb(Support.POSITIVE, x, () -> Tensor.scalar(1.0), v -> {
            Tensor logX = v.log();
            return normal.logProb(logX).sub(logX);
        });
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int... sampleShape) {
        return normal.rsample(rng, sampleShape).exp();
    }

    @Override
    public Tensor sample(RandomGenerator rng, int... sampleShape) {
        return ParamCheck.withoutGrad(() -> rsample(rng, sampleShape));
    }

    @Override
    public int[] batchShape() {
        return normal.batchShape();
    }

    @Override
    public int[] eventShape() {
        return new int[0];
    }

    @Override
    public Tensor mean() {
        return loc().add(scale().square().mul(0.5)).exp();
    }

    @Override
    public Tensor variance() {
        Tensor s2 = scale().square();
        return s2.expm1().mul(loc().mul(2.0).add(s2).exp());
    }

    @Override
    public Tensor entropy() {
        return loc().add(normal.entropy());
    }

    @Override
    public Support support() {
        return Support.POSITIVE;
    }

    @Override
    public String toString() {
        return "LogNormal(loc=" + loc() + ", scale=" + scale() + ")";
    }
}
