package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;

/**
 * Gamma(α, β) on (0, ∞) with shape {@code concentration} α &gt; 0 and {@code rate} β &gt; 0:
 *
 * <pre>  log p(x) = α log β + (α − 1) log x − βx − log Γ(α)
 *   E[x] = α/β,  Var[x] = α/β²
 *   H = α − log β + log Γ(α) + (1 − α) ψ(α)</pre>
 *
 * <p>Batch shape: the broadcast shape of α and β; event shape {@code []}.
 *
 * <p>Sampling: z ~ Gamma(α, 1) by Marsaglia and Tsang (2000) ({@link GammaSampler}), x = z/β.
 * {@link #rsample} is differentiable by implicit reparameterization (Figurnov, Mohamed and Mnih
 * 2018): ∂x/∂α = (∂z/∂α)/β with ∂z/∂α = −(∂P(α, z)/∂α)/f(z; α) from
 * {@link ImplicitGammaGradient}, and ∂x/∂β = −x/β. {@code sample} and {@code rsample} give the
 * same draws for the same seeded stream.
 *
 * <p>Implementation note: the log-density and the entropy are evaluated in double precision with
 * hand-written partial derivatives, because in float32 the terms α log β, (α − 1) log x and
 * log Γ(α) (each about 6000 at α = 1000) cancel to a result of order 1. As in torch, draws are
 * clamped below at the smallest normal float32 (1.2e-38), so that small α never yields x = 0.
 */
public final class Gamma implements Reparameterizable, HasEntropy {

    private static final String NAME = "Gamma";

    private final Tensor concentration;
    private final Tensor rate;
    private final int[] batchShape;

    private Gamma(Tensor concentration, Tensor rate, int[] batchShape) {
        this.concentration = concentration;
        this.rate = rate;
        this.batchShape = batchShape;
    }

    /** Gamma with tensor parameters, broadcast to a common batch shape (differentiably). */
    public static Gamma of(Tensor concentration, Tensor rate) {
        GammaFamilyParameters.requirePositive(NAME, "concentration", concentration);
        GammaFamilyParameters.requirePositive(NAME, "rate", rate);
        int[] shape = GammaFamilyParameters.batchShape(NAME, "concentration", concentration, "rate", rate);
        return new Gamma(GammaFamilyParameters.expandTo(concentration, shape),
                GammaFamilyParameters.expandTo(rate, shape), shape);
    }

    /** One Gamma(α, β) (batch shape {@code []}). */
    public static Gamma of(double concentration, double rate) {
        return of(GammaFamilyParameters.scalar(NAME, "concentration", concentration),
                GammaFamilyParameters.scalar(NAME, "rate", rate));
    }

    /** The shape α, broadcast to the batch shape. */
    public Tensor concentration() {
        return concentration;
    }

    /** The rate β (inverse scale), broadcast to the batch shape. */
    public Tensor rate() {
        return rate;
    }

    @Override
    public Tensor logProb(Tensor x) {
        int[] shape = GammaFamilyParameters.logProbShape(NAME, x, batchShape, new int[0]);
        return OutsideSupport.logProb(Support.POSITIVE, x, () -> Tensor.scalar(1.0),
                v -> ElementwiseKernel.apply("gamma_log_prob", shape, Gamma::logDensity, concentration, rate, v));
    }

    private static double logDensity(double[] v, double[] partials) {
        double a = v[0];
        double b = v[1];
        double x = v[2];
        double logB = Math.log(b);
        double logX = Math.log(x);
        if (partials != null) {
            partials[0] = logB + logX - Digamma.value(a);
            partials[1] = a / b - x;
            partials[2] = (a - 1) / x - b;
        }
        return a * logB + (a - 1) * logX - b * x - LogGamma.value(a);
    }

    @Override
    public Tensor sample(RandomGenerator rng, int... sampleShape) {
        try (GradMode ignored = GradMode.noGrad()) {
            return rsample(rng, sampleShape);
        }
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int... sampleShape) {
        DrawShapes.size(sampleShape);
        int[] shape = DrawShapes.prepend(sampleShape, batchShape);
        return ElementwiseKernel.apply("gamma_rsample", shape, (v, partials) -> draw(rng, v, partials),
                concentration, rate);
    }

    /** x = z/β with its implicit partials ∂x/∂α = x·(d log z/dα) and ∂x/∂β = −x/β. */
    private static double draw(RandomGenerator rng, double[] v, double[] partials) {
        double a = v[0];
        double b = v[1];
        double logZ = GammaSampler.logStandardGamma(rng, a);
        double x = Math.exp(logZ - Math.log(b));
        if (partials != null) {
            partials[0] = x == 0 ? 0 : x * ImplicitGammaGradient.logDerivative(a, logZ);
            partials[1] = -x / b;
        }
        return Math.max(x, Float.MIN_NORMAL);
    }

    @Override
    public Tensor entropy() {
        return ElementwiseKernel.apply("gamma_entropy", batchShape, Gamma::entropy, concentration, rate);
    }

    private static double entropy(double[] v, double[] partials) {
        double a = v[0];
        double b = v[1];
        if (partials != null) {
            partials[0] = 1 + (1 - a) * Trigamma.value(a);
            partials[1] = -1 / b;
        }
        return a - Math.log(b) + LogGamma.value(a) + (1 - a) * Digamma.value(a);
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
        return concentration.div(rate);
    }

    @Override
    public Tensor variance() {
        return concentration.div(rate.square());
    }

    @Override
    public Support support() {
        return Support.POSITIVE;
    }

    @Override
    public String toString() {
        return "Gamma(concentration=" + concentration + ", rate=" + rate + ")";
    }
}
