package org.elbo4j.bayes.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.infer.SubsampledLogDensity;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * The minibatch log densities ℓ_B = (N/|B|) Σ_{n∈B} ℓ_n + log prior (+ log-Jacobian) of
 * {@link LogisticRegression} and {@link LinearRegression} ({@code infer.SubsampledLogDensity}):
 * <ul>
 *   <li>B = all rows with scale 1 equals the full-data {@code logDensities} (1e-12 relative);</li>
 *   <li>unbiased: averaged over all C(8, 3) = 56 batches of 3 out of N = 8 rows, value and gradient
 *       equal the full-data ones (exact identity, up to rounding: 1e-12 relative);</li>
 *   <li>unbiased under random batches as {@code bayes.VariationalLoop} draws them (uniform without
 *       replacement): the mean over 4000 batches of 10 out of N = 200 is within 4.5 standard errors
 *       of the full-data value and of each gradient coordinate (per coordinate false-failure
 *       rate 7e-6, so below 1e-4 for the 2 × 5 values checked; the seed is fixed);</li>
 *   <li>logistic's gradient against central differences of ℓ_B (step 1e-5, 1e-6 relative).</li>
 * </ul>
 */
class SubsampledRegressionTest {

    private static List<SubsampledLogDensity> models(int n, long seed) {
        Rng rng = Rng.of(seed);
        double[][] x = new double[n][3];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double eta = 0.3;
            for (int j = 0; j < 3; j++) {
                x[i][j] = rng.nextGaussian();
                eta += (1 - j) * x[i][j];
            }
            y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
            z[i] = eta + 0.5 * rng.nextGaussian();
        }
        return List.of(LogisticRegression.of(x, y, 1.5, true),
                LinearRegression.of(x, z, 1.5, LinearRegression.NoisePrior.HALF_NORMAL, 1.0, true));
    }

    private static final double[] LOGISTIC_U = {0.1, 0.8, 0.2, -0.9};
    private static final double[] LINEAR_U = {0.1, 0.8, 0.2, -0.9, -0.5};

    private static double[] point(SubsampledLogDensity m) {
        return m instanceof LogisticRegression ? LOGISTIC_U : LINEAR_U;
    }

    @Test
    void allRowsAtScaleOneIsTheFullData() {
        for (SubsampledLogDensity m : models(30, 3)) {
            double[] u = point(m);
            int d = u.length;
            double[] full = new double[1];
            double[] gFull = new double[d];
            m.logDensities(u, 1, full, gFull);
            double[] all = new double[1];
            double[] gAll = new double[d];
            m.logDensities(u, 1, java.util.stream.IntStream.range(0, 30).toArray(), 1, all, gAll);
            assertEquals(full[0], all[0], 1e-12 * Math.abs(full[0]));
            for (int j = 0; j < d; j++) {
                assertEquals(gFull[j], gAll[j], 1e-12 * (1 + Math.abs(gFull[j])));
            }
            assertThrows(IllegalArgumentException.class, () -> m.logDensities(u, 1, new int[] {-1}, 1, all, gAll));
        }
    }

    @Test
    void theAverageOverEveryBatchIsTheFullData() {
        int n = 8;
        for (SubsampledLogDensity m : models(n, 4)) {
            double[] u = point(m);
            int d = u.length;
            double[] full = new double[1];
            double[] gFull = new double[d];
            m.logDensities(u, 1, full, gFull);
            double sum = 0;
            double[] gSum = new double[d];
            int count = 0;
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    for (int c = b + 1; c < n; c++) {
                        double[] v = new double[1];
                        double[] g = new double[d];
                        m.logDensities(u, 1, new int[] {c, a, b}, n / 3.0, v, g);
                        sum += v[0];
                        for (int j = 0; j < d; j++) {
                            gSum[j] += g[j];
                        }
                        count++;
                    }
                }
            }
            assertEquals(56, count);
            assertEquals(full[0], sum / count, 1e-12 * Math.abs(full[0]));
            for (int j = 0; j < d; j++) {
                assertEquals(gFull[j], gSum[j] / count, 1e-12 * (1 + Math.abs(gFull[j])), "gradient " + j);
            }
        }
    }

    @Test
    void randomBatchesAreUnbiased() {
        int n = 200;
        int b = 10;
        int draws = 4000;
        for (SubsampledLogDensity m : models(n, 5)) {
            double[] u = point(m);
            int d = u.length;
            double[] full = new double[1];
            double[] gFull = new double[d];
            m.logDensities(u, 1, full, gFull);
            Rng rng = Rng.of(6);
            int[] perm = java.util.stream.IntStream.range(0, n).toArray();
            double[][] samples = new double[d + 1][draws];
            for (int s = 0; s < draws; s++) {
                for (int i = 0; i < b; i++) {
                    int j = i + rng.nextInt(n - i);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
                Minibatch batch = Minibatch.of(n, java.util.Arrays.copyOf(perm, b));
                double[] v = new double[1];
                double[] g = new double[d];
                m.logDensities(u, 1, batch.indices(), batch.scale(), v, g);
                samples[0][s] = v[0];
                for (int j = 0; j < d; j++) {
                    samples[1 + j][s] = g[j];
                }
            }
            List<Double> expected = new ArrayList<>();
            expected.add(full[0]);
            for (double g : gFull) {
                expected.add(g);
            }
            for (int k = 0; k <= d; k++) {
                double mean = 0;
                for (double v : samples[k]) {
                    mean += v / draws;
                }
                double var = 0;
                for (double v : samples[k]) {
                    var += (v - mean) * (v - mean) / (draws - 1);
                }
                double se = Math.sqrt(var / draws);
                assertEquals(expected.get(k), mean, 4.5 * se, m.getClass().getSimpleName() + " coordinate " + k);
            }
        }
    }

    @Test
    void theLogisticMinibatchGradientMatchesDifferences() {
        LogisticRegression m = (LogisticRegression) models(50, 7).get(0);
        int[] rows = {4, 9, 33, 0, 49, 12};
        double scale = 50 / 6.0;
        double[] u = LOGISTIC_U;
        double[] g = new double[4];
        m.logDensities(u, 1, rows, scale, new double[1], g);
        for (int i = 0; i < 4; i++) {
            double[] up = u.clone();
            double[] um = u.clone();
            up[i] += 1e-5;
            um[i] -= 1e-5;
            double[] vp = new double[1];
            double[] vm = new double[1];
            m.logDensities(up, 1, rows, scale, vp, null);
            m.logDensities(um, 1, rows, scale, vm, null);
            double fd = (vp[0] - vm[0]) / 2e-5;
            assertEquals(fd, g[i], 1e-6 * (1 + Math.abs(fd)), "coordinate " + i);
        }
    }
}
