package org.elbo4j.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The closed-form ELBO (Bishop 10.70–10.77) against a Monte Carlo estimate of
 * E_q[log p(X, Z, π, μ, Λ) − log q(Z, π, μ, Λ)] with scipy's densities, printed by
 * {@code tools/mixture_vb_reference.py} (400,000 draws, seed 20261206).
 */
class VariationalElboTest {

    static final double[][] X = {{0.3, -0.2}, {1.1, 0.4}, {-0.7, 0.9}, {2.0, -1.0}, {0.0, 0.5}, {1.5, 1.5}};
    static final double[][] R = {{0.9, 0.1}, {0.3, 0.7}, {0.8, 0.2}, {0.05, 0.95}, {0.6, 0.4}, {0.2, 0.8}};

    private static double elbo(WeightPrior type) {
        NormalWishartPrior prior = new NormalWishartPrior(type, 0.5, 1.5, new double[] {0.2, -0.1}, 3.0,
                new double[] {1.2, 0.3, 0.3, 0.8});
        VariationalPosterior q = new VariationalPosterior(type, new double[] {2.5, 4.0}, new double[] {1.7, 0.9},
                new double[] {2.0, 3.5}, new double[][] {{0.1, 0.4}, {1.0, -0.5}},
                new double[][] {{0.9, -0.2, -0.2, 1.4}, {2.0, 0.5, 0.5, 1.0}}, new double[] {4.0, 5.5});
        MixtureData data = MixtureData.of(X);
        return VariationalElbo.of(prior, q, data, Responsibilities.of(data, R));
    }

    @Test
    void dirichletElboMatchesMonteCarlo() {
        // Monte Carlo: -39.13313474775474 ± 0.019282245338297817; 4 standard errors (false failure ~6e-5)
        assertEquals(-39.13313474775474, elbo(WeightPrior.DIRICHLET_DISTRIBUTION), 4 * 0.019282245338297817);
    }

    @Test
    void stickBreakingElboMatchesMonteCarlo() {
        // Monte Carlo: -40.18937498998483 ± 0.019275870235635862; 4 standard errors
        assertEquals(-40.18937498998483, elbo(WeightPrior.DIRICHLET_PROCESS), 4 * 0.019275870235635862);
    }

    @Test
    void betaKlIsZeroAtEqualityAndPositiveOtherwise() {
        assertEquals(0.0, VariationalElbo.betaKl(2.5, 1.5, 2.5, 1.5), 1e-14);
        // KL(Beta(2,3) || Beta(1,1)) = -H(Beta(2,3)) = log 12 - 2.25 exactly (digamma at integers);
        // scipy -beta(2, 3).entropy() = 0.23490664978903172 agrees to 1e-12
        assertEquals(Math.log(12) - 2.25, VariationalElbo.betaKl(2, 3, 1, 1), 1e-14);
    }
}
