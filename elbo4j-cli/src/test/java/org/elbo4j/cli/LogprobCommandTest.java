package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code elbo4j logprob}: values against closed forms, and one clear line for every bad input. */
class LogprobCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(new LogprobCommand(), args);
    }

    @Test
    void normalLogDensityAtAPoint() {
        CliRun r = run("--dist", "Normal(0, 1)", "--x", "0.5");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(-0.125 - 0.5 * Math.log(2 * Math.PI), r.number("log_prob"), 1e-6);
        assertTrue(r.out().startsWith("{\"log_prob\": "), r.out());
    }

    @Test
    void vectorEventsAndDiscreteFamilies() {
        // Dirichlet(1, 1, 1) is uniform on the simplex: log Γ(3) = log 2.
        assertEquals(Math.log(2), run("--dist", "Dirichlet([1, 1, 1])", "--x", "[0.2, 0.3, 0.5]").number("log_prob"), 1e-6);
        assertEquals(Math.log(0.8), run("--dist", "Categorical([0.2, 0.8])", "--x", "1").number("log_prob"), 1e-6);
        assertEquals(3 * Math.log(2.5) - 2.5 - Math.log(6), run("--dist", "poisson(2.5)", "--x", "3").number("log_prob"),
                1e-6);
        double[][] cov = {{2, 0.5}, {0.5, 1}};
        double det = 2 - 0.25;
        // x − μ = (1, 0): Mahalanobis = Σ⁻¹₀₀ = 1/det.
        double expected = -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * (cov[1][1] / det);
        assertEquals(expected, run("--dist", "MultivariateNormal([0, 0], [[2, 0.5], [0.5, 1]])", "--x", "[1, 0]")
                .number("log_prob"), 1e-6);
    }

    @Test
    void aBatchOfValuesGivesAnArray() {
        CliRun r = run("--dist", "Exponential(2)", "--x", "[0, 1]");
        assertArrayEquals(new double[] {Math.log(2), Math.log(2) - 2}, r.array("log_prob"), 1e-6);
    }

    @Test
    void unknownFamilyIsOneLineAndExitTwo() {
        CliRun r = run("--dist", "Normall(0, 1)", "--x", "0");
        assertTrue(r.oneErrorLineContaining("--dist: unknown distribution 'Normall'"), r.err());
    }

    @Test
    void rejectedParameterNamesTheOptionAndTheParameter() {
        CliRun r = run("--dist", "Normal(0, -1)", "--x", "0");
        assertTrue(r.oneErrorLineContaining("--dist: Normal: scale must be finite and > 0, got -1.0"), r.err());
    }

    @Test
    void wrongArgumentCountSaysWhatIsExpected() {
        CliRun r = run("--dist", "Gamma(2)", "--x", "1");
        assertTrue(r.oneErrorLineContaining("Gamma takes 2 arguments (concentration, rate), got 1"), r.err());
    }

    @Test
    void malformedSpecSaysWhere() {
        CliRun r = run("--dist", "Normal(0, 1", "--x", "0");
        assertTrue(r.oneErrorLineContaining("expected ')'"), r.err());
    }

    @Test
    void malformedValueIsRejected() {
        CliRun r = run("--dist", "Normal(0, 1)", "--x", "abc");
        assertTrue(r.oneErrorLineContaining("--x: cannot read 'abc'"), r.err());
    }

    @Test
    void valueOutsideTheSupportHasLogProbMinusInfinity() {
        // One rule for every family (Distribution): −∞ outside the support, printed as JSON's "-Infinity".
        for (String[] c : new String[][] {{"Bernoulli(0.3)", "0.5"}, {"Gamma(2, 3)", "-1"}, {"Poisson(2)", "1.5"},
            {"Exponential(2)", "-1"}, {"Dirichlet([1, 2, 3])", "[0.5, 0.5, 0.5]"}}) {
            CliRun r = run("--dist", c[0], "--x", c[1]);
            assertEquals(0, r.exitCode(), c[0] + ": " + r.err());
            assertEquals("{\"log_prob\": \"-Infinity\"}", r.out().trim(), c[0]);
        }
    }

    @Test
    void missingOptionIsAUsageError() {
        CliRun r = run("--dist", "Normal(0, 1)");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--x"), r.err());
    }
}
