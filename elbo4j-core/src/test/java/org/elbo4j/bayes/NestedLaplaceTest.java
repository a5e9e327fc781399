package org.elbo4j.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.elbo4j.infer.Verdict;
import org.elbo4j.tensor.kernel.Parallel;
import org.junit.jupiter.api.Test;

/**
 * The nested Laplace guide on {@link HierarchicalNormal}, whose latent posterior given θ is exactly
 * Gaussian: the Laplace marginal equals the closed-form log p(y, t), and the importance-sampled
 * evidence and posterior of t match 1-D quadrature of the closed form.
 */
class NestedLaplaceTest {

    private static final HierarchicalNormal TARGET = new HierarchicalNormal();
    private static final int D = 2 + HierarchicalNormal.Y.length;

    private static double[] point(long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[] u = new double[D];
        u[0] = 0.5 * r.nextGaussian() + 1.5;
        for (int i = 1; i < D; i++) {
            u[i] = 5 * r.nextGaussian();
        }
        return u;
    }

    @Test
    void theTestTargetsDerivativesMatchCentralDifferences() {
        double[] u = point(3);
        double[] g = new double[D];
        double[][] h = new double[D][D];
        TARGET.curvature(u, g, h);
        double step = 1e-5;
        for (int i = 0; i < D; i++) {
            double[] up = u.clone();
            double[] down = u.clone();
            up[i] += step;
            down[i] -= step;
            double[] gu = new double[D];
            double[] gd = new double[D];
            double fu = TARGET.curvature(up, gu, null);
            double fd = TARGET.curvature(down, gd, null);
            assertEquals((fu - fd) / (2 * step), g[i], 1e-6 * (1 + Math.abs(g[i])), "gradient " + i);
            for (int k = 0; k < D; k++) {
                assertEquals(-(gu[k] - gd[k]) / (2 * step), h[k][i], 1e-6 * (1 + Math.abs(h[k][i])),
                        "Hessian " + k + "," + i);
            }
        }
    }

    @Test
    void theLaplaceMarginalIsTheClosedFormWhenTheConditionalIsGaussian() {
        ConditionalMode inner = new ConditionalMode(TARGET, D, TARGET.hyperparameters(), TARGET.separableLatentBlocks());
        for (double t : new double[] {-3, 0, 1.7, 3}) {
            ConditionalMode.Result r = inner.find(new double[] {t}, new double[D - 1]);
            assertTrue(r.converged());
            assertEquals(HierarchicalNormal.logJoint(t), r.logMarginal(), 1e-9, "t = " + t);
            // the gradient in the latent coordinates vanishes at the mode
            double[] g = new double[D];
            TARGET.curvature(inner.join(new double[] {t}, r.latent()), g, null);
            for (int i = 1; i < D; i++) {
                assertEquals(0, g[i], 1e-9, "latent gradient " + i + " at t = " + t);
            }
        }
    }

    @Test
    void oneNewtonStepFromAnywhereIsExactForAGaussianConditional() {
        ConditionalMode inner = new ConditionalMode(TARGET, D, TARGET.hyperparameters(), TARGET.separableLatentBlocks());
        double[] theta = {0.8};
        ConditionalMode.Result exact = inner.find(theta, new double[D - 1]);
        double[] start = inner.latentOf(point(11));
        ConditionalMode.Result step = inner.approximate(theta, start);
        assertArrayEquals(exact.latent(), step.latent(), 1e-9);
        assertEquals(exact.precision().logDet(), step.precision().logDet(), 1e-12);
    }

    private static FitConfig config(int draws) {
        return FitConfig.defaults().withGuide(GuideFamily.NESTED_LAPLACE).withSeed(5).withEvidenceSamples(draws)
                .withPosteriorDraws(draws);
    }

