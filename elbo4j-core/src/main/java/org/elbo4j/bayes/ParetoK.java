package org.elbo4j.bayes;

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

    private ParetoK() {
    }

    /**
     * k̂ of importance weights given by their logs.
     *
     * @throws IllegalArgumentException if fewer than 10 weights are given or one is NaN or +∞
     */
    public static double ofLogWeights(double[] logWeights) {
        int s = logWeights.length;
        if (s < 10) {
            throw new IllegalArgumentException("ParetoK: need at least 10 weights, got " + s);
        }
        double[] sorted = logWeights.clone();
        for (double v : sorted) {
            if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("ParetoK: log-weights must not be NaN or +inf, got " + v);
            }
        }
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
        return (n * k + 10 * 0.5) / (n + 10);
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
