package org.elbo4j.dist;

import static org.elbo4j.dist.GammaFamilyTestSupport.assertClose;
import static org.elbo4j.dist.GammaFamilyTestSupport.assertMeanWithinStandardErrors;
import static org.elbo4j.dist.GammaFamilyTestSupport.assertMessage;
import static org.elbo4j.dist.GammaFamilyTestSupport.centralDifference;
import static org.elbo4j.dist.GammaFamilyTestSupport.doubles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.apache.commons.numbers.gamma.Trigamma;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gamma(α, β): log-density, moments and entropy against scipy ({@code gen_gamma_family.py}),
 * partial derivatives against finite differences, the sampler's mean, variance and CDF at four
 * points against the exact values, the implicit reparameterization gradients of E[x] and
 * E[log x], and one test per rejected input.
 *
 * <p>Statistical checks (z-tests at {@link GammaFamilyTestSupport#Z} = 5 standard errors,
 * fixed seeds): 5 concentrations × 6 sampler checks + 4 × 3 gradient checks = 42 checks, so a
 * correct implementation fails this class with probability below 42 × 5.7e-7 = 2.4e-5 for a
 * random seed.
 */
class GammaTest {

    /** float32 output rounding is 6e-8 relative; the kernels compute in double. */
    private static final double REFERENCE_TOL = 1e-6;

    @Test
    void logProbMatchesScipy() {
        for (double[] r : GammaFamilyTestSupport.table("gamma_logprob")) {
            double got = Gamma.of(r[0], r[1]).logProb(Tensor.scalar(r[2])).item();
            assertClose("Gamma(" + r[0] + ", " + r[1] + ").logProb(" + r[2] + ")", r[3], got, REFERENCE_TOL);
        }
    }

    @Test
    void meanVarianceAndEntropyMatchScipy() {
        for (double[] r : GammaFamilyTestSupport.table("gamma_moments")) {
            Gamma g = Gamma.of(r[0], r[1]);
            String name = "Gamma(" + r[0] + ", " + r[1] + ")";
            GammaFamilyTestSupport.assertRelative(name + " mean", r[2], g.mean().item(), REFERENCE_TOL);
            GammaFamilyTestSupport.assertRelative(name + " variance", r[3], g.variance().item(), REFERENCE_TOL);
            assertClose(name + " entropy", r[4], g.entropy().item(), REFERENCE_TOL);
        }
    }

    @Test
    void shapesFollowSampleBatchEvent() {
        Gamma g = Gamma.of(Tensor.vector(1.0, 2.0, 3.0), Tensor.scalar(2.0));
        assertArrayEquals(new int[] {3}, g.batchShape());
        assertArrayEquals(new int[0], g.eventShape());
        assertArrayEquals(new int[] {3}, g.rate().shape());
        Tensor draws = g.sample(Rng.of(1), 4, 5);
        assertArrayEquals(new int[] {4, 5, 3}, draws.shape());
        assertArrayEquals(new int[] {4, 5, 3}, g.logProb(draws).shape());
        assertArrayEquals(new int[] {3}, g.logProb(Tensor.scalar(0.5)).shape());
        assertArrayEquals(new int[] {3}, g.entropy().shape());
        assertArrayEquals(new int[] {3}, g.mean().shape());
    }

    @Test
    void logProbPartialsMatchFiniteDifferencesAndFormulas() {
        double a = 2.5;
        double b = 1.5;
        double x = 0.7;
        Tensor ta = Tensor.scalar(a).requiresGrad(true);
        Tensor tb = Tensor.scalar(b).requiresGrad(true);
        Tensor tx = Tensor.scalar(x).requiresGrad(true);
        Gamma.of(ta, tb).logProb(tx).backward();
        double fa = (float) a;
        double fb = (float) b;
        double fx = (float) x;
        assertClose("d/dα formula", Math.log(fb) + Math.log(fx) - Digamma.value(fa), ta.grad().item(), 1e-6);
        assertClose("d/dβ formula", fa / fb - fx, tb.grad().item(), 1e-6);
        assertClose("d/dx formula", (fa - 1) / fx - fb, tx.grad().item(), 1e-6);
        assertClose("d/dα", centralDifference(v -> Gamma.of(v, b).logProb(Tensor.scalar(x)).item(), a, 1e-3),
                ta.grad().item(), 1e-3);
        assertClose("d/dβ", centralDifference(v -> Gamma.of(a, v).logProb(Tensor.scalar(x)).item(), b, 1e-3),
                tb.grad().item(), 1e-3);
        assertClose("d/dx", centralDifference(v -> Gamma.of(a, b).logProb(Tensor.scalar(v)).item(), x, 1e-3),
                tx.grad().item(), 1e-3);
    }

    @Test
    void entropyPartialsMatchFiniteDifferences() {
        for (double a : new double[] {0.3, 2.5, 40.0}) {
            Tensor ta = Tensor.scalar(a).requiresGrad(true);
            Tensor tb = Tensor.scalar(1.5).requiresGrad(true);
            Gamma.of(ta, tb).entropy().backward();
            assertClose("dH/dα at α=" + a, centralDifference(v -> Gamma.of(v, 1.5).entropy().item(), a, 1e-3),
                    ta.grad().item(), 1e-3);
            assertClose("dH/dβ at α=" + a, centralDifference(v -> Gamma.of(a, v).entropy().item(), 1.5, 1e-3),
                    tb.grad().item(), 1e-3);
        }
    }

    /** Six checks per α: mean, variance (as E[(x − μ)²]) and the CDF at its 5%, 30%, 60% and 90% points. */
    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.3, 1.0, 4.5, 60.0})
    void samplerMatchesMomentsAndCdf(double a) {
        double b = 2.0;
        int n = 100_000;
        double[] x = doubles(Gamma.of(a, b).sample(Rng.of(11), n).data());
        double mean = a / b;
        assertMeanWithinStandardErrors("mean at α=" + a, mean, x);
        double[] squared = new double[n];
        for (int i = 0; i < n; i++) {
            squared[i] = (x[i] - mean) * (x[i] - mean);
        }
        assertMeanWithinStandardErrors("variance at α=" + a, a / (b * b), squared);
        for (double level : new double[] {0.05, 0.3, 0.6, 0.9}) {
            double q = GammaFamilyTestSupport.gammaQuantile(a, level, false) / b;
            double[] below = new double[n];
            for (int i = 0; i < n; i++) {
                below[i] = x[i] <= q ? 1 : 0;
            }
            assertMeanWithinStandardErrors("CDF at its " + level + " point, α=" + a,
                    RegularizedGamma.P.value(a, b * q), below);
        }
    }

    @Test
    void sampleIsSeededAndEqualsRsample() {
        Gamma g = Gamma.of(Tensor.vector(0.4, 3.0), Tensor.vector(1.0, 0.5).requiresGrad(true));
        assertArrayEquals(g.sample(Rng.of(5), 100).data(), g.sample(Rng.of(5), 100).data());
        assertArrayEquals(g.sample(Rng.of(5), 100).data(), g.rsample(Rng.of(5), 100).data());
    }

    @Test
    void tinyConcentrationDrawsStayPositiveWithFiniteLogProb() {
        Gamma g = Gamma.of(0.01, 1.0);
        Tensor draws = g.sample(Rng.of(3), 10_000);
        for (float v : draws.data()) {
            assertTrue(v >= Float.MIN_NORMAL, "draw " + v);
        }
        for (float lp : g.logProb(draws).data()) {
            assertTrue(Float.isFinite(lp), "logProb " + lp);
        }
    }

    /**
     * Three checks per α: dE[x]/dα = 1/β, dE[x]/dβ = −α/β², dE[log x]/dα = ψ'(α); and
     * d log x/dβ = −1/β exactly for every draw.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.2, 1.0, 3.5, 50.0})
    void pathwiseGradientsMatchAnalyticDerivatives(double a) {
        double b = 1.5;
        int n = 40_000;
        Tensor alpha = Tensor.full(a, n).requiresGrad(true);
        Tensor beta = Tensor.full(b, n).requiresGrad(true);
        Gamma.of(alpha, beta).rsample(Rng.of(21)).sum().backward();
        double fa = (float) a;
        double fb = (float) b;
        assertMeanWithinStandardErrors("dE[x]/dα at α=" + a, 1 / fb, doubles(alpha.grad().data()));
        assertMeanWithinStandardErrors("dE[x]/dβ at α=" + a, -fa / (fb * fb), doubles(beta.grad().data()));

        Tensor alpha2 = Tensor.full(a, n).requiresGrad(true);
        Tensor beta2 = Tensor.full(b, n).requiresGrad(true);
        Gamma.of(alpha2, beta2).rsample(Rng.of(22)).log().sum().backward();
        assertMeanWithinStandardErrors("dE[log x]/dα at α=" + a, Trigamma.value(fa), doubles(alpha2.grad().data()));
        for (float d : beta2.grad().data()) {
            assertEquals(-1 / fb, d, 1e-6, "d log x/dβ");
        }
    }

    @Test
    void gradientOfABroadcastParameterIsTheSumOverDraws() {
        int n = 500;
        Tensor scalarAlpha = Tensor.scalar(2.5).requiresGrad(true);
        Gamma.of(scalarAlpha, Tensor.scalar(2.0)).rsample(Rng.of(8), n).sum().backward();
        Tensor perDraw = Tensor.full(2.5, n).requiresGrad(true);
        Gamma.of(perDraw, Tensor.scalar(2.0)).rsample(Rng.of(8)).sum().backward();
        double sum = 0;
        for (float g : perDraw.grad().data()) {
            sum += g;
        }
        assertArrayEquals(new int[0], scalarAlpha.grad().shape());
        assertClose("Σ of per-draw gradients", sum, scalarAlpha.grad().item(), 1e-5);
    }

    @Test
    void rejectsZeroConcentration() {
        assertMessage("Gamma: concentration must be finite and > 0, got 0.0", () -> Gamma.of(0.0, 1.0));
    }

    @Test
    void rejectsNegativeConcentration() {
        assertMessage("Gamma: concentration must be finite and > 0, got -1.0", () -> Gamma.of(-1.0, 1.0));
    }

    @Test
    void rejectsNaNConcentrationElement() {
        assertMessage("Gamma: concentration must be finite and > 0, got NaN",
                () -> Gamma.of(Tensor.vector(1.0, Double.NaN), Tensor.scalar(1.0)));
    }

    @Test
    void rejectsInfiniteConcentration() {
        assertMessage("Gamma: concentration must be finite and > 0, got Infinity",
                () -> Gamma.of(Double.POSITIVE_INFINITY, 1.0));
    }

    @Test
    void rejectsConcentrationThatUnderflowsFloat32() {
        assertMessage("Gamma: concentration must be finite and > 0 in float32, got 1.0E-50",
                () -> Gamma.of(1e-50, 1.0));
    }

    @Test
    void rejectsZeroRate() {
        assertMessage("Gamma: rate must be finite and > 0, got 0.0", () -> Gamma.of(1.0, 0.0));
    }

    @Test
    void rejectsNegativeRate() {
        assertMessage("Gamma: rate must be finite and > 0, got -2.0", () -> Gamma.of(1.0, -2.0));
    }

    @Test
    void rejectsNaNRate() {
        assertMessage("Gamma: rate must be finite and > 0, got NaN", () -> Gamma.of(1.0, Double.NaN));
    }

    @Test
    void rejectsInfiniteRate() {
        assertMessage("Gamma: rate must be finite and > 0, got Infinity",
                () -> Gamma.of(Tensor.scalar(1.0), Tensor.vector(1.0, Double.POSITIVE_INFINITY)));
    }

    @Test
    void rejectsParametersOfIncompatibleShapes() {
        assertMessage("Gamma: concentration of shape [2] and rate of shape [3] cannot be broadcast together",
                () -> Gamma.of(Tensor.vector(1.0, 2.0), Tensor.vector(1.0, 2.0, 3.0)));
    }

    @Test
    void valueOutsideSupportHasLogDensityMinusInfinity() {
        assertEquals(Double.NEGATIVE_INFINITY, Gamma.of(2.0, 1.0).logProb(Tensor.scalar(-1.0)).item());
        assertEquals(Double.NEGATIVE_INFINITY, Gamma.of(2.0, 1.0).logProb(Tensor.scalar(0.0)).item());
    }

    @Test
    void rejectsValueOfIncompatibleShape() {
        assertMessage("Gamma: value of shape [4] does not broadcast with batch shape [3] and event shape []",
                () -> Gamma.of(Tensor.vector(1.0, 2.0, 3.0), Tensor.scalar(1.0)).logProb(Tensor.ones(4)));
    }

    @Test
    void rejectsNegativeSampleShape() {
        assertThrows(IllegalArgumentException.class, () -> Gamma.of(1.0, 1.0).sample(Rng.of(1), -1));
    }
}
