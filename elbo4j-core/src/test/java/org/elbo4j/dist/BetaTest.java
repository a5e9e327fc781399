package org.elbo4j.dist;

import static org.elbo4j.dist.GammaFamilyTestSupport.assertClose;
import static org.elbo4j.dist.GammaFamilyTestSupport.assertMeanWithinStandardErrors;
import static org.elbo4j.dist.GammaFamilyTestSupport.assertMessage;
import static org.elbo4j.dist.GammaFamilyTestSupport.assertRelative;
import static org.elbo4j.dist.GammaFamilyTestSupport.centralDifference;
import static org.elbo4j.dist.GammaFamilyTestSupport.doubles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.gamma.RegularizedBeta;
import org.apache.commons.numbers.gamma.Trigamma;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Beta(α, β): log-density, moments and entropy against scipy ({@code gen_gamma_family.py}),
 * partial derivatives against finite differences, the sampler's mean, variance and CDF at three
 * points against the exact values (regularized incomplete beta), the implicit
 * reparameterization gradients of E[x] = α/(α + β) and E[log x] = ψ(α) − ψ(α + β), and one
 * test per rejected input.
 *
 * <p>Statistical checks (z-tests at 5 standard errors, fixed seeds): 5 parameter pairs × 5
 * sampler checks + 4 × 3 gradient checks = 37, so a correct implementation fails this class with
 * probability below 37 × 5.7e-7 = 2.1e-5 for a random seed.
 */
class BetaTest {

    private static final double REFERENCE_TOL = 1e-6;

    @Test
    void logProbMatchesScipy() {
        for (double[] r : GammaFamilyTestSupport.table("beta_logprob")) {
            double got = Beta.of(r[0], r[1]).logProb(Tensor.scalar(r[2])).item();
            assertClose("Beta(" + r[0] + ", " + r[1] + ").logProb(" + r[2] + ")", r[3], got, REFERENCE_TOL);
        }
    }

    @Test
    void meanVarianceAndEntropyMatchScipy() {
        for (double[] r : GammaFamilyTestSupport.table("beta_moments")) {
            Beta b = Beta.of(r[0], r[1]);
            String name = "Beta(" + r[0] + ", " + r[1] + ")";
            assertRelative(name + " mean", r[2], b.mean().item(), REFERENCE_TOL);
            assertRelative(name + " variance", r[3], b.variance().item(), REFERENCE_TOL);
            assertClose(name + " entropy", r[4], b.entropy().item(), REFERENCE_TOL);
        }
    }

    @Test
    void shapesFollowSampleBatchEvent() {
        Beta b = Beta.of(Tensor.matrix(new double[][] {{1.0}, {2.0}}), Tensor.vector(0.5, 1.5, 3.0));
        assertArrayEquals(new int[] {2, 3}, b.batchShape());
        assertArrayEquals(new int[] {2, 3}, b.concentration1().shape());
        assertArrayEquals(new int[] {7, 2, 3}, b.sample(Rng.of(1), 7).shape());
        assertArrayEquals(new int[] {2, 3}, b.logProb(Tensor.scalar(0.25)).shape());
        assertArrayEquals(new int[] {2, 3}, b.entropy().shape());
    }

    @Test
    void logProbAndEntropyPartialsMatchFiniteDifferences() {
        double a = 2.5;
        double b = 0.7;
        double x = 0.35;
        Tensor ta = Tensor.scalar(a).requiresGrad(true);
        Tensor tb = Tensor.scalar(b).requiresGrad(true);
        Tensor tx = Tensor.scalar(x).requiresGrad(true);
        Beta.of(ta, tb).logProb(tx).backward();
        assertClose("d/dα", centralDifference(v -> Beta.of(v, b).logProb(Tensor.scalar(x)).item(), a, 1e-3),
                ta.grad().item(), 1e-3);
        assertClose("d/dβ", centralDifference(v -> Beta.of(a, v).logProb(Tensor.scalar(x)).item(), b, 1e-3),
                tb.grad().item(), 1e-3);
        assertClose("d/dx", centralDifference(v -> Beta.of(a, b).logProb(Tensor.scalar(v)).item(), x, 1e-3),
                tx.grad().item(), 1e-3);

        Tensor ha = Tensor.scalar(a).requiresGrad(true);
        Tensor hb = Tensor.scalar(b).requiresGrad(true);
        Beta.of(ha, hb).entropy().backward();
        assertClose("dH/dα", centralDifference(v -> Beta.of(v, b).entropy().item(), a, 1e-3), ha.grad().item(), 1e-3);
        assertClose("dH/dβ", centralDifference(v -> Beta.of(a, v).entropy().item(), b, 1e-3), hb.grad().item(), 1e-3);
    }

