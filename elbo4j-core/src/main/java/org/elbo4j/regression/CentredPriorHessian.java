package org.elbo4j.regression;

/**
 * The Hessian of {@link CentredPrior} (the formulas are there): per level j, in the local
 * coordinates w = (log sd_0 … log sd_{K−1}, θ_0 … θ_{A−1}, r_j0 … r_j,K−1), −∇²(−½||z_j||²) =
 * JᵀJ + zᵀ∂²z with J the K × (2K + A) Jacobian of z_j, summed into the model's −∇²ℓ at the
 * coordinates' places, plus the (θ, θ) block of −J Σ_k log L_kk.
 */
final class CentredPriorHessian {

    private CentredPriorHessian() {
    }

    /** Subtracts the Hessian of the centred term {@code s}'s prior at u from {@code negHess}. */
    static void subtract(GroupState s, double[] u, double[][] negHess) {
        GroupBlock b = s.block();
        int k = b.k();
        int na = CorrCholesky.size(k);
        int dim = 2 * k + na;
        double[] sd = s.sd();
        double[][] l = s.cholesky();
        CorrCholeskyDerivatives d = k > 1 ? CorrCholeskyDerivatives.of(u, b.corAt(), k, l) : null;
        double[][] linvE = new double[k][];
        for (int c = 0; c < k; c++) {
            double[] e = new double[k];
            e[c] = 1;
            linvE[c] = CentredPrior.forwardSolve(l, e);
        }
        int[] idx = new int[dim];
        for (int c = 0; c < k; c++) {
            idx[c] = b.sdAt() + c;
        }
        for (int a = 0; a < na; a++) {
            idx[k + a] = b.corAt() + a;
        }
        double[][] jac = new double[dim][k];
        double[][] second = new double[dim][dim];
        for (int j = 0; j < b.j(); j++) {
            double[] z = s.standardised()[j];
            double[] a = CentredPrior.backSolve(l, z);
            double[] r = s.effects()[j];
            for (int c = 0; c < k; c++) {
                idx[k + na + c] = b.zAt() + j * k + c;
                double v = r[c] / sd[c];
                for (int n = 0; n < k; n++) {
                    jac[c][n] = -v * linvE[c][n];
                    jac[k + na + c][n] = linvE[c][n] / sd[c];
                }
            }
            for (double[] row : second) {
                java.util.Arrays.fill(row, 0);
            }
            for (int c = 0; c < k; c++) {
                second[c][c] = r[c] / sd[c] * a[c];
                second[c][k + na + c] = -a[c] / sd[c];
                second[k + na + c][c] = -a[c] / sd[c];
            }
            if (d != null) {
                correlationTerms(d, l, z, a, k, na, jac, second);
            }
            for (int p = 0; p < dim; p++) {
                for (int q = 0; q < dim; q++) {
                    double h = second[p][q];
                    for (int n = 0; n < k; n++) {
                        h += jac[p][n] * jac[q][n];
                    }
                    negHess[idx[p]][idx[q]] += h;
                }
            }
        }
        if (d != null) {
            logDiagonal(d, l, k, na, b.j(), b.corAt(), negHess);
        }
    }

    /**
     * The θ columns of the Jacobian, z_a = −L⁻¹ L_a z, and the θ rows of zᵀ∂²z: −aᵀ L_a z_x for x
     * a log sd or r coordinate, −aᵀ (L_b z_a + L_ab z + L_a z_b) for θ_b.
     */
    private static void correlationTerms(CorrCholeskyDerivatives d, double[][] l, double[] z, double[] a, int k,
            int na, double[][] jac, double[][] second) {
        for (int t = 0; t < na; t++) {
            double[] lz = times(d.first[t], z);
            double[] za = CentredPrior.forwardSolve(l, lz);
            for (int n = 0; n < k; n++) {
                jac[k + t][n] = -za[n];
            }
        }
        for (int t = 0; t < na; t++) {
            for (int x = 0; x < 2 * k + na; x++) {
                if (x >= k && x < k + na) {
                    double[] lb = times(d.first[x - k], jac[k + t]);
                    double[] lab = times(d.second[t][x - k], z);
                    double[] la = times(d.first[t], jac[x]);
                    second[k + t][x] = -dot(a, lb) - dot(a, lab) - dot(a, la);
                } else {
                    double v = -dot(a, times(d.first[t], jac[x]));
                    second[k + t][x] = v;
                    second[x][k + t] = v;
                }
            }
        }
    }

    /** Adds −∇²_θ of −J Σ_c log L_cc: J Σ_c (L_ab,cc / L_cc − L_a,cc L_b,cc / L_cc²). */
    private static void logDiagonal(CorrCholeskyDerivatives d, double[][] l, int k, int na, int levels, int corAt,
            double[][] negHess) {
        for (int p = 0; p < na; p++) {
            for (int q = 0; q < na; q++) {
                double h = 0;
                for (int c = 0; c < k; c++) {
                    h += d.second[p][q][c][c] / l[c][c] - d.first[p][c][c] * d.first[q][c][c] / (l[c][c] * l[c][c]);
                }
                negHess[corAt + p][corAt + q] += levels * h;
            }
        }
    }

    private static double[] times(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double t = 0;
            for (int j = 0; j < v.length; j++) {
                t += m[i][j] * v[j];
            }
            out[i] = t;
        }
        return out;
    }

    private static double dot(double[] x, double[] y) {
        double t = 0;
        for (int i = 0; i < x.length; i++) {
            t += x[i] * y[i];
        }
        return t;
    }
}
