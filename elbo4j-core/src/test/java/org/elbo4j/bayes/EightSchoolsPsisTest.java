package org.elbo4j.bayes;

import org.elbo4j.infer.Verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.models.EightSchools;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Default fits of non-centred eight schools (Laplace start, PSIS-corrected summaries) against a
 * long NUTS run of the same model in Stan: {@code Rscript bench/stan/run_stan.R --model
 * eight-schools --methods nuts --chains 4 --iter 20000 --seed 1} (rstan 2.21; min ESS 27,227,
 * max R̂ 1.0002, so the reference's Monte Carlo error is below 0.01 sd). Accuracy is measured as
 * in {@code bench/compare_stan.sh}: {@code max_i |mean_i − ref_i| / sd_ref_i} and
 * {@code max_i |log(sd_i / sd_ref_i)|} over μ, τ and the eight θ̃_j.
 *
 * <p>Observed over seeds 1–6 for both guides (12 fits, 1000 evidence draws): k̂ 0.26–0.71 (one
 * full-rank seed at 0.71 falls back to the guide's draws); mean error 0.08–0.19 and sd error
 * 0.04–0.17, where Stan's ADVI (seeds 1–5, default settings, {@code bench/compare_stan.sh}) gives
 * medians 0.19–0.28 and 0.24–0.26 with worst cases 0.43 and 0.97. The bounds here, 0.25 and
 * 0.35, sit above every observed value; the fit is deterministic for its seed.
 */
class EightSchoolsPsisTest {

    static final double[][] NUTS_MU_TAU = {{4.3896, 3.2880}, {3.5821, 3.2172}};
    static final double[][] NUTS_THETA_TILDE = {{0.3097, 0.9969}, {0.1019, 0.9434}, {-0.0754, 0.9748},
        {0.0568, 0.9486}, {-0.1546, 0.9438}, {-0.0709, 0.9437}, {0.3521, 0.9478}, {0.0752, 0.9761}};

    @ParameterizedTest
    @EnumSource(value = GuideFamily.class, names = {"MEAN_FIELD", "FULL_RANK"})
    void psisSummariesAreCloseToNuts(GuideFamily family) {
        FitResult r = BayesFit.fit(EightSchools.classic(), FitConfig.defaults().withGuide(family).withSeed(1));
        assertEquals(Verdict.CONVERGED, r.verdict(), r.reason());
        assertTrue(r.evidence().orElseThrow().khat() < BayesFit.PSIS_KHAT_LIMIT, "khat " + r.evidence());
        assertEquals(SummarySource.PSIS, r.summarySource());
        double meanError = 0;
        double sdError = 0;
        String[] names = {"mu", "tau"};
        for (int i = 0; i < 2; i++) {
            ParameterSummary s = r.summary(names[i]);
            meanError = Math.max(meanError, Math.abs(s.mean()[0] - NUTS_MU_TAU[i][0]) / NUTS_MU_TAU[i][1]);
            sdError = Math.max(sdError, Math.abs(Math.log(s.sd()[0] / NUTS_MU_TAU[i][1])));
        }
        ParameterSummary t = r.summary("thetaTilde");
        for (int j = 0; j < NUTS_THETA_TILDE.length; j++) {
            meanError = Math.max(meanError, Math.abs(t.mean()[j] - NUTS_THETA_TILDE[j][0]) / NUTS_THETA_TILDE[j][1]);
            sdError = Math.max(sdError, Math.abs(Math.log(t.sd()[j] / NUTS_THETA_TILDE[j][1])));
        }
        assertTrue(meanError < 0.25, family + ": mean error " + meanError);
        assertTrue(sdError < 0.35, family + ": sd error " + sdError);
    }
}
