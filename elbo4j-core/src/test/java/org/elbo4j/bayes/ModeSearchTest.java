package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.models.EightSchools;
import org.elbo4j.infer.LogDensity;
import org.elbo4j.infer.LogDensityHessian;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * The public target ({@link LogDensity}, {@link LogDensityHessian}) and the one mode search
 * ({@link FiniteDifferenceHessian}, {@link NewtonSearch}) on closed-form log densities, and the
 * bayes implementations of the target ({@link ExactCurvature}, {@link UnconstrainedDensity}).
 * Deterministic. Tolerances: closed forms in double 1e−9 relative (finite differences of an exact
 * double gradient of a quadratic are exact up to rounding); float32 tensor code 1e−4 relative.
 */
class ModeSearchTest {

    /** ℓ(u) = −½ (u − a)ᵀ P (u − a), as a plain LogDensity (no Hessian). */
    private static final double[][] P = {{4.0, 1.0, 0.0}, {1.0, 2.0, -0.5}, {0.0, -0.5, 1.0}};
    private static final double[] A = {1.0, -2.0, 0.5};

    private static double quadratic(double[] u, int offset, double[] g, int gOffset) {
        double value = 0;
        for (int i = 0; i < 3; i++) {
            double pu = 0;
            for (int j = 0; j < 3; j++) {
                pu += P[i][j] * (u[offset + j] - A[j]);
            }
            value -= 0.5 * (u[offset + i] - A[i]) * pu;
            if (g != null) {
                g[gOffset + i] = -pu;
            }
        }
        return value;
    }

    private static final LogDensity QUADRATIC = (points, k, values, gradients) -> {
        for (int p = 0; p < k; p++) {
            values[p] = quadratic(points, 3 * p, gradients, 3 * p);
        }
    };

    /**
     * ℓ(u) = Σ_i (y_i u_i − exp(u_i)) − ||u||² / (2τ²) (a Poisson log-rate with a normal prior), with
     * its exact Hessian H = diag(exp(u_i) + 1/τ²); the mode solves y_i − exp(u_i) − u_i/τ² = 0.
     */
    private static final double[] Y = {3.0, 0.0, 12.0};
    private static final double TAU2 = 4.0;

    private static final LogDensityHessian POISSON = (u, gradient, negativeHessian) -> {
        double value = 0;
        for (int i = 0; i < u.length; i++) {
            double e = Math.exp(u[i]);
            value += Y[i] * u[i] - e - u[i] * u[i] / (2 * TAU2);
            if (gradient != null) {
                gradient[i] = Y[i] - e - u[i] / TAU2;
            }
            if (negativeHessian != null) {
                for (int j = 0; j < u.length; j++) {
                    negativeHessian[i][j] = i == j ? e + 1 / TAU2 : 0;
                }
            }
        }
        return value;
    };

    /** The same ℓ without its Hessian capability, so that the search must use finite differences. */
    private static final LogDensity POISSON_VALUES_ONLY = POISSON::logDensities;

    @Test
    void finiteDifferenceHessianIsExactForAQuadratic() {
        double[] u = {0.3, 0.1, -2.0};
        LocalCurvature c = FiniteDifferenceHessian.at(QUADRATIC, u, FiniteDifferenceHessian.initialSteps(u));
        assertNotNull(c);
        double[] g = new double[3];
        assertEquals(quadratic(u, 0, g, 0), c.value(), 1e-15);
        for (int i = 0; i < 3; i++) {
            assertEquals(g[i], c.gradient()[i], 1e-15, "gradient " + i);
            for (int j = 0; j < 3; j++) {
                assertEquals(P[i][j], c.negativeHessian()[i][j], 1e-9, "H " + i + "," + j);
            }
        }
    }

    @Test
    void finiteDifferenceStepsFollowTheCurvature() {
        double[] h = FiniteDifferenceHessian.initialSteps(new double[] {0.5, -30.0});
        assertEquals(1e-3, h[0], 0.0);
        assertEquals(3e-2, h[1], 1e-17);
        FiniteDifferenceHessian.rescale(new double[][] {{400.0, 0}, {0, -1.0}}, h);
        assertEquals(0.1 / 20, h[0], 1e-17, "a tenth of the Laplace sd");
        assertEquals(3e-2, h[1], 1e-17, "a non-positive curvature leaves the step alone");
    }

    @Test
    void aNonFiniteGradientGivesNoCurvature() {
        LogDensity broken = (points, k, values, gradients) -> {
            for (int p = 0; p < k; p++) {
                values[p] = 0;
                if (gradients != null) {
                    gradients[p] = p == 2 ? Double.NaN : 0;
                }
            }
        };
        assertNull(FiniteDifferenceHessian.at(broken, new double[] {0.0}, new double[] {1e-3}));
    }

    @Test
    void newtonFindsTheModeWithTheExactAndTheFiniteDifferenceHessian() {
        double[] start = {0.0, 0.0, 0.0};
        NewtonSearch.Result exact = NewtonSearch.run(POISSON, start);
        NewtonSearch.Result differences = NewtonSearch.run(POISSON_VALUES_ONLY, start);
        assertNotNull(exact);
        assertNotNull(differences);
        for (NewtonSearch.Result r : new NewtonSearch.Result[] {exact, differences}) {
            double[] u = r.mode();
            for (int i = 0; i < 3; i++) {
                double stationarity = Y[i] - Math.exp(u[i]) - u[i] / TAU2;
                assertEquals(0.0, stationarity, 1e-6 * (1 + Y[i]), "∇ℓ at the mode, coordinate " + i);
                double curvature = Math.exp(u[i]) + 1 / TAU2;
                // H is from the iterate before the mode, and with finite differences its steps are a
                // tenth of the Laplace sd: truncation O(h² ∂⁴ℓ) ≈ 0.2 % here, hence 0.5 %
                assertEquals(curvature, r.negativeHessian()[i][i], 5e-3 * curvature, "H_ii " + i);
            }
        }
        assertTrue(exact.mode()[2] > 2.0, "the mode of the y = 12 coordinate is near log 12: " + exact.mode()[2]);
    }

