package org.elbo4j.infer;

import java.util.Arrays;

/**
 * The Pareto k̂ diagnostic of importance weights (PSIS: Vehtari, Simpson, Gelman, Yao &amp; Gabry
 * 2015/2024; for variational inference Yao, Vehtari, Simpson &amp; Gelman 2018): fit a generalized
 * Pareto distribution to the M = ⌈min(S/5, 3√S)⌉ largest of S weights (as exceedances over the
 * largest weight outside the tail) and report its shape k. k̂ &lt; 0.5: the weights have finite
 * variance and the proposal is close to the target; 0.5–0.7: usable; &gt; 0.7: unreliable.
 *
 * <p>The GPD fit is the Zhang &amp; Stephens (2009) empirical-Bayes estimator as in the R package
 * {@code loo} ({@code gpdfit}): with x sorted, n values, m = 30 + ⌊√n⌋ grid points
 * {@code θ_j = 1/x_n + (1 − √(m/(j − ½))) / (3 x_{⌊n/4 + ½⌋})}, profile log-likelihood
 * {@code ℓ(θ) = n [log(−θ/k(θ)) − k(θ) − 1]} with {@code k(θ) = mean log(1 − θ x)}, posterior-mean
 * {@code θ̂ = Σ θ_j w_j} with {@code w ∝ exp ℓ}, {@code k = mean log(1 − θ̂ x)}, then the weakly
 * informative prior adjustment {@code k ← (n k + 10 · 0.5) / (n + 10)}.
 *
 * <p>Implementation note: weights are handled as log-weights shifted by their maximum, so that
 * exponentiating cannot overflow.
 */
public final class ParetoK {

    /**
     * The fewest weights k̂ is computed from: the tail then holds
     * M = ⌈min(S/5, 3√S)⌉ = 5 values, the fewest the generalized Pareto fit takes.
     */
    public static final int MIN_WEIGHTS = 25;

    private ParetoK() {
    }

