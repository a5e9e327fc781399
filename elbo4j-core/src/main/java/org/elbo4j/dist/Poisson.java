package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.LogGamma;
import org.elbo4j.tensor.Tensor;

/**
 * Poisson(λ) on {0, 1, 2, …} with {@code rate} λ &gt; 0:
 *
 * <pre>  log p(k) = k log λ − λ − log k!
 *   E[k] = λ,  Var[k] = λ</pre>
 *
 * <p>Batch shape: the shape of the rate; event shape {@code []}. Not reparameterizable (the
 * draws are integers); the entropy has no closed form and is not offered.
 *
 * <p>Sampling by {@link PoissonSampler}: inversion for λ &lt; 10, Hörmann's PTRS (1993) above.
 *
 * <p>Implementation note: the log-probability is evaluated in double with log k! from Commons
 * Numbers' log Γ(k + 1), so it stays accurate for large counts; it is differentiable in λ
 * (∂/∂λ = k/λ − 1) and, the counts being discrete, passes a zero gradient to the value.
 */
public final class Poisson implements Distribution {

    private static final String NAME = "Poisson";

    private final Tensor rate;

    private Poisson(Tensor rate) {
        this.rate = rate;
    }

    /** Poisson with one rate per batch element. */
    public static Poisson of(Tensor rate) {
        return new Poisson(GammaFamilyParameters.requirePositive(NAME, "rate", rate));
    }

    /** One Poisson(λ) (batch shape {@code []}). */
    public static Poisson of(double rate) {
        return of(GammaFamilyParameters.scalar(NAME, "rate", rate));
    }

    /** The rate λ (the mean). */
    public Tensor rate() {
        return rate;
    }

    @Override
    public Tensor logProb(Tensor x) {
        int[] shape = GammaFamilyParameters.logProbShape(NAME, x, rate.shape(), new int[0]);
        return OutsideSupport.logProb(Support.NONNEGATIVE_INTEGER, x, () -> Tensor.scalar(0.0),
                v -> ElementwiseKernel.apply("poisson_log_prob", shape, Poisson::logMass, rate, v));
    }

    private static double logMass(double[] v, double[] partials) {
        double lambda = v[0];
        double k = v[1];
        if (partials != null) {
            partials[0] = k / lambda - 1;
            partials[1] = 0;
        }
        return k * Math.log(lambda) - lambda - LogGamma.value(k + 1);
    }

    @Override
    public Tensor sample(RandomGenerator rng, int... sampleShape) {
        int n = DrawShapes.size(sampleShape);
        int[] shape = DrawShapes.prepend(sampleShape, rate.shape());
        float[] rates = rate.data();
        float[] out = new float[Math.multiplyExact(n, rates.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) PoissonSampler.sample(rng, rates[i % rates.length]);
        }
        return Tensor.of(out, shape);
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
        return rate;
    }

    @Override
    public Tensor variance() {
        return rate;
    }

    @Override
    public Support support() {
        return Support.NONNEGATIVE_INTEGER;
    }

    @Override
    public String toString() {
        return "Poisson(rate=" + rate + ")";
    }
}
