package org.elbo4j.dist.mle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GaussianMleTest {

    /** 500 correlated points in 3 dimensions. */
    private static double[][] data() {
        Rng rng = Rng.of(51);
        double[][] x = new double[500][3];
        for (double[] row : x) {
            double a = rng.nextGaussian();
            double b = rng.nextGaussian();
            row[0] = 1 + a;
            row[1] = -2 + 0.5 * a + 2 * b;
            row[2] = 3 + 0.1 * rng.nextGaussian() + b;
        }
        return x;
    }

    @Test
    void fitIsTheSampleMeanAndTheOneOverNCovariance() {
        double[][] x = data();
        GaussianMle.Fit fit = GaussianMle.fit(x);
        int n = x.length;
        for (int j = 0; j < 3; j++) {
            double m = 0;
            for (double[] row : x) {
                m += row[j] / n;
            }
            assertEquals(m, fit.mean()[j], 1e-12);
            for (int k = 0; k < 3; k++) {
                double mk = 0;
                for (double[] row : x) {
                    mk += row[k] / n;
                }
                double c = 0;
                for (double[] row : x) {
                    c += (row[j] - m) * (row[k] - mk) / n;
                }
                assertEquals(c, fit.covariance()[j][k], 1e-12, "covariance[" + j + "][" + k + "]");
            }
        }
    }

    @Test
    void logLikelihoodEqualsTheSumOfMultivariateNormalLogDensitiesAtTheFit() {
        double[][] x = data();
        GaussianMle.Fit fit = GaussianMle.fit(x);
        double sum = MultivariateNormal.ofCovariance(fit.mean(), fit.covariance()).logProb(Tensor.matrix(x))
                .sum().item();
        // the MVN sums 500 float32 log-densities: agreement to a few units in the 6th digit
        assertEquals(fit.logLikelihood(), sum, 2e-5 * Math.abs(sum));
    }

    @Test
    void theFitIsAMaximum() {
        double[][] x = data();
        GaussianMle.Fit fit = GaussianMle.fit(x);
        double[] shifted = fit.mean().clone();
        shifted[1] += 0.05;
        double[][] inflated = new double[3][3];
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 3; k++) {
                inflated[j][k] = fit.covariance()[j][k] * 1.05;
            }
        }
        Tensor points = Tensor.matrix(x);
        assertTrue(MultivariateNormal.ofCovariance(shifted, fit.covariance()).logProb(points).sum().item()
                < fit.logLikelihood());
        assertTrue(MultivariateNormal.ofCovariance(fit.mean(), inflated).logProb(points).sum().item()
                < fit.logLikelihood());
    }

    @Test
    void oneDimensionalClosedForm() {
        GaussianMle.Fit fit = GaussianMle.fit(new double[][] {{1}, {2}, {3}, {6}});
        assertEquals(3.0, fit.mean()[0], 1e-15);
        assertEquals(3.5, fit.covariance()[0][0], 1e-15);
        assertEquals(-2 * (Math.log(2 * Math.PI) + Math.log(3.5) + 1), fit.logLikelihood(), 1e-12);
    }

    @Test
    void rejectsNoRows() {
        assertEquals("GaussianMle: data must have at least one row, got none",
                assertThrows(IllegalArgumentException.class, () -> GaussianMle.fit(new double[0][])).getMessage());
    }

    @Test
    void rejectsRaggedRows() {
        assertEquals("GaussianMle: row 1 has 1 values, row 0 has 2", assertThrows(IllegalArgumentException.class,
                () -> GaussianMle.fit(new double[][] {{1, 2}, {3}})).getMessage());
    }

    @Test
    void rejectsNaNNamingRowAndColumn() {
        assertEquals("GaussianMle: value at row 1, column 0 must be finite, got NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> GaussianMle.fit(new double[][] {{1, 2}, {Double.NaN, 3}, {0, 0}})).getMessage());
    }

    @Test
    void rejectsASingularCovariance() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMle.fit(new double[][] {{1, 2}, {2, 4}, {3, 6}}));
        assertTrue(e.getMessage().contains("singular") && e.getMessage().contains("column 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GaussianMle.fit(new double[][] {{1, 2}}));
    }
}