    @Test
    void uniformCaseHasZeroLogDensityAtTheEndpoints() {
        Beta uniform = Beta.of(1.0, 1.0);
        assertArrayEquals(new float[] {0f, 0f, 0f}, uniform.logProb(Tensor.vector(0.0, 0.5, 1.0)).data());
    }

    /**
     * Five checks per pair: mean, variance (as E[(x − μ)²]) and the CDF at its 10%, 50% and 70%
     * points (the 90% point of Beta(0.05, 0.07) is 1 − 1e-9, closer to 1 than float32 resolves).
     */
    @ParameterizedTest
    @CsvSource({"0.05, 0.07", "0.5, 0.5", "2.0, 5.0", "7.5, 0.8", "50.0, 20.0"})
    void samplerMatchesMomentsAndCdf(double a, double b) {
        int n = 100_000;
        double[] x = doubles(Beta.of(a, b).sample(Rng.of(12), n).data());
        double mean = a / (a + b);
        assertMeanWithinStandardErrors("mean of Beta(" + a + ", " + b + ")", mean, x);
        double[] squared = new double[n];
        for (int i = 0; i < n; i++) {
            squared[i] = (x[i] - mean) * (x[i] - mean);
        }
        double variance = a * b / ((a + b) * (a + b) * (a + b + 1));
        assertMeanWithinStandardErrors("variance of Beta(" + a + ", " + b + ")", variance, squared);
        for (double level : new double[] {0.1, 0.5, 0.7}) {
            double q = quantile(a, b, level);
            double[] below = new double[n];
            for (int i = 0; i < n; i++) {
                below[i] = x[i] <= q ? 1 : 0;
            }
            assertMeanWithinStandardErrors("CDF at " + q + " of Beta(" + a + ", " + b + ")",
                    RegularizedBeta.value(q, a, b), below);
        }
    }

