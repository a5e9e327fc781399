package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Decompositions;
import org.elbo4j.tensor.Functions;
import org.elbo4j.tensor.Tensor;

/**
 * The LKJ distribution over lower Cholesky factors L of K×K correlation matrices C = L Lᵀ
 * (Lewandowski, Kurowicka and Joe, "Generating random correlation matrices based on vines and
 * extended onion method", J. Multivariate Analysis 100, 2009; Stan's {@code lkj_corr_cholesky},
 * torch.distributions' {@code LKJCholesky}), with {@code concentration} η &gt; 0. The LKJ density
 * of C is ∝ det(C)^{η−1} = Π_i L_ii^{2η−2}; the map L → C contributes Π_{i≥1} L_ii^{K−i−1}
 * (0-based i), so with respect to the K(K−1)/2 strictly lower entries of L:
 *
 * <pre>  log p(L | η) = Σ_{i=1}^{K−1} (K − i − 1 + 2η − 2) log L_ii − log c_K(η)
 *   log c_K(η) = ¼ K(K−1) log π + Σ_{t=0}^{K−2} log Γ(η + t/2) − (K−1) log Γ(η + (K−1)/2)</pre>
 *
 * which is torch's {@code ½(K−1) log π + log Γ_{K−1}(η + (K−2)/2) − (K−1) log Γ(η + (K−1)/2)}
 * (Γ_p the multivariate gamma function) and equals the paper's
 * <pre>  c_K = 2^{Σ_{k=1}^{K−1} (2η−2+K−k)(K−k)} Π_{k=1}^{K−1} B(b_k, b_k)^{K−k},  b_k = η + (K−k−1)/2.</pre>
 * η = 1 is uniform over correlation matrices; η &gt; 1 concentrates on the identity. Each
 * off-diagonal correlation has (C_ij + 1)/2 ~ Beta(η − 1 + K/2, η − 1 + K/2), so
 * E[C_ij] = 0 and Var[C_ij] = 1/(2η + K − 1).
 *
 * <p>Sampling (the onion method as vectorised in torch): L_00 = 1 and, for row i ≥ 1,
 * y_i ~ Beta(i/2, η + (K − 1 − i)/2), the first i entries {@code √y_i · v} with v uniform on the
 * unit sphere of ℝⁱ, and {@code L_ii = √(1 − y_i)}. Moments follow from it: off the diagonal
 * E[L_ij] = 0 and Var[L_ij] = E[y_i]/i = 1/(2η + K − 1) (j &lt; i); on the diagonal, with
 * a_i = η + (K − 1 − i)/2 and s = η + (K − 1)/2 (so 1 − y_i ~ Beta(a_i, i/2)),
 * <pre>  E[L_ii] = Γ(a_i + ½) Γ(s) / (Γ(a_i) Γ(s + ½)),   Var[L_ii] = a_i/s − E[L_ii]²</pre>
 *
 * <p>Batch shape: the concentration's shape; event shape {@code [K, K]}. The log-density, mean
 * and variance are tensor operations, differentiable in L and η. There is no reparameterized
 * sampler (as in torch).
 *
 * <p>Implementation note: the Beta draw is y = 1/(1 + exp(log G₂ − log G₁)) from two log-Gamma
 * draws ({@link GammaSampler}) and 1 − y is formed the same way from log G₁ − log G₂ rather than
 * by subtraction; L_ii is kept ≥ the smallest normal float32 so that its log stays finite.
 */
public final class LkjCholesky implements Distribution {

    private static final String NAME = "LkjCholesky";

    private final int dim;
    private final Tensor concentration;
    private final int[] batchShape;

    private LkjCholesky(int dim, Tensor concentration) {
        this.dim = dim;
        this.concentration = concentration;
        this.batchShape = concentration.shape();
    }

    /**
     * LKJ over K×K correlation Cholesky factors with concentration η of any (batch) shape.
     *
     * @throws IllegalArgumentException when K &lt; 2 or an element of η is not finite and &gt; 0
     */
    public static LkjCholesky of(int dim, Tensor concentration) {
        if (dim < 2) {
            throw new IllegalArgumentException(NAME + ": dim must be >= 2, got " + dim);
        }
        GammaFamilyParameters.requirePositive(NAME, "concentration", concentration);
        return new LkjCholesky(dim, concentration);
    }

    /** One LKJ distribution (batch shape {@code []}). */
    public static LkjCholesky of(int dim, double concentration) {
        return of(dim, GammaFamilyParameters.scalar(NAME, "concentration", concentration));
    }

