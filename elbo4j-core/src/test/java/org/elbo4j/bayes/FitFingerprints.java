package org.elbo4j.bayes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.elbo4j.bayes.models.EightSchools;

/**
 * Not a test: one line per fit scenario (low rank, Stan's step sizes, minibatch, unknown noise,
 * eight schools mean-field / full-rank / STL / without Laplace start, heavy tail; 600 steps, seed
 * 5, 400 evidence draws) with a hash of everything the fit reports bit for bit (trace, guide mean
 * and covariance, reason, ELBO, evidence, summaries), for comparing two builds:
 * {@code java -cp <test classpath> org.elbo4j.bayes.FitFingerprints OUT.txt} on each, then {@code diff}.
 */
public final class FitFingerprints {

    private FitFingerprints() {
    }

    public static void main(String[] args) throws Exception {
        FitConfig eight = EightSchoolsFitTest.config();
        Object[][] scenarios = {
            {"lowrank1", LowRankGuideFitTest.rankOneCorrelated(), LowRankGuideFitTest.rankOne()},
            {"lowrankd", ConjugateRegressionFixture.model(true), LowRankGuideFitTest.fullRankLowRank(4)},
            {"stan", ConjugateRegressionFixture.model(true),
                FitConfig.defaults().withOptimizer(OptimizerKind.STAN_ADAPTIVE).withParticles(4)},
            {"minibatch", MinibatchFitTest.thousandObservations(), MinibatchFitTest.minibatch()},
            {"linreg", LinearRegressionFitTest.model(), LinearRegressionFitTest.config()},
            {"eight", EightSchools.classic(), eight},
            {"eightFR", EightSchools.classic(), eight.withGuide(GuideFamily.FULL_RANK)},
            {"eightSTL", EightSchools.classic(), eight.withStickingTheLanding(true).withParticles(3)},
            {"eightNoLaplace", EightSchools.classic(), eight.withInit(InitStrategy.given(Map.of()))},
            {"heavy", HeavyTailKhatTest.studentT(1), HeavyTailKhatTest.config()},
        };
        List<String> out = new ArrayList<>();
        for (Object[] s : scenarios) {
            FitConfig c = ((FitConfig) s[2]).withMaxSteps(600).withSeed(5).withEvidenceSamples(400)
                    .withPosteriorDraws(300);
            FitResult r = BayesFit.fit((BayesModel) s[1], c);
            StringBuilder b = new StringBuilder();
            b.append(r.verdict()).append(' ').append(r.steps());
            for (double v : r.elboTrace()) {
                b.append(' ').append(Double.doubleToLongBits(v));
            }
            for (double v : r.guide().mean()) {
                b.append(' ').append(Double.doubleToLongBits(v));
            }
            for (double[] row : r.guide().covariance()) {
                for (double v : row) {
                    b.append(' ').append(Double.doubleToLongBits(v));
                }
            }
            b.append(' ').append(r.reason()).append(' ').append(Double.doubleToLongBits(r.elbo())).append(' ')
                    .append(Double.doubleToLongBits(r.elboStderr())).append(' ').append(r.evidence()).append(' ')
                    .append(r.summarySource());
            for (ParameterSummary ps : r.summaries().values()) {
                b.append(Arrays.toString(ps.mean())).append(Arrays.toString(ps.sd()))
                        .append(Arrays.toString(ps.q2_5())).append(Arrays.toString(ps.q97_5()));
            }
            out.add(s[0] + " " + Integer.toHexString(b.toString().hashCode()) + " " + r.verdict() + " steps="
                    + r.steps() + " mean0=" + r.guide().mean()[0] + " elbo=" + r.elbo() + " ev="
                    + r.evidence().map(e -> e.logEvidence() + "/" + e.khat()).orElse("-"));
        }
        Files.write(Path.of(args[0]), out);
    }
}
