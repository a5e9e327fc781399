package org.elbo4j.mixture;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The exact evidence lower bound of the variational Gaussian mixture (Bishop PRML 10.70–10.77),
 * for any responsibilities r (q(z)) and any factors q(π) q(μ, Λ) ({@link VariationalPosterior}):
 *
 * <pre>  L = E[log p(X | Z, μ, Λ)] + E[log p(Z | π)] + E[log p(π)] + E[log p(μ, Λ)]
 *       − E[log q(Z)] − E[log q(π)] − E[log q(μ, Λ)]
 *   E[log p(X | Z, μ, Λ)] = ½ Σ_k [N_k (E log|Λ_k| − d/β_k − d log 2π) − ν_k tr(W_k Σ_n r_nk (x_n − m_k)(x_n − m_k)ᵀ)]
 *   E[log p(Z | π)] = Σ_k N_k E[log π_k],            E[log q(Z)] = Σ_n Σ_k r_nk log r_nk
 *   E[log p(μ, Λ)] = ½ Σ_k [d log(β₀/2π) + E log|Λ_k| − dβ₀/β_k − β₀ν_k (m_k − m₀)ᵀW_k(m_k − m₀)]
 *                    + K log B(W₀, ν₀) + (ν₀ − d − 1)/2 Σ_k E log|Λ_k| − ½ Σ_k ν_k tr(W₀⁻¹ W_k)
 *   E[log q(μ, Λ)] = Σ_k [½ E log|Λ_k| + (d/2) log(β_k/2π) − d/2 − H[q(Λ_k)]]
 *   H[q(Λ)] = −log B(W, ν) − (ν − d − 1)/2 E log|Λ| + νd/2
 *   log B(W, ν) = −(ν/2) log|W| − (νd/2) log 2 − (d(d−1)/4) log π − Σ_{i=1}^{d} log Γ((ν + 1 − i)/2)</pre>
 *
 * The weight terms E[log p(π)] − E[log q(π)] are, for the Dirichlet,
 * {@code log C(α₀) − log C(α) + Σ_k (α₀ − α_k) E[log π_k]} with {@code log C(α) = log Γ(Σα) − Σ log Γ(α_k)},
 * and for the stick-breaking process {@code −Σ_k KL(Beta(γ1_k, γ2_k) ‖ Beta(1, α₀))}.
 */
final class VariationalElbo {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private VariationalElbo() {
    }

    static double of(NormalWishartPrior prior, VariationalPosterior q, MixtureData data, Responsibilities r) {
        int k = q.k;
        int d = q.d;
        double[][] around = Scatter.of(data, r, q.m, false);
        double b0 = prior.meanPrecision();
        double nu0 = prior.degreesOfFreedom();
        double[] m0 = prior.mean();
        double[] w0Inv = prior.covariance();
        double lnDetW0 = -logDet(w0Inv, d);
        double lnB0 = logB(lnDetW0, nu0, d);
        double data1 = 0;
        double pz = 0;
        double pMuLambda = k * lnB0;
        double qMuLambda = 0;
        for (int c = 0; c < k; c++) {
            double n = r.counts[c];
            double eln = q.elnLambda[c];
            double[] wc = q.w[c];
            data1 += 0.5 * (n * (eln - d / q.beta[c] - d * LOG_2PI) - q.nu[c] * traceProduct(wc, around[c], d));
            pz += n * q.elnPi[c];
            double quad = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    quad += (q.m[c][i] - m0[i]) * wc[i * d + j] * (q.m[c][j] - m0[j]);
                }
            }
            pMuLambda += 0.5 * (d * Math.log(b0 / (2 * Math.PI)) + eln - d * b0 / q.beta[c] - b0 * q.nu[c] * quad)
                    + 0.5 * (nu0 - d - 1) * eln - 0.5 * q.nu[c] * traceProduct(w0Inv, wc, d);
            double entropy = -logB(q.lnDetW[c], q.nu[c], d) - 0.5 * (q.nu[c] - d - 1) * eln + 0.5 * q.nu[c] * d;
            qMuLambda += 0.5 * eln + 0.5 * d * Math.log(q.beta[c] / (2 * Math.PI)) - 0.5 * d - entropy;
        }
        return data1 + pz + weightTerms(prior, q) + pMuLambda - r.sumRLogR() - qMuLambda;
    }

    /** E[log p(π)] − E[log q(π)] (or the same for the sticks v). */
    private static double weightTerms(NormalWishartPrior prior, VariationalPosterior q) {
        double a0 = prior.weightConcentration();
        int k = q.k;
        if (q.weightPrior == WeightPrior.DIRICHLET_DISTRIBUTION) {
            double total = 0;
            double t = LogGamma.value(k * a0) - k * LogGamma.value(a0);
            for (int c = 0; c < k; c++) {
                total += q.w1[c];
                t += LogGamma.value(q.w1[c]) + (a0 - q.w1[c]) * q.elnPi[c];
            }
            return t - LogGamma.value(total);
        }
        double t = 0;
        for (int c = 0; c < k; c++) {
            t -= betaKl(q.w1[c], q.w2[c], 1.0, a0);
        }
        return t;
    }

    /** KL(Beta(a, b) ‖ Beta(a0, b0)). */
    static double betaKl(double a, double b, double a0, double b0) {
        return logBeta(a0, b0) - logBeta(a, b) + (a - a0) * Digamma.value(a) + (b - b0) * Digamma.value(b)
                + (a0 - a + b0 - b) * Digamma.value(a + b);
    }

    private static double logBeta(double a, double b) {
        return LogGamma.value(a) + LogGamma.value(b) - LogGamma.value(a + b);
    }

    static double logB(double lnDetW, double nu, int d) {
        double t = -0.5 * nu * lnDetW - 0.5 * nu * d * Math.log(2) - 0.25 * d * (d - 1) * Math.log(Math.PI);
        for (int i = 1; i <= d; i++) {
            t -= LogGamma.value((nu + 1 - i) / 2);
        }
        return t;
    }

    private static double traceProduct(double[] a, double[] b, int d) {
        double s = 0;
        for (int i = 0; i < d * d; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double logDet(double[] a, int d) {
        double[] l = new double[d * d];
        if (org.elbo4j.linalg.Cholesky.factor(a, 0, l, 0, d, 1e-14) >= 0) {
            throw new IllegalArgumentException("NormalWishartPrior: covariance is not positive definite"
                    + " (a constant column?)");
        }
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += 2 * Math.log(l[j * d + j]);
        }
        return s;
    }
}
