package org.elbo4j.mixture;

import org.apache.commons.numbers.gamma.Digamma;
import org.elbo4j.linalg.Cholesky;
import org.elbo4j.linalg.TriangularSolve;

/**
 * The factors q(π) q(μ, Λ) of a variational Gaussian mixture (Bishop PRML §10.2) and their
 * expectations:
 *
 * <pre>  q(μ_k, Λ_k) = N(μ_k | m_k, (β_k Λ_k)⁻¹) W(Λ_k | W_k, ν_k)
 *   E[log|Λ_k|] = Σ_{i=1}^{d} ψ((ν_k + 1 − i)/2) + d log 2 + log|W_k|               (10.65)
 *   E[(x − μ_k)ᵀ Λ_k (x − μ_k)] = d/β_k + ν_k (x − m_k)ᵀ W_k (x − m_k)               (10.64)</pre>
 *
 * and q(π) as {@link WeightPrior} says ({@code w1}, {@code w2}: α_k for the Dirichlet; the Beta
 * parameters of the sticks for the process). The M-step is {@link #update} (10.58, 10.60–10.63).
 */
final class VariationalPosterior {

    final int k;
    final int d;
    final WeightPrior weightPrior;
    final double[] w1;
    final double[] w2;
    final double[] beta;
    final double[][] m;
    final double[][] wInverse;
    final double[] nu;
    final double[] elnPi;
    final double[] elnLambda;
    final double[] lnDetW;
    /** W_k, row-major. */
    final double[][] w;

    VariationalPosterior(WeightPrior weightPrior, double[] w1, double[] w2, double[] beta, double[][] m,
            double[][] wInverse, double[] nu) {
        this.k = beta.length;
        this.d = m[0].length;
        this.weightPrior = weightPrior;
        this.w1 = w1;
        this.w2 = w2;
        this.beta = beta;
        this.m = m;
        this.wInverse = wInverse;
        this.nu = nu;
        this.elnPi = expectedLogWeights(weightPrior, w1, w2);
        this.elnLambda = new double[k];
        this.lnDetW = new double[k];
        this.w = new double[k][];
        for (int c = 0; c < k; c++) {
            double[] l = new double[d * d];
            int bad = Cholesky.factor(wInverse[c], 0, l, 0, d, 1e-14);
            if (bad >= 0) {
                throw new IllegalArgumentException("VariationalMixture: W_k^-1 of component " + c
                        + " is not positive definite (pivot " + bad + " is " + l[bad * d + bad] + ")");
            }
            double[] a = new double[d * d];
            double logDetInv = 0;
            for (int j = 0; j < d; j++) {
                a[j * d + j] = 1;
                logDetInv += 2 * Math.log(l[j * d + j]);
            }
            TriangularSolve.solve(l, 0, d, a, 0, d, true, false);
            double[] wc = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int r = Math.max(i, j); r < d; r++) {
                        s += a[r * d + i] * a[r * d + j];
                    }
                    wc[i * d + j] = s;
                }
            }
            w[c] = wc;
            lnDetW[c] = -logDetInv;
            double e = d * Math.log(2) + lnDetW[c];
            for (int i = 1; i <= d; i++) {
                e += Digamma.value((nu[c] + 1 - i) / 2);
            }
            elnLambda[c] = e;
        }
    }

    private static double[] expectedLogWeights(WeightPrior prior, double[] w1, double[] w2) {
        int k = w1.length;
        double[] e = new double[k];
        if (prior == WeightPrior.DIRICHLET_DISTRIBUTION) {
            double total = 0;
            for (double a : w1) {
                total += a;
            }
            double psiTotal = Digamma.value(total);
            for (int c = 0; c < k; c++) {
                e[c] = Digamma.value(w1[c]) - psiTotal;
            }
            return e;
        }
        double rest = 0;
        for (int c = 0; c < k; c++) {
            double psiSum = Digamma.value(w1[c] + w2[c]);
            e[c] = Digamma.value(w1[c]) - psiSum + rest;
            rest += Digamma.value(w2[c]) - psiSum;
        }
        return e;
    }

    /** The M-step: every factor's optimum given the responsibilities r (Bishop 10.58, 10.60–10.63). */
    static VariationalPosterior update(NormalWishartPrior prior, MixtureData data, Responsibilities r) {
        int k = r.components();
        int d = data.dimension();
        double[] n = r.counts;
        double[][] xbar = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                xbar[c][j] = r.sums[c][j] / (n[c] + 10 * Math.ulp(1.0));
            }
        }
        double[][] scatter = Scatter.of(data, r, xbar, false);
        double b0 = prior.meanPrecision();
        double[] m0 = prior.mean();
        double[] beta = new double[k];
        double[] nu = new double[k];
        double[][] m = new double[k][d];
        double[][] wInv = new double[k][d * d];
        for (int c = 0; c < k; c++) {
            beta[c] = b0 + n[c];
            nu[c] = prior.degreesOfFreedom() + n[c];
            double shrink = b0 * n[c] / (b0 + n[c]);
            for (int i = 0; i < d; i++) {
                m[c][i] = (b0 * m0[i] + n[c] * xbar[c][i]) / beta[c];
                for (int j = 0; j < d; j++) {
                    wInv[c][i * d + j] = prior.covariance()[i * d + j] + scatter[c][i * d + j]
                            + shrink * (xbar[c][i] - m0[i]) * (xbar[c][j] - m0[j]);
                }
            }
        }
        double a0 = prior.weightConcentration();
        double[] w1 = new double[k];
        double[] w2 = new double[k];
        if (prior.weightPrior() == WeightPrior.DIRICHLET_DISTRIBUTION) {
            for (int c = 0; c < k; c++) {
                w1[c] = a0 + n[c];
            }
        } else {
            double tail = 0;
            for (int c = k - 1; c >= 0; c--) {
                w1[c] = 1 + n[c];
                w2[c] = a0 + tail;
                tail += n[c];
            }
        }
        return new VariationalPosterior(prior.weightPrior(), w1, w2, beta, m, wInv, nu);
    }

    /** The E-step log-terms ℓ_nk = b_k − ½ m_nk: b_k and the whitening of Σ_eff,k = W_k⁻¹ / ν_k (10.46, 10.64–10.66). */
    Responsibilities responsibilities(MixtureData data) {
        double[][] cov = new double[k][d * d];
        double[] bias = new double[k];
        for (int c = 0; c < k; c++) {
            for (int e = 0; e < d * d; e++) {
                cov[c][e] = wInverse[c][e] / nu[c];
            }
            bias[c] = elnPi[c] + 0.5 * elnLambda[c] - 0.5 * d * Math.log(2 * Math.PI) - 0.5 * d / beta[c];
        }
        return EStep.run(data, Whitening.of(m, cov, false), bias);
    }

    /** The expected weights E[π_k] (for the process: E[v_k] Π_{j<k} (1 − E[v_j]), normalised). */
    double[] expectedWeights() {
        double[] p = new double[k];
        double total = 0;
        double stick = 1;
        for (int c = 0; c < k; c++) {
            p[c] = weightPrior == WeightPrior.DIRICHLET_DISTRIBUTION ? w1[c] : stick * w1[c] / (w1[c] + w2[c]);
            stick *= weightPrior == WeightPrior.DIRICHLET_DISTRIBUTION ? 1 : w2[c] / (w1[c] + w2[c]);
            total += p[c];
        }
        for (int c = 0; c < k; c++) {
            p[c] /= total;
        }
        return p;
    }
}
