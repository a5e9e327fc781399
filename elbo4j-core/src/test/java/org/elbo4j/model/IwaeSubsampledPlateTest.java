package org.elbo4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.infer.IwaeGradient;
import org.junit.jupiter.api.Test;

/**
 * The importance-weighted bound on a model whose data plate subsamples ({@link PoissonRegressionCase},
 * N = 120, plate subsample 20): {@link FunctionModel#fit} evaluates the plate over all N rows, so
 * the fit runs and is the fit of the same model declared without subsampling (plate subsample
 * size N): the L_8 trace, the final ELBO and the posterior means are compared exactly (same seed,
 * same full-data log density, so the same numbers), no tolerance.
 */
class IwaeSubsampledPlateTest {

    private static final int N = 120;

    private static FitConfig config() {
        return FitConfig.defaults().withGuide(GuideFamily.MEAN_FIELD).withIwae(8, IwaeGradient.DREG).withMaxSteps(300)
                .withEvidenceSamples(200).withPosteriorDraws(200).withSeed(4);
    }

    @Test
    void iwaeEvaluatesASubsampledPlateOverAllRows() {
        PoissonRegressionCase c = new PoissonRegressionCase(N, 5);
        FunctionModel subsampled = FunctionModel.of(c.function(20));
        FunctionModel full = FunctionModel.of(c.function(N));
        assertEquals(20, subsampled.subsampleSize());
        FitResult a = subsampled.fit(config());
        FitResult b = full.fit(config());
        assertTrue(a.elboTrace().length > 0 && Double.isFinite(a.elbo()), a.reason());
        assertArrayEquals(b.elboTrace(), a.elboTrace(), 0.0, "the L_8 trace is the full-data one");
        assertEquals(b.elbo(), a.elbo(), 0.0);
        assertArrayEquals(b.summary("beta").mean(), a.summary("beta").mean(), 0.0);
        assertArrayEquals(b.summary("alpha").mean(), a.summary("alpha").mean(), 0.0);
    }

    /** A batch size asked for explicitly together with L_K is still refused, naming both. */
    @Test
    void anExplicitBatchWithIwaeIsStillRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config().withBatchSize(20));
        assertTrue(e.getMessage().contains("iwaeSamples needs the full data"), e.getMessage());
    }
}
