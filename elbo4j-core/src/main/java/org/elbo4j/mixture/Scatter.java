package org.elbo4j.mixture;

import org.elbo4j.tensor.kernel.Parallel;
import org.elbo4j.tensor.kernel.Simd;

/**
 * The weighted scatter matrices about given centres,
 *
 * <pre>  S_k = Σ_n r_nk (x_n − μ_k)(x_n − μ_k)ᵀ,</pre>
 *
 * full (d×d, row-major, symmetric) or only their diagonals. Centred sums, as scikit-learn's
 * {@code _estimate_gaussian_covariances_full}, so that data far from the origin loses no digits to
 * cancellation. Summed per fixed task of {@link MixtureData} and then in task order: the result
 * does not depend on the thread count.
 */
final class Scatter {

    private Scatter() {
    }

    static double[][] of(MixtureData data, Responsibilities r, double[][] centres, boolean diagonalOnly) {
        final int B = MixtureData.BLOCK;
        int k = centres.length;
        int d = data.dimension();
        int tasks = data.tasks();
        double[][][] partial = new double[tasks][][];
        double[] x = data.values();
        Parallel.forEachTask(tasks, t -> {
            double[][] s = new double[k][d * d];
            double[] dev = new double[d * B];
            double[] wdev = new double[d * B];
            int lastBlock = Math.min(data.blocks(), (t + 1) * MixtureData.TASK_BLOCKS);
            for (int b = t * MixtureData.TASK_BLOCKS; b < lastBlock; b++) {
                int count = data.count(b);
                int off = data.offset(b);
                for (int c = 0; c < k; c++) {
                    int rOff = b * k * B + c * B;
                    double[] mu = centres[c];
                    for (int j = 0; j < d; j++) {
                        double m = mu[j];
                        int xo = off + j * B;
                        int o = j * B;
                        for (int i = 0; i < count; i++) {
                            double v = x[xo + i] - m;
                            dev[o + i] = v;
                            wdev[o + i] = v * r.values[rOff + i];
                        }
                    }
                    accumulate(s[c], dev, wdev, d, count, diagonalOnly);
                }
            }
            partial[t] = s;
        });
        double[][] total = new double[k][d * d];
        for (double[][] p : partial) {
            for (int c = 0; c < k; c++) {
                for (int e = 0; e < d * d; e++) {
                    total[c][e] += p[c][e];
                }
            }
        }
        for (double[] s : total) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < a; b++) {
                    s[b * d + a] = s[a * d + b];
                }
            }
        }
        return total;
    }

    /** s[a·d + b] += Σ_i wdev[a][i]·dev[b][i] for b ≤ a (b = a only when diagonalOnly). */
    private static void accumulate(double[] s, double[] dev, double[] wdev, int d, int count, boolean diagonalOnly) {
        if (Simd.enabled()) {
            VectorKernels.scatter(s, dev, wdev, d, count, diagonalOnly);
            return;
        }
        final int B = MixtureData.BLOCK;
        for (int a = 0; a < d; a++) {
            int wa = a * B;
            int from = diagonalOnly ? a : 0;
            int b = from;
            for (; b + 3 <= a; b += 4) {
                int b0 = b * B;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int i = 0; i < count; i++) {
                    double w = wdev[wa + i];
                    s0 += w * dev[b0 + i];
                    s1 += w * dev[b0 + B + i];
                    s2 += w * dev[b0 + 2 * B + i];
                    s3 += w * dev[b0 + 3 * B + i];
                }
                s[a * d + b] += s0;
                s[a * d + b + 1] += s1;
                s[a * d + b + 2] += s2;
                s[a * d + b + 3] += s3;
            }
            for (; b <= a; b++) {
                int bo = b * B;
                double s0 = 0;
                for (int i = 0; i < count; i++) {
                    s0 += wdev[wa + i] * dev[bo + i];
                }
                s[a * d + b] += s0;
            }
        }
    }
}