    /** The x with I_x(α, β) = level, by bisection down to adjacent doubles. */
    private static double quantile(double a, double b, double level) {
        double lo = 0;
        double hi = 1;
        while (true) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                return mid;
            }
            if (RegularizedBeta.value(mid, a, b) < level) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
    }

    @Test
    void smallConcentrationDrawsStayInsideTheOpenInterval() {
        Beta b = Beta.of(0.02, 0.02);
        Tensor draws = b.sample(Rng.of(4), 20_000);
        for (float v : draws.data()) {
            assertTrue(v > 0 && v < 1, "draw " + v);
        }
        for (float lp : b.logProb(draws).data()) {
            assertTrue(Float.isFinite(lp), "logProb " + lp);
        }
    }

    @Test
    void sampleIsSeededAndEqualsRsample() {
        Beta b = Beta.of(Tensor.vector(0.4, 3.0).requiresGrad(true), Tensor.scalar(2.0));
        assertArrayEquals(b.sample(Rng.of(5), 50).data(), b.sample(Rng.of(5), 50).data());
        assertArrayEquals(b.sample(Rng.of(5), 50).data(), b.rsample(Rng.of(5), 50).data());
    }

    /**
     * Three checks per pair: dE[x]/dα = β/(α+β)², dE[x]/dβ = −α/(α+β)² and
     * dE[log x]/dα = ψ'(α) − ψ'(α + β), from per-draw pathwise gradients.
     */
    @ParameterizedTest
    @CsvSource({"0.3, 0.6", "1.0, 1.0", "2.5, 4.0", "40.0, 15.0"})
    void pathwiseGradientsMatchAnalyticDerivatives(double a, double b) {
        int n = 40_000;
        Tensor alpha = Tensor.full(a, n).requiresGrad(true);
        Tensor beta = Tensor.full(b, n).requiresGrad(true);
        Beta.of(alpha, beta).rsample(Rng.of(31)).sum().backward();
        double fa = (float) a;
        double fb = (float) b;
        double s = fa + fb;
        String name = "Beta(" + a + ", " + b + ")";
        assertMeanWithinStandardErrors("dE[x]/dα of " + name, fb / (s * s), doubles(alpha.grad().data()));
        assertMeanWithinStandardErrors("dE[x]/dβ of " + name, -fa / (s * s), doubles(beta.grad().data()));

        Tensor alpha2 = Tensor.full(a, n).requiresGrad(true);
        Beta.of(alpha2, Tensor.scalar(b)).rsample(Rng.of(32)).log().sum().backward();
        assertMeanWithinStandardErrors("dE[log x]/dα of " + name, Trigamma.value(fa) - Trigamma.value(s),
                doubles(alpha2.grad().data()));
    }

    @Test
    void rejectsZeroConcentration1() {
        assertMessage("Beta: concentration1 must be finite and > 0, got 0.0", () -> Beta.of(0.0, 1.0));
    }

    @Test
    void rejectsNegativeConcentration1() {
        assertMessage("Beta: concentration1 must be finite and > 0, got -1.0", () -> Beta.of(-1.0, 1.0));
    }

    @Test
    void rejectsNaNConcentration1() {
        assertMessage("Beta: concentration1 must be finite and > 0, got NaN", () -> Beta.of(Double.NaN, 1.0));
    }

    @Test
    void rejectsInfiniteConcentration1() {
        assertMessage("Beta: concentration1 must be finite and > 0, got Infinity",
                () -> Beta.of(Tensor.vector(1.0, Double.POSITIVE_INFINITY), Tensor.scalar(1.0)));
    }

    @Test
    void rejectsZeroConcentration0() {
        assertMessage("Beta: concentration0 must be finite and > 0, got 0.0",
                () -> Beta.of(Tensor.scalar(1.0), Tensor.vector(2.0, 0.0)));
    }

    @Test
    void rejectsNegativeConcentration0() {
        assertMessage("Beta: concentration0 must be finite and > 0, got -3.0", () -> Beta.of(1.0, -3.0));
    }

    @Test
    void rejectsNaNConcentration0() {
        assertMessage("Beta: concentration0 must be finite and > 0, got NaN", () -> Beta.of(1.0, Double.NaN));
    }

    @Test
    void rejectsInfiniteConcentration0() {
        assertMessage("Beta: concentration0 must be finite and > 0, got Infinity",
                () -> Beta.of(1.0, Double.POSITIVE_INFINITY));
    }

    @Test
    void rejectsParametersOfIncompatibleShapes() {
        assertMessage("Beta: concentration1 of shape [2] and concentration0 of shape [3] cannot be broadcast together",
                () -> Beta.of(Tensor.vector(1.0, 2.0), Tensor.vector(1.0, 2.0, 3.0)));
    }

    @Test
    void valueOutsideTheUnitIntervalHasLogDensityMinusInfinity() {
        assertEquals(Double.NEGATIVE_INFINITY, Beta.of(2.0, 2.0).logProb(Tensor.scalar(1.5)).item());
        assertEquals(Double.NEGATIVE_INFINITY, Beta.of(2.0, 2.0).logProb(Tensor.scalar(-0.25)).item());
    }

    @Test
    void rejectsValueOfIncompatibleShape() {
        assertMessage("Beta: value of shape [2] does not broadcast with batch shape [3] and event shape []",
                () -> Beta.of(Tensor.vector(1.0, 2.0, 3.0), Tensor.scalar(1.0)).logProb(Tensor.full(0.5, 2)));
    }
}
