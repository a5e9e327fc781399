package org.elbo4j.dist;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parameter-check switch: on by default, every family rejects a bad parameter value while it
 * is on and builds without looking while it is off; shape checks stay on; scopes nest and restore
 * the previous setting; the setting is per thread.
 */
class ValidationTest {

    /** A factory call with a parameter value outside its domain, per family. */
    record BadParameter(String family, Supplier<Distribution> build) {
        @Override
        public String toString() {
            return family;
        }
    }

    static Stream<BadParameter> badParameters() {
        return Stream.of(
                new BadParameter("Normal", () -> Normal.of(0.0, -1.0)),
                new BadParameter("Normal loc", () -> Normal.of(Double.NaN, 1.0)),
                new BadParameter("LogNormal", () -> LogNormal.of(0.0, 0.0)),
                new BadParameter("Laplace", () -> Laplace.of(0.0, -2.0)),
                new BadParameter("StudentT", () -> StudentT.of(-1.0, 0.0, 1.0)),
                new BadParameter("Cauchy", () -> Cauchy.of(0.0, -1.0)),
                new BadParameter("HalfNormal", () -> HalfNormal.of(0.0)),
                new BadParameter("HalfCauchy", () -> HalfCauchy.of(Double.POSITIVE_INFINITY)),
                new BadParameter("Uniform", () -> Uniform.of(1.0, 0.0)),
                new BadParameter("Exponential", () -> Exponential.of(-1.0)),
                new BadParameter("Gamma", () -> Gamma.of(-1.0, 1.0)),
                new BadParameter("Gamma tensor", () -> Gamma.of(Tensor.scalar(1.0), Tensor.scalar(0.0))),
                new BadParameter("Beta", () -> Beta.of(0.0, 1.0)),
                new BadParameter("Poisson", () -> Poisson.of(-1.0)),
                new BadParameter("Dirichlet", () -> Dirichlet.of(0.0, 1.0)),
                new BadParameter("LkjCholesky", () -> LkjCholesky.of(2, -1.0)),
                new BadParameter("ContinuousBernoulli", () -> ContinuousBernoulli.of(1.5)),
                new BadParameter("Bernoulli", () -> Bernoulli.of(1.5)),
                new BadParameter("Bernoulli logits", () -> Bernoulli.ofLogits(Tensor.scalar(Double.NaN))),
                new BadParameter("Categorical", () -> Categorical.of(0.25, 0.25)),
                new BadParameter("Categorical logits", () -> Categorical.ofLogits(Tensor.vector(0.0, Double.NaN))),
                // (the message names the Categorical it wraps)
                new BadParameter("Categorical one-hot", () -> OneHotCategorical.of(Tensor.vector(0.25, 0.25))),
                new BadParameter("MultivariateNormal tril", () -> MultivariateNormal.ofScaleTril(new double[] {0, 0},
                        new double[][] {{1, 0.5}, {0, 1}})),
                new BadParameter("MultivariateNormal asymmetric", () -> MultivariateNormal.ofCovariance(
                        new double[] {0, 0}, new double[][] {{2, 0.5}, {0.25, 1}})),
                new BadParameter("LowRankMultivariateNormal", () -> LowRankMultivariateNormal.of(new double[] {0, 0},
                        new double[][] {{1}, {0}}, new double[] {1, -1})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badParameters")
    void onByDefaultRejectsAndOffBuilds(BadParameter bad) {
        assertTrue(Validation.isEnabled(), "on by default");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad.build()::get);
        assertTrue(e.getMessage().startsWith(bad.family().split(" ")[0] + ":"), e.getMessage());
        try (Validation off = Validation.off()) {
            assertFalse(Validation.isEnabled());
            assertDoesNotThrow(bad.build()::get, bad.family() + " with the checks off");
        }
        assertTrue(Validation.isEnabled(), "closing the scope restores the checks");
        assertThrows(IllegalArgumentException.class, bad.build()::get);
    }

    @Test
    void withTheChecksOffABadParameterGoesUndetected() {
        try (Validation off = Validation.off()) {
            assertTrue(Double.isNaN(Normal.of(0.0, -1.0).logProb(Tensor.scalar(0.5)).item()),
                    "log of a negative scale: nothing repaired it");
        }
    }

    @Test
    void shapeChecksStayOn() {
        try (Validation off = Validation.off()) {
            assertEquals("Normal: loc shape [2, 3] and scale shape [2] do not broadcast",
                    assertThrows(IllegalArgumentException.class,
                            () -> Normal.of(Tensor.zeros(2, 3), Tensor.ones(2))).getMessage());
            assertThrows(IllegalArgumentException.class, () -> MultivariateNormal.ofCovariance(new double[] {0, 0},
                    new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}));
            assertThrows(IllegalArgumentException.class, () -> MultivariateNormal.ofCovariance(new double[] {0, 0},
                    new double[][] {{1, 2}, {2, 1}}), "a covariance that cannot be factored is still an error");
        }
    }

    @Test
    void scopesNestAndRestoreThePreviousSetting() {
        try (Validation off = Validation.off()) {
            try (Validation on = Validation.on()) {
                assertTrue(Validation.isEnabled());
                assertThrows(IllegalArgumentException.class, () -> Normal.of(0.0, -1.0));
                try (Validation offAgain = Validation.off()) {
                    assertFalse(Validation.isEnabled());
                }
                assertTrue(Validation.isEnabled());
            }
            assertFalse(Validation.isEnabled());
        }
        assertTrue(Validation.isEnabled());
    }

    @Test
    void theSettingBelongsToTheThread() throws InterruptedException {
        AtomicReference<List<Object>> seen = new AtomicReference<>();
        try (Validation off = Validation.off()) {
            Thread other = new Thread(() -> {
                boolean enabled = Validation.isEnabled();
                Object outcome;
                try {
                    Normal.of(0.0, -1.0);
                    outcome = "built";
                } catch (IllegalArgumentException e) {
                    outcome = "rejected";
                }
                seen.set(List.of(enabled, outcome));
            });
            other.start();
            other.join();
            assertFalse(Validation.isEnabled());
        }
        assertEquals(List.of(true, "rejected"), seen.get());
    }
}