    /**
     * Evidence within 4 of its standard errors plus 1e-3 of the quadrature value (a false failure
     * about once in 15,000 seeds, were the error normal); the posterior mean and sd of t within 0.1
     * posterior sd and 10 % (the importance sample's ESS is above 3000 here, so the mean's Monte
     * Carlo error is under 0.02 sd: 0.1 sd is five of them).
     */
    @Test
    void theEvidenceAndThePosteriorOfTheHyperparameterMatchQuadrature() {
        double[] exact = HierarchicalNormal.exact();
        Optimisation opt = DensityFit.fit(TARGET, new double[D], config(4000));
        assertEquals(Verdict.CONVERGED, opt.verdict(), opt.reason());
        assertTrue(opt.nested().isPresent());
        DensityDraws draws = DensityFit.draws(TARGET, opt, HierarchicalNormal.Y.length, true, config(4000));
        Evidence e = draws.evidence().orElseThrow();
        assertEquals(exact[0], e.logEvidence(), 4 * e.stderr() + 1e-3, "log p(y)");
        assertTrue(e.khat() < 0.5, "khat " + e.khat());
        assertTrue(e.ess() > 3000, "ESS " + e.ess());
        assertTrue(draws.elbo() <= exact[0] + 3 * draws.elboStderr(), "ELBO " + draws.elbo() + " above log p(y)");
        assertEquals(SummarySource.PSIS, draws.source());
        double m = 0;
        for (double[] row : draws.draws()) {
            m += row[0];
        }
        m /= draws.draws().length;
        double v = 0;
        for (double[] row : draws.draws()) {
            v += (row[0] - m) * (row[0] - m);
        }
        double sd = Math.sqrt(v / (draws.draws().length - 1));
        assertEquals(exact[1], m, 0.1 * exact[2], "E[t | y]");
        assertEquals(exact[2], sd, 0.1 * exact[2], "sd(t | y)");
    }

    @Test
    void drawsArePairsMirroredAboutTheirConditionalMode() {
        Optimisation opt = DensityFit.fit(TARGET, new double[D], config(30));
        DensityDraws draws = DensityFit.draws(TARGET, opt, HierarchicalNormal.Y.length, true, config(30));
        double[][] u = draws.importance().orElseThrow().draws();
        double[] logW = draws.importance().get().logRatios();
        ConditionalMode inner = new ConditionalMode(TARGET, D, TARGET.hyperparameters(), TARGET.separableLatentBlocks());
        for (int i = 0; i < u.length; i += 2) {
            assertEquals(u[i][0], u[i + 1][0], 0.0, "pair " + i + " shares θ");
            double[] theta = {u[i][0]};
            double[] centre = inner.join(theta, inner.find(theta, new double[D - 1]).latent());
            for (int k = 1; k < D; k++) {
                assertEquals(centre[k], 0.5 * (u[i][k] + u[i + 1][k]), 1e-8, "pair " + i + " coordinate " + k);
            }
            // a Gaussian conditional: both partners have the same density under q and p(x | θ), so the same weight
            assertEquals(logW[i], logW[i + 1], 1e-8, "pair " + i);
        }
    }

