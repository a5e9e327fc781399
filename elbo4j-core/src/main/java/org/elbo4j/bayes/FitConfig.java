package org.elbo4j.bayes;

import java.util.Objects;
import org.elbo4j.infer.ConvergenceMonitor;
import org.elbo4j.infer.IwaeGradient;
import org.elbo4j.infer.ParetoK;

/**
 * Settings of {@link BayesFit#fit}. Start from {@link #defaults()} and change with the
 * {@code with…} methods.
 *
 * @param guide           the guide family (default {@link GuideFamily#MEAN_FIELD}, like Stan's ADVI)
 * @param rank            R for {@link GuideFamily#LOW_RANK} (default 2)
 * @param particles       M draws per ELBO gradient (default 1, as Stan's {@code grad_samples})
 * @param optimizer       Adam (default), Stan's adaptive step-size sequence, or NATURAL: exact
 *                        natural-gradient steps ({@link NaturalGradientLoop}; guide FULL_RANK, full
 *                        data, the ELBO, a model with {@link GaussianExpectations}; maxSteps caps its passes)
 * @param learningRate    Adam's initial learning rate (default 0.05; halved on every window without
 *                        progress, see {@link VariationalLoop}; ignored by STAN_ADAPTIVE)
 * @param maxSteps        the step budget (default 10 000)
 * @param batchSize       observations per step; 0 for the full data (default 0)
 * @param init            where the guide starts (default {@link InitStrategy#laplace()})
 * @param window          steps per convergence window (default 100; see {@link ConvergenceMonitor})
 * @param relTolerance    the practical tolerance on the per-window ELBO change, relative to
 *                        max(1, |ELBO|) (default 1e−3)
 * @param averageIterates Polyak averaging of the guide parameters over the last window (default true)
 * @param stickingTheLanding the sticking-the-landing gradient (Roeder et al. 2017): the entropy's
 *                        gradient replaced by the path derivative of −log q at each draw, which
 *                        vanishes, with its noise, when q equals the posterior (default false)
 * @param evidenceSamples S draws for the importance-sampled evidence and k̂ (default 1000, as Stan's
 *                        {@code output_samples}; 0 to skip); from a Laplace start, with S ≥ 100, also the
 *                        draws of the start check ({@code StartCheck}), which may end the fit before its first step
 * @param psisSummaries   when the evidence's k̂ is below 0.7, summarise draws resampled from the
 *                        evidence draws by their Pareto-smoothed importance weights (PSIS
 *                        correction of q towards the posterior, Yao et al. 2018) instead of draws of
 *                        q itself (default true)
 * @param posteriorDraws  constrained draws for the summaries (default 1000)
 * @param seed            the seed of every random choice of the fit
 * @param iwaeSamples     K &gt; 0: maximise the importance-weighted bound L_K of K iid draws per step
 *                        ({@link org.elbo4j.infer.GaussianIwae}; full data only, no antithetic pairs,
 *                        no control variate; {@code particles} and {@code stickingTheLanding} are not
 *                        used: choose STL with {@code iwaeGradient}) instead of the ELBO; 0 for the
 *                        ELBO (default 0)
 * @param iwaeGradient    the gradient estimator of L_K (default DREG, Tucker et al. 2018)
 * @param flowLayers      K, the affine autoregressive layers of a {@link GuideFamily#FLOW} guide
 *                        (default 2; ignored by the other families)
 * @param flowSkew        precede each of those layers by an elementwise sinh–arcsinh layer
 *                        ({@link SinhArcsinhLayer}: skew and tail weight per coordinate; default false)
 * @param flowSoftplus    the conditioners of those layers read softplus features of the earlier
 *                        coordinates too ({@link AffineAutoregressiveLayer}; default false)
 * @param flowLearningRate the first Adam rate of a {@link GuideFamily#FLOW} guide's layers (halved like
 *                        {@code learningRate}); 0 for {@code learningRate} itself (default 0)
 * @param reliableDraws   T &gt; evidenceSamples: when k̂ of the evidenceSamples draws is below 1
 *                        ({@code DensityFit.EXTEND_KHAT_LIMIT}), the evidence is extended to T draws of
 *                        the same stream (the result is that of T evidence draws) and the posterior
 *                        draws raised to T; above it the guide is far off, the summaries will be q's
 *                        own draws and more draws buy nothing, so none are made. 0 or ≤
 *                        evidenceSamples: never (default 0)
 */
