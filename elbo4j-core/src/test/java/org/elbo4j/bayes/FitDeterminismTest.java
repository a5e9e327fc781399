package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.stream.Stream;
import org.elbo4j.bayes.models.EightSchools;
import org.elbo4j.tensor.kernel.Parallel;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario of the new fit tests, with a capped step budget, run three times with the same
 * seed: twice with one thread and once with two. All three results must be bit-identical (trace,
 * guide, final ELBO, evidence and every summary), since every random choice comes from the seed
 * and parallel work is split by problem size only. The thread count is restored afterwards.
 */
class FitDeterminismTest {

    private static final int STEPS = 300;

    static Stream<Arguments> scenarios() {
        return Stream.of(
                scenario("low rank 1", LowRankGuideFitTest.rankOneCorrelated(), LowRankGuideFitTest.rankOne()),
                scenario("low rank d", ConjugateRegressionFixture.model(true), LowRankGuideFitTest.fullRankLowRank(4)),
                scenario("Stan adaptive", ConjugateRegressionFixture.model(true),
                        FitConfig.defaults().withOptimizer(OptimizerKind.STAN_ADAPTIVE).withParticles(4)),
                scenario("minibatch", MinibatchFitTest.thousandObservations(), MinibatchFitTest.minibatch()),
                scenario("unknown-noise regression", LinearRegressionFitTest.model(), LinearRegressionFitTest.config()),
                scenario("eight schools", EightSchools.classic(), EightSchoolsFitTest.config()),
                scenario("averaging", ConjugateRegressionFixture.model(true), IterateAveragingTest.config(3, true)),
                scenario("given init", ConjugateRegressionFixture.model(true), FitConfig.defaults()
                        .withInit(InitStrategy.given(Map.of("beta", new double[] {1, -1, 0.5})))),
                scenario("heavy tail", HeavyTailKhatTest.studentT(1), HeavyTailKhatTest.config()),
                scenario("flow", EightSchools.classic(), EightSchoolsFitTest.config().withFlow(2).withEvidenceSamples(300)));
    }

    private static Arguments scenario(String name, BayesModel model, FitConfig config) {
        return Arguments.of(Named.of(name, model), config.withMaxSteps(STEPS).withSeed(11)
                .withEvidenceSamples(config.evidenceSamples() == 0 ? 0 : 300).withPosteriorDraws(300));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void sameSeedSameBitsWithOneOrTwoThreads(BayesModel model, FitConfig config) {
        int threads = Parallel.threads();
        try {
            Parallel.setThreads(1);
            FitResult first = BayesFit.fit(model, config);
            FitResult again = BayesFit.fit(model, config);
            Parallel.setThreads(2);
            FitResult twoThreads = BayesFit.fit(model, config);
            assertIdentical(first, again, "rerun");
            assertIdentical(first, twoThreads, "two threads");
        } finally {
            Parallel.setThreads(threads);
        }
    }

    private static void assertIdentical(FitResult a, FitResult b, String what) {
        assertEquals(a.verdict(), b.verdict(), what);
        assertEquals(a.steps(), b.steps(), what);
        assertArrayEquals(a.elboTrace(), b.elboTrace(), what + ": trace");
        assertArrayEquals(a.guide().mean(), b.guide().mean(), what + ": guide mean");
        double[][] ca = a.guide().covariance();
        double[][] cb = b.guide().covariance();
        for (int i = 0; i < ca.length; i++) {
            assertArrayEquals(ca[i], cb[i], what + ": guide covariance row " + i);
        }
        assertEquals(Double.doubleToLongBits(a.elbo()), Double.doubleToLongBits(b.elbo()), what + ": ELBO");
        assertEquals(a.evidence(), b.evidence(), what + ": evidence");
        assertEquals(a.summaries().keySet(), b.summaries().keySet(), what);
        for (String name : a.summaries().keySet()) {
            ParameterSummary sa = a.summary(name);
            ParameterSummary sb = b.summary(name);
            assertArrayEquals(sa.mean(), sb.mean(), what + ": mean of " + name);
            assertArrayEquals(sa.sd(), sb.sd(), what + ": sd of " + name);
            assertArrayEquals(sa.q2_5(), sb.q2_5(), what + ": q2.5 of " + name);
            assertArrayEquals(sa.q50(), sb.q50(), what + ": median of " + name);
            assertArrayEquals(sa.q97_5(), sb.q97_5(), what + ": q97.5 of " + name);
        }
    }
}
