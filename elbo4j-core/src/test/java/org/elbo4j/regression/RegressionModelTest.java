package org.elbo4j.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.elbo4j.formula.DataFrame;
import org.elbo4j.formula.Formula;
import org.elbo4j.formula.ModelFrame;
import org.elbo4j.glm.Families;
import org.junit.jupiter.api.Test;

/**
 * The regression log density's gradient and Hessian against central differences (h = 1e-5) at
 * random points, for every family and for uncorrelated, correlated (K = 2, 3), crossed and nested
 * group terms: gradient to 1e-5 and Hessian to 1e-4, relative to max(1, |value|).
 */
class RegressionModelTest {

    static final DataFrame DATA = DataFrame.parse(SimulatedData.poissonGroups(7, 4, 6, 0.5, 0.3, 0.4, 0.3, 0.3),
            "sim.csv");

    private static void check(String formula, String family, long seed) {
        RegressionModel m = RegressionModel.of(ModelFrame.of(Formula.parse(formula), DATA), Families.parse(family),
                null);
        int d = m.dim();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] u = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = 0.5 * (rng.nextDouble() - 0.5);
        }
        checkDerivatives(m, u, formula + " " + family, 1e-5, 1e-4);
    }

    /**
     * The gradient of {@code m} at u against central differences of ℓ (h = 10⁻⁵) to {@code gradTol}
     * and −∇²ℓ against central differences of the gradient to {@code hessTol}, both relative to
     * max(1, |difference|).
     */
    static void checkDerivatives(RegressionModel m, double[] u, String label, double gradTol, double hessTol) {
        int d = m.dim();
        double[] g = new double[d];
        double[][] h = new double[d][d];
        m.curvature(u, g, h);
        double step = 1e-5;
        double[] gu = new double[d];
        double[] gd = new double[d];
        for (int c = 0; c < d; c++) {
            double[] x = u.clone();
            x[c] += step;
            double up = m.curvature(x, gu, null);
            x[c] -= 2 * step;
            double down = m.curvature(x, gd, null);
            double fd = (up - down) / (2 * step);
            assertEquals(fd, g[c], gradTol * Math.max(1, Math.abs(fd)), label + " grad " + c);
            for (int r = 0; r < d; r++) {
                double fd2 = -(gu[r] - gd[r]) / (2 * step);
                assertEquals(fd2, h[r][c], hessTol * Math.max(1, Math.abs(fd2)), label + " hess " + r + "," + c);
            }
        }
    }

    /**
     * Formula and family of every case: each family, uncorrelated, correlated (K = 2, 3), crossed
     * and nested group terms, an offset; case c is checked at the random point of seed c + 1.
     */
    static final String[][] CASES = {
        {"y ~ x + f + (1 + x | g)", "poisson"},
        {"yg ~ x * f + (1 | g)", "gaussian"},
        {"yb ~ x + (1 + x + f | g)", "bernoulli"},
        {"yb ~ x + (1 | g) + (1 | f)", "bernoulli(probit)"},
        {"k | trials(n) ~ x + (1 | g/f)", "binomial"},
        {"y ~ x + (0 + x | g) + offset(log(n))", "negbinomial"},
        {"yg ~ x + (1 | g)", "student"},
        {"yp ~ x + (1 + x | g)", "gamma"},
        {"yr ~ 0 + x + (1 | g)", "beta"},
    };

    @Test
    void gradientAndHessianMatchFiniteDifferences() {
        for (int c = 0; c < CASES.length; c++) {
            check(CASES[c][0], CASES[c][1], c + 1);
        }
    }

    @Test
    void pointwiseLogLikelihoodIsTheFamilyAtTheCentredPredictor() {
        RegressionModel m = RegressionModel.of(ModelFrame.of(Formula.parse("y ~ x"), DATA), Families.parse("poisson"),
                null);
        double[] x = DATA.numbers("x", "x");
        double[] y = DATA.numbers("y", "y");
        double mean = java.util.Arrays.stream(x).average().orElseThrow();
        double[] u = {0.3, 0.7};
        double[] pw = new double[y.length];
        m.pointwiseLogLikelihood(u, pw);
        for (int i = 0; i < y.length; i++) {
            double eta = 0.7 + 0.3 * (x[i] - mean);
            double expected = y[i] * eta - Math.exp(eta) - org.apache.commons.numbers.gamma.LogGamma.value(y[i] + 1);
            assertEquals(expected, pw[i], 1e-12);
        }
        assertEquals(List.of("b_Intercept", "b_x"), m.layout().reportedNames(false));
        assertEquals(0.7 - 0.3 * mean, m.layout().reported(u, false)[0], 1e-12);
    }
}
