package org.elbo4j.mixture;

import org.elbo4j.linalg.Cholesky;
import org.elbo4j.linalg.TriangularSolve;
import org.elbo4j.tensor.kernel.Simd;

/**
 * The squared Mahalanobis distances {@code m_ik = (x_i − μ_k)ᵀ Σ_k⁻¹ (x_i − μ_k)} of K components,
 * and their log-determinants {@code log|Σ_k| = 2 Σ_j log L_k,jj} with {@code Σ_k = L_k L_kᵀ}
 * ({@link Cholesky}).
 *
 * <p>For a full Σ_k the whitening matrix {@code A_k = L_k⁻¹} ({@link TriangularSolve} against the
 * identity) gives {@code m_ik = |A_k x_i − A_k μ_k|²}: for each row j of A_k the block loop
 * {@code y_i += A_k,jl x_il} runs over contiguous coordinates of a {@link MixtureData} block, a
 * long multiply-add loop ({@link VectorKernels#distances} with the Vector API). A diagonal Σ_k needs only
 * {@code m_ik = Σ_j (x_ij − μ_kj)² / σ²_kj}.
 */
final class Whitening {

    private final int k;
    private final int d;
    private final boolean diagonal;
    private final double[][] means;
    /** Full: A_k row-major (lower triangle); diagonal: 1/σ_kj. */
    private final double[][] factor;
    /** Full: A_k μ_k. */
    private final double[][] shift;
    private final double[] logDet;

    private Whitening(int d, boolean diagonal, double[][] means, double[][] factor, double[][] shift,
            double[] logDet) {
        this.k = means.length;
        this.d = d;
        this.diagonal = diagonal;
        this.means = means;
        this.factor = factor;
        this.shift = shift;
        this.logDet = logDet;
    }

    /**
     * Factors the K covariances {@code cov[k]} (d×d row-major; only the diagonal is read when
     * {@code diagonal}).
     *
     * @throws IllegalArgumentException naming the first component whose Σ_k is not positive definite
     */
    static Whitening of(double[][] means, double[][] cov, boolean diagonal) {
        int k = means.length;
        int d = means[0].length;
        double[][] factor = new double[k][];
        double[][] shift = new double[k][];
        double[] logDet = new double[k];
        for (int c = 0; c < k; c++) {
            if (diagonal) {
                factor[c] = new double[d];
                for (int j = 0; j < d; j++) {
                    double v = cov[c][j * d + j];
                    if (!(v > 0) || !Double.isFinite(v)) {
                        throw singular(c, j, v);
                    }
                    factor[c][j] = 1.0 / Math.sqrt(v);
                    logDet[c] += Math.log(v);
                }
                continue;
            }
            double[] l = new double[d * d];
            int bad = Cholesky.factor(cov[c], 0, l, 0, d, 1e-14);
            if (bad >= 0) {
                throw singular(c, bad, l[bad * d + bad]);
            }
            double[] a = new double[d * d];
            for (int j = 0; j < d; j++) {
                a[j * d + j] = 1.0;
                logDet[c] += 2 * Math.log(l[j * d + j]);
            }
            TriangularSolve.solve(l, 0, d, a, 0, d, true, false);
            double[] s = new double[d];
            for (int j = 0; j < d; j++) {
                double t = 0;
                for (int m = 0; m <= j; m++) {
                    t += a[j * d + m] * means[c][m];
                }
                s[j] = t;
            }
            factor[c] = a;
            shift[c] = s;
        }
        return new Whitening(d, diagonal, means, factor, shift, logDet);
    }

    private static IllegalArgumentException singular(int component, int index, double pivot) {
        return new IllegalArgumentException("GaussianMixture: the covariance of component " + component
                + " is singular or not positive definite (pivot " + index + " is " + pivot
                + "); a constant column, duplicated points or too many components: increase regCovar");
    }

    int components() {
        return k;
    }

    double logDet(int c) {
        return logDet[c];
    }

    /**
     * Writes m_ic for the {@code count} points of the block at {@code offset} of {@code x} into
     * {@code out[0…count)}; {@code y} is scratch of {@link MixtureData#BLOCK} doubles.
     */
    void distances(double[] x, int offset, int count, int c, double[] out, double[] y) {
        final int B = MixtureData.BLOCK;
        java.util.Arrays.fill(out, 0, count, 0.0);
        if (diagonal) {
            double[] mu = means[c];
            double[] p = factor[c];
            for (int j = 0; j < d; j++) {
                double m = mu[j];
                double s = p[j];
                int o = offset + j * B;
                for (int i = 0; i < count; i++) {
                    double t = (x[o + i] - m) * s;
                    out[i] += t * t;
                }
            }
            return;
        }
        double[] a = factor[c];
        double[] s = shift[c];
        int from = Simd.enabled() ? VectorKernels.distances(x, offset, count, a, s, d, out) : 0;
        for (int j = 0; j < d; j++) {
            double cj = -s[j];
            for (int i = from; i < count; i++) {
                y[i] = cj;
            }
            int row = j * d;
            for (int l = 0; l <= j; l++) {
                double w = a[row + l];
                int o = offset + l * B;
                for (int i = from; i < count; i++) {
                    y[i] += w * x[o + i];
                }
            }
            for (int i = from; i < count; i++) {
                out[i] += y[i] * y[i];
            }
        }
    }

    /** m for one point given as an array of d coordinates. */
    double distance(double[] point, int c) {
        double m = 0;
        if (diagonal) {
            for (int j = 0; j < d; j++) {
                double t = (point[j] - means[c][j]) * factor[c][j];
                m += t * t;
            }
            return m;
        }
        for (int j = 0; j < d; j++) {
            double y = -shift[c][j];
            for (int l = 0; l <= j; l++) {
                y += factor[c][j * d + l] * point[l];
            }
            m += y * y;
        }
        return m;
    }
}
