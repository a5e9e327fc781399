package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.bayes.models.ConjugateLinearRegression;
import org.elbo4j.infer.LogDensityHessian;
import org.junit.jupiter.api.Test;

/**
 * {@link DensityFit}: the fit loop on a public {@link org.elbo4j.infer.LogDensity}. It reproduces
 * {@link BayesFit}'s optimisation phase exactly on a model's unconstrained density (same seed),
 * and recovers a Gaussian target N(m, S) given in closed form: exactly (1e−8) for Laplace and MAP,
 * within Monte Carlo error for the full-rank guide (the averaged iterates of a converged fit scatter
 * by about 0.05 sd; the tolerances 0.15 sd and 10 % of the variances are over 3 such sd).
 */
class DensityFitTest {

    static final double[] M = {1.0, -2.0, 0.5};
    static final double[][] PRECISION = {{2.0, 0.6, 0.0}, {0.6, 1.0, 0.3}, {0.0, 0.3, 4.0}};

    /** ℓ(u) = −½ (u − m)ᵀ Λ (u − m), exact Hessian Λ. */
    static final LogDensityHessian GAUSSIAN = (u, gradient, negativeHessian) -> {
        double value = 0;
        for (int i = 0; i < 3; i++) {
            double lu = 0;
            for (int j = 0; j < 3; j++) {
                lu += PRECISION[i][j] * (u[j] - M[j]);
                if (negativeHessian != null) {
                    negativeHessian[i][j] = PRECISION[i][j];
                }
            }
            value -= 0.5 * (u[i] - M[i]) * lu;
            if (gradient != null) {
                gradient[i] = -lu;
            }
        }
        return value;
    };

    @Test
    void reproducesTheOptimisationOfBayesFit() {
        ConjugateLinearRegression model = ConjugateRegressionFixture.model(true);
        UnconstrainedLayout layout = UnconstrainedLayout.of(model);
        GuideFamily[] families = {GuideFamily.MEAN_FIELD, GuideFamily.FULL_RANK, GuideFamily.LAPLACE};
        for (GuideFamily family : families) {
            FitConfig config = FitConfig.defaults().withGuide(family).withEvidenceSamples(0).withSeed(7);
            FitResult viaModel = BayesFit.fit(model, config);
            Optimisation viaTarget = DensityFit.fit(UnconstrainedDensity.of(model, layout), new double[layout.dim()],
                    layout.coordinateNames(), config);
            assertEquals(viaModel.verdict(), viaTarget.verdict(), family.name());
            assertEquals(viaModel.steps(), viaTarget.steps(), family.name());
            assertArrayEquals(viaModel.guide().mean(), viaTarget.guide().mean(), 0.0, family.name());
            double[][] a = viaModel.guide().covariance();
            double[][] b = viaTarget.guide().covariance();
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], 0.0, family.name() + " covariance row " + i);
            }
            assertEquals(layout.coordinateNames(), viaTarget.guide().coordinateNames());
        }
    }

    @Test
    void laplaceAndMapOfAGaussianAreExact() {
        double[][] s = DenseCholesky.of(PRECISION).inverse();
        Optimisation laplace = DensityFit.fit(GAUSSIAN, new double[3], FitConfig.defaults()
                .withGuide(GuideFamily.LAPLACE).withSeed(1));
        Optimisation map = DensityFit.fit(GAUSSIAN, new double[3], FitConfig.defaults()
                .withGuide(GuideFamily.MAP).withSeed(1));
        assertEquals(List.of("u[0]", "u[1]", "u[2]"), laplace.guide().coordinateNames());
        for (int i = 0; i < 3; i++) {
            assertEquals(M[i], laplace.guide().mean()[i], 1e-8, "Laplace mean " + i);
            assertEquals(M[i], map.guide().mean()[i], 1e-8, "MAP mode " + i);
            for (int j = 0; j < 3; j++) {
                assertEquals(s[i][j], laplace.guide().covariance()[i][j], 1e-8, "Laplace cov " + i + "," + j);
                assertEquals(0.0, map.guide().covariance()[i][j], 0.0);
            }
        }
    }

    @Test
    void fullRankGuideRecoversAGaussianTarget() {
        double[][] s = DenseCholesky.of(PRECISION).inverse();
        Optimisation r = DensityFit.fit(GAUSSIAN, new double[] {5, 5, 5}, FitConfig.defaults()
                .withGuide(GuideFamily.FULL_RANK).withAverageIterates(true).withSeed(3));
        assertTrue(r.verdict().isUsable(), r.reason());
        double[][] cov = r.guide().covariance();
        for (int i = 0; i < 3; i++) {
            double sd = Math.sqrt(s[i][i]);
            assertEquals(M[i], r.guide().mean()[i], 0.15 * sd, "mean " + i);
            assertEquals(s[i][i], cov[i][i], 0.1 * s[i][i], "variance " + i);
        }
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("DensityFit: a LogDensity has no data to subsample, batchSize must be 0, got 10",
                assertThrows(IllegalArgumentException.class, () -> DensityFit.fit(GAUSSIAN, new double[3],
                        FitConfig.defaults().withBatchSize(10))).getMessage());
        assertEquals("DensityFit: names must have one entry per coordinate (3), got 1",
                assertThrows(IllegalArgumentException.class, () -> DensityFit.fit(GAUSSIAN, new double[3],
                        List.of("a"), FitConfig.defaults())).getMessage());
        assertEquals("DensityFit: init must be finite, got Infinity at index 2",
                assertThrows(IllegalArgumentException.class, () -> DensityFit.fit(GAUSSIAN,
                        new double[] {0, 0, Double.POSITIVE_INFINITY}, FitConfig.defaults())).getMessage());
    }
}
