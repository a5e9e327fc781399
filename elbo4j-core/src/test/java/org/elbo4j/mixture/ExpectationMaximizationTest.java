package org.elbo4j.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.infer.Verdict;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.kernel.Parallel;
import org.elbo4j.tensor.kernel.Simd;
import org.junit.jupiter.api.Test;

class ExpectationMaximizationTest {

    static final double[][] MEANS = {{0, 0}, {6, 5}, {-6, 5}};
    static final double[] WEIGHTS = {0.5, 0.3, 0.2};
    /** Cholesky factors (row-major 2×2 lower) of the true covariances. */
    static final double[][] CHOL = {{1.0, 0, 0.6, 0.8}, {0.5, 0, -0.3, 1.2}, {1.5, 0, 0, 0.7}};

    /** n points from the known three-component mixture, component labels in {@code labels}. */
    static double[][] sample(int n, long seed, int[] labels) {
        Rng rng = Rng.of(seed);
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int k = u < WEIGHTS[0] ? 0 : u < WEIGHTS[0] + WEIGHTS[1] ? 1 : 2;
            double z0 = rng.nextGaussian();
            double z1 = rng.nextGaussian();
            x[i][0] = MEANS[k][0] + CHOL[k][0] * z0;
            x[i][1] = MEANS[k][1] + CHOL[k][2] * z0 + CHOL[k][3] * z1;
            if (labels != null) {
                labels[i] = k;
            }
        }
        return x;
    }

    @Test
    void recoversAKnownMixture() {
        MixtureData data = MixtureData.of(sample(1500, 11, null));
        MixtureFit fit = ExpectationMaximization.of(3, CovarianceType.FULL).restarts(3).seed(1).fit(data);
        assertEquals(Verdict.CONVERGED, fit.verdict(), fit.reason());
        GaussianMixture g = fit.mixture();
        for (int t = 0; t < 3; t++) {
            int k = nearest(g, MEANS[t]);
            // standard errors: mean ≤ 1.5/√300 ≈ 0.09, weight √(.25/1500) ≈ 0.013, variance ≈ σ²√(2/300);
            // tolerances of 4-5 standard errors: a false failure for a new seed has probability < 1e-4
            assertEquals(MEANS[t][0], g.mean(k)[0], 0.35, "mean x of " + t);
            assertEquals(MEANS[t][1], g.mean(k)[1], 0.35, "mean y of " + t);
            assertEquals(WEIGHTS[t], g.weights()[k], 0.06, "weight of " + t);
            double varX = CHOL[t][0] * CHOL[t][0];
            assertEquals(varX, g.covariance(k)[0][0], 0.4 * varX, "variance x of " + t);
            double cov = CHOL[t][0] * CHOL[t][2];
            assertEquals(cov, g.covariance(k)[0][1], 0.15, "covariance of " + t);
        }
    }

    private static int nearest(GaussianMixture g, double[] m) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int k = 0; k < g.components(); k++) {
            double dx = g.mean(k)[0] - m[0];
            double dy = g.mean(k)[1] - m[1];
            if (dx * dx + dy * dy < bestD) {
                bestD = dx * dx + dy * dy;
                best = k;
            }
        }
        return best;
    }

    /** EM as VI: after every E-step the ELBO, computed term by term, equals log p(X | θ). */
    @Test
    void elboAfterEveryEStepEqualsTheLogLikelihood() {
        MixtureData data = MixtureData.of(sample(600, 5, null));
        for (CovarianceType type : CovarianceType.values()) {
            ExpectationMaximization em = ExpectationMaximization.of(4, type).seed(3);
            GaussianMixture theta = em.start(data, 0);
            double previous = Double.NEGATIVE_INFINITY;
            for (int it = 0; it < 15; it++) {
                Responsibilities r = theta.posterior(data);
                double ll = r.logNormalizer();
                double elbo = MixtureElbo.of(data, theta, r);
                assertEquals(ll, elbo, 1e-9 * Math.abs(ll), type + " iteration " + it);
                assertTrue(ll >= previous - 1e-12 * Math.abs(ll), type + " log-likelihood fell at " + it);
                previous = ll;
                // any other q gives a strictly smaller bound (the gap is Σ_n KL(q ‖ posterior))
                Responsibilities flat = Responsibilities.of(data, uniform(data.size(), 4));
                assertTrue(MixtureElbo.of(data, theta, flat) < ll, type + " uniform q");
                theta = em.mStep(data, r);
            }
        }
    }

    private static double[][] uniform(int n, int k) {
        double[][] r = new double[n][k];
        for (double[] row : r) {
            java.util.Arrays.fill(row, 1.0 / k);
        }
        return r;
    }

    @Test
    void logLikelihoodNeverDecreases() {
        MixtureData data = MixtureData.of(sample(900, 8, null));
        for (CovarianceType type : CovarianceType.values()) {
            MixtureFit fit = ExpectationMaximization.of(5, type).tolerance(1e-10).maxIterations(200).seed(2).fit(data);
            assertTrue(fit.trace().size() > 5, type + " ran " + fit.trace().size());
            assertTrue(fit.trace().largestRelativeDecrease() <= 1e-13, type + " fell by "
                    + fit.trace().largestRelativeDecrease());
            assertTrue(fit.verdict() == Verdict.CONVERGED || fit.verdict() == Verdict.MAX_STEPS, fit.reason());
            assertEquals(fit.logLikelihood(), fit.trace().last(), 0.0);
        }
    }

    @Test
    void sameBitsForOneAndTwoThreads() {
        // 5,000 points: three tasks of 2,048, so two threads really split the work
        MixtureData data = MixtureData.of(sample(5000, 21, null));
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            MixtureFit one = ExpectationMaximization.of(3, CovarianceType.FULL).maxIterations(30).fit(data);
            Parallel.setThreads(2);
            MixtureFit two = ExpectationMaximization.of(3, CovarianceType.FULL).maxIterations(30).fit(data);
            assertArrayEquals(one.trace().toArray(), two.trace().toArray());
            for (int k = 0; k < 3; k++) {
                assertArrayEquals(one.mixture().mean(k), two.mixture().mean(k));
                assertArrayEquals(one.mixture().covariance(k)[1], two.mixture().covariance(k)[1]);
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void scalarAndVectorKernelsAgree() {
        MixtureData data = MixtureData.of(sample(1000, 13, null));
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixture start = ExpectationMaximization.of(4, type).start(data, 0);
            boolean saved = Simd.enabled();
            try {
                Simd.setEnabled(false);
                MixtureFit scalar = ExpectationMaximization.of(4, type).maxIterations(10).fitFrom(data, start, 0);
                Simd.setEnabled(Simd.available());
                MixtureFit vector = ExpectationMaximization.of(4, type).maxIterations(10).fitFrom(data, start, 0);
                // lanes sum in another order: round-off only, amplified a little by 10 iterations
                assertEquals(scalar.logLikelihood(), vector.logLikelihood(), 1e-11 * Math.abs(scalar.logLikelihood()),
                        type.toString());
            } finally {
                Simd.setEnabled(saved);
            }
        }
    }

    @Test
    void bestRestartWins() {
        MixtureData data = MixtureData.of(sample(400, 4, null));
        MixtureFit fit = ExpectationMaximization.of(6, CovarianceType.DIAG).restarts(4).seed(9).fit(data);
        double[] all = fit.restartObjectives();
        assertEquals(4, all.length);
        for (double v : all) {
            assertTrue(v <= fit.logLikelihood());
        }
        assertEquals(all[fit.restart()], fit.logLikelihood(), 0.0);
    }

    @Test
    void parameterCountsAreScikitLearns() {
        MixtureData data = MixtureData.of(sample(50, 1, null));
        // sklearn _n_parameters for K = 3, d = 2: full 17, diag 14, spherical 11, tied 11
        assertEquals(17, ExpectationMaximization.of(3, CovarianceType.FULL).fit(data).mixture().parameterCount());
        assertEquals(14, ExpectationMaximization.of(3, CovarianceType.DIAG).fit(data).mixture().parameterCount());
        assertEquals(11, ExpectationMaximization.of(3, CovarianceType.SPHERICAL).fit(data).mixture().parameterCount());
        assertEquals(11, ExpectationMaximization.of(3, CovarianceType.TIED).fit(data).mixture().parameterCount());
    }

    @Test
    void badInputIsRejectedWithOneClearMessage() {
        MixtureData data = MixtureData.of(sample(5, 1, null));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> ExpectationMaximization.of(6, CovarianceType.FULL).fit(data));
        assertTrue(tooMany.getMessage().contains("k = 6 exceeds the number of points, 5"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExpectationMaximization.of(0, CovarianceType.FULL));
        assertThrows(IllegalArgumentException.class,
                () -> ExpectationMaximization.of(2, CovarianceType.FULL).regCovar(-1));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> MixtureData.of(new double[][] {{1, 2}, {3, Double.NaN}}));
        assertTrue(nan.getMessage().contains("row 1, column 1"), nan.getMessage());
        // a constant column with no floor: the covariance is singular, and the message says what to do
        double[][] constant = sample(40, 2, null);
        for (double[] row : constant) {
            row[1] = 3.0;
        }
        IllegalArgumentException singular = assertThrows(IllegalArgumentException.class,
                () -> ExpectationMaximization.of(2, CovarianceType.FULL).regCovar(0).fit(MixtureData.of(constant)));
        assertTrue(singular.getMessage().contains("increase regCovar"), singular.getMessage());
    }
}
