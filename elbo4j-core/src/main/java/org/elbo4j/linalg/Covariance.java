package org.elbo4j.linalg;

import org.elbo4j.tensor.kernel.Parallel;

/**
 * The sample mean and the maximum-likelihood sample covariance of n points in d dimensions, in
 * double, by two passes (mean first, then centred products, which keeps the rounding error of
 * nearly constant columns small):
 *
 * <pre>  x̄ = (1/n) Σ_n x_n,   S = (1/n) Σ_n (x_n − x̄)(x_n − x̄)ᵀ</pre>
 *
 * (denominator n, not n − 1: scale by n/(n−1) for the unbiased estimate).
 *
 * <p>Implementation note: the lower triangle of S is cut into blocks of consecutive rows of about
 * equal work, a number fixed by d alone; each block is one task of {@link Parallel} and sums over
 * the points in their order, so the result is bit-identical for any thread count.
 */
public final class Covariance {

    /** About this many entries of the lower triangle per task. */
    private static final int ENTRIES_PER_TASK = 16_384;

    private final int count;
    private final double[] mean;
    private final double[][] matrix;

    private Covariance(int count, double[] mean, double[][] matrix) {
        this.count = count;
        this.mean = mean;
        this.matrix = matrix;
    }

    /** The points as rows of a double matrix (n ≥ 1 rows of equal length d ≥ 1, all finite). */
    public static Covariance of(double[][] rows) {
        if (rows == null || rows.length == 0 || rows[0] == null || rows[0].length == 0) {
            throw new IllegalArgumentException("Covariance: rows must hold at least one point of dimension >= 1");
        }
        int d = rows[0].length;
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != d) {
                throw new IllegalArgumentException("Covariance: every row must have d = " + d + " entries, row "
                        + r + " has " + (rows[r] == null ? "none" : rows[r].length));
            }
        }
        return compute(rows.length, d, (r, out) -> System.arraycopy(rows[r], 0, out, 0, d));
    }

    /** The points as the rows of a row-major float array {@code data[n·d]} (a dataset's values). */
    public static Covariance of(float[] data, int n, int d) {
        if (n < 1 || d < 1 || data.length != (long) n * d) {
            throw new IllegalArgumentException("Covariance: data must hold n·d = " + n + "·" + d
                    + " values (n, d >= 1), got " + data.length);
        }
        return compute(n, d, (r, out) -> {
            int offset = r * d;
            for (int j = 0; j < d; j++) {
                out[j] = data[offset + j];
            }
        });
    }

    /** Copies point r into {@code out[0, d)}. */
    interface RowReader {
        void read(int r, double[] out);
    }

    private static Covariance compute(int n, int d, RowReader rows) {
        double[] row = new double[d];
        double[] sum = new double[d];
        for (int r = 0; r < n; r++) {
            rows.read(r, row);
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new IllegalArgumentException("Covariance: values must be finite, point " + r
                            + " coordinate " + j + " is " + row[j]);
                }
                sum[j] += row[j];
            }
        }
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = sum[j] / n;
        }
        int[] bounds = blocks(d);
        double[][] s = new double[d][d];
        Parallel.forEachTask(bounds.length - 1, task -> {
            int from = bounds[task];
            int to = bounds[task + 1];
            double[] centred = new double[d];
            for (int r = 0; r < n; r++) {
                rows.read(r, centred);
                for (int j = 0; j < to; j++) {
                    centred[j] -= mean[j];
                }
                for (int i = from; i < to; i++) {
                    double ci = centred[i];
                    double[] target = s[i];
                    for (int j = 0; j <= i; j++) {
                        target[j] += ci * centred[j];
                    }
                }
            }
        });
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                s[i][j] /= n;
                s[j][i] = s[i][j];
            }
        }
        return new Covariance(n, mean, s);
    }

    /**
     * Row boundaries 0 = b₀ ≤ b₁ ≤ … ≤ b_T = d of T blocks holding about ENTRIES_PER_TASK entries
     * of the lower triangle each (row i holds i + 1); T depends on d only.
     */
    static int[] blocks(int d) {
        long total = (long) d * (d + 1) / 2;
        int tasks = (int) Math.max(1, Math.min(d, (total + ENTRIES_PER_TASK - 1) / ENTRIES_PER_TASK));
        int[] bounds = new int[tasks + 1];
        java.util.Arrays.fill(bounds, d);
        bounds[0] = 0;
        int t = 1;
        long entries = 0;
        for (int i = 0; i < d && t < tasks; i++) {
            entries += i + 1;
            if (entries * tasks >= total * t) {
                bounds[t++] = i + 1;
            }
        }
        return bounds;
    }

    /** The number of points n. */
    public int count() {
        return count;
    }

    /** The dimension d. */
    public int dimension() {
        return mean.length;
    }

    /** The sample mean x̄ (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The covariance S with denominator n (a new d×d array). */
    public double[][] matrix() {
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }

    /** The total variance tr S. */
    public double trace() {
        double t = 0;
        for (int i = 0; i < matrix.length; i++) {
            t += matrix[i][i];
        }
        return t;
    }
}
