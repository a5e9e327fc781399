package org.elbo4j.dist.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.contract.ReferenceTable;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.GradMode;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered analytic KL against values computed independently by
 * {@code reference/gen_contract.py} (numerical integration, direct summation, matrix formulas),
 * against its own finite differences, and against the Monte Carlo estimator.
 *
 * <p>Analytic vs Monte Carlo: 20,000 draws, allowed 4 standard errors; under the normal
 * approximation a correct pair fails with probability 2(1 − Φ(4)) = 6.3e-5 for a random seed,
 * about 1.4e-3 over the 22 finite pairs. Seeds are fixed.
 */
class KlReferenceTest {

    static Stream<KlCase> cases() {
        return KlCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyticKlMatchesReference(KlCase c) {
        double expected = reference(c.name());
        double found = Kl.divergence(c.p(), c.q()).sum().item();
        if (Double.isInfinite(expected)) {
            assertEquals(expected, found, c.name());
        } else {
            // float32 arithmetic on exact parameters (Gamma, Beta, Dirichlet, Poisson in double).
            assertEquals(expected, found, 2e-5 + 2e-5 * Math.abs(expected), c.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyticKlAgreesWithMonteCarloWithinFourStandardErrors(KlCase c) {
        double analytic = reference(c.name());
        if (Double.isInfinite(analytic)) {
            assertEquals(Double.POSITIVE_INFINITY, MonteCarloKl.estimate(c.p(), c.q(), 2000, Rng.of(5)).value(),
                    c.name() + ": p puts mass where q has none");
            return;
        }
        MonteCarloEstimate mc = MonteCarloKl.estimate(c.p(), c.q(), 20_000, Rng.of(31));
        assertEquals(20_000, mc.samples());
        assertTrue(Math.abs(mc.value() - analytic) <= 4 * mc.stderr() + 1e-5,
                c.name() + ": analytic " + analytic + " vs Monte Carlo " + mc.value() + " ± " + mc.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyticKlGradientsMatchFiniteDifferences(KlCase c) {
        if (c.onABoundary()) {
            return;
        }
        List<Tensor> params = c.copies(true);
        Distribution[] pq = c.build().apply(params);
        Kl.divergence(pq[0], pq[1]).sum().backward();
        for (int k = 0; k < params.size(); k++) {
            Tensor grad = params.get(k).grad();
            for (int j = 0; j < params.get(k).size(); j++) {
                double theta = c.parameters().get(k).data()[j];
                double h = 1e-3 * Math.max(1.0, Math.abs(theta));
                float plus = (float) (theta + h);
                float minus = (float) (theta - h);
                double fd = (klAt(c, k, j, plus) - klAt(c, k, j, minus)) / ((double) plus - minus);
                double ad = grad == null ? 0.0 : grad.data()[j];
                // central difference of a float32 (or double-kernel) value: ~1e-4 rounding at h = 1e-3.
                assertEquals(fd, ad, 2e-3 * Math.max(1.0, Math.abs(fd)),
                        c.name() + " parameter " + k + "[" + j + "]");
            }
        }
    }

    private static double klAt(KlCase c, int k, int j, float value) {
        List<Tensor> params = c.copies(false);
        params.get(k).data()[j] = value;
        try (GradMode scope = GradMode.noGrad()) {
            Distribution[] pq = c.build().apply(params);
            return Kl.divergence(pq[0], pq[1]).sum().item();
        }
    }

    static double reference(String name) {
        for (String[] row : ReferenceTable.rows("kl_reference.txt")) {
            if (row[0].equals(name)) {
                return ReferenceTable.parse(row[1]);
            }
        }
        throw new IllegalStateException("no reference KL for " + name);
    }
}
