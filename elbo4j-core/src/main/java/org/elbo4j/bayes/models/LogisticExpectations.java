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
 * <p>Implementation note: the rows go in blocks of {@value #BLOCK}; per block μ_n and the entries
 * (Lᵀz_n)_k = Σ_{a ≥ k} L_ak z_na (d²/2 per row) by {@link PredictorKernel} (four outputs per pass
 * over the block's columns, each a fused multiply-add chain in order of a, starting at the
 * tile's first non-zero a), s_n² = Σ_k (Lᵀz_n)_k² as a chain in order of k, then the per-row
 * quadratures, then g and the lower triangle of P (d²/2 per row) by {@link GramKernel} on the
 * block packed row-major. The order of every sum is fixed: the result is the same on every call,
 * at every vector width and without the Vector API.
 */
final class LogisticExpectations {

    static final int BLOCK = 96;

    private final double[][] columns;
    private final double[] sign;

    /** The columns of x (D arrays of length N) and s_n = 1 − 2 y_n (both kept, not copied). */
    LogisticExpectations(double[][] columns, double[] sign) {
        this.columns = columns;
        this.sign = sign;
    }

    /**
     * E (the likelihood part only); g into {@code gradient} and P into {@code negativeHessian}
     * (overwritten) when they are not null; {@code mean} and {@code lower} of length d = D (+ 1).
     */
    double expectations(double[] mean, double[][] lower, boolean intercept, double[] gradient,
            double[][] negativeHessian) {
        int off = intercept ? 1 : 0;
        int features = columns.length;
        int dd = features + off;
        int n = sign.length;
        int tile = PredictorKernel.POINTS;
        // output 0 is μ (coefficients m), output 1 + k is (Lᵀz)_k (coefficients L_ak, a ≥ k)
        int tiles = (dd + 1 + tile - 1) / tile;
        double[][] coef = new double[tiles][tile * features];
        double[][] start = new double[tiles][tile];
        int[] from = new int[tiles];
        for (int t = 0; t < tiles; t++) {
            from[t] = t == 0 ? 0 : Math.max(0, t * tile - 1 - off);
            for (int q = 0; q < tile; q++) {
                int p = t * tile + q;
                if (p == 0) {
                    start[t][q] = off == 1 ? mean[0] : 0;
                    for (int j = 0; j < features; j++) {
                        coef[t][tile * j + q] = mean[off + j];
                    }
                } else if (p <= dd) {
                    int kk = p - 1;
                    start[t][q] = kk == 0 && off == 1 ? lower[0][0] : 0;
                    for (int j = Math.max(0, kk - off); j < features; j++) {
                        coef[t][tile * j + q] = lower[j + off][kk];
                    }
                }
            }
        }
        boolean gram = gradient != null || negativeHessian != null;
        int kp = GramKernel.stride(dd);
        double[] z = gram ? new double[BLOCK * kp] : null;
        double[] u = gram ? new double[BLOCK * kp] : null;
        double[] h = gram ? new double[kp * kp] : null;
        int aFrom = negativeHessian == null ? GramKernel.gradientTile(dd) : 0;
        int aTo = GramKernel.gradientTile(dd) + GramKernel.TILE_ROWS;
        boolean vector = GramKernel.vector(n, kp);
        double[][] out = new double[tile][BLOCK];
        double[] xb = new double[features * BLOCK];
        double[] mu = new double[BLOCK];
        double[] s2 = new double[BLOCK];
        double[] w = new double[BLOCK];
        double[] r = new double[BLOCK];
        double[] e = new double[3];
        double value = 0;
        for (int n0 = 0; n0 < n; n0 += BLOCK) {
            int len = Math.min(BLOCK, n - n0);
            Arrays.fill(s2, 0);
            PredictorKernel.pack(columns, n0, len, xb, BLOCK);
            for (int t = 0; t < tiles; t++) {
                PredictorKernel.predict(vector, coef[t], start[t], xb, BLOCK, features, from[t], len, out, 0,
                        tile);
                for (int q = 0; q < tile; q++) {
                    int p = t * tile + q;
                    double[] v = out[q];
                    if (p == 0) {
                        System.arraycopy(v, 0, mu, 0, len);
                    } else if (p <= dd) {
                        for (int i = 0; i < len; i++) {
                            s2[i] = Math.fma(v[i], v[i], s2[i]);
                        }
                    }
                }
            }
            for (int i = 0; i < len; i++) {
                value += row(mu[i], Math.sqrt(s2[i]), sign[n0 + i], e);
                r[i] = e[1];
                w[i] = -e[2];
            }
            if (gram) {
                pack(z, u, kp, n0, len, off, w, r);
                GramKernel.accumulate(vector, h, kp, z, u, len, aFrom, aTo);
            }
        }
        if (gram) {
            GramKernel.unpack(h, kp, dd, gradient, negativeHessian);
        }
        return value;
    }

    /**
     * The block packed row-major for {@link GramKernel}: z[i·kp + off + j] = x_{n0+i, j},
     * z[i·kp] = 1 when off = 1, u[i·kp + a] = w_i z_ia (a &lt; d), u[i·kp + d] = r_i.
     */
    private void pack(double[] z, double[] u, int kp, int n0, int len, int off, double[] w, double[] r) {
        int dd = columns.length + off;
        for (int j = 0; j < columns.length; j++) {
            double[] col = columns[j];
            for (int i = 0, o = off + j; i < len; i++, o += kp) {
                z[o] = col[n0 + i];
            }
        }
        for (int i = 0, o = 0; i < len; i++, o += kp) {
            if (off == 1) {
                z[o] = 1;
            }
            double wi = w[i];
            for (int a = 0; a < dd; a++) {
                u[o + a] = wi * z[o + a];
            }
            u[o + dd] = r[i];
        }
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
}
