package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FitConfig#reliableDraws()}: the evidence draws go on from S to T only when k̂ of the first
 * S is below 1 ({@link DensityFit#EXTEND_KHAT_LIMIT}), and then the result is exactly that of T
 * evidence draws (the same stream); with k̂ ≥ 1 it is exactly that of S draws. The target is {@link DensityFitTest#GAUSSIAN} (a 3-D
 * Gaussian with mean M and precision Λ).
 */
class ReliableDrawsTest {

    private static final List<String> NAMES = List.of("a", "b", "c");

    /** q = N(M + shift, scale² Λ⁻¹-like diagonal): close to the target for scale ≈ 1, too narrow for scale ≪ 1. */
    private static UnconstrainedGaussian q(double shift, double scale) {
        double[] mean = DensityFitTest.M.clone();
        double[][] cov = new double[3][3];
        for (int i = 0; i < 3; i++) {
            mean[i] += shift;
            cov[i][i] = scale * scale / DensityFitTest.PRECISION[i][i];
        }
        return new UnconstrainedGaussian(NAMES, mean, cov);
    }

    private static DensityDraws draws(UnconstrainedGaussian q, FitConfig c) {
        return DensityFit.draws(DensityFitTest.GAUSSIAN, q, 1, false, c);
    }

    private static void assertSame(DensityDraws expected, DensityDraws actual) {
        assertEquals(expected.evidence().orElseThrow(), actual.evidence().orElseThrow());
        assertEquals(expected.elbo(), actual.elbo());
        assertEquals(expected.source(), actual.source());
        assertEquals(expected.draws().length, actual.draws().length);
        for (int s = 0; s < expected.draws().length; s++) {
            assertArrayEquals(expected.draws()[s], actual.draws()[s]);
        }
        assertArrayEquals(expected.importance().orElseThrow().logRatios(), actual.importance().orElseThrow().logRatios());
    }

    @Test
    void aGoodApproximationGetsAllTheDrawsOfOneLongRun() {
        UnconstrainedGaussian good = q(0.05, 1.1);
        FitConfig base = FitConfig.defaults().withSeed(7);
        DensityDraws adaptive = draws(good, base.withReliableDraws(4000));
        DensityDraws fixed = draws(good, base.withEvidenceSamples(4000).withPosteriorDraws(4000));
        assertTrue(fixed.evidence().orElseThrow().khat() < 0.7, "k̂ " + fixed.evidence().orElseThrow().khat());
        assertEquals(4000, adaptive.evidence().orElseThrow().samples());
        assertEquals(SummarySource.PSIS, adaptive.source());
        assertSame(fixed, adaptive);
    }

    @Test
    void aPoorApproximationStopsAtTheFirstDraws() {
        UnconstrainedGaussian narrow = q(2.0, 0.3);
        FitConfig base = FitConfig.defaults().withSeed(7);
        DensityDraws adaptive = draws(narrow, base.withReliableDraws(4000));
        DensityDraws plain = draws(narrow, base);
        assertTrue(plain.evidence().orElseThrow().khat() >= DensityFit.EXTEND_KHAT_LIMIT,
                "k̂ " + plain.evidence().orElseThrow().khat());
        assertEquals(1000, adaptive.evidence().orElseThrow().samples());
        assertEquals(1000, adaptive.draws().length);
        assertEquals(SummarySource.GUIDE, adaptive.source());
        assertSame(plain, adaptive);
    }

    /** k̂ of 1000 draws between 0.7 and 1 is too noisy to stop on: the draws go on (here to k̂ ≥ 0.7 still). */
    @Test
    void aMiddlingKhatStillGoesOn() {
        UnconstrainedGaussian middling = q(0.0, 0.25);
        FitConfig base = FitConfig.defaults().withSeed(7);
        double first = draws(middling, base).evidence().orElseThrow().khat();
        assertTrue(first >= 0.7 && first < DensityFit.EXTEND_KHAT_LIMIT, "k̂ " + first);
        DensityDraws adaptive = draws(middling, base.withReliableDraws(4000));
        assertEquals(4000, adaptive.evidence().orElseThrow().samples());
        assertSame(draws(middling, base.withEvidenceSamples(4000).withPosteriorDraws(4000)), adaptive);
    }

    @Test
    void aNegativeCountIsRejected() {
        assertEquals("FitConfig: reliableDraws must be >= 0 (0 = never), got -1",
                assertThrows(IllegalArgumentException.class, () -> FitConfig.defaults().withReliableDraws(-1))
                        .getMessage());
    }
}
