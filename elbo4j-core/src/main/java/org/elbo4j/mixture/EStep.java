package org.elbo4j.mixture;

import org.elbo4j.tensor.kernel.Parallel;
import org.elbo4j.tensor.kernel.Simd;

/**
 * The E-step shared by EM and variational Bayes: for component log-terms
 * {@code ℓ_nk = b_k − ½ m_nk} (b_k a per-component constant, m_nk the squared Mahalanobis distance
 * of {@link Whitening}) it sets
 *
 * <pre>  r_nk = exp(ℓ_nk − s_n),   s_n = log Σ_k exp(ℓ_nk) = max_k ℓ_nk + log Σ_k exp(ℓ_nk − max_k ℓ_nk)</pre>
 *
 * (log-sum-exp, so that no exponential overflows or all underflow) and accumulates Σ_n s_n,
 * Σ_n Σ_k r_nk log r_nk, N_k and Σ_n r_nk x_n. EM uses {@code b_k = log π_k − ½(d log 2π + log|Σ_k|)},
 * so that ℓ_nk = log π_k N(x_n | μ_k, Σ_k) and Σ_n s_n is the log-likelihood.
 *
 * <p>The points are cut into the fixed tasks of {@link MixtureData}; each task sums its own points
 * and the task sums are added in task order, so the result does not depend on the thread count.
 */
final class EStep {

    private EStep() {
    }

    private static double dot(double[] p, int po, double[] q, int qo, int count) {
        if (Simd.enabled()) {
            return VectorKernels.dot(p, po, q, qo, count);
        }
        double s = 0;
        for (int i = 0; i < count; i++) {
            s += p[po + i] * q[qo + i];
        }
        return s;
    }

    static Responsibilities run(MixtureData data, Whitening w, double[] bias) {
        final int B = MixtureData.BLOCK;
        int k = bias.length;
        int d = data.dimension();
        int tasks = data.tasks();
        double[] values = new double[data.blocks() * k * B];
        double[][] taskStats = new double[tasks][];
        double[] x = data.values();
        Parallel.forEachTask(tasks, t -> {
            // stats layout: [0] Σ s_n, [1] Σ r log r, [2, 2 + k) N_k, then k·d sums
            double[] stats = new double[2 + k + k * d];
            double[] lp = new double[k * B];
            double[] y = new double[B];
            double[] m = new double[B];
            double[] max = new double[B];
            double[] sum = new double[B];
            double[] lse = new double[B];
            int lastBlock = Math.min(data.blocks(), (t + 1) * MixtureData.TASK_BLOCKS);
            for (int b = t * MixtureData.TASK_BLOCKS; b < lastBlock; b++) {
                int count = data.count(b);
                int off = data.offset(b);
                java.util.Arrays.fill(max, 0, count, Double.NEGATIVE_INFINITY);
                for (int c = 0; c < k; c++) {
                    w.distances(x, off, count, c, m, y);
                    double bc = bias[c];
                    int o = c * B;
                    for (int i = 0; i < count; i++) {
                        double v = bc - 0.5 * m[i];
                        lp[o + i] = v;
                        max[i] = Math.max(max[i], v);
                    }
                }
                java.util.Arrays.fill(sum, 0, count, 0.0);
                int rOff = b * k * B;
                for (int c = 0; c < k; c++) {
                    int o = c * B;
                    for (int i = 0; i < count; i++) {
                        double e = Math.exp(lp[o + i] - max[i]);
                        values[rOff + o + i] = e;
                        sum[i] += e;
                    }
                }
                double sLog = 0;
                for (int i = 0; i < count; i++) {
                    lse[i] = max[i] + Math.log(sum[i]);
                    sLog += lse[i];
                    sum[i] = 1.0 / sum[i];
                }
                stats[0] += sLog;
                double rlr = 0;
                for (int c = 0; c < k; c++) {
                    int o = c * B;
                    double nk = 0;
                    for (int i = 0; i < count; i++) {
                        double r = values[rOff + o + i] * sum[i];
                        values[rOff + o + i] = r;
                        nk += r;
                        if (r > 0) {
                            rlr += r * (lp[o + i] - lse[i]);
                        }
                    }
                    stats[2 + c] += nk;
                    int so = 2 + k + c * d;
                    for (int j = 0; j < d; j++) {
                        int xo = off + j * B;
                        stats[so + j] += dot(values, rOff + o, x, xo, count);
                    }
                }
                stats[1] += rlr;
            }
            taskStats[t] = stats;
        });
        double logNorm = 0;
        double rlr = 0;
        double[] counts = new double[k];
        double[][] sums = new double[k][d];
        for (double[] s : taskStats) {
            logNorm += s[0];
            rlr += s[1];
            for (int c = 0; c < k; c++) {
                counts[c] += s[2 + c];
                for (int j = 0; j < d; j++) {
                    sums[c][j] += s[2 + k + c * d + j];
                }
            }
        }
        return new Responsibilities(data.size(), k, values, counts, sums, logNorm, rlr);
    }
}
