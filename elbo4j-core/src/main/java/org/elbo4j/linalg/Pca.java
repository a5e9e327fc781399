package org.elbo4j.linalg;

import org.elbo4j.tensor.kernel.Parallel;

/**
 * Principal component analysis (Pearson 1901; Hotelling 1933) from the eigen-decomposition of the
 * maximum-likelihood sample covariance S = U Λ Uᵀ ({@link Covariance}, {@link SymmetricEigen}):
 * component j is the unit eigenvector u_j of the j-th largest variance λ_j, and a point is
 * projected onto the first q components as
 *
 * <pre>  z_j = u_jᵀ (x − x̄),   j = 1 … q</pre>
 *
 * The explained-variance ratio of component j is λ_j / tr S. The sign of each component is fixed
 * so that its entry of largest magnitude is positive, so that projections do not depend on the
 * eigen-solver's arbitrary signs (scikit-learn 1.2 fixes the signs by the scores instead, so its
 * components may differ from these in sign).
 */
public final class Pca {

    /** About this many multiply-adds per projection task. */
    private static final long WORK_PER_TASK = 1L << 20;

    private final Covariance covariance;
    private final double[] variances;
    private final double[][] components;

    private Pca(Covariance covariance, double[] variances, double[][] components) {
        this.covariance = covariance;
        this.variances = variances;
        this.components = components;
    }

    /** The principal components of a covariance. */
    public static Pca of(Covariance covariance) {
        SymmetricEigen eig = SymmetricEigen.of(covariance.matrix());
        int d = eig.dimension();
        double[][] components = new double[d][];
        for (int j = 0; j < d; j++) {
            double[] u = eig.vector(j);
            int largest = 0;
            for (int i = 1; i < d; i++) {
                if (Math.abs(u[i]) > Math.abs(u[largest])) {
                    largest = i;
                }
            }
            if (u[largest] < 0) {
                for (int i = 0; i < d; i++) {
                    u[i] = -u[i];
                }
            }
            components[j] = u;
        }
        return new Pca(covariance, eig.values(), components);
    }

    /** The principal components of points given as rows. */
    public static Pca of(double[][] rows) {
        return of(Covariance.of(rows));
    }

    /** The covariance the components come from. */
    public Covariance covariance() {
        return covariance;
    }

    /** The variances λ₁ ≥ … ≥ λ_d along the components (eigenvalues of S; a copy). */
    public double[] variances() {
        return variances.clone();
    }

    /** Component j (0-based): the unit eigenvector of λ_j (a copy). */
    public double[] component(int j) {
        return components[j].clone();
    }

    /** λ_j / tr S for j &lt; q. */
    public double[] explainedVarianceRatio(int q) {
        checkQ(q);
        double total = covariance.trace();
        double[] ratio = new double[q];
        for (int j = 0; j < q; j++) {
            ratio[j] = variances[j] / total;
        }
        return ratio;
    }

    /** The scores z = U_qᵀ (x − x̄) of every row (an n×q array). */
    public double[][] project(double[][] rows, int q) {
        checkQ(q);
        int d = variances.length;
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != d) {
                throw new IllegalArgumentException("Pca: rows must have d = " + d + " entries, row " + r
                        + " has " + rows[r].length);
            }
        }
        return project(rows.length, q, (r, out) -> System.arraycopy(rows[r], 0, out, 0, d));
    }

    /** The scores of the rows of a row-major float array {@code data[n·d]} (an n×q array). */
    public double[][] project(float[] data, int n, int q) {
        checkQ(q);
        int d = variances.length;
        if (n < 0 || data.length != (long) n * d) {
            throw new IllegalArgumentException("Pca: data must hold n·d = " + n + "·" + d + " values, got "
                    + data.length);
        }
        return project(n, q, (r, out) -> {
            for (int j = 0; j < d; j++) {
                out[j] = data[r * d + j];
            }
        });
    }

    private double[][] project(int n, int q, Covariance.RowReader rows) {
        int d = variances.length;
        double[] mean = covariance.mean();
        double[][] scores = new double[n][q];
        int rowsPerTask = (int) Math.max(1, WORK_PER_TASK / ((long) d * q));
        int tasks = (n + rowsPerTask - 1) / rowsPerTask;
        Parallel.forEachTask(tasks, task -> {
            double[] x = new double[d];
            int end = Math.min(n, (task + 1) * rowsPerTask);
            for (int r = task * rowsPerTask; r < end; r++) {
                rows.read(r, x);
                for (int i = 0; i < d; i++) {
                    x[i] -= mean[i];
                }
                for (int j = 0; j < q; j++) {
                    double[] u = components[j];
                    double s = 0;
                    for (int i = 0; i < d; i++) {
                        s += u[i] * x[i];
                    }
                    scores[r][j] = s;
                }
            }
        });
        return scores;
    }

    private void checkQ(int q) {
        if (q < 1 || q > variances.length) {
            throw new IllegalArgumentException("Pca: q must be in [1, d = " + variances.length + "], got " + q);
        }
    }
}
