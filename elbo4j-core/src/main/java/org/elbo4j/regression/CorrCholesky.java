package org.elbo4j.regression;

import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The correlation Cholesky factor of a group-level term in double, in the coordinates of
 * {@code dist.transform.CorrCholeskyBijection} (Stan's {@code cholesky_factor_corr}): u fills the
 * strictly lower triangle row by row, z_ij = tanh u_ij, h_ij = log sech u_ij, S_ij = Σ_{k&lt;j} h_ik,
 * <pre>
 *   L_ij = z_ij e^{S_ij} (j &lt; i),   L_ii = e^{S_ii},   log |det J| = Σ_{i&gt;j} (i − j + 1) h_ij
 * </pre>
 * with the LKJ(η) density of {@code dist.LkjCholesky},
 * {@code log p(L) = Σ_{i≥1} (K − i − 1 + 2η − 2) log L_ii − log c_K(η)}, log L_ii = S_ii. The prior
 * term in u is therefore {@code Σ_{i>j} (K − i − 1 + 2η − 2 + i − j + 1) h_ij − log c_K(η)}, with
 * dh/du = −tanh u and d²h/du² = −sech² u. Those tensor classes work in float32 on tensors; this
 * one is the double-precision version with the hand-written backward pass {@link #backward}.
 */
final class CorrCholesky {

    private CorrCholesky() {
    }

    /** The number of free coordinates, K(K − 1)/2. */
    static int size(int k) {
        return k * (k - 1) / 2;
    }

    /** L (K × K) from the coordinates {@code u[from .. from + K(K−1)/2)}. */
    static double[][] forward(double[] u, int from, int k) {
        double[][] l = new double[k][k];
        l[0][0] = 1;
        int c = from;
        for (int i = 1; i < k; i++) {
            double s = 0;
            for (int j = 0; j < i; j++) {
                l[i][j] = Math.tanh(u[c]) * Math.exp(s);
                s += logSech(u[c]);
                c++;
            }
            l[i][i] = Math.exp(s);
        }
        return l;
    }

    /** Adds ∂f/∂u to {@code grad[from ..]} given the adjoint dL = ∂f/∂L. */
    static void backward(double[] u, int from, int k, double[][] l, double[][] dl, double[] grad) {
        int rowStart = from;
        for (int i = 1; i < k; i++) {
            double s = 0;
            for (int m = 0; m < i; m++) {
                double t = Math.tanh(u[rowStart + m]);
                double g = dl[i][m] * Math.exp(s) * (1 - t * t);
                for (int j = m + 1; j < i; j++) {
                    g -= dl[i][j] * l[i][j] * t;
                }
                g -= dl[i][i] * l[i][i] * t;
                grad[rowStart + m] += g;
                s += logSech(u[rowStart + m]);
            }
            rowStart += i;
        }
    }

    /**
     * The LKJ(η) prior with the log-Jacobian, Σ_{i&gt;j} c_ij h_ij − log c_K(η); adds its gradient to
     * {@code grad} and, when {@code negHess} is not null, minus its (diagonal) second derivative.
     */
    static double logPrior(double[] u, int from, int k, double eta, double[] grad, double[][] negHess) {
        double value = -logNormaliser(k, eta);
        int c = from;
        for (int i = 1; i < k; i++) {
            for (int j = 0; j < i; j++) {
                double coef = k - i - 1 + 2 * eta - 2 + i - j + 1;
                double t = Math.tanh(u[c]);
                value += coef * logSech(u[c]);
                if (grad != null) {
                    grad[c] -= coef * t;
                }
                if (negHess != null) {
                    negHess[c][c] += coef * (1 - t * t);
                }
                c++;
            }
        }
        return value;
    }

    /** log c_K(η) = ¼ K(K−1) log π + Σ_{t=0}^{K−2} log Γ(η + t/2) − (K−1) log Γ(η + (K−1)/2). */
    static double logNormaliser(int k, double eta) {
        double v = 0.25 * k * (k - 1) * Math.log(Math.PI) - (k - 1) * LogGamma.value(eta + 0.5 * (k - 1));
        for (int t = 0; t <= k - 2; t++) {
            v += LogGamma.value(eta + 0.5 * t);
        }
        return v;
    }

    /** log sech u = log 2 − |u| − log1p(e^{−2|u|}). */
    static double logSech(double u) {
        double a = Math.abs(u);
        return Math.log(2) - a - Math.log1p(Math.exp(-2 * a));
    }
}
