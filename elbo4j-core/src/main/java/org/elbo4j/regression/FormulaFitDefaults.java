package org.elbo4j.regression;

import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.InitStrategy;

/**
 * The settings {@code fit --formula} changes from {@link FitConfig#defaults()} for a model with
 * group-level terms, where the user did not set them:
 * <ul>
 *   <li>the guide starts at {@link RegressionModel#initialPoint} rather than at the Laplace
 *       approximation: the joint mode of a non-centred hierarchical model lies at inflated group sds
 *       (shrinking z and growing sd raises Σ log N(z) while the sd prior with its Jacobian falls only
 *       logarithmically), and a guide started and whitened there converged to a lower ELBO in our
 *       simulations;</li>
 *   <li>a full-rank, low-rank or flow guide uses {@value #PARTICLES} particles per step and convergence
 *       windows of {@value #WINDOW} steps. With one particle and 100-step windows the window-to-window
 *       ELBO change is buried in noise, the plateau rule halves the learning rate four times and
 *       declares convergence early: on the brms benchmarks (bench/compare_brms.sh) the full-rank
 *       ELBO ended 1.3 (crossed), 1.3 (bernoulli) and 17 (epilepsy) nats below a long run's
 *       (30 particles, 500-step windows: −934.2, −555.8, −686.8); with these settings 0.3, 0.3
 *       and 2.8 nats below, and the largest error of a posterior mean fell from 0.91, 0.76, 1.48 to
 *       0.42, 0.43, 0.91 NUTS sds. The mean-field guide is left alone: its long runs reached the
 *       same ELBO (within 0.5) and the same errors as its default runs (its error is the family's).</li>
 *   <li>on at most {@value #MANY_DRAWS_ROWS} rows, {@value #MANY_DRAWS} evidence draws (for the evidence, k̂ and the
 *       PSIS-corrected summaries) and as many posterior draws (resampled from them), instead of 1000: the
 *       PSIS summaries' Monte Carlo error is about sd/√ESS, and with k̂ 0.4–0.7 the ESS of 1000 draws is
 *       100–300, a 0.06–0.1 sd error in each mean by itself. On the brms benchmarks (seeds 1–3) 4000
 *       draws took the crossed model's flow fit from mean/sd errors 0.07–0.14 / 0.07–0.10 to
 *       0.03–0.07 / 0.06–0.07 NUTS sd, for 0.05–0.1 s more (a draw costs one log density). The row
 *       limit keeps the S × N pointwise log-likelihood matrix of PSIS-LOO within 320 MB. When neither
 *       count was given, the fit first makes 1000 evidence draws and goes on to {@value #MANY_DRAWS}
 *       only when their k̂ is below 1 ({@link FitConfig#reliableDraws()}): above it the guide is far
 *       off and more draws buy nothing (the brms benchmarks' mean-field fits, k̂ 1.0–1.6: 0.3–0.7 s
 *       of evidence, WAIC and PSIS-LOO over 4000 draws against 1000). A k̂ of 1000 draws between 0.7
 *       and 1 still goes on: it is noisy (bernoulli full rank, seed 1: 0.86 on 1000 draws, 0.54 on 4000).</li>
 * </ul>
 */
public final class FormulaFitDefaults {

    /** Particles per step of a full-rank or low-rank guide on a group-level model. */
    public static final int PARTICLES = 8;
    /** Steps per convergence window of a full-rank or low-rank guide on a group-level model. */
    public static final int WINDOW = 200;
    /** Evidence draws (and posterior draws) of a group-level model with at most {@link #MANY_DRAWS_ROWS} rows. */
    public static final int MANY_DRAWS = 4000;
    /** The most rows for which a group-level model gets {@link #MANY_DRAWS} draws. */
    public static final int MANY_DRAWS_ROWS = 10_000;

    private FormulaFitDefaults() {
    }

    /**
     * {@code given} with the first two changes above for {@code model}; {@code initGiven} and
     * {@code particlesGiven} say whether the user chose the start and the particles.
     */
    public static FitConfig of(RegressionModel model, FitConfig given, boolean initGiven, boolean particlesGiven) {
        return of(model, given, initGiven, particlesGiven, true, true);
    }

    /**
     * {@code given} with the changes above for {@code model}; the flags say whether the user chose the
     * start, the particles, the evidence draws and the posterior draws.
     */
    public static FitConfig of(RegressionModel model, FitConfig given, boolean initGiven, boolean particlesGiven,
            boolean evidenceGiven, boolean posteriorDrawsGiven) {
        if (!model.layout().hasGroups()) {
            return given;
        }
        if (model.observationCount() <= MANY_DRAWS_ROWS) {
            if (!evidenceGiven && !posteriorDrawsGiven) {
                given = given.evidenceSamples() > 0 ? given.withReliableDraws(MANY_DRAWS)
                        : given.withPosteriorDraws(MANY_DRAWS);
            } else if (!evidenceGiven && given.evidenceSamples() > 0) {
                given = given.withEvidenceSamples(MANY_DRAWS);
            } else if (!posteriorDrawsGiven) {
                given = given.withPosteriorDraws(MANY_DRAWS);
            }
        }
        FitConfig config = initGiven ? given : given.withInit(InitStrategy.zero());
        boolean structured = given.guide() == GuideFamily.FULL_RANK || given.guide() == GuideFamily.LOW_RANK
                || given.guide() == GuideFamily.FLOW;
        if (structured && !particlesGiven) {
            config = config.withParticles(PARTICLES).withWindow(Math.max(WINDOW, given.window()));
        }
        return config;
    }
}
