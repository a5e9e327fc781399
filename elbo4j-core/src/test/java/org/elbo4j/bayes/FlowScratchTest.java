package org.elbo4j.bayes;

import org.junit.jupiter.api.Test;

class FlowScratchTest {
    @Test
    void funnel() {
        Funnel f = new Funnel(1.5, 4);
        double[] init = new double[5];
        for (FitConfig c : new FitConfig[] {
                FitConfig.defaults().withGuide(GuideFamily.FULL_RANK).withParticles(8).withSeed(3),
                FitConfig.defaults().withFlow(1).withParticles(8).withSeed(3),
                FitConfig.defaults().withFlow(2).withParticles(8).withSeed(3),
                FitConfig.defaults().withFlow(4).withParticles(8).withSeed(3)}) {
            long t0 = System.nanoTime();
            Optimisation opt = DensityFit.fit(f, init, c);
            DensityDraws dr = DensityFit.draws(f, opt, 1, false, c.withEvidenceSamples(4000).withPsisSummaries(false));
            double m2 = 0, my = 0, vy = 0;
            for (double[] r : dr.draws()) { my += r[0]; vy += r[0]*r[0]; m2 += r[1]*r[1]; }
            int s = dr.draws().length;
            System.out.printf("%s %s steps %d elbo %.4f logZ %.4f evid %s  sd y %.3f (1.5) E x^2 %.3f (%.3f) %.1fs%n  %s%n",
                c.guide(), c.flowLayers(), opt.steps(), dr.elbo(), f.logNormaliser(), dr.evidence().orElse(null),
                Math.sqrt(vy/s - my*my/s/s), m2/s, Math.exp(1.125), (System.nanoTime()-t0)/1e9, opt.reason());
        }
    }
}
