package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;
import org.elbo4j.tensor.CustomOp;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Dirichlet(α) on the probability simplex of ℝᴷ with {@code concentration} α, each α_j &gt; 0;
 * with α₀ = Σ_j α_j and log B(α) = Σ_j log Γ(α_j) − log Γ(α₀):
 *
 * <pre>  log p(x) = Σ_j (α_j − 1) log x_j − log B(α)
 *   E[x_j] = α_j/α₀,  Var[x_j] = α_j (α₀ − α_j) / (α₀² (α₀ + 1))
 *   H = log B(α) + (α₀ − K) ψ(α₀) − Σ_j (α_j − 1) ψ(α_j)</pre>
 *
 * <p>Batch shape: the concentration's shape without its last axis; event shape {@code [K]}.
 *
 * <p>Sampling: x_j = z_j / Σ_i z_i with independent z_j ~ Gamma(α_j, 1) ({@link GammaSampler}).
 * {@link #rsample} is differentiable by implicit reparameterization (Figurnov et al. 2018): with
 * D_j = d log z_j/dα_j from {@link ImplicitGammaGradient}, ∂x_i/∂α_j = (δ_ij − x_i)·x_j·D_j, so
 * the vector–Jacobian product is dL/dα_j = x_j D_j (g_j − Σ_i g_i x_i).
 *
 * <p>Implementation note: draws are normalised in log space (a softmax of the log Gamma draws)
 * so that they stay exact when every z_j underflows (all α_j ≪ 1), and each component is
 * clamped below at the smallest normal float32 so that log x_j stays finite. The log-density
 * and entropy are evaluated in double with hand-written partials.
 */
public final class Dirichlet implements Reparameterizable, HasEntropy {

    private static final String NAME = "Dirichlet";

    private final Tensor concentration;
    private final int[] batchShape;
    private final int categories;

    private Dirichlet(Tensor concentration) {
        this.concentration = concentration;
        int[] shape = concentration.shape();
        this.batchShape = java.util.Arrays.copyOf(shape, shape.length - 1);
        this.categories = shape[shape.length - 1];
    }

    /**
     * Dirichlet with concentration of shape {@code batchShape ++ [K]}, K ≥ 1.
     *
     * @throws IllegalArgumentException when an element is not finite and &gt; 0, or the tensor
     *     has no last axis or an empty one
     */
    public static Dirichlet of(Tensor concentration) {
        if (concentration.rank() < 1 || concentration.dim(-1) < 1) {
            throw new IllegalArgumentException(NAME + ": concentration must have shape batchShape ++ [K]"
                    + " with K >= 1, got " + Shape.str(concentration.shape()));
        }
        GammaFamilyParameters.requirePositive(NAME, "concentration", concentration);
        return new Dirichlet(concentration);
    }

    /** One Dirichlet over K = {@code concentration.length} categories (batch shape {@code []}). */
    public static Dirichlet of(double... concentration) {
        for (double c : concentration) {
            GammaFamilyParameters.scalar(NAME, "concentration", c);
        }
        return of(Tensor.vector(concentration));
    }

    /** α, of shape {@code batchShape ++ [K]}. */
    public Tensor concentration() {
        return concentration;
    }

    @Override
    public Tensor logProb(Tensor x) {
        int[] shape = GammaFamilyParameters.logProbShape(NAME, x, batchShape, eventShape());
        return OutsideSupport.logProb(Support.SIMPLEX, x, () -> Tensor.full(1.0 / categories, categories),
                v -> LastAxisKernel.apply("dirichlet_log_prob", shape, categories, Dirichlet::logDensity,
                        concentration, v));
    }

    private static double logDensity(double[][] rows, double[][] partials) {
        double[] a = rows[0];
        double[] x = rows[1];
        double total = 0;
        for (double aj : a) {
            total += aj;
        }
        double value = LogGamma.value(total);
        double psiTotal = partials == null ? 0 : Digamma.value(total);
        for (int j = 0; j < a.length; j++) {
            double logX = Math.log(x[j]);
            value += ElementwiseKernel.timesLog(a[j] - 1, logX) - LogGamma.value(a[j]);
            if (partials != null) {
                partials[0][j] = logX - Digamma.value(a[j]) + psiTotal;
                partials[1][j] = ElementwiseKernel.ratio(a[j] - 1, x[j]);
            }
        }
        return value;
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
        int[] shape = DrawShapes.prepend(sampleShape, concentration.shape());
        float[] alpha = GammaFamilyParameters.broadcastValues(concentration, shape);
        boolean tracked = GradMode.isEnabled() && concentration.requiresGrad();
        int k = categories;
        float[] out = new float[alpha.length];
        float[] weighted = tracked ? new float[alpha.length] : null;
        double[] logZ = new double[k];
        for (int row = 0; row * k < alpha.length; row++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                logZ[j] = GammaSampler.logStandardGamma(rng, alpha[row * k + j]);
                max = Math.max(max, logZ[j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(logZ[j] - max);
            }
            for (int j = 0; j < k; j++) {
                double xj = Math.exp(logZ[j] - max) / sum;
                out[row * k + j] = (float) Math.max(xj, Float.MIN_NORMAL);
                if (tracked) {
                    weighted[row * k + j] = xj == 0 ? 0f
                            : (float) (xj * ImplicitGammaGradient.logDerivative(alpha[row * k + j], logZ[j]));
                }
            }
        }
        if (!tracked) {
            return Tensor.of(out, shape);
        }
        return CustomOp.of("dirichlet_rsample", out, shape, g -> {
            float[] gv = g.data();
            float[] ga = new float[out.length];
            for (int row = 0; row * k < out.length; row++) {
                double dot = 0;
                for (int i = 0; i < k; i++) {
                    dot += (double) gv[row * k + i] * out[row * k + i];
                }
                for (int j = 0; j < k; j++) {
                    ga[row * k + j] = (float) (weighted[row * k + j] * (gv[row * k + j] - dot));
                }
            }
            return new Tensor[] {Tensor.of(ga, shape)};
        }, concentration);
    }

    @Override
    public Tensor entropy() {
        return LastAxisKernel.apply("dirichlet_entropy", batchShape, categories, Dirichlet::entropy, concentration);
    }

    private static double entropy(double[][] rows, double[][] partials) {
        double[] a = rows[0];
        int k = a.length;
        double total = 0;
        for (double aj : a) {
            total += aj;
        }
        double value = -LogGamma.value(total) + (total - k) * Digamma.value(total);
        double common = partials == null ? 0 : (total - k) * Trigamma.value(total);
        for (int j = 0; j < k; j++) {
            value += LogGamma.value(a[j]) - (a[j] - 1) * Digamma.value(a[j]);
            if (partials != null) {
                partials[0][j] = common - (a[j] - 1) * Trigamma.value(a[j]);
            }
        }
        return value;
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public int[] eventShape() {
        return new int[] {categories};
    }

    @Override
    public Tensor mean() {
        return concentration.div(concentration.sum(-1, true));
    }

    @Override
    public Tensor variance() {
        Tensor total = concentration.sum(-1, true);
        return concentration.mul(total.sub(concentration)).div(total.square().mul(total.add(1.0)));
    }

    @Override
    public Support support() {
        return Support.SIMPLEX;
    }

    @Override
    public String toString() {
        return "Dirichlet(concentration=" + concentration + ")";
    }
}
