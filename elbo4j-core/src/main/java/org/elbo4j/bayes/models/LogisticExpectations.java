package org.elbo4j.bayes.models;

import java.util.Arrays;

/**
 * The Gaussian expectations of the logistic log-likelihood ({@link LogisticRegression}'s
 * {@code GaussianExpectations}): for q(θ) = N(m, L Lᵀ) over θ = [α, β] (α only with an intercept)
 * and z_n = [1, x_n] (or x_n), η_n ~ N(μ_n, s_n²) with μ_n = z_nᵀm and s_n² = ‖Lᵀ z_n‖², so
 * <pre>
 *   E  = Σ_n E[ℓ_n(η_n)],   ℓ_n(η) = y_n η − softplus(η) = −softplus(s_n η)   (s_n = 1 − 2y_n)
 *   g  = Σ_n E[ℓ_n′(η_n)] z_n,          ℓ_n′(η) = y_n − σ(η)
 *   P  = Σ_n E[−ℓ_n″(η_n)] z_n z_nᵀ,    −ℓ_n″(η) = σ(η)(1 − σ(η))
 * </pre>
 * each one-dimensional expectation by {@link NormalQuadrature} (error below 2e−11).
 *
 * <p>Implementation note: the rows go in blocks of {@value #BLOCK}; per block μ and Lᵀz (column k
 * of Lᵀz is Σ_{j ≥ k} L_jk z_j, one scaled column added at a time, d²/2 multiply-adds per row)
 * are built column by column over the design's columns, like {@link LogisticLikelihood}'s η, then
 * the per-row quadratures, then g by the dot products of {@link ColumnKernels} and the lower
 * triangle of P by dot products of w∘z_k with the columns (d²/2 per row). The order of every sum is
 * fixed: the result is the same on every call.
 */
final class LogisticExpectations {

    static final int BLOCK = 256;

    private final double[][] columns;
    private final double[] sign;

    /** The columns of x (D arrays of length N) and s_n = 1 − 2 y_n (both kept, not copied). */
    LogisticExpectations(double[][] columns, double[] sign) {
        this.columns = columns;
        this.sign = sign;
    }

    /** Column a of the augmented design restricted to nothing: null for the intercept's 1. */
    private double[] column(int a, int off) {
        return a < off ? null : columns[a - off];
    }

    /**
     * E (the likelihood part only); g into {@code gradient} and P into {@code negativeHessian}
     * (overwritten) when they are not null; {@code mean} and {@code lower} of length d = D (+ 1).
     */
    double expectations(double[] mean, double[][] lower, boolean intercept, double[] gradient,
            double[][] negativeHessian) {
        int off = intercept ? 1 : 0;
        int dd = columns.length + off;
        int n = sign.length;
        double[] mu = new double[BLOCK];
        double[] s2 = new double[BLOCK];
        double[] v = new double[BLOCK];
        double[] r = new double[BLOCK];
        double[] w = new double[BLOCK];
        double[] wk = new double[BLOCK];
        double[] e = new double[3];
        double[] lowerTri = negativeHessian == null ? null : new double[dd * dd];
        if (gradient != null) {
            Arrays.fill(gradient, 0);
        }
        double value = 0;
        for (int n0 = 0; n0 < n; n0 += BLOCK) {
            int len = Math.min(BLOCK, n - n0);
            Arrays.fill(mu, 0, len, off == 1 ? mean[0] : 0);
            Arrays.fill(s2, 0, len, 0);
            for (int a = off; a < dd; a++) {
                axpy(mu, mean[a], columns[a - off], n0, len);
            }
            for (int k = 0; k < dd; k++) {
                Arrays.fill(v, 0, len, k < off ? lower[k][k] : 0);
                for (int a = Math.max(k, off); a < dd; a++) {
                    axpy(v, lower[a][k], columns[a - off], n0, len);
                }
                for (int i = 0; i < len; i++) {
                    s2[i] += v[i] * v[i];
                }
            }
            for (int i = 0; i < len; i++) {
                value += row(mu[i], Math.sqrt(s2[i]), sign[n0 + i], e);
                r[i] = e[1];
                w[i] = -e[2];
            }
            if (gradient != null) {
                for (int a = 0; a < dd; a++) {
                    gradient[a] += a < off ? sum(r, len) : dot(columns[a - off], n0, r, len);
                }
            }
            if (lowerTri != null) {
                for (int k = 0; k < dd; k++) {
                    double[] zk = column(k, off);
                    for (int i = 0; i < len; i++) {
                        wk[i] = zk == null ? w[i] : w[i] * zk[n0 + i];
                    }
                    for (int a = k; a < dd; a++) {
                        lowerTri[a * dd + k] += a < off ? sum(wk, len) : dot(columns[a - off], n0, wk, len);
                    }
                }
            }
        }
        if (lowerTri != null) {
            for (int a = 0; a < dd; a++) {
                for (int k = 0; k <= a; k++) {
                    negativeHessian[a][k] = lowerTri[a * dd + k];
                    negativeHessian[k][a] = lowerTri[a * dd + k];
                }
            }
        }
        return value;
    }

    /**
     * E[ℓ], E[ℓ′], E[ℓ″] of one row (η ~ N(μ, s²), label sign sg) into out[0..2]; returns E[ℓ].
     * With a = sg η and e = e^{−|a|}: ℓ = −(max(a, 0) + log(1 + e)), ℓ′ = −sg σ(a), ℓ″ = −e/(1 + e)².
     */
    static double row(double mu, double s, double sg, double[] out) {
        int tier = NormalQuadrature.tier(s);
        NormalQuadrature.Rule rule = tier >= 0 ? NormalQuadrature.hermiteRule(tier) : NormalQuadrature.rule(s);
        double[] t = rule.t();
        double[] wt = rule.w();
        double f0 = 0;
        double f1 = 0;
        double f2 = 0;
        for (int k = 0; k < t.length; k++) {
            double a = sg * (mu + s * t[k]);
            double e = Math.exp(-Math.abs(a));
            double onePlus = 1 + e;
            double sigma = (a >= 0 ? 1 : e) / onePlus;
            f0 -= wt[k] * (Math.max(a, 0) + Math.log(onePlus));
            f1 -= wt[k] * sigma;
            f2 -= wt[k] * (e / (onePlus * onePlus));
        }
        out[0] = f0;
        out[1] = sg * f1;
        out[2] = f2;
        return f0;
    }

    private static void axpy(double[] y, double c, double[] x, int n0, int len) {
        for (int i = 0; i < len; i++) {
            y[i] += c * x[n0 + i];
        }
    }

    /** Σ_i x[n0 + i] b[i], four interleaved partial sums. */
    private static double dot(double[] x, int n0, double[] b, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 += x[n0 + i] * b[i];
            s1 += x[n0 + i + 1] * b[i + 1];
            s2 += x[n0 + i + 2] * b[i + 2];
            s3 += x[n0 + i + 3] * b[i + 3];
        }
        for (; i < len; i++) {
            s0 += x[n0 + i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double sum(double[] b, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += b[i];
        }
        return s;
    }
}
