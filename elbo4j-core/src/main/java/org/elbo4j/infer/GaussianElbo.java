package org.elbo4j.infer;

import java.util.Arrays;

/**
 * The ELBO of a Gaussian guide q = N(μ, Σ) ({@link ReparameterizedGaussian}) against a
 * double-precision target ℓ ({@link LogDensity}) from M reparameterized draws
 * {@code v_m = μ + A ε_m}, in its two closed-form-entropy shapes (Kingma &amp; Welling 2014;
 * Titsias &amp; Lázaro-Gredilla 2014; Stan's ADVI):
 * <pre>
 *   entropy form:   ELBO ≈ (1/M) Σ_m ℓ(v_m) + H[q] + c₀
 *                   ∇_λ ≈ (1/M) Σ_m (∂v_m/∂λ)ᵀ [∇ℓ(v_m) + a v_m] + ∇_λ H[q] − (a/2) ∇_λ E_q||v||²
 *   joint − guide:  ELBO ≈ (1/M) Σ_m [ℓ(v_m) + c₀ − log q(v_m)]       (value only; the Diagnostics' mean log weight)
 *   analytic KL:    ELBO ≈ (1/M) Σ_m log p(D | v_m) − KL(q || N(0, I)),
 *                   KL(q || N(0, I)) = ½ E_q||v||² − H[q] + (d/2) log 2π
 * </pre>
 * c₀ is a constant offset of ℓ (the log-Jacobian of a linear change of coordinates), a the weight
 * of the zero-mean control variate {@code (1/M) Σ_m ½||v_m||² − ½ E_q||v||²} (Miller et al. 2017;
 * 0 for none). With sticking the landing (Roeder, Wu &amp; Duvenaud 2017) ∇_λ H is replaced by
 * the path derivative of −log q at each draw, {@code (1/M) Σ_m (∂v_m/∂λ)ᵀ Σ⁻¹(v_m − μ)}.
 * The K-sample importance-weighted bound is {@link GaussianIwae}; the same sums over tensors, for
 * {@link Svi}, are {@link EntropyElbo}, {@link AnalyticKlElbo} and {@link MonteCarloElbo}.
 *
 * <p>An instance holds work arrays for one guide shape (d, noise dimension), so repeated
 * estimates allocate nothing; not thread-safe.
 */
public final class GaussianElbo {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final int dim;
    private final int noiseDim;
    private final double[] noise;
    private final double[] gv;
    private final double[] stl;

    private GaussianElbo(int dim, int noiseDim) {
        this.dim = dim;
        this.noiseDim = noiseDim;
        this.noise = new double[noiseDim];
        this.gv = new double[dim];
        this.stl = new double[dim];
    }

    /**
     * An estimator for guides of dimension d with {@code noiseDim} noise entries per draw.
     *
     * @throws IllegalArgumentException unless 1 <= d <= noiseDim
     */
    public static GaussianElbo of(int d, int noiseDim) {
        if (d < 1 || noiseDim < d) {
            throw new IllegalArgumentException("GaussianElbo: need 1 <= d <= noiseDim, got d = " + d
                    + ", noiseDim = " + noiseDim);
        }
        return new GaussianElbo(d, noiseDim);
    }

    /** The entropy form's value {@code (1/M) Σ_m values[m] + entropy + offset} over the first M values. */
    public static double value(double[] values, int m, double entropy, double offset) {
        double mean = 0;
        for (int i = 0; i < m; i++) {
            mean += values[i];
        }
        return mean / m + entropy + offset;
    }

    /**
     * The entropy form's gradient in λ into {@code grad} (overwritten), from the M draws with noise
     * {@code eps} (M × e), points {@code v} (M × d) and target gradients {@code gradV} (M × d,
     * ∇ℓ at each draw), with control-variate weight a and sticking the landing when {@code stl}.
     */
    public void gradient(ReparameterizedGaussian q, double[] eps, double[] v, double[] gradV, int m, double a,
            boolean stl, double[] grad) {
        Arrays.fill(grad, 0);
        for (int p = 0; p < m; p++) {
            System.arraycopy(gradV, p * dim, gv, 0, dim);
            System.arraycopy(eps, p * noiseDim, noise, 0, noiseDim);
            if (stl) {
                q.precisionTimesDeviation(noise, this.stl);
            }
            for (int i = 0; i < dim; i++) {
                gv[i] = (gv[i] + a * v[p * dim + i] + (stl ? this.stl[i] : 0)) / m;
            }
            q.pullBack(noise, gv, grad);
        }
        if (!stl) {
            q.addEntropyGradient(grad, 1);
        }
        if (a != 0) {
            q.addExpectedSquaredNormGradient(grad, -0.5 * a);
        }
    }

    /**
     * The joint-minus-guide form {@code (1/M) Σ_m [values[m] + offset − log q(v_m)]} over the
     * draws with noise {@code eps} (M × e): the mean log importance weight, unbiased for the ELBO
     * and of zero variance when q is the normalised e^{ℓ + c₀}.
     */
    public double jointMinusGuide(ReparameterizedGaussian q, double[] eps, double[] values, int m, double offset) {
        double sum = 0;
        for (int p = 0; p < m; p++) {
            System.arraycopy(eps, p * noiseDim, noise, 0, noiseDim);
            sum += values[p] + offset - q.logDensityOfDraw(noise);
        }
        return sum / m;
    }

    /** {@code KL(q || N(0, I)) = ½ E_q||v||² − H[q] + (d/2) log 2π}. */
    public static double klToStandardNormal(ReparameterizedGaussian q) {
        return 0.5 * q.expectedSquaredNorm() - q.entropy() + q.dim() * HALF_LOG_TWO_PI;
    }

    /**
     * The analytic-KL form: returns {@code (1/M) Σ_m logLik[m] − KL(q || N(0, I))} and, when
     * {@code grad} is not null, writes its gradient in λ there, from the log-likelihood gradients
     * {@code gradLogLik} (M × d) at the draws with noise {@code eps} (M × e).
     */
    public double analyticKl(ReparameterizedGaussian q, double[] eps, double[] logLik, double[] gradLogLik, int m,
            double[] grad) {
        double value = value(logLik, m, 0, 0) - klToStandardNormal(q);
        if (grad == null) {
            return value;
        }
        Arrays.fill(grad, 0);
        for (int p = 0; p < m; p++) {
            System.arraycopy(eps, p * noiseDim, noise, 0, noiseDim);
            for (int i = 0; i < dim; i++) {
                gv[i] = gradLogLik[p * dim + i] / m;
            }
            q.pullBack(noise, gv, grad);
        }
        q.addEntropyGradient(grad, 1);
        q.addExpectedSquaredNormGradient(grad, -0.5);
        return value;
    }
}
