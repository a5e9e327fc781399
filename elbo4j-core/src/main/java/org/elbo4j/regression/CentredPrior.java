package org.elbo4j.regression;

/**
 * The prior of a {@link Centring#CENTRED} group-level term in its coordinates (log sd, the
 * correlation coordinates θ, r), with its exact gradient and Hessian: r_j ~ MVN(0, diag(sd) Ω diag(sd)),
 * Ω = L Lᵀ, so with v_j = r_j ⊘ sd and z_j = L⁻¹ v_j,
 * <pre>
 *   log p(r | sd, L) = Σ_j [−½ ||z_j||² − Σ_k log sd_k − Σ_k log L_kk − (K/2) log 2π]
 * </pre>
 * (the density of the non-centred z_j = L⁻¹ diag(sd)⁻¹ r_j times the Jacobian of that linear map;
 * Papaspiliopoulos, Roberts and Sköld 2007). With a_j = L⁻ᵀ z_j and L_a = ∂L/∂θ_a, the columns of
 * the Jacobian of z_j in (log sd_k, θ_a, r_jk) are −v_jk L⁻¹e_k, −L⁻¹ L_a z_j and L⁻¹e_k / sd_k, so
 * <pre>
 *   ∂/∂r_jk = −a_jk / sd_k,   ∂/∂log sd_k = Σ_j v_jk a_jk − J,   ∂/∂L_km = Σ_j a_jk z_jm − J [k = m] / L_kk
 * </pre>
 * (θ through {@link CorrCholesky#backward}), and −∇² of −½||z||² is Jᵀ J + Σ_n z_n ∇²z_n with the
 * contracted second derivatives zᵀ∂²z: δ_km v_k a_k (log sd_k, log sd_m), −δ_km a_k / sd_k
 * (log sd_k, r_m), 0 (r, r), −aᵀ L_a z_x (θ_a and x = log sd_k or r_k, z_x its Jacobian column) and
 * −aᵀ (L_b z_a + L_ab z + L_a z_b) (θ_a, θ_b); −∇² of −log L_kk is L_ab,kk / L_kk − L_a,kk L_b,kk / L_kk².
 */
final class CentredPrior {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private CentredPrior() {
    }

    /**
     * log p(r | sd, L) of the centred term {@code s} at u; adds its gradient to {@code grad} and
     * subtracts its Hessian from {@code negHess} when these are not null.
     */
    static double value(GroupState s, double[] u, double[] grad, double[][] negHess) {
        GroupBlock b = s.block();
        int k = b.k();
        int levels = b.j();
        double[] sd = s.sd();
        double[][] l = s.cholesky();
        double[][] z = s.standardised();
        double[][] r = s.effects();
        double logDiag = 0;
        double logSd = 0;
        for (int c = 0; c < k; c++) {
            logDiag += Math.log(l[c][c]);
            logSd += u[b.sdAt() + c];
        }
        double value = -levels * (logSd + logDiag + k * HALF_LOG_TWO_PI);
        double[][] dl = new double[k][k];
        for (int j = 0; j < levels; j++) {
            double[] a = backSolve(l, z[j]);
            for (int c = 0; c < k; c++) {
                value -= 0.5 * z[j][c] * z[j][c];
                if (grad != null) {
                    grad[b.zAt() + j * k + c] -= a[c] / sd[c];
                    grad[b.sdAt() + c] += r[j][c] / sd[c] * a[c];
                    for (int m = 0; m <= c; m++) {
                        dl[c][m] += a[c] * z[j][m];
                    }
                }
            }
        }
        if (grad != null) {
            for (int c = 0; c < k; c++) {
                grad[b.sdAt() + c] -= levels;
                dl[c][c] -= levels / l[c][c];
            }
            if (k > 1) {
                CorrCholesky.backward(u, b.corAt(), k, l, dl, grad);
            }
        }
        if (negHess != null) {
            CentredPriorHessian.subtract(s, u, negHess);
        }
        return value;
    }

    /** a = L⁻ᵀ z (back substitution). */
    static double[] backSolve(double[][] l, double[] z) {
        int k = z.length;
        double[] a = new double[k];
        for (int c = k - 1; c >= 0; c--) {
            double t = z[c];
            for (int m = c + 1; m < k; m++) {
                t -= l[m][c] * a[m];
            }
            a[c] = t / l[c][c];
        }
        return a;
    }

    /** x = L⁻¹ v (forward substitution). */
    static double[] forwardSolve(double[][] l, double[] v) {
        int k = v.length;
        double[] x = new double[k];
        for (int c = 0; c < k; c++) {
            double t = v[c];
            for (int m = 0; m < c; m++) {
                t -= l[c][m] * x[m];
            }
            x[c] = t / l[c][c];
        }
        return x;
    }
}
