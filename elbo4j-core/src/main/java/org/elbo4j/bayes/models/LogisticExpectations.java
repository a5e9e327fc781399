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
 * <p>Implementation note: the rows go in blocks of {@value #BLOCK}; per block μ and Lᵀz (entry k
 * of Lᵀz_n is Σ_{j ≥ k} L_jk z_nj: four entries k at a time, each column of the block loaded once
 * for four multiply-adds, d²/2 per row) are built column by column over the design's columns, like
 * {@link LogisticLikelihood}'s η, then the per-row quadratures, then g by dot products with the
 * columns and the lower triangle of P by dot products of four vectors w∘z_k at a time with each
 * column (d²/2 per row). The order of every sum is
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
        double[][] v = new double[4][BLOCK];
        double[] r = new double[BLOCK];
        double[] w = new double[BLOCK];
        double[][] wk = new double[4][BLOCK];
        double[] four = new double[4];
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
            for (int k0 = 0; k0 < dd; k0 += 4) {
                for (int q = 0; q < 4; q++) {
                    Arrays.fill(v[q], 0, len, k0 == 0 && off == 1 && q == 0 ? lower[0][0] : 0);
                }
                for (int a = Math.max(k0, off); a < dd; a++) {
                    double[] la = lower[a];
                    axpy4(v, entry(la, a, k0), entry(la, a, k0 + 1), entry(la, a, k0 + 2), entry(la, a, k0 + 3),
                            columns[a - off], n0, len);
                }
                for (int i = 0; i < len; i++) {
                    s2[i] += (v[0][i] * v[0][i] + v[1][i] * v[1][i]) + (v[2][i] * v[2][i] + v[3][i] * v[3][i]);
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
                for (int k0 = 0; k0 < dd; k0 += 4) {
                    for (int q = 0; q < 4; q++) {
                        int k = k0 + q;
                        double[] zk = k < dd ? column(k, off) : null;
                        for (int i = 0; i < len; i++) {
                            wk[q][i] = k >= dd ? 0 : zk == null ? w[i] : w[i] * zk[n0 + i];
                        }
                    }
                    for (int a = k0; a < dd; a++) {
                        if (a < off) {
                            for (int q = 0; q < 4; q++) {
                                four[q] = sum(wk[q], len);
                            }
                        } else {
                            dot4(columns[a - off], n0, wk, len, four);
                        }
                        for (int q = 0; q < 4 && k0 + q <= a; q++) {
                            lowerTri[a * dd + k0 + q] += four[q];
                        }
                    }
                }
            }
        }
        if (lowerTri != null) {
            ColumnKernels.symmetricFromLower(lowerTri, dd, negativeHessian);
        }
        return value;
    }

    /**
     * E[ℓ], E[ℓ′], E[ℓ″] of one row (η ~ N(μ, s²), label sign sg) into out[0..2]; returns E[ℓ].
     * With a = sg η and e = e^{−|a|}: ℓ = −(max(a, 0) + log(1 + e)), ℓ′ = −sg σ(a), ℓ″ = −e/(1 + e)².
     * NaN for a μ or s that is not finite (a q with non-finite entries: the fit's safeguard rejects it).
     */
    static double row(double mu, double s, double sg, double[] out) {
        if (!Double.isFinite(mu) || !Double.isFinite(s)) {
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            out[2] = Double.NaN;
            return Double.NaN;
        }
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

    /** L_ak for k ≤ a, else 0 (the upper triangle of {@code lower} is not read). */
    private static double entry(double[] row, int a, int k) {
        return k <= a ? row[k] : 0;
    }

    /** {@code v[q][i] += c_q x[n0 + i]} for q = 0..3: each loaded x serves four multiply-adds. */
    private static void axpy4(double[][] v, double c0, double c1, double c2, double c3, double[] x, int n0,
            int len) {
        double[] v0 = v[0];
        double[] v1 = v[1];
        double[] v2 = v[2];
        double[] v3 = v[3];
        for (int i = 0; i < len; i++) {
            double xi = x[n0 + i];
            v0[i] += c0 * xi;
            v1[i] += c1 * xi;
            v2[i] += c2 * xi;
            v3[i] += c3 * xi;
        }
    }

    /** {@code out[q] = Σ_i x[n0 + i] b[q][i]} for q = 0..3, two interleaved partial sums each. */
    private static void dot4(double[] x, int n0, double[][] b, int len, double[] out) {
        double[] b0 = b[0];
        double[] b1 = b[1];
        double[] b2 = b[2];
        double[] b3 = b[3];
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double t0 = 0;
        double t1 = 0;
        double t2 = 0;
        double t3 = 0;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            double xa = x[n0 + i];
            double xb = x[n0 + i + 1];
            s0 += xa * b0[i];
            s1 += xa * b1[i];
            s2 += xa * b2[i];
            s3 += xa * b3[i];
            t0 += xb * b0[i + 1];
            t1 += xb * b1[i + 1];
            t2 += xb * b2[i + 1];
            t3 += xb * b3[i + 1];
        }
        if (i < len) {
            double xa = x[n0 + i];
            s0 += xa * b0[i];
            s1 += xa * b1[i];
            s2 += xa * b2[i];
            s3 += xa * b3[i];
        }
        out[0] = s0 + t0;
        out[1] = s1 + t1;
        out[2] = s2 + t2;
        out[3] = s3 + t3;
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
