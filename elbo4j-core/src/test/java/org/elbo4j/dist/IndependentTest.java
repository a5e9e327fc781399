package org.elbo4j.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.dist.transform.ExpBijection;
import org.elbo4j.dist.transform.TransformedDistribution;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class IndependentTest {

    private final Normal base = Normal.of(Tensor.zeros(4, 3), Tensor.ones(4, 3));

    @Test
    void rejectsMoreDimensionsThanTheBaseBatchHas() {
        assertEquals("Independent: reinterpretedBatchDims must be in [0, 2] for base batch shape [4, 3], got 3",
                assertThrows(IllegalArgumentException.class, () -> Independent.of(base, 3)).getMessage());
    }

    @Test
    void rejectsANegativeCount() {
        assertThrows(IllegalArgumentException.class, () -> Independent.of(base, -1));
    }

    @Test
    void movesBatchDimensionsToTheEvent() {
        Independent d = Independent.of(base, 1);
        assertArrayEquals(new int[] {4}, d.batchShape());
        assertArrayEquals(new int[] {3}, d.eventShape());
        assertArrayEquals(new int[] {}, Independent.of(base, 2).batchShape());
        assertArrayEquals(new int[] {4, 3}, Independent.of(base, 2).eventShape());
    }

    @Test
    void logProbAndEntropySumOverTheReinterpretedDimensions() {
        Tensor x = Tensor.randn(Rng.of(3), 5, 4, 3);
        Tensor summed = Independent.of(base, 1).logProb(x);
        assertArrayEquals(new int[] {5, 4}, summed.shape());
        assertEquals(base.logProb(x).sum().item(), summed.sum().item(), 1e-4);
        HasEntropy h = (HasEntropy) Independent.of(base, 2);
        assertEquals(12 * (0.5 + 0.5 * Math.log(2 * Math.PI)), h.entropy().item(), 1e-5);
    }

    @Test
    void capabilitiesFollowTheBase() {
        assertTrue(Independent.of(base, 1) instanceof Reparameterizable);
        assertTrue(Independent.of(base, 1) instanceof HasEntropy);
        Independent bern = Independent.of(Bernoulli.of(Tensor.vector(0.5, 0.5)), 1);
        assertTrue(bern instanceof HasEntropy);
        assertFalse(bern instanceof Reparameterizable);
        Independent counts = Independent.of(Poisson.of(Tensor.vector(1, 2)), 1);
        assertFalse(counts instanceof HasEntropy || counts instanceof Reparameterizable);
        Independent transformed = Independent.of(TransformedDistribution.of(base, ExpBijection.of()), 1);
        assertTrue(transformed instanceof Reparameterizable);
        assertFalse(transformed instanceof HasEntropy);
    }

    @Test
    void rsampleKeepsGradients() {
        Tensor loc = Tensor.zeros(3).requiresGrad(true);
        Reparameterizable r = (Reparameterizable) Independent.of(Normal.of(loc, Tensor.ones(3)), 1);
        r.rsample(Rng.of(4), 10).sum().backward();
        assertArrayEquals(new float[] {10, 10, 10}, loc.grad().toFloatArray());
    }
}
