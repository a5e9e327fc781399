package org.elbo4j.regression;

/**
 * One group-level term at one point u: sd = e^{log sd}, L, the effects r_j = diag(sd) L z_j of
 * every level, and the adjoint ∂ℓ/∂r accumulated over the observations, with the backward pass
 * to log sd, the correlation coordinates and z:
 * <pre>
 *   ∂ℓ/∂z_jl = Σ_{k≥l} ḡ_jk sd_k L_kl,   ∂ℓ/∂log sd_k = Σ_j ḡ_jk r_jk,   ∂ℓ/∂L_kl = Σ_j ḡ_jk sd_k z_jl
 * </pre>
 * and the first and second derivatives of one observation's η in these coordinates for the
 * Hessian: ∂η/∂log sd_k = Z_ik r_jk, ∂η/∂z_jl = Σ_{k≥l} Z_ik sd_k L_kl, ∂²η/∂(log sd_k)² = Z_ik r_jk,
 * ∂²η/∂log sd_k ∂z_jl = Z_ik sd_k L_kl, and in the correlation coordinates θ (with the derivatives
 * of L from {@link CorrCholeskyDerivatives}, w_jak = sd_k Σ_l ∂L_kl/∂θ_a z_jl):
 * <pre>
 *   ∂η/∂θ_a = Σ_k Z_ik w_jak,   ∂²η/∂θ_a ∂θ_b = Σ_k Z_ik sd_k Σ_l ∂²L_kl/∂θ_a∂θ_b z_jl,
 *   ∂²η/∂θ_a ∂log sd_k = Z_ik w_jak,   ∂²η/∂θ_a ∂z_jl = Σ_k Z_ik sd_k ∂L_kl/∂θ_a.
 * </pre>
 * For a {@link Centring#CENTRED} term the effect coordinates are r itself (z_j = L⁻¹ (r_j ⊘ sd) is
 * kept for the prior, {@link CentredPrior}): ∂ℓ/∂r_jk is the adjoint, ∂η/∂r_jk = Z_ik, and η does
 * not depend on log sd or L, so the likelihood adds nothing to their gradient and ∇²η = 0.
 */
final class GroupState {

    private final GroupBlock block;
    private final double[] sd;
    private final double[][] l;
    private final double[][] z;
    private final double[][] r;
    private final double[][] adjoint;
    private final double[][] zRows;
    private final int[] level;
    private final double[] u;
    /** ∂L/∂θ and ∂²L/∂θ², made by {@link #curvatureTerms} (null before, and for K = 1). */
    private CorrCholeskyDerivatives dl;
    /** w_jak (J × A × K) and its second-derivative analogue (J × A × A × K), with dl. */
    private double[][][] w1;
    private double[][][][] w2;

    private GroupState(GroupBlock block, double[] u, double[] sd, double[][] l, double[][] z, double[][] r) {
        this.block = block;
        this.sd = sd;
        this.l = l;
        this.z = z;
        this.r = r;
        this.adjoint = new double[block.j()][block.k()];
        this.zRows = block.design().z().rows();
        this.level = block.design().levelOfRow();
        this.u = u;
    }

