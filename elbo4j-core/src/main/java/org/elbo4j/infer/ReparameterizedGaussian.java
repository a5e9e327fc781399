package org.elbo4j.infer;

/**
 * A Gaussian q_λ(v) = N(μ, Σ) over v ∈ ℝᵈ drawn by reparameterization, {@code v = μ + A ε} with
 * standard-normal noise ε of {@link #noiseDim()} entries, Σ = A Aᵀ, and its parameters λ as one
 * flat double vector: what the double-precision estimators ({@link GaussianElbo},
 * {@link GaussianIwae}) need of a guide. With δ = v − μ and p = Σ⁻¹ δ:
 * <pre>
 *   log q_λ(v)            = −½ δᵀ p − H[q] + d/2                       ({@link #logDensityOfDraw})
 *   (∂v/∂λ)ᵀ g            ({@link #pullBack}: the path derivative)
 *   ∇_λ H[q]              ({@link #addEntropyGradient})
 *   ∇_λ log q_λ(v)|_v     ({@link #addScore}: the score at a fixed point)
 * </pre>
 * For a square A (noise dimension d) ε is a function of (λ, v) with log q_λ(v(λ, ε)) =
 * log N(ε; 0, I) − log |det A|, whence log q = −½ ||ε||² − H + d/2 and the score
 * {@code (∂v/∂λ)ᵀ p − ∇_λ H} (the defaults); a guide with more noise than coordinates (low rank)
 * overrides both. Implementations: the {@code bayes} guides (mean-field, full-rank, low-rank).
 */
public interface ReparameterizedGaussian {

    /** d. */
    int dim();

    /** The number of standard-normal draws behind one v. */
    int noiseDim();

    /** {@code v = μ + A ε} into {@code v}. */
    void draw(double[] eps, double[] v);

    /** {@code grad += (∂v/∂λ)ᵀ g} for the draw with noise ε. */
    void pullBack(double[] eps, double[] g, double[] grad);

    /** H[q]. */
    double entropy();

    /** {@code grad += weight · ∇_λ H[q]}. */
    void addEntropyGradient(double[] grad, double weight);

    /** {@code E_q ||v||² = ||μ||² + tr Σ}. */
    double expectedSquaredNorm();

    /** {@code grad += weight · ∇_λ E_q ||v||²}. */
    void addExpectedSquaredNormGradient(double[] grad, double weight);

    /** {@code Σ⁻¹ (v − μ) = Σ⁻¹ A ε} into {@code out}: −∇_v log q at the draw with noise ε. */
    void precisionTimesDeviation(double[] eps, double[] out);

    /**
     * log q_λ(v) at the draw with noise ε; the default {@code −½ ||ε||² − H + d/2} holds for a
     * square A only.
     *
     * @throws UnsupportedOperationException from the default when the noise dimension is not d
     */
    default double logDensityOfDraw(double[] eps) {
        requireSquare("logDensityOfDraw");
        double s = 0;
        for (int i = 0; i < dim(); i++) {
            s += eps[i] * eps[i];
        }
        return -0.5 * s - entropy() + 0.5 * dim();
    }

    /**
     * {@code grad += weight · ∇_λ log q_λ(v)}, v held at the draw with noise ε; {@code work} has
     * length d. The default {@code (∂v/∂λ)ᵀ p − ∇_λ H} holds for a square A only.
     *
     * @throws UnsupportedOperationException from the default when the noise dimension is not d
     */
    default void addScore(double[] eps, double weight, double[] grad, double[] work) {
        requireSquare("addScore");
        precisionTimesDeviation(eps, work);
        for (int i = 0; i < work.length; i++) {
            work[i] *= weight;
        }
        pullBack(eps, work, grad);
        addEntropyGradient(grad, -weight);
    }

    private void requireSquare(String method) {
        if (noiseDim() != dim()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + "." + method
                    + ": the default needs noise dimension = d = " + dim() + ", got " + noiseDim());
        }
    }
}
