package org.elbo4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.Evidence;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.OptimizerKind;
import org.elbo4j.dist.Support;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The conjugate Normal–Normal model of {@link ConjugateNormalModel}, written with the model API,
 * fit with every guide family and compared with the closed-form posterior and evidence. Seeds are
 * fixed. Tolerances: posterior means within 0.05 posterior sd and sds within 5 % for the
 * variational guides (the exact posterior is in each family, so only optimisation noise remains,
 * ≥ 4 Monte Carlo standard errors of the averaged iterates); the mode and the Laplace sd within
 * 1e−3 relative (deterministic, float32 gradients); the importance-sampled evidence within 3 of
 * its standard errors + 1e−3.
 */
class ConjugateNormalFitTest {

    private static final ConjugateNormalModel CASE = new ConjugateNormalModel(11);
    private static final FunctionModel MODEL = FunctionModel.of(CASE.function());

    @Test
    void aModelFitRefusesTheNestedLaplaceGuideInOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MODEL.fit(FitConfig.defaults().withGuide(GuideFamily.NESTED_LAPLACE)));
        assertTrue(e.getMessage().contains("LatentGaussianDensity"), e.getMessage());
    }

    @Test
    void theTraceDerivesOneRealParameterPerGroup() {
        assertEquals(1, MODEL.parameters().size());
        assertEquals("mu", MODEL.parameters().get(0).name());
        assertArrayEquals(new int[] {ConjugateNormalModel.K}, MODEL.parameters().get(0).shape());
        assertEquals(Support.REAL, MODEL.parameters().get(0).support());
        assertEquals(2, MODEL.plateRank());
    }

    @ParameterizedTest
    @EnumSource(value = GuideFamily.class, mode = EnumSource.Mode.EXCLUDE, names = "NESTED_LAPLACE")
    void everyGuideRecoversTheExactPosterior(GuideFamily family) {
        FitConfig config = FitConfig.defaults().withGuide(family).withParticles(16).withLearningRate(0.02)
                .withMaxSteps(20_000).withEvidenceSamples(4000).withSeed(7);
        if (family == GuideFamily.LOW_RANK) {
            config = config.withLowRank(1);
        }
        FitResult r = MODEL.fit(config);
        assertTrue(r.verdict().isUsable(), r.reason());
        double sd = CASE.posteriorSd();
        double[] mean = r.guide().mean();
        double[][] cov = r.guide().covariance();
        boolean deterministic = family == GuideFamily.MAP || family == GuideFamily.LAPLACE;
        for (int k = 0; k < ConjugateNormalModel.K; k++) {
            double exact = CASE.posteriorMean(k);
            assertEquals(exact, mean[k], deterministic ? 1e-3 * sd : 0.05 * sd, family + " mean " + k);
            if (family != GuideFamily.MAP) {
                assertEquals(sd, Math.sqrt(cov[k][k]), (deterministic ? 1e-3 : 0.05) * sd, family + " sd " + k);
            }
        }
        if (family != GuideFamily.MAP) {
            double exact = CASE.logEvidence();
            Evidence e = r.evidence().orElseThrow();
            assertEquals(exact, e.logEvidence(), 3 * e.stderr() + 1e-3, family + " evidence");
            assertTrue(r.elbo() <= exact + 4 * r.elboStderr() + 1e-3, family + " ELBO above the evidence");
        }
    }

    /** The other estimator and optimiser settings of the fit: sticking-the-landing gradients, Stan's step sequence. */
    @ParameterizedTest
    @EnumSource(value = OptimizerKind.class, names = {"ADAM", "STAN_ADAPTIVE"})  // NATURAL needs GaussianExpectations (NaturalGradientLoopTest)
    void stickingTheLandingAndEitherOptimizerRecoverThePosterior(OptimizerKind optimizer) {
        FitResult r = MODEL.fit(FitConfig.defaults().withGuide(GuideFamily.FULL_RANK).withStickingTheLanding(true)
                .withOptimizer(optimizer).withParticles(16).withLearningRate(0.02).withMaxSteps(20_000)
                .withEvidenceSamples(4000).withSeed(9));
        assertTrue(r.verdict().isUsable(), r.reason());
        double sd = CASE.posteriorSd();
        for (int k = 0; k < ConjugateNormalModel.K; k++) {
            assertEquals(CASE.posteriorMean(k), r.guide().mean()[k], 0.05 * sd, optimizer + " mean " + k);
            assertEquals(sd, Math.sqrt(r.guide().covariance()[k][k]), 0.05 * sd, optimizer + " sd " + k);
        }
    }
}