public record FitConfig(GuideFamily guide, int rank, int particles, OptimizerKind optimizer, double learningRate,
        int maxSteps, int batchSize, InitStrategy init, int window, double relTolerance, boolean averageIterates,
        boolean stickingTheLanding, int evidenceSamples, boolean psisSummaries, int posteriorDraws, long seed,
        int iwaeSamples, IwaeGradient iwaeGradient, int flowLayers, boolean flowSkew, boolean flowSoftplus,
        double flowLearningRate, int reliableDraws) {

    /** Validates. */
    public FitConfig {
        Objects.requireNonNull(guide, "FitConfig: guide must not be null");
        Objects.requireNonNull(optimizer, "FitConfig: optimizer must not be null");
        Objects.requireNonNull(init, "FitConfig: init must not be null");
        positive("rank", rank);
        positive("particles", particles);
        positive("maxSteps", maxSteps);
        positive("posteriorDraws", posteriorDraws);
        positive("flowLayers", flowLayers);
        if (!(flowLearningRate >= 0) || Double.isInfinite(flowLearningRate)) {
            throw new IllegalArgumentException("FitConfig: flowLearningRate must be finite and >= 0, got "
                    + flowLearningRate);
        }
        if (guide == GuideFamily.FLOW && (batchSize > 0 || iwaeSamples > 0)) {
            throw new IllegalArgumentException("FitConfig: guide FLOW needs the full data and the ELBO (batchSize 0,"
                    + " iwaeSamples 0), got batchSize " + batchSize + ", iwaeSamples " + iwaeSamples);
        }
        if (optimizer == OptimizerKind.NATURAL
                && (guide != GuideFamily.FULL_RANK || batchSize > 0 || iwaeSamples > 0)) {
            throw new IllegalArgumentException("FitConfig: optimizer NATURAL needs guide FULL_RANK, the full data and"
                    + " the ELBO (batchSize 0, iwaeSamples 0), got guide " + guide + ", batchSize " + batchSize
                    + ", iwaeSamples " + iwaeSamples);
        }
        if (iwaeGradient == null) {
            throw new IllegalArgumentException("FitConfig: iwaeGradient must not be null");
        }
        if (iwaeSamples < 0) {
            throw new IllegalArgumentException("FitConfig: iwaeSamples must be >= 0 (0 = the ELBO), got "
                    + iwaeSamples);
        }
        if (iwaeSamples > 0 && batchSize > 0) {
            throw new IllegalArgumentException("FitConfig: iwaeSamples needs the full data (batchSize 0), got"
                    + " batchSize " + batchSize + ": a subsampled likelihood inside log-mean-exp is no bound");
        }
        if (window < 10) {
            throw new IllegalArgumentException("FitConfig: window must be >= 10, got " + window);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("FitConfig: batchSize must be >= 0 (0 = full data), got " + batchSize);
        }
        if (reliableDraws < 0) {
            throw new IllegalArgumentException("FitConfig: reliableDraws must be >= 0 (0 = never), got " + reliableDraws);
        }
        if (evidenceSamples != 0 && evidenceSamples < ParetoK.MIN_WEIGHTS) {
            // k̂ needs ParetoK.MIN_WEIGHTS weights: fewer failed after the whole fit, in the diagnostics
            throw new IllegalArgumentException("FitConfig: evidenceSamples must be 0 or >= " + ParetoK.MIN_WEIGHTS
                    + " (Pareto k̂ needs them), got " + evidenceSamples);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("FitConfig: learningRate must be finite and > 0, got " + learningRate);
        }
        if (!(relTolerance > 0) || !Double.isFinite(relTolerance)) {
            throw new IllegalArgumentException("FitConfig: relTolerance must be finite and > 0, got " + relTolerance);
        }
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException("FitConfig: " + name + " must be >= 1, got " + v);
        }
    }

    /**
     * Mean-field, M = 1, Adam from 0.05, 10 000 steps, full batch, Laplace init, window 100,
     * tol 1e−3, averaging on, STL off, 1000 evidence samples, PSIS summaries of
     * 1000 draws, seed 0, the ELBO (no IWAE; DReG when it is switched on).
     */
    public static FitConfig defaults() {
        return new FitConfig(GuideFamily.MEAN_FIELD, 2, 1, OptimizerKind.ADAM, 0.05, 10_000, 0,
                InitStrategy.laplace(), 100, 1e-3, true, false, 1000, true, 1000, 0L, 0, IwaeGradient.DREG, 2, false, false,
                0, 0);
    }

    public FitConfig withGuide(GuideFamily g) {
        return new FitConfig(g, rank, particles, optimizer, learningRate, maxSteps, batchSize, init, window,
                relTolerance, averageIterates, stickingTheLanding, evidenceSamples, psisSummaries, posteriorDraws,
                seed, iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    /** Low-rank guide of rank R. */
    public FitConfig withLowRank(int r) {
        return new FitConfig(GuideFamily.LOW_RANK, r, particles, optimizer, learningRate, maxSteps, batchSize, init,
                window, relTolerance, averageIterates, stickingTheLanding, evidenceSamples, psisSummaries,
                posteriorDraws, seed, iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    public FitConfig withParticles(int m) {
        return new FitConfig(guide, rank, m, optimizer, learningRate, maxSteps, batchSize, init, window, relTolerance,
                averageIterates, stickingTheLanding, evidenceSamples, psisSummaries, posteriorDraws, seed,
                iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    public FitConfig withOptimizer(OptimizerKind o) {
        return new FitConfig(guide, rank, particles, o, learningRate, maxSteps, batchSize, init, window, relTolerance,
                averageIterates, stickingTheLanding, evidenceSamples, psisSummaries, posteriorDraws, seed,
                iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    public FitConfig withLearningRate(double lr) {
        return new FitConfig(guide, rank, particles, optimizer, lr, maxSteps, batchSize, init, window, relTolerance,
                averageIterates, stickingTheLanding, evidenceSamples, psisSummaries, posteriorDraws, seed,
                iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    public FitConfig withMaxSteps(int n) {
        return new FitConfig(guide, rank, particles, optimizer, learningRate, n, batchSize, init, window,
                relTolerance, averageIterates, stickingTheLanding, evidenceSamples, psisSummaries, posteriorDraws,
                seed, iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    public FitConfig withBatchSize(int b) {
        return new FitConfig(guide, rank, particles, optimizer, learningRate, maxSteps, b, init, window, relTolerance,
                averageIterates, stickingTheLanding, evidenceSamples, psisSummaries, posteriorDraws, seed,
                iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    public FitConfig withInit(InitStrategy i) {
        return new FitConfig(guide, rank, particles, optimizer, learningRate, maxSteps, batchSize, i, window,
                relTolerance, averageIterates, stickingTheLanding, evidenceSamples, psisSummaries, posteriorDraws,
                seed, iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    public FitConfig withWindow(int w) {
        return new FitConfig(guide, rank, particles, optimizer, learningRate, maxSteps, batchSize, init, w,
                relTolerance, averageIterates, stickingTheLanding, evidenceSamples, psisSummaries, posteriorDraws,
                seed, iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    public FitConfig withRelTolerance(double t) {
        return new FitConfig(guide, rank, particles, optimizer, learningRate, maxSteps, batchSize, init, window, t,
                averageIterates, stickingTheLanding, evidenceSamples, psisSummaries, posteriorDraws, seed,
                iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    public FitConfig withAverageIterates(boolean on) {
        return new FitConfig(guide, rank, particles, optimizer, learningRate, maxSteps, batchSize, init, window,
                relTolerance, on, stickingTheLanding, evidenceSamples, psisSummaries, posteriorDraws, seed,
                iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    /** The sticking-the-landing gradient on or off. */
    public FitConfig withStickingTheLanding(boolean on) {
        return new FitConfig(guide, rank, particles, optimizer, learningRate, maxSteps, batchSize, init, window,
                relTolerance, averageIterates, on, evidenceSamples, psisSummaries, posteriorDraws, seed,
                iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    public FitConfig withEvidenceSamples(int s) {
        return new FitConfig(guide, rank, particles, optimizer, learningRate, maxSteps, batchSize, init, window,
                relTolerance, averageIterates, stickingTheLanding, s, psisSummaries, posteriorDraws, seed,
                iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    /**
     * Evidence and posterior draws extended to {@code total} when k̂ of the first evidenceSamples
     * draws is below 1 (see {@code reliableDraws}); 0 for never.
     */
    public FitConfig withReliableDraws(int total) {
        return new FitConfig(guide, rank, particles, optimizer, learningRate, maxSteps, batchSize, init, window,
                relTolerance, averageIterates, stickingTheLanding, evidenceSamples, psisSummaries, posteriorDraws, seed,
                iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, total);
    }

    /** PSIS-corrected summaries on or off. */
    public FitConfig withPsisSummaries(boolean on) {
        return new FitConfig(guide, rank, particles, optimizer, learningRate, maxSteps, batchSize, init, window,
                relTolerance, averageIterates, stickingTheLanding, evidenceSamples, on, posteriorDraws, seed,
                iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    public FitConfig withPosteriorDraws(int s) {
        return new FitConfig(guide, rank, particles, optimizer, learningRate, maxSteps, batchSize, init, window,
                relTolerance, averageIterates, stickingTheLanding, evidenceSamples, psisSummaries, s, seed,
                iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    /**
     * The importance-weighted bound with K samples and the gradient estimator {@code g} (K = 0: the ELBO).
     */
    public FitConfig withIwae(int k, IwaeGradient g) {
        return new FitConfig(guide, rank, particles, optimizer, learningRate, maxSteps, batchSize, init, window,
                relTolerance, averageIterates, stickingTheLanding, evidenceSamples, psisSummaries, posteriorDraws,
                seed, k, g, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    /** The guide {@link GuideFamily#FLOW} with K = {@code layers} layers. */
    public FitConfig withFlow(int layers) {
        return new FitConfig(GuideFamily.FLOW, rank, particles, optimizer, learningRate, maxSteps, batchSize, init,
                window, relTolerance, averageIterates, stickingTheLanding, evidenceSamples, psisSummaries,
                posteriorDraws, seed, iwaeSamples, iwaeGradient, layers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    /** With {@code skew}, a {@link GuideFamily#FLOW} guide's affine layers each preceded by a sinh–arcsinh layer. */
    public FitConfig withFlowSkew(boolean skew) {
        return new FitConfig(guide, rank, particles, optimizer, learningRate, maxSteps, batchSize, init, window,
                relTolerance, averageIterates, stickingTheLanding, evidenceSamples, psisSummaries, posteriorDraws,
                seed, iwaeSamples, iwaeGradient, flowLayers, skew, flowSoftplus, flowLearningRate, reliableDraws);
    }

    /** With {@code softplus}, a {@link GuideFamily#FLOW} guide's conditioners read softplus features too. */
    public FitConfig withFlowSoftplus(boolean softplus) {
        return new FitConfig(guide, rank, particles, optimizer, learningRate, maxSteps, batchSize, init, window,
                relTolerance, averageIterates, stickingTheLanding, evidenceSamples, psisSummaries, posteriorDraws,
                seed, iwaeSamples, iwaeGradient, flowLayers, flowSkew, softplus, flowLearningRate, reliableDraws);
    }

    /** The first Adam rate of a {@link GuideFamily#FLOW} guide's layers; 0 for {@link #learningRate()}. */
    public FitConfig withFlowLearningRate(double rate) {
        return new FitConfig(guide, rank, particles, optimizer, learningRate, maxSteps, batchSize, init, window,
                relTolerance, averageIterates, stickingTheLanding, evidenceSamples, psisSummaries, posteriorDraws,
                seed, iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, rate, reliableDraws);
    }

    /**
     * What the fit maximises, as reports label it: "ELBO", or "IWAE bound L_K" with K =
     * {@code iwaeSamples} (then the trace of {@link FitResult#elboTrace()} holds L_K estimates).
     */
    public String objectiveLabel() {
        return iwaeSamples == 0 ? "ELBO" : "IWAE bound L_" + iwaeSamples;
    }

    public FitConfig withSeed(long s) {
        return new FitConfig(guide, rank, particles, optimizer, learningRate, maxSteps, batchSize, init, window,
                relTolerance, averageIterates, stickingTheLanding, evidenceSamples, psisSummaries, posteriorDraws, s,
                iwaeSamples, iwaeGradient, flowLayers, flowSkew, flowSoftplus, flowLearningRate, reliableDraws);
    }
}