    /**
     * k̂ of importance weights given by their logs.
     *
     * @throws IllegalArgumentException if fewer than {@value #MIN_WEIGHTS} weights are given or one
     *     is NaN or +∞
     */
    public static double ofLogWeights(double[] logWeights) {
        int s = logWeights.length;
        ofLogWeightsChecks(logWeights);
        double[] sorted = logWeights.clone();
        Arrays.sort(sorted);
        int tail = (int) Math.ceil(Math.min(0.2 * s, 3 * Math.sqrt(s)));
        double max = sorted[s - 1];
        double cutoff = Math.exp(sorted[s - tail - 1] - max);
        double[] exceedances = new double[tail];
        for (int i = 0; i < tail; i++) {
            exceedances[i] = Math.exp(sorted[s - tail + i] - max) - cutoff;
        }
        if (exceedances[tail - 1] <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return generalizedParetoShape(exceedances);
    }

    /**
     * The shape k of a generalized Pareto fit to positive exceedances (Zhang &amp; Stephens 2009
     * with the weakly informative prior adjustment).
     *
     * @throws IllegalArgumentException if fewer than 5 values are given or one is negative or not finite
     */
    public static double generalizedParetoShape(double[] exceedances) {
        return generalizedParetoFit(exceedances)[0];
    }

    /**
     * The Zhang &amp; Stephens fit {k, σ} to positive exceedances, as {@code loo}'s {@code gpdfit}:
     * σ = −k₀/θ̂ from the unadjusted shape k₀, k the prior-adjusted shape.
     */
    static double[] generalizedParetoFit(double[] exceedances) {
        int n = exceedances.length;
        if (n < 5) {
            throw new IllegalArgumentException("ParetoK: need at least 5 exceedances, got " + n);
        }
        double[] x = exceedances.clone();
        for (double v : x) {
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("ParetoK: exceedances must be finite and >= 0, got " + v);
            }
        }
        Arrays.sort(x);
        int m = 30 + (int) Math.floor(Math.sqrt(n));
        double quartile = x[(int) Math.floor(n / 4.0 + 0.5) - 1];
        double[] theta = new double[m];
        double[] logLik = new double[m];
        double maxLogLik = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            theta[j] = 1 / x[n - 1] + (1 - Math.sqrt(m / (j + 0.5))) / (3 * quartile);
            double k = meanLog1m(theta[j], x);
            logLik[j] = n * (Math.log(-theta[j] / k) - k - 1);
            if (logLik[j] > maxLogLik) {
                maxLogLik = logLik[j];
            }
        }
        double weightSum = 0;
        double thetaHat = 0;
        for (int j = 0; j < m; j++) {
            double w = Double.isNaN(logLik[j]) ? 0 : Math.exp(logLik[j] - maxLogLik);
            weightSum += w;
            thetaHat += theta[j] * w;
        }
        thetaHat /= weightSum;
        double k = meanLog1m(thetaHat, x);
        double sigma = -k / thetaHat;
        return new double[] {(n * k + 10 * 0.5) / (n + 10), sigma};
    }

    /**
     * Pareto-smoothed log-weights (PSIS, Vehtari et al. 2024, §3): the M largest weights (M as in
     * {@link #ofLogWeights}) are replaced by the expected order statistics of the fitted
     * generalized Pareto tail, {@code w̃_(S−M+z) = w_cut + F⁻¹((z − ½)/M)} with
     * {@code F⁻¹(p) = σ ((1 − p)^(−k) − 1) / k}, capped at the largest raw weight; the other
     * weights are kept. The order of the input is kept. Returns the raw log-weights when the tail
     * is degenerate (all tail weights equal).
     *
     * @throws IllegalArgumentException as {@link #ofLogWeights}
     */
    public static double[] smoothedLogWeights(double[] logWeights) {
        return smooth(logWeights).logWeights();
    }

    /**
     * The Pareto-smoothed log-weights of {@link #smoothedLogWeights} together with the k̂ of the
     * same tail fit (one fit for both, as {@code loo::psis}). k̂ is −∞ when the tail is degenerate
     * (all tail weights equal: the weights are flat there, nothing to smooth; {@code loo} reports
     * +∞ with a warning instead).
     *
     * @throws IllegalArgumentException as {@link #ofLogWeights}
     */
    public static ParetoSmoothed smooth(double[] logWeights) {
        int s = logWeights.length;
        ofLogWeightsChecks(logWeights);
        int tail = (int) Math.ceil(Math.min(0.2 * s, 3 * Math.sqrt(s)));
        double[] sorted = logWeights.clone();
        Arrays.sort(sorted);
        int[] top = largest(logWeights, sorted, tail);
        double max = sorted[s - 1];
        double cutoff = Math.exp(sorted[s - tail - 1] - max);
        double[] exceedances = new double[tail];
        for (int i = 0; i < tail; i++) {
            exceedances[i] = Math.exp(logWeights[top[i]] - max) - cutoff;
        }
        double[] out = logWeights.clone();
        if (exceedances[tail - 1] <= 0) {
            return new ParetoSmoothed(out, Double.NEGATIVE_INFINITY);
        }
        double[] fit = generalizedParetoFit(exceedances);
        double k = fit[0];
        double sigma = fit[1];
        for (int z = 1; z <= tail; z++) {
            double p = (z - 0.5) / tail;
            double quantile = Math.abs(k) < 1e-12 ? -sigma * Math.log1p(-p)
                    : sigma * Math.expm1(-k * Math.log1p(-p)) / k;
            out[top[z - 1]] = Math.min(0, Math.log(cutoff + quantile)) + max;
        }
        return new ParetoSmoothed(out, k);
    }

    /**
     * The indices of the m largest values in increasing order of (value, index), as the last m
     * entries of a stable sort of all indices by value: the values above the (S − m)-th smallest
     * ({@code sorted} holds the values sorted), then, for ties at that value, the highest indices.
     */
    private static int[] largest(double[] values, double[] sorted, int m) {
        int s = values.length;
        double threshold = sorted[s - m - 1];
        int[] top = new int[m];
        int c = 0;
        for (int i = 0; i < s; i++) {
            if (values[i] > threshold) {
                top[c++] = i;
            }
        }
        for (int i = s - 1; i >= 0 && c < m; i--) {
            if (values[i] == threshold) {
                top[c++] = i;
            }
        }
        for (int i = 1; i < m; i++) {
            int idx = top[i];
            int j = i - 1;
            while (j >= 0 && (values[top[j]] > values[idx] || values[top[j]] == values[idx] && top[j] > idx)) {
                top[j + 1] = top[j];
                j--;
            }
            top[j + 1] = idx;
        }
        return top;
    }

    private static void ofLogWeightsChecks(double[] logWeights) {
        if (logWeights.length < MIN_WEIGHTS) {
            throw new IllegalArgumentException("ParetoK: need at least " + MIN_WEIGHTS + " weights (5 in the tail), got "
                    + logWeights.length);
        }
        for (double v : logWeights) {
            if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("ParetoK: log-weights must not be NaN or +inf, got " + v);
            }
        }
    }

    /** mean_i log(1 − θ x_i). */
    private static double meanLog1m(double theta, double[] x) {
        double s = 0;
        for (double v : x) {
            s += Math.log1p(-theta * v);
        }
        return s / x.length;
    }
}
