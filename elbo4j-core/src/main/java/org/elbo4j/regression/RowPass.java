package org.elbo4j.regression;

import org.elbo4j.glm.Derivatives;
import org.elbo4j.glm.Family;

/**
 * The full-data log-likelihood of a {@link RegressionModel} at one point u row by row, for what
 * needs each row on its own: the exact Hessian (a Laplace start, a mode search). Per observation i,
 * with η_i = offset_i + Intercept + x̃_iᵀ b + Σ_g Z^g_i r^g_{level(i)} and ℓ_i = log p(y_i | η_i, aux),
 * <pre>
 *   −∇²ℓ −= ℓ_i''(η) ∇η_i ∇η_iᵀ + ℓ_i'(η) ∇²η_i + (the mixed terms in the log aux θ:
 *          ∂²ℓ_i/∂η∂θ_a (∇η_i e_aᵀ + e_a ∇η_iᵀ) + ∂²ℓ_i/∂θ_a∂θ_b e_a e_bᵀ)
 * </pre>
 * with ∇η_i over the coordinates it depends on (b, the Intercept, and per group the log sds, the
 * level's z and the correlation coordinates: {@link GroupState#etaGradient}) and ∇²η_i from
 * {@link GroupState#etaSecondDerivative}; the gradient sums ℓ_i'(η) ∇η_i (b and Intercept here,
 * the group effects through the groups' adjoints) and ∂ℓ_i/∂θ_a.
 */
final class RowPass {

    private final Family family;
    private final RegressionLayout layout;
    private final double[] y;
    private final double[] trials;
    private final double[] offset;
    /** x̃, N rows of length P. */
    private final double[][] xc;

    /** The pass over {@code y} (trials null for 1), {@code offset} and the row-major centred X {@code xc} (N × P). */
    RowPass(Family family, RegressionLayout layout, double[] y, double[] trials, double[] offset, double[][] xc) {
        this.family = family;
        this.layout = layout;
        this.y = y;
        this.trials = trials;
        this.offset = offset;
        this.xc = xc;
    }

    /**
     * Σ_i ℓ_i at u, whose group states are {@code groups}; adds the gradient to {@code grad} (b,
     * Intercept, log aux; the groups' adjoints) and subtracts ∇²ℓ from {@code negHess} when they are
     * not null.
     */
    double value(double[] u, GroupState[] groups, double[] grad, double[][] negHess) {
        return value(u, groups, grad, negHess, false);
    }

    /**
     * As {@link #value(double[], GroupState[], double[], double[][])}; with {@code latentOnly} only
     * the entries of ∇²ℓ among b, the Intercept and the group-level effects are subtracted (those of
     * the log sds, correlations and auxiliary parameters are left alone).
     */
    double value(double[] u, GroupState[] groups, double[] grad, double[][] negHess, boolean latentOnly) {
        int p = layout.p();
        int auxCount = family.auxNames().size();
        double[] logAux = new double[2];
        System.arraycopy(u, layout.auxAt(), logAux, 0, auxCount);
        double intercept = layout.hasIntercept() ? u[layout.interceptAt()] : 0;
        Derivatives dv = new Derivatives();
        double value = 0;
        int[] idx = negHess == null ? null : new int[layout.localSize()];
        double[] gv = negHess == null ? null : new double[layout.localSize()];
        for (int i = 0; i < y.length; i++) {
            double[] xi = xc[i];
            double eta = eta(i, u, groups, intercept);
            family.evaluate(y[i], trials == null ? 1 : trials[i], eta, logAux, dv);
            value += dv.value;
            if (grad != null) {
                for (int j = 0; j < p; j++) {
                    grad[j] += dv.eta * xi[j];
                }
                if (layout.hasIntercept()) {
                    grad[layout.interceptAt()] += dv.eta;
                }
                for (GroupState s : groups) {
                    s.accumulate(i, dv.eta);
                }
                for (int a = 0; a < auxCount; a++) {
                    grad[layout.auxAt() + a] += dv.aux[a];
                }
            }
            if (negHess != null) {
                hessian(i, xi, groups, dv, idx, gv, negHess, latentOnly);
            }
        }
        return value;
    }

    /** η_i = offset_i + Intercept + x̃_iᵀ b + Σ_g Z^g_i r^g_{level(i)} at u. */
    private double eta(int i, double[] u, GroupState[] groups, double intercept) {
        double eta = offset[i] + intercept;
        double[] xi = xc[i];
        for (int j = 0; j < layout.p(); j++) {
            eta += xi[j] * u[j];
        }
        for (GroupState s : groups) {
            eta += s.contribution(i);
        }
        return eta;
    }

    /** max(0, −∂²ℓ_i/∂η²) of every observation at u, whose group states are {@code groups}. */
    double[] workingWeights(double[] u, GroupState[] groups) {
        int auxCount = family.auxNames().size();
        double[] logAux = new double[2];
        System.arraycopy(u, layout.auxAt(), logAux, 0, auxCount);
        double intercept = layout.hasIntercept() ? u[layout.interceptAt()] : 0;
        Derivatives dv = new Derivatives();
        double[] w = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            family.evaluate(y[i], trials == null ? 1 : trials[i], eta(i, u, groups, intercept), logAux, dv);
            w[i] = Math.max(0, -dv.etaEta);
        }
        return w;
    }

    /** Subtracts observation i's ∇²ℓ_i from {@code negHess} (the formula of the class comment). */
    private void hessian(int i, double[] xi, GroupState[] groups, Derivatives dv, int[] idx, double[] gv,
            double[][] negHess, boolean latentOnly) {
        int m = 0;
        for (int j = 0; j < layout.p(); j++) {
            idx[m] = j;
            gv[m++] = xi[j];
        }
        if (layout.hasIntercept()) {
            idx[m] = layout.interceptAt();
            gv[m++] = 1;
        }
        for (GroupState s : groups) {
            m = s.etaGradient(i, idx, gv, m, latentOnly);
        }
        for (int a = 0; a < m; a++) {
            double w = dv.etaEta * gv[a];
            double[] row = negHess[idx[a]];
            for (int b = 0; b < m; b++) {
                row[idx[b]] -= w * gv[b];
            }
        }
        if (latentOnly) {
            return;
        }
        for (GroupState s : groups) {
            s.etaSecondDerivative(i, dv.eta, negHess);
        }
        int auxCount = family.auxNames().size();
        for (int a = 0; a < auxCount; a++) {
            int ia = layout.auxAt() + a;
            for (int b = 0; b < m; b++) {
                negHess[ia][idx[b]] -= dv.etaAux[a] * gv[b];
                negHess[idx[b]][ia] -= dv.etaAux[a] * gv[b];
            }
            for (int b = 0; b < auxCount; b++) {
                negHess[ia][layout.auxAt() + b] -= dv.auxAux[a][b];
            }
        }
    }
}
