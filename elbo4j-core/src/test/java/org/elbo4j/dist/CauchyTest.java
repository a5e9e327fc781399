package org.elbo4j.dist;

import static org.elbo4j.dist.ContinuousTestSupport.assertMatchesReference;
import static org.elbo4j.dist.ContinuousTestSupport.assertMeanWithinStandardErrors;
import static org.elbo4j.dist.ContinuousTestSupport.assertNear;
import static org.elbo4j.dist.ContinuousTestSupport.assertRejected;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cauchy: scipy reference values (log-density; NaN mean and variance; entropy), the quartiles of
 * draws, pathwise gradients, the double-precision log-density and its derivatives, and
 * validation. Statistical checks: 3 (the fractions of 40,000 draws below μ − γ, μ and μ + γ:
 * ¼, ½, ¾), each with false-failure rate 5.7e-7.
 */
class CauchyTest {

    @Test
    void matchesScipy() {
        assertTrue(assertMatchesReference("Cauchy", p -> Cauchy.of(p[0], p[1]), 2e-6, 2e-6) >= 27);
    }

    @Test
    void quartilesOfDrawsAreLocMinusScaleLocAndLocPlusScale() {
        double loc = -1.5;
        double scale = 0.75;
        double[] x = Cauchy.of(loc, scale).sample(Rng.of(41), 40_000).toDoubleArray();
        double[] quartiles = {loc - scale, loc, loc + scale};
        for (int q = 0; q < 3; q++) {
            double cut = quartiles[q];
            assertMeanWithinStandardErrors("P(x <= " + cut + ")", 0.25 * (q + 1),
                    ContinuousTestSupport.map(Tensor.vector(x), v -> v <= cut ? 1 : 0));
        }
    }

    @Test
    void rsampleGradientMatchesFiniteDifferenceWithTheSameNoise() {
        double[] w = Tensor.randn(Rng.of(2), 5).toDoubleArray();
        Tensor loc = Tensor.scalar(0.3).requiresGrad(true);
        Tensor scale = Tensor.scalar(0.9).requiresGrad(true);
        Cauchy.of(loc, scale).rsample(Rng.of(7), 5).mul(Tensor.vector(w)).sum().backward();
        double dScale = ContinuousTestSupport.centralDifference(s -> Cauchy.of(0.3, s).sample(Rng.of(7), 5),
                0.9, 1e-2, w);
        double dLoc = ContinuousTestSupport.centralDifference(m -> Cauchy.of(m, 0.9).sample(Rng.of(7), 5),
                0.3, 1e-2, w);
        assertNear("d/dscale", dScale, scale.grad().item(), 1e-3, 1e-4);
        assertNear("d/dloc", dLoc, loc.grad().item(), 1e-3, 1e-4);
    }

    @Test
    void doublePrecisionLogDensityIsTheTensorOne() {
        ScalarLogDensityChecks.check("Cauchy(1.5, 0.25)", x -> Cauchy.of(1.5, 0.25).logProb(x),
                x -> Cauchy.logDensity(x, 1.5, 0.25), x -> Cauchy.logDensityDerivative(x, 1.5, 0.25),
                x -> Cauchy.logDensitySecondDerivative(x, 1.5, 0.25), -3, 0, 1.25, 1.5, 1.625, 4, 30);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsScale(double scale) {
        assertRejected("Cauchy: scale must be finite and > 0, got " + (float) scale, () -> Cauchy.of(0.0, scale));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.NEGATIVE_INFINITY})
    void rejectsLoc(double loc) {
        assertRejected("Cauchy: loc must be finite, got " + (float) loc, () -> Cauchy.of(loc, 1.0));
    }

    @Test
    void rejectsShapesThatDoNotBroadcast() {
        assertRejected("Cauchy: loc shape [2, 3] and scale shape [2] do not broadcast",
                () -> Cauchy.of(Tensor.zeros(2, 3), Tensor.ones(2)));
    }
}
