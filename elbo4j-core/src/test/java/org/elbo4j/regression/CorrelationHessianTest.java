package org.elbo4j.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.elbo4j.bayes.DenseCholesky;
import org.elbo4j.bayes.DensityFit;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.Optimisation;
import org.elbo4j.formula.Formula;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Families;
import org.elbo4j.infer.LogDensity;
import org.elbo4j.infer.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The exact Hessian of {@link RegressionModel} in the coordinates θ of the correlation Cholesky
 * factors ({@link CorrCholeskyDerivatives}, {@link GroupState}) against central differences of the
 * exact gradient, −[∇ℓ(u + h e_c) − ∇ℓ(u − h e_c)] / (2h) with h = 10⁻⁵ (symmetrised), on every formula/family
 * combination of {@link RegressionModelTest} that has correlated effects (K = 2 and K = 4, one and
 * two correlated terms) at random points with |u| ≤ 1.5 (where tanh is far from linear): the rows
 * of θ to 1e−6 relative to max(1, |value|) (the difference's truncation error is O(h²) ≈ 1e−10 and
 * its rounding error about 1e−16 · |∇ℓ| / h ≈ 1e−8 here), and −∇²ℓ symmetric to 1e−12 relative
 * (the two triangles sum the same terms in another order). Then the Laplace approximation found by
 * Newton's method with this Hessian against the one found from the same log density without it
 * ({@code bayes.FiniteDifferenceHessian}: steps of a tenth of the local sd, relative error about
 * 1e−3): the modes to 1e−5 (Newton stops at a decrement of 1e−8), the covariances to 5e−3 of the
 * largest variance, and the exact covariance equal to the inverse of the h = 10⁻⁵ difference Hessian
 * of the exact gradient at the exact mode to 1e−6 of the largest variance.
 */
class CorrelationHessianTest {

    private static RegressionModel model(String formula, String family) {
        return RegressionModel.of(ModelFrame.of(Formula.parse(formula), RegressionModelTest.DATA),
                Families.parse(family), null);
    }

    /** The indices of the correlation-factor coordinates of every group term. */
    private static int[] corCoordinates(RegressionLayout layout) {
        return layout.groups().stream()
                .flatMapToInt(g -> java.util.stream.IntStream.range(g.corAt(), g.corAt() + CorrCholesky.size(g.k())))
                .toArray();
    }

    private static void check(String formula, String family, long seed) {
        RegressionModel m = model(formula, family);
        int[] cor = corCoordinates(m.layout());
        assertTrue(cor.length > 0, formula);
        int d = m.dim();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] u = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = 3 * (rng.nextDouble() - 0.5);
        }
        double[][] h = new double[d][d];
        m.curvature(u, new double[d], h);
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                assertEquals(h[r][c], h[c][r], 1e-12 * Math.max(1, Math.abs(h[r][c])), formula + " symmetry " + r + "," + c);
            }
        }
        double[][] fd = differenceHessian(m, u);
        for (int c : cor) {
            for (int r = 0; r < d; r++) {
                assertEquals(fd[r][c], h[r][c], 1e-6 * Math.max(1, Math.abs(fd[r][c])),
                        formula + " " + family + " " + r + "," + c);
            }
        }
    }

    @Test
    void correlationRowsMatchDifferencesOfTheExactGradient() {
        check("y ~ x + f + (1 + x | g)", "poisson", 11);
        check("yb ~ x + (1 + x + f | g)", "bernoulli", 12);
        check("yp ~ x + (1 + x | g)", "gamma", 13);
        check("yg ~ x + (1 + x | g) + (1 + x | f)", "gaussian", 14);
        check("k | trials(n) ~ x + (1 + x | g)", "binomial", 15);
    }

    @Test
    void laplaceStartAgreesWithTheDifferenceHessian() {
        RegressionModel m = model("yg ~ x + (1 + x | g)", "gaussian");
        LogDensity withoutHessian = m::logDensities;
        FitConfig laplace = FitConfig.defaults().withGuide(GuideFamily.LAPLACE).withEvidenceSamples(0);
        Optimisation exact = DensityFit.fit(m, m.initialPoint(), laplace);
        Optimisation differences = DensityFit.fit(withoutHessian, m.initialPoint(), laplace);
        assertEquals(Verdict.CONVERGED, exact.verdict(), exact.reason());
        assertEquals(Verdict.CONVERGED, differences.verdict(), differences.reason());
        double[] a = exact.guide().mean();
        double[] b = differences.guide().mean();
        double[][] ca = exact.guide().covariance();
        double[][] cb = differences.guide().covariance();
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, ca[i][i]);
        }
        double[][] tight = DenseCholesky.of(differenceHessian(m, a)).inverse();
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-5, "mode " + i);
            for (int j = 0; j < a.length; j++) {
                assertEquals(cb[i][j], ca[i][j], 5e-3 * scale, "covariance " + i + "," + j);
                assertEquals(tight[i][j], ca[i][j], 1e-6 * scale, "covariance (h = 1e-5) " + i + "," + j);
            }
        }
    }

    /** −∇²ℓ at u by central differences (h = 10⁻⁵) of the exact gradient, symmetrised. */
    private static double[][] differenceHessian(RegressionModel m, double[] u) {
        int d = u.length;
        double[][] h = new double[d][d];
        double[] gu = new double[d];
        double[] gd = new double[d];
        for (int c = 0; c < d; c++) {
            double[] x = u.clone();
            x[c] += 1e-5;
            m.curvature(x, gu, null);
            x[c] -= 2e-5;
            m.curvature(x, gd, null);
            for (int r = 0; r < d; r++) {
                h[r][c] = -(gu[r] - gd[r]) / 2e-5;
            }
        }
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < r; c++) {
                h[r][c] = h[c][r] = 0.5 * (h[r][c] + h[c][r]);
            }
        }
        return h;
    }
}
