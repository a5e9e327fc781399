package org.elbo4j.topics;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.Trigamma;

/**
 * Empirical-Bayes updates of a Dirichlet prior from expected log-probabilities (Minka 2000,
 * "Estimating a Dirichlet distribution", §1: Newton's method with the diagonal-plus-rank-one
 * Hessian; the update gensim's {@code alpha='auto'} takes). For n groups with sufficient
 * statistic {@code s_k = Σ_d E log θ_dk} the objective in α is
 * <pre>
 *   f(α) = n [log Γ(Σ_k α_k) − Σ_k log Γ(α_k)] + Σ_k (α_k − 1) s_k
 *   g_k  = n [ψ(Σα) − ψ(α_k)] + s_k,   H = diag(q) + z 1 1ᵀ,  q_k = −n ψ'(α_k),  z = n ψ'(Σα)
 *   Δα_k = −(g_k − b) / q_k,           b = Σ_j (g_j / q_j) / (1/z + Σ_j 1/q_j)
 * </pre>
 * f is concave, so Newton's step is an ascent direction. The symmetric case (all α_k = a, K of
 * them) is the one-dimensional Newton step on
 * {@code f(a) = n [log Γ(K a) − K log Γ(a)] + (a − 1) Σ_k s_k}.
 */
final class DirichletNewton {

    private DirichletNewton() {
    }

    /** f(α) for an asymmetric α. */
    static double objective(double[] alpha, double[] s, double n) {
        double sum = 0;
        double f = 0;
        for (int k = 0; k < alpha.length; k++) {
            sum += alpha[k];
            f += -n * LogGamma.value(alpha[k]) + (alpha[k] - 1) * s[k];
        }
        return f + n * LogGamma.value(sum);
    }

    /** The Newton direction Δα at α. */
    static double[] direction(double[] alpha, double[] s, double n) {
        int k = alpha.length;
        double sum = 0;
        for (double a : alpha) {
            sum += a;
        }
        double psiSum = Digamma.value(sum);
        double z = n * Trigamma.value(sum);
        double[] g = new double[k];
        double[] q = new double[k];
        double num = 0;
        double den = 1 / z;
        for (int j = 0; j < k; j++) {
            g[j] = n * (psiSum - Digamma.value(alpha[j])) + s[j];
            q[j] = -n * Trigamma.value(alpha[j]);
            num += g[j] / q[j];
            den += 1 / q[j];
        }
        double b = num / den;
        double[] step = new double[k];
        for (int j = 0; j < k; j++) {
            step[j] = -(g[j] - b) / q[j];
        }
        return step;
    }

    /** The symmetric objective f(a) for dimension m with total statistic {@code sTotal}. */
    static double symmetricObjective(double a, int m, double sTotal, double n) {
        return n * (LogGamma.value(m * a) - m * LogGamma.value(a)) + (a - 1) * sTotal;
    }

    /** The one-dimensional Newton step for a symmetric prior. */
    static double symmetricDirection(double a, int m, double sTotal, double n) {
        double grad = n * m * (Digamma.value(m * a) - Digamma.value(a)) + sTotal;
        double hess = n * ((double) m * m * Trigamma.value(m * a) - m * Trigamma.value(a));
        return -grad / hess;
    }

    /**
     * Maximises f by Newton steps with step halving (each accepted step raises f and keeps every
     * α_k &gt; 0), until the relative step is below 1e-10 or 100 steps; symmetric when
     * {@code symmetric} (α_k all equal on entry stay equal). Returns the new α.
     */
    static double[] maximise(double[] alpha, double[] s, double n, boolean symmetric) {
        double[] a = alpha.clone();
        for (int it = 0; it < 100; it++) {
            double[] next = step(a, s, n, symmetric, 1.0, true);
            if (next == null) {
                return a;
            }
            double rel = 0;
            for (int j = 0; j < a.length; j++) {
                rel = Math.max(rel, Math.abs(next[j] - a[j]) / a[j]);
            }
            a = next;
            if (rel < 1e-10) {
                break;
            }
        }
        return a;
    }

    /**
     * One Newton step scaled by {@code rate} (gensim's online update uses ρ_t), halved until every
     * α_k stays &gt; 0 and, with {@code ascend}, f does not decrease; null when no such step exists.
     */
    static double[] step(double[] a, double[] s, double n, boolean symmetric, double rate, boolean ascend) {
        double sTotal = 0;
        for (double x : s) {
            sTotal += x;
        }
        double[] dir = symmetric ? null : direction(a, s, n);
        double dirSym = symmetric ? symmetricDirection(a[0], a.length, sTotal, n) : 0;
        double f0 = symmetric ? symmetricObjective(a[0], a.length, sTotal, n) : objective(a, s, n);
        double scale = rate;
        for (int halving = 0; halving < 60; halving++, scale *= 0.5) {
            double[] next = new double[a.length];
            boolean positive = true;
            for (int j = 0; j < a.length; j++) {
                next[j] = a[j] + scale * (symmetric ? dirSym : dir[j]);
                positive &= next[j] > 0 && Double.isFinite(next[j]);
            }
            if (!positive) {
                continue;
            }
            double f1 = symmetric ? symmetricObjective(next[0], a.length, sTotal, n) : objective(next, s, n);
            if (!ascend || f1 >= f0) {
                return next;
            }
        }
        return null;
    }
}
