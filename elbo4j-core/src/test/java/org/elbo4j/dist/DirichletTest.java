package org.elbo4j.dist;

import static org.elbo4j.dist.GammaFamilyTestSupport.assertClose;
import static org.elbo4j.dist.GammaFamilyTestSupport.assertMeanWithinStandardErrors;
import static org.elbo4j.dist.GammaFamilyTestSupport.assertMessage;
import static org.elbo4j.dist.GammaFamilyTestSupport.assertRelative;
import static org.elbo4j.dist.GammaFamilyTestSupport.centralDifference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.gamma.RegularizedBeta;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Dirichlet(α): log-density, moments and entropy against scipy/mpmath
 * ({@code gen_gamma_family.py}), agreement with Beta for K = 2, partial derivatives, the
 * sampler's component means and variances and the marginal CDF (x₁ ~ Beta(α₁, α₀ − α₁)), the
 * implicit reparameterization gradients of E[x₁] = α₁/α₀, and one test per rejected input.
 *
 * <p>Statistical checks (z-tests at 5 standard errors, fixed seeds): 3 concentrations × 7
 * sampler checks + 3 × 3 gradient checks = 30, so a correct implementation fails this class with
 * probability below 30 × 5.7e-7 = 1.7e-5 for a random seed.
 */
class DirichletTest {

    private static final double REFERENCE_TOL = 1e-6;

    @Test
    void logProbMatchesReference() {
        for (double[] r : GammaFamilyTestSupport.table("dirichlet_logprob")) {
            Dirichlet d = Dirichlet.of(r[0], r[1], r[2]);
            double got = d.logProb(Tensor.vector(r[3], r[4], r[5])).item();
            assertClose("Dirichlet(" + r[0] + ", " + r[1] + ", " + r[2] + ").logProb", r[6], got, REFERENCE_TOL);
        }
    }

    @Test
    void meanVarianceAndEntropyMatchScipy() {
        for (double[] r : GammaFamilyTestSupport.table("dirichlet_moments")) {
            Dirichlet d = Dirichlet.of(r[0], r[1], r[2]);
            String name = "Dirichlet(" + r[0] + ", " + r[1] + ", " + r[2] + ")";
            for (int j = 0; j < 3; j++) {
                assertRelative(name + " mean " + j, r[3 + j], d.mean().get(j), REFERENCE_TOL);
                assertRelative(name + " variance " + j, r[6 + j], d.variance().get(j), REFERENCE_TOL);
            }
            assertClose(name + " entropy", r[9], d.entropy().item(), REFERENCE_TOL);
        }
    }

    @Test
    void twoCategoriesAgreeWithBeta() {
        Dirichlet d = Dirichlet.of(2.5, 0.7);
        Beta b = Beta.of(2.5, 0.7);
        for (double x : new double[] {0.1, 0.5, 0.875}) {
            assertClose("logProb at " + x, b.logProb(Tensor.scalar(x)).item(),
                    d.logProb(Tensor.vector(x, 1 - x)).item(), 1e-6);
        }
        assertClose("entropy", b.entropy().item(), d.entropy().item(), 1e-6);
    }

    @Test
    void shapesFollowSampleBatchEvent() {
        Dirichlet d = Dirichlet.of(Tensor.matrix(new double[][] {{1, 2, 3}, {0.5, 0.5, 4}}));
        assertArrayEquals(new int[] {2}, d.batchShape());
        assertArrayEquals(new int[] {3}, d.eventShape());
        Tensor draws = d.sample(Rng.of(2), 4);
        assertArrayEquals(new int[] {4, 2, 3}, draws.shape());
        assertArrayEquals(new int[] {4, 2}, d.logProb(draws).shape());
        assertArrayEquals(new int[] {2}, d.logProb(Tensor.vector(0.2, 0.3, 0.5)).shape());
        assertArrayEquals(new int[] {2}, d.entropy().shape());
        assertArrayEquals(new int[] {2, 3}, d.mean().shape());
    }

