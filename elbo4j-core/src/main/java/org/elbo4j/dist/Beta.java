package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.numbers.gamma.Trigamma;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;

/**
 * Beta(α, β) on [0, 1] with {@code concentration1} α &gt; 0 and {@code concentration0} β &gt; 0
 * (the names of torch.distributions.Beta):
 *
 * <pre>  log p(x) = (α − 1) log x + (β − 1) log(1 − x) − log B(α, β),  B(α, β) = Γ(α)Γ(β)/Γ(α + β)
 *   E[x] = α/(α + β),  Var[x] = αβ / ((α + β)² (α + β + 1))
 *   H = log B(α, β) − (α − 1)ψ(α) − (β − 1)ψ(β) + (α + β − 2)ψ(α + β)</pre>
 *
 * <p>Batch shape: the broadcast shape of α and β; event shape {@code []}.
 *
 * <p>Sampling: x = z₁/(z₁ + z₂) with independent z₁ ~ Gamma(α, 1), z₂ ~ Gamma(β, 1)
 * ({@link GammaSampler}). {@link #rsample} is differentiable by implicit reparameterization
 * (Figurnov et al. 2018): with D_i = d log z_i/dα_i from {@link ImplicitGammaGradient},
 * ∂x/∂α = x(1 − x)·D₁ and ∂x/∂β = −x(1 − x)·D₂.
 *
 * <p>Implementation note: the draw is formed in log space, x = σ(log z₁ − log z₂), so that it
 * stays exact when both Gamma draws underflow (α, β ≪ 1); it is then clamped to
 * [1.2e-38, 1 − 2⁻²⁴], the float32 numbers strictly inside (0, 1), so that log x and log(1 − x)
 * stay finite (float32 rounds draws within 3e-8 of 1 up to 1). The log-density and entropy are
 * evaluated in double with hand-written partials (log B from Commons Numbers, which does not
 * cancel at large α, β); (α − 1) log x is taken as 0 when α = 1, also at x = 0.
 */
public final class Beta implements Reparameterizable, HasEntropy {

    private static final String NAME = "Beta";
    private static final float LARGEST_BELOW_ONE = Math.nextDown(1.0f);

    private final Tensor concentration1;
    private final Tensor concentration0;
    private final int[] batchShape;

    private Beta(Tensor concentration1, Tensor concentration0, int[] batchShape) {
        this.concentration1 = concentration1;
        this.concentration0 = concentration0;
        this.batchShape = batchShape;
    }

    /** Beta with tensor parameters, broadcast to a common batch shape (differentiably). */
    public static Beta of(Tensor concentration1, Tensor concentration0) {
        GammaFamilyParameters.requirePositive(NAME, "concentration1", concentration1);
        GammaFamilyParameters.requirePositive(NAME, "concentration0", concentration0);
        int[] shape = GammaFamilyParameters.batchShape(NAME, "concentration1", concentration1,
                "concentration0", concentration0);
        return new Beta(GammaFamilyParameters.expandTo(concentration1, shape),
                GammaFamilyParameters.expandTo(concentration0, shape), shape);
    }

    /** One Beta(α, β) (batch shape {@code []}). */
    public static Beta of(double concentration1, double concentration0) {
        return of(GammaFamilyParameters.scalar(NAME, "concentration1", concentration1),
                GammaFamilyParameters.scalar(NAME, "concentration0", concentration0));
    }

    /** α, the concentration of x (exponent of x), broadcast to the batch shape. */
    public Tensor concentration1() {
        return concentration1;
    }

    /** β, the concentration of 1 − x, broadcast to the batch shape. */
    public Tensor concentration0() {
        return concentration0;
    }

    @Override
    public Tensor logProb(Tensor x) {
        int[] shape = GammaFamilyParameters.logProbShape(NAME, x, batchShape, new int[0]);
        return OutsideSupport.logProb(Support.UNIT_INTERVAL, x, () -> Tensor.scalar(0.5),
                v -> ElementwiseKernel.apply("beta_log_prob", shape, Beta::logDensity, concentration1,
                        concentration0, v));
    }

    private static double logDensity(double[] v, double[] partials) {
        double a = v[0];
        double b = v[1];
        double x = v[2];
        double logX = Math.log(x);
        double log1mX = Math.log1p(-x);
        if (partials != null) {
            double psiSum = Digamma.value(a + b);
            partials[0] = logX - Digamma.value(a) + psiSum;
            partials[1] = log1mX - Digamma.value(b) + psiSum;
            partials[2] = ElementwiseKernel.ratio(a - 1, x) - ElementwiseKernel.ratio(b - 1, 1 - x);
        }
        return ElementwiseKernel.timesLog(a - 1, logX) + ElementwiseKernel.timesLog(b - 1, log1mX)
                - LogBeta.value(a, b);
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
        return ElementwiseKernel.apply("beta_rsample", shape, (v, partials) -> draw(rng, v, partials),
                concentration1, concentration0);
    }

    /** x = σ(log z₁ − log z₂) with ∂x/∂α = x(1 − x)·D₁, ∂x/∂β = −x(1 − x)·D₂. */
    private static double draw(RandomGenerator rng, double[] v, double[] partials) {
        double a = v[0];
        double b = v[1];
        double logZ1 = GammaSampler.logStandardGamma(rng, a);
        double logZ0 = GammaSampler.logStandardGamma(rng, b);
        double diff = logZ1 - logZ0;
        double x = 1 / (1 + Math.exp(-diff));
        if (partials != null) {
            double e = Math.exp(-Math.abs(diff));
            double slope = e / ((1 + e) * (1 + e));
            partials[0] = slope == 0 ? 0 : slope * ImplicitGammaGradient.logDerivative(a, logZ1);
            partials[1] = slope == 0 ? 0 : -slope * ImplicitGammaGradient.logDerivative(b, logZ0);
        }
        return Math.min(Math.max(x, Float.MIN_NORMAL), LARGEST_BELOW_ONE);
    }

    @Override
    public Tensor entropy() {
        return ElementwiseKernel.apply("beta_entropy", batchShape, Beta::entropy, concentration1, concentration0);
    }

    private static double entropy(double[] v, double[] partials) {
        double a = v[0];
        double b = v[1];
        if (partials != null) {
            double common = (a + b - 2) * Trigamma.value(a + b);
            partials[0] = common - (a - 1) * Trigamma.value(a);
            partials[1] = common - (b - 1) * Trigamma.value(b);
        }
        return LogBeta.value(a, b) - (a - 1) * Digamma.value(a) - (b - 1) * Digamma.value(b)
                + (a + b - 2) * Digamma.value(a + b);
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
        return concentration1.div(concentration1.add(concentration0));
    }

    @Override
    public Tensor variance() {
        Tensor total = concentration1.add(concentration0);
        return concentration1.mul(concentration0).div(total.square().mul(total.add(1.0)));
    }

    @Override
    public Support support() {
        return Support.UNIT_INTERVAL;
    }

    @Override
    public String toString() {
        return "Beta(concentration1=" + concentration1 + ", concentration0=" + concentration0 + ")";
    }
}