    static GroupState of(GroupBlock b, double[] u) {
        int k = b.k();
        double[] sd = new double[k];
        for (int c = 0; c < k; c++) {
            sd[c] = Math.exp(u[b.sdAt() + c]);
        }
        double[][] l = k > 1 ? CorrCholesky.forward(u, b.corAt(), k) : new double[][] {{1}};
        double[][] z = new double[b.j()][k];
        double[][] r = new double[b.j()][k];
        if (b.centred()) {
            for (int j = 0; j < b.j(); j++) {
                for (int c = 0; c < k; c++) {
                    r[j][c] = u[b.zAt() + j * k + c];
                    double s = r[j][c] / sd[c];
                    for (int m = 0; m < c; m++) {
                        s -= l[c][m] * z[j][m];
                    }
                    z[j][c] = s / l[c][c];
                }
            }
            return new GroupState(b, u, sd, l, z, r);
        }
        for (int j = 0; j < b.j(); j++) {
            for (int c = 0; c < k; c++) {
                z[j][c] = u[b.zAt() + j * k + c];
            }
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int m = 0; m <= c; m++) {
                    s += l[c][m] * z[j][m];
                }
                r[j][c] = sd[c] * s;
            }
        }
        return new GroupState(b, u, sd, l, z, r);
    }

    GroupBlock block() {
        return block;
    }

    /** The effects r (J × K), not copied. */
    double[][] effects() {
        return r;
    }

    /** Σ_k Z_ik r_{level(i),k}; 0 for a new level. */
    double contribution(int i) {
        int j = level[i];
        if (j < 0) {
            return 0;
        }
        double s = 0;
        double[] zi = zRows[i];
        for (int c = 0; c < zi.length; c++) {
            s += zi[c] * r[j][c];
        }
        return s;
    }

    /** Adds ∂ℓ_i/∂η_i · Z_i to the adjoint of observation i's level. */
    void accumulate(int i, double e) {
        int j = level[i];
        if (j < 0) {
            return;
        }
        double[] zi = zRows[i];
        for (int c = 0; c < zi.length; c++) {
            adjoint[j][c] += e * zi[c];
        }
    }

    /** The adjoint ∂ℓ/∂r (J × K) the observations have accumulated so far, not copied: callers add to it. */
    double[][] adjoint() {
        return adjoint;
    }

    /** Adds the gradient of the accumulated likelihood part to {@code grad}. */
    void backward(double[] u, double[] grad) {
        int k = block.k();
        if (block.centred()) {
            for (int j = 0; j < block.j(); j++) {
                for (int c = 0; c < k; c++) {
                    grad[block.zAt() + j * k + c] += adjoint[j][c];
                }
            }
            return;
        }
        double[][] dl = new double[k][k];
        for (int j = 0; j < block.j(); j++) {
            for (int c = 0; c < k; c++) {
                double a = adjoint[j][c];
                grad[block.sdAt() + c] += a * r[j][c];
                for (int m = 0; m <= c; m++) {
                    grad[block.zAt() + j * k + m] += a * sd[c] * l[c][m];
                    dl[c][m] += a * sd[c] * z[j][m];
                }
            }
        }
        if (k > 1) {
            CorrCholesky.backward(u, block.corAt(), k, l, dl, grad);
        }
    }

    /** Appends observation i's ∂η/∂(log sd, z_level, θ) to (idx, gv) from position m; returns the new length. */
    int etaGradient(int i, int[] idx, double[] gv, int m) {
        return etaGradient(i, idx, gv, m, false);
    }

    /**
     * As {@link #etaGradient(int, int[], double[], int)}; with {@code effectsOnly} just ∂η/∂z_level
     * (or ∂η/∂r_level), the entries the Hessian of the effects given the hyperparameters needs.
     */
    int etaGradient(int i, int[] idx, double[] gv, int m, boolean effectsOnly) {
        int j = level[i];
        if (j < 0) {
            return m;
        }
        int k = block.k();
        double[] zi = zRows[i];
        if (block.centred()) {
            for (int c = 0; c < k; c++) {
                idx[m] = block.zAt() + j * k + c;
                gv[m++] = zi[c];
            }
            return m;
        }
        for (int c = 0; c < k && !effectsOnly; c++) {
            idx[m] = block.sdAt() + c;
            gv[m++] = zi[c] * r[j][c];
        }
        for (int q = 0; q < k; q++) {
            double s = 0;
            for (int c = q; c < k; c++) {
                s += zi[c] * sd[c] * l[c][q];
            }
            idx[m] = block.zAt() + j * k + q;
            gv[m++] = s;
        }
        if (k > 1 && !effectsOnly) {
            curvatureTerms();
            for (int a = 0; a < CorrCholesky.size(k); a++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += zi[c] * w1[j][a][c];
                }
                idx[m] = block.corAt() + a;
                gv[m++] = s;
            }
        }
        return m;
    }

    /** Makes the correlation terms of the Hessian at this point (once; nothing for K = 1). */
    private void curvatureTerms() {
        int k = block.k();
        if (k < 2 || dl != null) {
            return;
        }
        int size = CorrCholesky.size(k);
        dl = CorrCholeskyDerivatives.of(u, block.corAt(), k, l);
        w1 = new double[block.j()][size][k];
        w2 = new double[block.j()][size][size][k];
        for (int j = 0; j < block.j(); j++) {
            for (int a = 0; a < size; a++) {
                for (int c = 0; c < k; c++) {
                    double s = 0;
                    for (int m = 0; m <= c; m++) {
                        s += dl.first[a][c][m] * z[j][m];
                    }
                    w1[j][a][c] = sd[c] * s;
                    for (int b = 0; b < size; b++) {
                        double s2 = 0;
                        for (int m = 0; m <= c; m++) {
                            s2 += dl.second[a][b][c][m] * z[j][m];
                        }
                        w2[j][a][b][c] = sd[c] * s2;
                    }
                }
            }
        }
    }

    /** Subtracts e · ∇²η_i (the log sd and correlation rows) from {@code negHess}. */
    void etaSecondDerivative(int i, double e, double[][] negHess) {
        int j = level[i];
        if (j < 0 || block.centred()) {
            return;
        }
        int k = block.k();
        double[] zi = zRows[i];
        if (k > 1) {
            corSecondDerivative(i, j, e, negHess);
        }
        for (int c = 0; c < k; c++) {
            int sc = block.sdAt() + c;
            negHess[sc][sc] -= e * zi[c] * r[j][c];
            for (int q = 0; q <= c; q++) {
                int zc = block.zAt() + j * k + q;
                double v = e * zi[c] * sd[c] * l[c][q];
                negHess[sc][zc] -= v;
                negHess[zc][sc] -= v;
            }
        }
    }

    private void corSecondDerivative(int i, int j, double e, double[][] negHess) {
        curvatureTerms();
        int k = block.k();
        int size = CorrCholesky.size(k);
        double[] zi = zRows[i];
        for (int a = 0; a < size; a++) {
            int ta = block.corAt() + a;
            for (int c = 0; c < k; c++) {
                int sc = block.sdAt() + c;
                double v = e * zi[c] * w1[j][a][c];
                negHess[ta][sc] -= v;
                negHess[sc][ta] -= v;
            }
            for (int m = 0; m < k; m++) {
                double s = 0;
                for (int c = m; c < k; c++) {
                    s += zi[c] * sd[c] * dl.first[a][c][m];
                }
                int zc = block.zAt() + j * k + m;
                negHess[ta][zc] -= e * s;
                negHess[zc][ta] -= e * s;
            }
            for (int b = 0; b < size; b++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += zi[c] * w2[j][a][b][c];
                }
                negHess[ta][block.corAt() + b] -= e * s;
            }
        }
    }

    /** The correlation matrix L Lᵀ. */
    double[][] correlation() {
        int k = block.k();
        double[][] c = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double s = 0;
                for (int m = 0; m <= Math.min(a, b); m++) {
                    s += l[a][m] * l[b][m];
                }
                c[a][b] = s;
            }
        }
        return c;
    }

    /** sd (not copied). */
    double[] sd() {
        return sd;
    }

    /** L (not copied). */
    double[][] cholesky() {
        return l;
    }

    /** z (J × K, not copied): the coordinates of a non-centred term, L⁻¹ (r_j ⊘ sd) of a centred one. */
    double[][] standardised() {
        return z;
    }
}