    @Test
    void logProbAndEntropyPartials() {
        double[] a = {0.6, 2.0, 3.5};
        double[] x = {0.2, 0.3, 0.5};
        Tensor ta = Tensor.vector(a).requiresGrad(true);
        Tensor tx = Tensor.vector(x).requiresGrad(true);
        Dirichlet.of(ta).logProb(tx).backward();
        Tensor ha = Tensor.vector(a).requiresGrad(true);
        Dirichlet.of(ha).entropy().backward();
        for (int j = 0; j < 3; j++) {
            int k = j;
            assertClose("d logProb/dα_" + j, centralDifference(v -> Dirichlet.of(with(a, k, v)).logProb(
                    Tensor.vector(x)).item(), a[j], 1e-3), ta.grad().get(j), 1e-3);
            assertClose("dH/dα_" + j, centralDifference(v -> Dirichlet.of(with(a, k, v)).entropy().item(), a[j], 1e-3),
                    ha.grad().get(j), 1e-3);
            // Moving one x_j leaves the simplex, so the x partial is checked against (α_j − 1)/x_j.
            assertClose("d logProb/dx_" + j, ((float) a[j] - 1) / (float) x[j], tx.grad().get(j), 1e-6);
        }
    }

    private static double[] with(double[] a, int j, double v) {
        double[] c = a.clone();
        c[j] = v;
        return c;
    }

