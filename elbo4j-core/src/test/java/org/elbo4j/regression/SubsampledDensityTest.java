package org.elbo4j.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.elbo4j.formula.DataFrame;
import org.elbo4j.formula.Formula;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Families;
import org.junit.jupiter.api.Test;

/**
 * The minibatch log density of a formula model ({@link RegressionModel} as an
 * {@code infer.SubsampledLogDensity}): ℓ_B(u) = (N/|B|) Σ_{i∈B} log p(y_i | u) + priors, on a
 * simulated gaussian model with correlated group intercepts and slopes (10 groups of 20 rows,
 * d = 2 + 1 + 2 + 1 + 20 + 1 = 27 coordinates including the correlation factor and log sigma).
 */
class SubsampledDensityTest {

    private static RegressionModel model() {
        DataFrame data = DataFrame.parse(SimulatedData.poissonGroups(5, 10, 20, 0.5, 0.3, 0.5, 0.25, 0.3), "sim.csv");
        return RegressionModel.of(ModelFrame.of(Formula.parse("yg ~ x + (1 + x | g)"), data),
                Families.parse("gaussian"), null);
    }

    private static double[] point(int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] u = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = 0.5 * (rng.nextDouble() * 2 - 1);
        }
        return u;
    }

    /** B = all N rows in order with scale 1 is the full density, bit for bit (same sums in the same order). */
    @Test
    void allRowsEqualTheFullDensityExactly() {
        RegressionModel m = model();
        int d = m.dim();
        int n = m.observationCount();
        double[] points = new double[2 * d];
        System.arraycopy(point(d, 1), 0, points, 0, d);
        System.arraycopy(point(d, 2), 0, points, d, d);
        double[] fullValues = new double[2];
        double[] fullGrads = new double[2 * d];
        m.logDensities(points, 2, fullValues, fullGrads);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        double[] values = new double[2];
        double[] grads = new double[2 * d];
        m.logDensities(points, 2, rows, 1.0, values, grads);
        assertArrayEquals(fullValues, values, 0.0);
        assertArrayEquals(fullGrads, grads, 0.0);
    }

    /**
     * Averaged over the N/B = 10 disjoint batches of a partition, the scaled batch densities equal
     * the full density (each row counted once, the priors once per batch): equal up to rounding.
     */
    @Test
    void partitionAverageEqualsTheFullDensity() {
        RegressionModel m = model();
        int d = m.dim();
        int n = m.observationCount();
        int b = 20;
        double[] u = point(d, 3);
        double[] full = new double[d];
        double fullValue = m.logDensity(u, full);
        double mean = 0;
        double[] meanGrad = new double[d];
        double[] value = new double[1];
        double[] grad = new double[d];
        for (int start = 0; start < n; start += b) {
            int[] rows = new int[b];
            for (int i = 0; i < b; i++) {
                rows[i] = start + i;
            }
            m.logDensities(u, 1, rows, (double) n / b, value, grad);
            mean += value[0] / (n / b);
            for (int i = 0; i < d; i++) {
                meanGrad[i] += grad[i] / (n / b);
            }
        }
        assertEquals(fullValue, mean, 1e-9 * Math.abs(fullValue));
        for (int i = 0; i < d; i++) {
            assertEquals(full[i], meanGrad[i], 1e-9 * (1 + Math.abs(full[i])), "coordinate " + i);
        }
    }

    /**
     * E_B[ℓ_B] = ℓ and E_B[∇ℓ_B] = ∇ℓ for B of 20 rows drawn without replacement (partial
     * Fisher–Yates, as the fit draws them): the mean of R = 4000 batches is within 4.5 standard
     * errors (the sample sd / √R) of the full value, for the value and each of the 27 gradient
     * coordinates. Per comparison the two-sided normal tail beyond 4.5 is 6.8e-6, so the
     * false-failure rate of the 28 comparisons is below 2e-4 (the seed is fixed). The same batches
     * with the scale N/|B| left out (scale 1) miss by far more, so the test can fail.
     */
    @Test
    void randomBatchesAreUnbiased() {
        RegressionModel m = model();
        int d = m.dim();
        int n = m.observationCount();
        int b = 20;
        int r = 4000;
        double[] u = point(d, 4);
        double[] full = new double[d + 1];
        double[] fullGrad = new double[d];
        full[d] = m.logDensity(u, fullGrad);
        System.arraycopy(fullGrad, 0, full, 0, d);
        double[] sum = new double[d + 1];
        double[] sumSq = new double[d + 1];
        double unscaledSum = 0;
        int[] permutation = new int[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(2026);
        double[] value = new double[1];
        double[] grad = new double[d];
        for (int t = 0; t < r; t++) {
            for (int i = 0; i < b; i++) {
                int j = i + rng.nextInt(n - i);
                int tmp = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = tmp;
            }
            int[] rows = java.util.Arrays.copyOf(permutation, b);
            m.logDensities(u, 1, rows, (double) n / b, value, grad);
            for (int i = 0; i <= d; i++) {
                double x = i < d ? grad[i] : value[0];
                sum[i] += x;
                sumSq[i] += x * x;
            }
            m.logDensities(u, 1, rows, 1.0, value, null);
            unscaledSum += value[0];
        }
        for (int i = 0; i <= d; i++) {
            double mean = sum[i] / r;
            double sd = Math.sqrt(Math.max(sumSq[i] / r - mean * mean, 0) * r / (r - 1));
            double se = sd / Math.sqrt(r);
            assertTrue(Math.abs(mean - full[i]) <= 4.5 * se + 1e-9 * (1 + Math.abs(full[i])),
                    (i < d ? "gradient " + i : "value") + ": mean " + mean + ", full " + full[i] + ", se " + se);
        }
        double valueSe = Math.sqrt(Math.max(sumSq[d] / r - Math.pow(sum[d] / r, 2), 0) / (r - 1));
        assertTrue(Math.abs(unscaledSum / r - full[d]) > 10 * valueSe, "unscaled batches must be biased");
    }
}