    @Test
    void newtonGivesUpOnAnUnboundedTarget() {
        // ℓ(u) = u: no mode; the decrement never falls below 1 (H = 0 is damped, steps grow)
        LogDensityHessian linear = (u, gradient, negativeHessian) -> {
            if (gradient != null) {
                gradient[0] = 1;
            }
            if (negativeHessian != null) {
                negativeHessian[0][0] = 0;
            }
            return u[0];
        };
        assertNull(NewtonSearch.run(linear, new double[] {0.0}));
    }

    @Test
    void exactCurvatureIsTheDoubleTarget() {
        EightSchools model = EightSchools.classic();
        LogDensityHessian target = model;
        int d = UnconstrainedLayout.of(model).dim();
        Rng rng = Rng.of(5);
        double[] points = new double[3 * d];
        for (int i = 0; i < points.length; i++) {
            points[i] = 0.5 * rng.nextGaussian();
        }
        double[] values = new double[3];
        double[] gradients = new double[3 * d];
        target.logDensities(points, 3, values, gradients);
        for (int p = 0; p < 3; p++) {
            double[] u = java.util.Arrays.copyOfRange(points, p * d, (p + 1) * d);
            double[] g = new double[d];
            double one = target.logDensity(u, g);
            assertEquals(model.curvature(u, null, null), one, 1e-12 * (1 + Math.abs(one)));
            assertEquals(one, values[p], 1e-12 * (1 + Math.abs(one)), "point " + p);
            for (int i = 0; i < d; i++) {
                assertEquals(g[i], gradients[p * d + i], 1e-12 * (1 + Math.abs(g[i])), "gradient " + p + "," + i);
            }
        }
    }

    /**
     * {@link UnconstrainedDensity} as a LogDensity: the tensor code agrees with the model's exact
     * code, and without the Jacobian it is smaller by log|det J| = u_τ (τ = exp(u_τ), the only
     * constrained parameter of eight schools, coordinate 1).
     */
    @Test
    void unconstrainedDensityIsTheFullDataTarget() {
        EightSchools model = EightSchools.classic();
        UnconstrainedLayout layout = UnconstrainedLayout.of(model);
        int d = layout.dim();
        double[] u = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = 0.1 * (i - 3);
        }
        UnconstrainedDensity density = UnconstrainedDensity.of(model, layout);
        UnconstrainedDensity map = UnconstrainedDensity.withoutJacobian(model, layout);
        assertTrue(density.exact() == model, "ℓ of a model with exact curvature is its exact code");
        assertNull(map.exact(), "the MAP objective has no exact code");
        double exact = model.curvature(u, null, null);
        double[] g = new double[d];
        double withJacobian = density.logDensity(u, g);
        assertEquals(exact, withJacobian, 1e-12 * Math.abs(exact));
        double[] gMap = new double[d];
        double noJacobian = map.logDensity(u, gMap);
        assertEquals(exact - u[1], noJacobian, 1e-4 * Math.abs(exact));
        assertEquals(g[1] - 1, gMap[1], 1e-4 * (1 + Math.abs(g[1])), "∂/∂u_τ loses the Jacobian's 1");
        assertEquals(g[0], gMap[0], 1e-4 * (1 + Math.abs(g[0])));
    }

    /**
     * The Laplace fit of a model with exact curvature: the mode is polished to an exact gradient
     * below 1e−9 and the covariance is the inverse of the exact Hessian there (a finite-difference
     * Hessian of eight schools is off by about 2 %).
     */
    @Test
    void laplaceFitOfAnExactModelUsesTheExactHessian() {
        EightSchools model = EightSchools.classic();
        FitResult r = BayesFit.fit(model, FitConfig.defaults().withGuide(GuideFamily.LAPLACE).withEvidenceSamples(0)
                .withSeed(5));
        double[] mode = r.guide().mean();
        double[][] cov = r.guide().covariance();
        int d = mode.length;
        double[] g = new double[d];
        double[][] h = new double[d][d];
        model.curvature(mode, g, h);
        for (int i = 0; i < d; i++) {
            assertEquals(0.0, g[i], 1e-9, "exact gradient at the mode, coordinate " + i);
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += cov[i][k] * h[k][j];
                }
                assertEquals(i == j ? 1.0 : 0.0, s, 1e-10, "(Σ H)[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void guideFactoriesRejectBadStarts() {
        assertEquals("MeanFieldGuide: initScale must be finite and > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> MeanFieldGuide.of(new double[] {1}, 0))
                        .getMessage());
        assertEquals("FullRankGuide: init must be finite, got NaN at index 1", assertThrows(
                IllegalArgumentException.class, () -> FullRankGuide.of(new double[] {0, Double.NaN}, 0.1))
                .getMessage());
        assertEquals("LowRankGuide: rank must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> LowRankGuide.of(new double[] {0, 1}, 0, Rng.of(1), 0.1)).getMessage());
        assertEquals("MeanFieldGuide: init must have at least one coordinate, got 0",
                assertThrows(IllegalArgumentException.class, () -> MeanFieldGuide.of(new double[0], 1))
                        .getMessage());
    }
}