    /** Seven checks per α: three means, three variances, and the CDF of x₁ at its median. */
    @ParameterizedTest
    @CsvSource({"0.3, 0.2, 0.9", "1.0, 1.0, 1.0", "10.0, 20.0, 30.0"})
    void samplerMatchesMomentsAndMarginal(double a1, double a2, double a3) {
        int n = 60_000;
        double[] a = {a1, a2, a3};
        double total = a1 + a2 + a3;
        float[] draws = Dirichlet.of(a).sample(Rng.of(13), n).data();
        for (int j = 0; j < 3; j++) {
            double mean = a[j] / total;
            double[] xs = new double[n];
            double[] squared = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = draws[i * 3 + j];
                squared[i] = (xs[i] - mean) * (xs[i] - mean);
            }
            assertMeanWithinStandardErrors("mean " + j, mean, xs);
            assertMeanWithinStandardErrors("variance " + j, a[j] * (total - a[j]) / (total * total * (total + 1)),
                    squared);
        }
        double median = 0.5;
        double lo = 0;
        double hi = 1;
        for (int it = 0; it < 60; it++) {
            median = 0.5 * (lo + hi);
            if (RegularizedBeta.value(median, a1, total - a1) < 0.5) {
                lo = median;
            } else {
                hi = median;
            }
        }
        double[] below = new double[n];
        for (int i = 0; i < n; i++) {
            below[i] = draws[i * 3] <= median ? 1 : 0;
        }
        assertMeanWithinStandardErrors("marginal CDF of x₁", RegularizedBeta.value(median, a1, total - a1), below);
    }

    @Test
    void drawsLieOnTheSimplexEvenForTinyConcentrations() {
        Dirichlet d = Dirichlet.of(0.01, 0.02, 0.01);
        Tensor draws = d.sample(Rng.of(6), 5_000);
        float[] v = draws.data();
        for (int i = 0; i < 5_000; i++) {
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                assertTrue(v[i * 3 + j] >= Float.MIN_NORMAL, "component " + v[i * 3 + j]);
                sum += v[i * 3 + j];
            }
            assertEquals(1.0, sum, 1e-6, "sum of draw " + i);
        }
        for (float lp : d.logProb(draws).data()) {
            assertTrue(Float.isFinite(lp), "logProb " + lp);
        }
    }

    @Test
    void sampleIsSeededAndEqualsRsample() {
        Dirichlet d = Dirichlet.of(Tensor.vector(0.4, 3.0, 1.0).requiresGrad(true));
        assertArrayEquals(d.sample(Rng.of(5), 30).data(), d.sample(Rng.of(5), 30).data());
        assertArrayEquals(d.sample(Rng.of(5), 30).data(), d.rsample(Rng.of(5), 30).data());
    }

    /** Three checks per α: dE[x₁]/dα₁ = (α₀ − α₁)/α₀², and dE[x₁]/dα_j = −α₁/α₀² for j = 2, 3. */
    @ParameterizedTest
    @CsvSource({"0.4, 0.7, 1.5", "2.0, 3.0, 5.0", "30.0, 10.0, 20.0"})
    void pathwiseGradientsMatchAnalyticDerivatives(double a1, double a2, double a3) {
        int n = 30_000;
        Tensor alpha = Tensor.of(repeatRows(new double[] {a1, a2, a3}, n), n, 3).requiresGrad(true);
        Dirichlet.of(alpha).rsample(Rng.of(41)).slice(-1, 0, 1).sum().backward();
        double[] fa = {(float) a1, (float) a2, (float) a3};
        double total = fa[0] + fa[1] + fa[2];
        float[] g = alpha.grad().data();
        for (int j = 0; j < 3; j++) {
            double expected = j == 0 ? (total - fa[0]) / (total * total) : -fa[0] / (total * total);
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = g[i * 3 + j];
            }
            assertMeanWithinStandardErrors("dE[x₁]/dα_" + (j + 1), expected, column);
        }
    }

    private static double[] repeatRows(double[] row, int n) {
        double[] out = new double[row.length * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(row, 0, out, i * row.length, row.length);
        }
        return out;
    }

    @Test
    void rejectsZeroConcentration() {
        assertMessage("Dirichlet: concentration must be finite and > 0, got 0.0", () -> Dirichlet.of(1.0, 0.0));
    }

    @Test
    void rejectsNegativeConcentration() {
        assertMessage("Dirichlet: concentration must be finite and > 0, got -1.0",
                () -> Dirichlet.of(Tensor.vector(1.0, -1.0, 2.0)));
    }

    @Test
    void rejectsNaNConcentration() {
        assertMessage("Dirichlet: concentration must be finite and > 0, got NaN", () -> Dirichlet.of(Double.NaN, 1.0));
    }

    @Test
    void rejectsInfiniteConcentration() {
        assertMessage("Dirichlet: concentration must be finite and > 0, got Infinity",
                () -> Dirichlet.of(Tensor.vector(1.0, Double.POSITIVE_INFINITY)));
    }

    @Test
    void rejectsScalarConcentration() {
        assertMessage("Dirichlet: concentration must have shape batchShape ++ [K] with K >= 1, got []",
                () -> Dirichlet.of(Tensor.scalar(1.0)));
    }

    @Test
    void rejectsEmptyEventAxis() {
        assertMessage("Dirichlet: concentration must have shape batchShape ++ [K] with K >= 1, got [2, 0]",
                () -> Dirichlet.of(Tensor.zeros(2, 0)));
    }

    @Test
    void rejectsValueWithWrongEventShape() {
        assertMessage("Dirichlet: value of shape [2] does not end with the event shape [3]",
                () -> Dirichlet.of(1.0, 1.0, 1.0).logProb(Tensor.vector(0.5, 0.5)));
    }

    @Test
    void rejectsValueWithWrongBatchShape() {
        assertMessage("Dirichlet: value of shape [3, 2] does not broadcast with batch shape [2] and event shape [2]",
                () -> Dirichlet.of(Tensor.matrix(new double[][] {{1, 1}, {2, 2}})).logProb(Tensor.full(0.5, 3, 2)));
    }

    @Test
    void valueOffTheSimplexHasLogDensityMinusInfinity() {
        assertEquals(Double.NEGATIVE_INFINITY, Dirichlet.of(1.0, 1.0, 1.0).logProb(Tensor.vector(0.5, 0.5, 0.5)).item());
    }
}
