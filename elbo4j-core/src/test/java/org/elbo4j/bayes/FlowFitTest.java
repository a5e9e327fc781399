package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.infer.Verdict;
import org.elbo4j.tensor.kernel.Parallel;
import org.junit.jupiter.api.Test;

/**
 * {@link GuideFamily#FLOW} fits on Neal's funnel ({@link Funnel}: σ = 1.5, four x's, d = 5), whose
 * normaliser and marginals are known: the flow must beat the full-rank Gaussian it starts from by a
 * clear margin in ELBO, k̂ and the marginal sd of y. Seeds fixed; measured at these seeds (4000
 * evidence draws): full rank ELBO 4.168 ± 0.016, k̂ 0.78, log Z estimate 4.77 ± 0.08, sd(y) 0.63;
 * flow (2 layers) ELBO 4.983 ± 0.003, k̂ 0.49, log Z estimate 4.999 ± 0.003, sd(y) 1.41, against
 * log Z = 5.0002 and sd(y) = 1.5. The thresholds sit several Monte Carlo standard errors from these
 * (k̂'s sampling sd at S = 4000 is about 0.05), so with fixed seeds a failure means a changed fit.
 */
class FlowFitTest {

    private static final Funnel FUNNEL = new Funnel(1.5, 4);

    private static FitConfig config(GuideFamily family) {
        FitConfig c = FitConfig.defaults().withParticles(8).withSeed(3).withEvidenceSamples(4000)
                .withPsisSummaries(false).withPosteriorDraws(4000);
        return family == GuideFamily.FLOW ? c.withFlow(2) : c.withGuide(family);
    }

    private static DensityDraws fitAndDraw(FitConfig c) {
        Optimisation opt = DensityFit.fit(FUNNEL, new double[5], c);
        assertTrue(opt.verdict().isUsable(), opt.verdict() + ": " + opt.reason());
        assertEquals(c.guide() == GuideFamily.FLOW, opt.flow().isPresent());
        return DensityFit.draws(FUNNEL, opt, 1, false, c);
    }

    private static double sdOfFirst(double[][] rows) {
        double m = 0;
        double s = 0;
        for (double[] r : rows) {
            m += r[0];
            s += r[0] * r[0];
        }
        m /= rows.length;
        return Math.sqrt(s / rows.length - m * m);
    }

    @Test
    void theFlowBeatsTheFullRankGaussianOnNealsFunnel() {
        DensityDraws gauss = fitAndDraw(config(GuideFamily.FULL_RANK));
        DensityDraws flow = fitAndDraw(config(GuideFamily.FLOW));
        double logZ = FUNNEL.logNormaliser();
        double khatGauss = gauss.evidence().orElseThrow().khat();
        double khatFlow = flow.evidence().orElseThrow().khat();
        assertTrue(flow.elbo() > gauss.elbo() + 0.5, "ELBO flow " + flow.elbo() + " vs full rank " + gauss.elbo());
        assertTrue(flow.elbo() < logZ + 0.05, "the ELBO is a lower bound of log Z = " + logZ + ", got " + flow.elbo());
        assertTrue(khatGauss > 0.7 && khatFlow < 0.6, "k̂ full rank " + khatGauss + ", flow " + khatFlow);
        assertEquals(logZ, flow.evidence().get().logEvidence(), 0.05, "the flow's importance-sampled log Z");
        double sdGauss = sdOfFirst(gauss.draws());
        double sdFlow = sdOfFirst(flow.draws());
        assertTrue(Math.abs(sdFlow - 1.5) < 0.25 && Math.abs(sdGauss - 1.5) > 0.6,
                "sd(y) = 1.5: full rank " + sdGauss + ", flow " + sdFlow);
    }

    @Test
    void theFlowStartsFromTheFullRankFitOfTheSameSeed() {
        Optimisation gauss = DensityFit.fit(FUNNEL, new double[5], config(GuideFamily.FULL_RANK));
        Optimisation flow = DensityFit.fit(FUNNEL, new double[5], config(GuideFamily.FLOW));
        assertArrayEquals(gauss.guide().mean(), flow.guide().mean());
        assertArrayEquals(gauss.trace(), java.util.Arrays.copyOf(flow.trace(), gauss.steps()));
        assertTrue(flow.steps() > gauss.steps());
        assertTrue(flow.reason().startsWith("full-rank start"), flow.reason());
    }

    @Test
    void theDrawsOfAFlowFitDoNotDependOnTheThreadCount() {
        drawsDoNotDependOnTheThreadCount(config(GuideFamily.FLOW).withMaxSteps(400));
        // sinh–arcsinh layers and softplus conditioners keep work arrays of their own per copy
        drawsDoNotDependOnTheThreadCount(config(GuideFamily.FLOW).withMaxSteps(400).withFlowSkew(true)
                .withFlowSoftplus(true));
    }

    private static void drawsDoNotDependOnTheThreadCount(FitConfig c) {
        Optimisation opt = DensityFit.fit(FUNNEL, new double[5], c);
        int threads = Parallel.threads();
        try {
            Parallel.setThreads(1);
            // 10⁷ observations claimed: the evidence pass is split into parallel chunks
            DensityDraws one = DensityFit.draws(FUNNEL, opt, 10_000_000L, true, c);
            Parallel.setThreads(2);
            DensityDraws two = DensityFit.draws(FUNNEL, opt, 10_000_000L, true, c);
            assertEquals(Double.doubleToLongBits(one.elbo()), Double.doubleToLongBits(two.elbo()));
            assertEquals(one.evidence(), two.evidence());
            for (int i = 0; i < one.draws().length; i++) {
                assertArrayEquals(one.draws()[i], two.draws()[i]);
            }
        } finally {
            Parallel.setThreads(threads);
        }
        assertTrue(opt.verdict() == Verdict.MAX_STEPS || opt.verdict().isUsable(), opt.reason());
    }

    @Test
    void aFlowNeedsTheFullDataTheElboAndALayer() {
        FitConfig flow = FitConfig.defaults().withFlow(2);
        assertThrows(IllegalArgumentException.class, () -> flow.withBatchSize(10));
        assertThrows(IllegalArgumentException.class, () -> flow.withIwae(4, org.elbo4j.infer.IwaeGradient.DREG));
        assertThrows(IllegalArgumentException.class, () -> FitConfig.defaults().withFlow(0));
    }
}