    /** η, of shape {@code batchShape}. */
    public Tensor concentration() {
        return concentration;
    }

    /** K. */
    public int dim() {
        return dim;
    }

    /** [c, c + step, …] of length n. */
    private static Tensor ramp(int n, double start, double step) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (start + step * i);
        }
        return Tensor.vector(v);
    }

    /** log c_K(η), shape {@code batchShape}. */
    private Tensor logNormalizer() {
        int p = dim - 1;
        Tensor eta = concentration.unsqueeze(-1);
        Tensor lgammaSum = eta.add(ramp(p, 0.0, 0.5)).lgamma().sum(-1, false);
        return lgammaSum.sub(concentration.add(0.5 * p).lgamma().mul(p)).add(0.25 * dim * p * Math.log(Math.PI));
    }

    @Override
    public Tensor logProb(Tensor x) {
        GammaFamilyParameters.logProbShape(NAME, x, batchShape, eventShape());
        return OutsideSupport.logProb(Support.CORRELATION_CHOLESKY, x, () -> BatchedMatrices.identity(dim), v -> {
            Tensor logDiagonal = Decompositions.diagonal(v).slice(-1, 1, dim).log();
            Tensor order = concentration.sub(1.0).mul(2.0).unsqueeze(-1).add(ramp(dim - 1, dim - 2, -1.0));
            return logDiagonal.mul(order).sum(-1, false).sub(logNormalizer());
        });
    }

    @Override
    public Tensor sample(RandomGenerator rng, int... sampleShape) {
        DrawShapes.size(sampleShape);
        int[] lead = DrawShapes.prepend(sampleShape, batchShape);
        float[] eta = GammaFamilyParameters.broadcastValues(concentration, lead);
        int k = dim;
        float[] out = new float[eta.length * k * k];
        double[] v = new double[k];
        for (int e = 0; e < eta.length; e++) {
            int base = e * k * k;
            out[base] = 1f;
            for (int i = 1; i < k; i++) {
                double logG1 = GammaSampler.logStandardGamma(rng, 0.5 * i);
                double logG2 = GammaSampler.logStandardGamma(rng, eta[e] + 0.5 * (k - 1 - i));
                double y = 1.0 / (1.0 + Math.exp(logG2 - logG1));
                double oneMinusY = 1.0 / (1.0 + Math.exp(logG1 - logG2));
                double norm2 = 0;
                for (int j = 0; j < i; j++) {
                    v[j] = rng.nextGaussian();
                    norm2 += v[j] * v[j];
                }
                double scale = Math.sqrt(y / norm2);
                for (int j = 0; j < i; j++) {
                    out[base + i * k + j] = (float) (scale * v[j]);
                }
                out[base + i * k + i] = (float) Math.max(Math.sqrt(oneMinusY), Float.MIN_NORMAL);
            }
        }
        return Tensor.of(out, DrawShapes.prepend(lead, eventShape()));
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public int[] eventShape() {
        return new int[] {dim, dim};
    }

    /** E[L_ii] for i = 0 … K−1, shape {@code batchShape ++ [K]}; E[L_00] = 1. */
    private Tensor diagonalMean() {
        Tensor a = concentration.unsqueeze(-1).add(ramp(dim, 0.5 * (dim - 1), -0.5));
        Tensor s = concentration.unsqueeze(-1).add(0.5 * (dim - 1));
        return a.add(0.5).lgamma().sub(s.add(0.5).lgamma()).add(s.lgamma().sub(a.lgamma())).exp();
    }

    @Override
    public Tensor mean() {
        return BatchedMatrices.diagonalMatrix(diagonalMean());
    }

    @Override
    public Tensor variance() {
        Tensor a = concentration.unsqueeze(-1).add(ramp(dim, 0.5 * (dim - 1), -0.5));
        Tensor s = concentration.unsqueeze(-1).add(0.5 * (dim - 1));
        Tensor diagonal = a.div(s).sub(diagonalMean().square());
        float[] lower = new float[dim * dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < i; j++) {
                lower[i * dim + j] = 1f;
            }
        }
        Tensor offDiagonal = Functions.reciprocal(concentration.mul(2.0).add(dim - 1.0));
        return BatchedMatrices.diagonalMatrix(diagonal)
                .add(offDiagonal.unsqueeze(-1).unsqueeze(-1).mul(Tensor.of(lower, dim, dim)));
    }

    @Override
    public Support support() {
        return Support.CORRELATION_CHOLESKY;
    }

    @Override
    public String toString() {
        return "LkjCholesky(dim=" + dim + ", concentration=" + concentration + ")";
    }
}
