package org.elbo4j.dist.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.dist.Dirichlet;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.Uniform;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MonteCarloKlTest {

    @Test
    void theStandardErrorShrinksAsOneOverRootN() {
        MonteCarloEstimate small = MonteCarloKl.estimate(Normal.of(0.0, 1.0), Normal.of(1.0, 2.0), 2_000, Rng.of(1));
        MonteCarloEstimate large = MonteCarloKl.estimate(Normal.of(0.0, 1.0), Normal.of(1.0, 2.0), 200_000, Rng.of(1));
        // sample standard deviations agree within a few per cent, so the ratio is 10 ± 0.5
        assertEquals(10.0, small.stderr() / large.stderr(), 0.5);
    }

    @Test
    void batchesAreSummed() {
        Normal p = Normal.of(Tensor.vector(0, 0), Tensor.vector(1, 1));
        Normal q = Normal.of(Tensor.vector(1, 2), Tensor.vector(1, 1));
        MonteCarloEstimate mc = MonteCarloKl.estimate(p, q, 50_000, Rng.of(2));
        // exact: ½(1 + 4) = 2.5; 4 standard errors (false-failure rate 6.3e-5 for a random seed)
        assertTrue(Math.abs(mc.value() - 2.5) <= 4 * mc.stderr(), mc.toString());
    }

    @Test
    void drawsOutsideTheSupportOfQGiveInfinity() {
        MonteCarloEstimate mc = MonteCarloKl.estimate(Uniform.of(0.0, 2.0), Uniform.of(0.0, 1.0), 100, Rng.of(3));
        assertEquals(Double.POSITIVE_INFINITY, mc.value());
        assertTrue(Double.isNaN(mc.stderr()));
    }

    @Test
    void rejectsFewerThanTwoSamples() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MonteCarloKl.estimate(Normal.of(0.0, 1.0), Normal.of(0.0, 1.0), 1, Rng.of(4)));
        assertEquals("MonteCarloKl: samples must be >= 2, got 1", e.getMessage());
    }

    @Test
    void rejectsDifferentEventShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MonteCarloKl.estimate(Normal.of(0.0, 1.0), Dirichlet.of(1.0, 1.0), 10, Rng.of(5)));
        assertTrue(e.getMessage().contains("same event shape"), e.getMessage());
    }
}