    @Test
    void theDrawsDoNotDependOnTheThreadCount() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Optimisation one = DensityFit.fit(TARGET, new double[D], config(1000));
            double[][] a = DensityFit.draws(TARGET, one, 8, true, config(1000)).importance().orElseThrow().draws();
            Parallel.setThreads(2);
            Optimisation two = DensityFit.fit(TARGET, new double[D], config(1000));
            double[][] b = DensityFit.draws(TARGET, two, 8, true, config(1000)).importance().orElseThrow().draws();
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], 0.0, "draw " + i);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void theLinearisedGuideHasTheModeAndTheInverseCurvatureOfTheHyperparameter() {
        Optimisation opt = DensityFit.fit(TARGET, new double[D], config(100));
        double[] mean = opt.guide().mean();
        // the mode of the closed-form marginal by golden-section-free scanning
        double best = Double.NEGATIVE_INFINITY;
        double arg = 0;
        for (double t = -4; t <= 4; t += 1e-4) {
            double v = HierarchicalNormal.logJoint(t);
            if (v > best) {
                best = v;
                arg = t;
            }
        }
        assertEquals(arg, mean[0], 2e-4, "mode of t");
        double h = 1e-3;
        double curvature = -(HierarchicalNormal.logJoint(arg + h) - 2 * best + HierarchicalNormal.logJoint(arg - h))
                / (h * h);
        assertEquals(1 / curvature, opt.guide().covariance()[0][0], 0.01 / curvature, "var of t");
        assertEquals(Optional.empty(), opt.flow());
    }

    /** ℓ(u) = −½|u|² − (3/2) log 2π over (θ₁, θ₂, x): two hyperparameters, one latent coordinate, x | θ ~ N(0, 1). */
    private static final LatentGaussianDensity STANDARD = new LatentGaussianDensity() {
        @Override
        public int[] hyperparameters() {
            return new int[] {0, 1};
        }

        @Override
        public double curvature(double[] u, double[] g, double[][] h) {
            double v = -1.5 * Math.log(2 * Math.PI);
            for (int i = 0; i < 3; i++) {
                v -= 0.5 * u[i] * u[i];
                if (g != null) {
                    g[i] = -u[i];
                }
                if (h != null) {
                    java.util.Arrays.fill(h[i], 0);
                    h[i][i] = 1;
                }
            }
            return v;
        }
    };

    private static NestedLaplaceProposal stretched(double covariance) {
        ConditionalMode inner = new ConditionalMode(STANDARD, 3, STANDARD.hyperparameters(), new int[0][]);
        DenseCholesky c = DenseCholesky.of(new double[][] {{0.25, covariance}, {covariance, 0.16}});
        return new NestedLaplaceProposal(inner, new double[] {0.3, -0.2}, c, new double[1], new double[1][2],
                new double[] {1.5, 0.8}, new double[] {0.8, 3});
    }

    /**
     * The stretched t integrates to 1: a diagonal scale puts the stretch's seams on the lines
     * θ_i = m_i, which the midpoint rule's cells (steps of 0.02, centred off m) never straddle; on
     * [m − 40, m + 40]² the t₃'s mass beyond is about 2e-4 (P(F(2, 3) &gt; x) = (1 + 2x/3)^(−3/2)).
     */
    @Test
    void theStretchedTIntegratesToOne() {
        NestedLaplaceProposal q = stretched(0);
        double h = 0.02;
        int n = (int) Math.round(40 / h);
        double total = 0;
        for (int i = -n; i < n; i++) {
            for (int j = -n; j < n; j++) {
                total += Math.exp(q.logHyperDensity(new double[] {0.3 + (i + 0.5) * h, -0.2 + (j + 0.5) * h}));
            }
        }
        assertEquals(1, total * h * h, 1e-3);
    }

    /** A draw's log q is the stretched t's log density at its θ plus the Gaussian conditional's at its x. */
    @Test
    void aDrawsLogQIsItsDensity() {
        NestedLaplaceProposal q = stretched(0.1);
        java.util.Random r = new java.util.Random(9);
        for (int k = 0; k < 20; k++) {
            double[] noise = new double[q.noiseSize()];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = 2 * r.nextGaussian();
            }
            double[] u = new double[3];
            double[] mirror = new double[3];
            double logQ = q.draw(noise, u, mirror);
            double expected = q.logHyperDensity(new double[] {u[0], u[1]}) - 0.5 * Math.log(2 * Math.PI)
                    - 0.5 * u[2] * u[2];
            assertEquals(expected, logQ, 1e-12, "draw " + k);
            assertEquals(-u[2], mirror[2], 1e-15);
        }
    }

    /**
     * A standard Cauchy latent coordinate and no hyperparameter: q is its Laplace approximation
     * N(0, 1/2), whose importance weights have no variance (k̂ far above 0.7). The summaries are still
     * the reweighted draws (the proposal's own are no posterior estimate), flagged by k̂, and the
     * draws go on to the most blocks.
     */
    @Test
    void theSummariesAreReweightedWhateverKhat() {
        LatentGaussianDensity cauchy = new LatentGaussianDensity() {
            @Override
            public int[] hyperparameters() {
                return new int[0];
            }

            @Override
            public double curvature(double[] u, double[] g, double[][] h) {
                double x = u[0];
                if (g != null) {
                    g[0] = -2 * x / (1 + x * x);
                }
                if (h != null) {
                    h[0][0] = 2 * (1 - x * x) / ((1 + x * x) * (1 + x * x));
                }
                return -Math.log(Math.PI * (1 + x * x));
            }
        };
        FitConfig config = config(4000).withReliableDraws(8000);
        Optimisation opt = DensityFit.fit(cauchy, new double[] {0.5}, config);
        assertEquals(0.5, opt.guide().covariance()[0][0], 1e-9, "the Laplace variance 1/H(0)");
        DensityDraws draws = DensityFit.draws(cauchy, opt, 1, true, config);
        assertTrue(draws.evidence().orElseThrow().khat() > 0.7, "khat " + draws.evidence().get().khat());
        assertEquals(SummarySource.PSIS, draws.source());
        // past the reliable draws, blocks of 8000 more until the ESS reaches 2000, which it never does here
        assertEquals(DensityFit.NESTED_DRAW_BLOCKS * 8000, draws.importance().orElseThrow().draws().length);
    }

    @Test
    void aTargetWithoutNamedHyperparametersOrWithMinibatchesIsRefused() {
        org.elbo4j.infer.LogDensity plain = (points, k, values, gradients) -> {
            for (int i = 0; i < k; i++) {
                values[i] = -0.5 * points[i] * points[i];
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DensityFit.fit(plain, new double[1], config(100)));
        assertTrue(e.getMessage().contains("LatentGaussianDensity"), e.getMessage());
    }
}
