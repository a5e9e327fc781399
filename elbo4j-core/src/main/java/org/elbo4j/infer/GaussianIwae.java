package org.elbo4j.infer;

import java.util.Arrays;

/**
 * The importance-weighted bound of a Gaussian guide q ({@link ReparameterizedGaussian}) against a
 * double-precision target ℓ ({@link LogDensity}) from K iid reparameterized draws
 * {@code v_k = μ + A ε_k} (Burda, Grosse &amp; Salakhutdinov 2016):
 * <pre>
 *   L_K = log (1/K) Σ_k w_k,   log w_k = ℓ(v_k) + c₀ − log q(v_k),   ELBO = L_1 ≤ L_K ≤ log ∫ e^{ℓ + c₀}
 * </pre>
 * ({@link LogWeights}: log-mean-exp and normalised weights w̃_k), with its gradient in λ by the
 * estimator of {@link IwaeGradient}; with {@code s_k = ∇ℓ(v_k) + Σ⁻¹(v_k − μ) = ∂ log w_k/∂v_k}
 * (the second term from {@link ReparameterizedGaussian#precisionTimesDeviation}):
 * <pre>
 *   PLAIN: Σ_k w̃_k [(∂v_k/∂λ)ᵀ s_k − ∇_λ log q_λ(v_k)|_v]     (the exact derivative of the estimate)
 *   STL:   Σ_k w̃_k (∂v_k/∂λ)ᵀ s_k                               (biased for K &gt; 1)
 *   DREG:  Σ_k w̃_k² (∂v_k/∂λ)ᵀ s_k                              (Tucker, Lawson, Gu &amp; Maddison 2018, eq. 5)
 * </pre>
 * DReG is unbiased for ∇L_K: the score term's expectation is rewritten by the
 * reparameterization identity {@code E_q[f(v) ∇_λ log q_λ(v)] = E_ε[(∂v/∂λ)ᵀ ∇_v f(v)]} (both are
 * ∇_λ E_q f) with f = w̃_k, and {@code ∂w̃_k/∂log w_k = w̃_k − w̃_k²} turns the path weights w̃_k
 * into w̃_k² (Tucker et al. 2018, §3). With K = 1, w̃ = 1: STL and DReG are the entropy form's STL
 * gradient of {@link GaussianElbo}, and PLAIN is its plain gradient for a square A (mean-field,
 * full-rank; for low rank the two agree in expectation). The same weights and
 * factors ({@link IwaeGradient#pathFactor}) make the VAE's DReG gradient. An instance holds work
 * arrays for one guide shape; not thread-safe.
 */
public final class GaussianIwae {

    private final int dim;
    private final int noiseDim;
    private final double[] noise;
    private final double[] s;
    private final double[] work;
    private double[] logW = new double[0];
    private double[] weights = new double[0];

    private GaussianIwae(int dim, int noiseDim) {
        this.dim = dim;
        this.noiseDim = noiseDim;
        this.noise = new double[noiseDim];
        this.s = new double[dim];
        this.work = new double[dim];
    }

    /**
     * An estimator for guides of dimension d with {@code noiseDim} noise entries per draw.
     *
     * @throws IllegalArgumentException unless 1 <= d <= noiseDim
     */
    public static GaussianIwae of(int d, int noiseDim) {
        if (d < 1 || noiseDim < d) {
            throw new IllegalArgumentException("GaussianIwae: need 1 <= d <= noiseDim, got d = " + d
                    + ", noiseDim = " + noiseDim);
        }
        return new GaussianIwae(d, noiseDim);
    }

    /**
     * L_K from the K draws with noise {@code eps} (K × e) and target values {@code values} (K),
     * offset c₀; when {@code grad} is not null, its gradient estimate by {@code mode} into
     * {@code grad} (overwritten) from the target gradients {@code gradV} (K × d) at the draws.
     * A draw with ℓ = −∞ gets weight 0; when every ℓ is −∞ (or one is NaN) the bound and the
     * gradient are not finite and the caller decides.
     */
    public double estimate(ReparameterizedGaussian q, double[] eps, double[] values, double offset, double[] gradV,
            int k, IwaeGradient mode, double[] grad) {
        if (logW.length < k) {
            logW = new double[k];
            weights = new double[k];
        }
        for (int i = 0; i < k; i++) {
            System.arraycopy(eps, i * noiseDim, noise, 0, noiseDim);
            logW[i] = values[i] + offset - q.logDensityOfDraw(noise);
        }
        double bound = LogWeights.normalized(logW, k, weights);
        if (grad == null) {
            return bound;
        }
        Arrays.fill(grad, 0);
        for (int i = 0; i < k; i++) {
            double w = weights[i];
            if (w == 0) {
                continue;
            }
            System.arraycopy(eps, i * noiseDim, noise, 0, noiseDim);
            q.precisionTimesDeviation(noise, s);
            double factor = w * mode.pathFactor(w);
            for (int j = 0; j < dim; j++) {
                s[j] = factor * (gradV[i * dim + j] + s[j]);
            }
            q.pullBack(noise, s, grad);
            if (mode.keepsScore()) {
                q.addScore(noise, -w, grad, work);
            }
        }
        return bound;
    }

    /** The normalised weights w̃ of the last {@link #estimate} (its first K entries). */
    public double[] lastWeights() {
        return weights.clone();
    }
}
