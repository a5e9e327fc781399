package org.elbo4j.bayes;

import java.util.List;

/**
 * The fixed affine map {@code u = m₀ + L₀ v} of a fit learned in whitened coordinates, where
 * N(m₀, L₀ L₀ᵀ) is a Laplace approximation of the posterior ({@link LaplaceStart}); L₀ is lower
 * triangular (full-rank guides) or diagonal (the others), so a Gaussian q(v) maps to a Gaussian
 * q(u) of the same family:
 * <pre>
 *   mean = m₀ + L₀ μ_v,   covariance = L₀ Σ_v L₀ᵀ,   H[q(u)] = H[q(v)] + Σ_i log L₀_ii,
 *   ∇_v ℓ(m₀ + L₀ v) = L₀ᵀ ∇_u ℓ.
 * </pre>
 * The point: near the posterior v is about N(0, I), so one learning rate suits every model and
 * every coordinate, however different the posterior scales (Adam's steps are in absolute units).
 */
final class Whitening {

    private final double[] shift;
    private final double[][] factor;
    private final boolean diagonal;
    private final double logDet;

    private Whitening(double[] shift, double[][] factor, boolean diagonal) {
        this.shift = shift;
        this.factor = factor;
        this.diagonal = diagonal;
        double ld = 0;
        for (int i = 0; i < shift.length; i++) {
            ld += Math.log(factor[i][i]);
        }
        this.logDet = ld;
    }

    /**
     * The map {@code u = shift + factor · v}; with {@code diagonal} only the diagonal of
     * {@code factor} is used, otherwise its lower triangle.
     *
     * @throws IllegalArgumentException if a diagonal entry is not finite and positive
     */
    static Whitening of(double[] shift, double[][] factor, boolean diagonal) {
        int d = shift.length;
        double[][] copy = new double[d][d];
        for (int i = 0; i < d; i++) {
            if (!(factor[i][i] > 0) || !Double.isFinite(factor[i][i])) {
                throw new IllegalArgumentException("Whitening: factor diagonal must be finite and > 0, got "
                        + factor[i][i] + " at " + i);
            }
            for (int j = diagonal ? i : 0; j <= i; j++) {
                copy[i][j] = factor[i][j];
            }
        }
        return new Whitening(shift.clone(), copy, diagonal);
    }

    /** log det L₀ = Σ_i log L₀_ii. */
    double logDet() {
        return logDet;
    }

    /** u = m₀ + L₀ v. */
    void map(double[] v, double[] u) {
        for (int i = 0; i < shift.length; i++) {
            double s = shift[i];
            if (diagonal) {
                s += factor[i][i] * v[i];
            } else {
                double[] row = factor[i];
                for (int j = 0; j <= i; j++) {
                    s += row[j] * v[j];
                }
            }
            u[i] = s;
        }
    }

    /** {@code gv = L₀ᵀ gu}. */
    void pullBack(double[] gu, double[] gv) {
        int d = shift.length;
        for (int j = 0; j < d; j++) {
            if (diagonal) {
                gv[j] = factor[j][j] * gu[j];
                continue;
            }
            double s = 0;
            for (int i = j; i < d; i++) {
                s += factor[i][j] * gu[i];
            }
            gv[j] = s;
        }
    }

    /** q(u) for the guide q(v). */
    UnconstrainedGaussian map(UnconstrainedGaussian q, List<String> coordinateNames) {
        int d = shift.length;
        double[] mv = q.mean();
        double[][] cv = q.covariance();
        double[] mean = new double[d];
        map(mv, mean);
        double[][] lc = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double s = 0;
                for (int j = 0; j <= i; j++) {
                    s += factor[i][j] * cv[j][k];
                }
                lc[i][k] = s;
            }
        }
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k <= j; k++) {
                    s += lc[i][k] * factor[j][k];
                }
                cov[i][j] = s;
            }
        }
        return new UnconstrainedGaussian(coordinateNames, mean, cov);
    }
}
