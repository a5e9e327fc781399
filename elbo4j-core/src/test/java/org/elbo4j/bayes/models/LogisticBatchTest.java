package org.elbo4j.bayes.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * {@link LogisticRegression#logDensities} (the blocked kernel of {@link LogisticLikelihood})
 * against {@link LogisticRegression#curvature} point by point, on random data with fixed seeds.
 * N = 1003 rows: seven full blocks of 128 and a partial one whose length is not a multiple of 4.
 *
 * <p>Tolerances: values 1e-12 relative (ℓ is a sum of non-positive terms, so its magnitude bounds
 * the rounding of either sum; measured about 1e-15 here and 1e-14 at N = 10,000); gradient
 * coordinate j within 1e-12 × S_j with S_j = Σ_n |z_nj| + |θ_j|/τ², the sum of the magnitudes
 * its terms can have (measured below 1e-15 × S_j).
 */
class LogisticBatchTest {

    private static final int N = 1003;
    private static final double TAU = 1.7;

    private static double[][] design(Rng rng, int n, int features) {
        double[][] x = new double[n][features];
        for (double[] row : x) {
            for (int j = 0; j < features; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return x;
    }

    private static double[] labels(Rng rng, double[][] x) {
        double[] y = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            double eta = 0.3;
            for (int j = 0; j < x[n].length; j++) {
                eta += (j % 2 == 0 ? 0.6 : -0.4) * x[n][j];
            }
            y[n] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        return y;
    }

    private static double[] points(Rng rng, int k, int d, double scale) {
        double[] p = new double[k * d];
        for (int i = 0; i < p.length; i++) {
            p[i] = scale * rng.nextGaussian();
        }
        return p;
    }

    /** Checks logDensities at the given points (with and without gradients) against curvature. */
    private static void assertMatchesCurvature(LogisticRegression model, double[][] x, boolean intercept,
            double[] points, int k) {
        int d = x[0].length + (intercept ? 1 : 0);
        double[] values = new double[k];
        double[] gradients = new double[k * d];
        model.logDensities(points, k, values, gradients);
        double[] valuesOnly = new double[k];
        model.logDensities(points, k, valuesOnly, null);
        assertArrayEquals(values, valuesOnly, "values must not depend on whether gradients are asked for");
        for (int p = 0; p < k; p++) {
            double[] u = java.util.Arrays.copyOfRange(points, p * d, (p + 1) * d);
            double[] g = new double[d];
            double expected = model.curvature(u, g, null);
            assertTrue(Double.isFinite(values[p]), "value " + values[p] + " at point " + p);
            assertEquals(expected, values[p], 1e-12 * Math.abs(expected), "value at point " + p + " of " + k);
            for (int j = 0; j < d; j++) {
                double scale = Math.abs(u[j]) / (TAU * TAU);
                for (double[] row : x) {
                    scale += intercept && j == 0 ? 1 : Math.abs(row[j - (intercept ? 1 : 0)]);
                }
                double actual = gradients[p * d + j];
                assertTrue(Double.isFinite(actual), "gradient " + actual + " at point " + p);
                assertEquals(g[j], actual, 1e-12 * scale, "gradient coordinate " + j + " at point " + p + " of " + k);
            }
        }
    }

    @Test
    void matchesCurvatureForEveryBatchSizeWithAndWithoutIntercept() {
        int[] featureCounts = {7, 4};
        for (boolean intercept : new boolean[] {true, false}) {
            for (int features : featureCounts) {
                Rng rng = Rng.of(31 + features);
                double[][] x = design(rng, N, features);
                LogisticRegression model = LogisticRegression.of(x, labels(rng, x), TAU, intercept);
                int d = features + (intercept ? 1 : 0);
                for (int k : new int[] {1, 2, 5, 256}) {
                    assertMatchesCurvature(model, x, intercept, points(rng.child(k), k, d, 0.5), k);
                }
            }
        }
    }

    @Test
    void matchesCurvatureForOneTwoAndThreeFeatures() {
        for (int features = 1; features <= 3; features++) {
            for (boolean intercept : new boolean[] {true, false}) {
                Rng rng = Rng.of(100 + features);
                double[][] x = design(rng, N, features);
                LogisticRegression model = LogisticRegression.of(x, labels(rng, x), TAU, intercept);
                int d = features + (intercept ? 1 : 0);
                assertMatchesCurvature(model, x, intercept, points(rng, 3, d, 1.0), 3);
            }
        }
    }

    @Test
    void severalPointsWhenTheDimensionIsOne() {
        Rng rng = Rng.of(7);
        double[][] x = design(rng, N, 1);
        LogisticRegression model = LogisticRegression.of(x, labels(rng, x), TAU, false);
        assertMatchesCurvature(model, x, false, new double[] {-2.0, -0.1, 0.0, 0.7, 3.0}, 5);
    }

    @Test
    void fewerRowsThanABlockOrAGroupOfFour() {
        Rng rng = Rng.of(8);
        for (int n : new int[] {1, 3, 130}) {
            double[][] x = design(rng, n, 5);
            LogisticRegression model = LogisticRegression.of(x, labels(rng, x), TAU, true);
            assertMatchesCurvature(model, x, true, points(rng, 5, 6, 0.8), 5);
        }
    }

    @Test
    void hugeLinearPredictorsGiveFiniteResultsThatMatchCurvature() {
        Rng rng = Rng.of(9);
        double[][] x = design(rng, N, 3);
        double[] y = labels(rng, x);
        for (boolean intercept : new boolean[] {true, false}) {
            LogisticRegression model = LogisticRegression.of(x, y, TAU, intercept);
            int d = 3 + (intercept ? 1 : 0);
            // |η| up to about 1e3, 1e7 and 1e12: e^{−|η|} underflows, softplus(η) is η or 0
            for (double scale : new double[] {300, 3e6, 3e11}) {
                assertMatchesCurvature(model, x, intercept, points(rng, 4, d, scale), 4);
            }
            // η = 0 on every row: ℓ = −N log 2 + log prior, residuals y − 1/2
            assertMatchesCurvature(model, x, intercept, new double[d], 1);
        }
    }

    @Test
    void eachPointGivesTheSameBitsInAnyBatchOnAnyCallAndThread() throws InterruptedException {
        Rng rng = Rng.of(10);
        double[][] x = design(rng, N, 6);
        LogisticRegression model = LogisticRegression.of(x, labels(rng, x), TAU, true);
        int d = 7;
        int k = 37;
        double[] points = points(rng, k, d, 0.5);
        double[] values = new double[k];
        double[] gradients = new double[k * d];
        model.logDensities(points, k, values, gradients);
        for (int p = 0; p < k; p += 6) {
            double[] one = new double[1];
            double[] g = new double[d];
            model.logDensities(java.util.Arrays.copyOfRange(points, p * d, (p + 1) * d), 1, one, g);
            assertEquals(Double.doubleToLongBits(values[p]), Double.doubleToLongBits(one[0]), "point " + p);
            assertArrayEquals(java.util.Arrays.copyOfRange(gradients, p * d, (p + 1) * d), g, "point " + p);
        }
        double[][] again = new double[4][];
        double[][] againGradients = new double[4][];
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int index = t;
            threads[t] = new Thread(() -> {
                double[] v = new double[k];
                double[] g = new double[k * d];
                for (int rep = 0; rep < 5; rep++) {
                    model.logDensities(points, k, v, g);
                }
                again[index] = v;
                againGradients[index] = g;
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int t = 0; t < threads.length; t++) {
            assertArrayEquals(values, again[t], "thread " + t);
            assertArrayEquals(gradients, againGradients[t], "thread " + t);
        }
    }

    @Test
    void rejectsPointsOfTheWrongShape() {
        Rng rng = Rng.of(11);
        double[][] x = design(rng, 20, 2);
        LogisticRegression model = LogisticRegression.of(x, labels(rng, x), TAU, true);
        assertThrows(IllegalArgumentException.class, () -> model.logDensities(new double[7], 2, new double[2], null));
        assertThrows(IllegalArgumentException.class, () -> model.logDensities(new double[6], 2, new double[1], null));
        assertThrows(IllegalArgumentException.class,
                () -> model.logDensities(new double[6], 2, new double[2], new double[5]));
        double[] none = new double[0];
        model.logDensities(none, 0, none, none);
    }
}
