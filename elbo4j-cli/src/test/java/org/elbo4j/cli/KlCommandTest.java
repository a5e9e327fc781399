package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code elbo4j kl}: the analytic path, the Monte Carlo fallback, and bad input. */
class KlCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(new KlCommand(), args);
    }

    @Test
    void analyticPairPrintsTheClosedFormWithZeroStderr() {
        CliRun r = run("--p", "Normal(0, 1)", "--q", "Normal(1, 2)");
        assertEquals(0, r.exitCode(), r.err());
        // ½(σp²/σq² + (μp − μq)²/σq² − 1 − log(σp²/σq²)) = ½(1/4 + 1/4 − 1 + log 4)
        assertEquals(0.5 * (0.25 + 0.25 - 1 + Math.log(4)), r.number("kl"), 1e-6);
        assertEquals("analytic", r.string("method"));
        assertEquals(0.0, r.number("stderr"));
    }

    @Test
    void pairWithoutAClosedFormFallsBackToMonteCarlo() {
        // KL(N(0,1) || Laplace(0,1)) = E|x| + log 2 − H(N(0,1)) = sqrt(2/π) + log 2 − ½ log(2πe).
        double exact = Math.sqrt(2 / Math.PI) + Math.log(2) - 0.5 * Math.log(2 * Math.PI * Math.E);
        CliRun r = run("--p", "Normal(0, 1)", "--q", "Laplace(0, 1)", "--samples", "20000", "--seed", "3");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("monte-carlo", r.string("method"));
        double se = r.number("stderr");
        assertTrue(se > 0 && se < 0.01, "stderr " + se);
        // 4 standard errors: false-failure rate 6.3e-5 for a random seed (this one is fixed).
        assertTrue(Math.abs(r.number("kl") - exact) <= 4 * se, r.out() + " vs " + exact);
    }

    @Test
    void sameSeedSameEstimateOtherSeedOtherEstimate() {
        String a = run("--p", "Gamma(2, 1)", "--q", "LogNormal(0, 1)", "--seed", "7").out();
        assertEquals(a, run("--p", "Gamma(2, 1)", "--q", "LogNormal(0, 1)", "--seed", "7").out());
        assertTrue(!a.equals(run("--p", "Gamma(2, 1)", "--q", "LogNormal(0, 1)", "--seed", "8").out()));
    }

    @Test
    void infiniteDivergenceIsWrittenAsAString() {
        CliRun r = run("--p", "Uniform(0, 2)", "--q", "Uniform(0, 1)");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("\"kl\": \"Infinity\""), r.out());
    }

    @Test
    void tooFewSamplesIsRejected() {
        CliRun r = run("--p", "Normal(0, 1)", "--q", "Laplace(0, 1)", "--samples", "1");
        assertTrue(r.oneErrorLineContaining("--samples: must be >= 2, got 1"), r.err());
    }

    @Test
    void badSpecNamesTheOption() {
        CliRun r = run("--p", "Normal(0, 1)", "--q", "Beta(0, 1)");
        assertTrue(r.oneErrorLineContaining("--q: Beta: concentration1"), r.err());
    }

    @Test
    void mismatchedEventShapesAreRejected() {
        CliRun r = run("--p", "Normal(0, 1)", "--q", "Dirichlet([1, 2])");
        assertTrue(r.oneErrorLineContaining("--p/--q:"), r.err());
    }
}
