package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Functions;
import org.elbo4j.tensor.Tensor;

/**
 * The exponential distribution with {@code rate} λ:
 *
 * <pre>  log p(x) = log λ − λx for x ≥ 0 (−∞ outside the support)
 *   E[x] = 1/λ,   Var[x] = 1/λ²,   H = 1 − log λ</pre>
 *
 * <p>Reparameterized draws {@code x = E/λ}, E = −log U standard exponential. Batch shape: the
 * shape of rate; event shape {@code []}.
 */
public final class Exponential implements Reparameterizable, HasEntropy {

    private final Tensor rate;

    private Exponential(Tensor rate) {
        this.rate = rate;
    }

    /**
     * Exponential(rate).
     *
     * @throws IllegalArgumentException when an element of rate is not finite and > 0
     */
    public static Exponential of(Tensor rate) {
        ParamCheck.positive("Exponential", "rate", rate);
        return new Exponential(rate);
    }

    /** Exponential(rate) for one rate. */
    public static Exponential of(double rate) {
        return of(Tensor.scalar(rate));
    }

    /** The rate λ (the inverse mean). */
    public Tensor rate() {
        return rate;
    }

    @Override
    public Tensor logProb(Tensor x) {
        return OutsideSupport.logProb(Support.NONNEGATIVE, x, () -> Tensor.scalar(0.0),
                v -> rate.log().sub(rate.mul(v)));
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int... sampleShape) {
        int[] shape = ParamCheck.concat(ParamCheck.sampleShape("Exponential", sampleShape), rate.shape());
        return StandardNoise.exponential(rng, shape).div(rate);
    }

    @Override
    public Tensor sample(RandomGenerator rng, int... sampleShape) {
        return ParamCheck.withoutGrad(() -> rsample(rng, sampleShape));
    }

    @Override
    public int[] batchShape() {
        return rate.shape();
    }

    @Override
    public int[] eventShape() {
        return new int[0];
    }

    @Override
    public Tensor mean() {
        return Functions.reciprocal(rate);
    }

    @Override
    public Tensor variance() {
        return Functions.reciprocal(rate.square());
    }

    @Override
    public Tensor entropy() {
        return rate.log().neg().add(1.0);
    }

    @Override
    public Support support() {
        return Support.NONNEGATIVE;
    }

    @Override
    public String toString() {
        return "Exponential(rate=" + rate + ")";
    }
}
