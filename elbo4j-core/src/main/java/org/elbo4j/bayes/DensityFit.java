package org.elbo4j.bayes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.elbo4j.infer.LogDensity;
import org.elbo4j.infer.SubsampledLogDensity;
import org.elbo4j.random.Rng;

/**
 * The fit loop of {@link BayesFit} on any {@link LogDensity} ℓ over ℝᵈ: a Gaussian guide
 * ({@link GaussianGuide}) maximising {@code ELBO = E_q[ℓ(u)] + H[q]}, a flow on the fitted
 * full-rank Gaussian ({@link GuideFamily#FLOW}, {@link FlowGuide}), or the MAP / Laplace mode
 * search, with the same draws (antithetic pairs), optimisers ({@code optim.AdamUpdate} under the
 * reduce-on-plateau policy, or Stan's sequence), Laplace start and whitening, control variate,
 * sticking-the-landing option, convergence verdicts and iterate averaging as a model fit. The
 * settings come from a {@link FitConfig}; of its {@link InitStrategy} only the kind matters:
 * {@code laplace()} (the default) starts a variational family at the Laplace approximation found by
 * Newton's method from {@code init} (exact Hessian when ℓ is an
 * {@link org.elbo4j.infer.LogDensityHessian}), every other kind starts at {@code init}. With
 * {@code batchSize} B &gt; 0 the target must be a {@link SubsampledLogDensity} with N ≥ B
 * observations and a variational guide: each step evaluates ℓ_B, the data sum over B rows drawn
 * without replacement (random stream of the step, as a model fit draws them) scaled by N/B, an
 * unbiased estimate of ℓ and ∇ℓ; the Laplace start (if any) and every later diagnostic use the full
 * data. There are no diagnostics (evidence, summaries) here: the result is the {@link Optimisation}
 * before them.
 *
 * <p>With the same seed, fitting a model's unconstrained density this way reproduces the
 * optimisation phase of {@code BayesFit.fit} exactly.
 */
public final class DensityFit {

    /**
     * k̂ of the first evidence draws below which {@link FitConfig#reliableDraws()} goes on to more:
     * 1, not 0.7, because k̂ of 1000 draws is noisy (the bernoulli benchmark's full-rank fit, seed 1:
     * 0.86 on its first 1000 draws, 0.54 on 4000), so a decision at 0.7 would drop the PSIS
     * correction of fits that have it; above 1 on 1000 draws the guide was far off on every fit seen
     * (mean-field fits of the brms benchmarks: 1.0–1.6) and more draws are wasted.
     */
    static final double EXTEND_KHAT_LIMIT = 1.0;

    /**
     * The importance sample's ESS a nested Laplace fit ({@link GuideFamily#NESTED_LAPLACE}) draws
     * towards with {@link FitConfig#reliableDraws()}: blocks of that many more draws until the ESS
     * reaches {@value}, at most {@value #NESTED_DRAW_BLOCKS} blocks. Its importance weights vary more
     * than a fitted Gaussian's (ESS 20–25 % of the draws on the brms benchmarks' bernoulli and epilepsy
     * models, 80 % on the crossed gaussian), and a draw costs one Newton step; an ESS of 1000 puts the
     * Monte Carlo error of a posterior mean near 0.03 posterior sd.
     */
    static final double NESTED_TARGET_ESS = 2000;
    /** The most blocks of {@link FitConfig#reliableDraws()} draws a nested Laplace fit makes. */
    static final int NESTED_DRAW_BLOCKS = 6;


    private DensityFit() {
    }

    /**
     * Fits ℓ from {@code init}, its coordinates named {@code u[0]}, {@code u[1]}, …
     *
     * @throws IllegalArgumentException as {@link #fit(LogDensity, double[], List, FitConfig)}
     */
    public static Optimisation fit(LogDensity target, double[] init, FitConfig config) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < init.length; i++) {
            names.add("u[" + i + "]");
        }
        return fit(target, init, names, config);
    }

    /**
     * Fits ℓ from {@code init}, its coordinates named {@code names}.
     *
     * @throws IllegalArgumentException if init is empty or not finite, names has another length,
     *     or config.batchSize() is not 0 while the target is not a {@link SubsampledLogDensity}, the
     *     guide is MAP or LAPLACE, or the batch size exceeds N
     */
    public static Optimisation fit(LogDensity target, double[] init, List<String> names, FitConfig config) {
        Objects.requireNonNull(target, "DensityFit: target must not be null");
        Objects.requireNonNull(config, "DensityFit: config must not be null");
        if (init.length == 0) {
            throw new IllegalArgumentException("DensityFit: init must have at least one coordinate, got 0");
        }
        for (int i = 0; i < init.length; i++) {
            if (!Double.isFinite(init[i])) {
                throw new IllegalArgumentException("DensityFit: init must be finite, got " + init[i]
                        + " at index " + i);
            }
        }
        if (names.size() != init.length) {
            throw new IllegalArgumentException("DensityFit: names must have one entry per coordinate ("
                    + init.length + "), got " + names.size());
        }
        GuideFamily family = config.guide();
        if (config.batchSize() != 0) {
            if (!(target instanceof SubsampledLogDensity s)) {
                throw new IllegalArgumentException("DensityFit: a LogDensity has no data to subsample, batchSize "
                        + "must be 0, got " + config.batchSize());
            }
            if (config.batchSize() > s.observationCount()) {
                throw new IllegalArgumentException("DensityFit: batchSize must be <= the number of observations ("
                        + s.observationCount() + "), got " + config.batchSize());
            }
            if (family == GuideFamily.MAP || family == GuideFamily.LAPLACE) {
                throw new IllegalArgumentException("DensityFit: batchSize must be 0 for the mode search of guide "
                        + family + ", got " + config.batchSize());
            }
        }
        if (family == GuideFamily.NESTED_LAPLACE) {
            if (config.batchSize() != 0) {
                throw new IllegalArgumentException("DensityFit: batchSize must be 0 for the nested Laplace guide, got "
                        + config.batchSize());
            }
            if (!(target instanceof LatentGaussianDensity latent)) {
                throw new IllegalArgumentException("DensityFit: the nested Laplace guide needs a LatentGaussianDensity "
                        + "(hyperparameters and latent coordinates), got " + target.getClass().getSimpleName());
            }
            return NestedLaplace.fit(latent, init.clone(), List.copyOf(names));
        }
        if (family == GuideFamily.MAP || family == GuideFamily.LAPLACE) {
            return ModeFinder.run(target, List.copyOf(names), family == GuideFamily.LAPLACE, config, init.clone());
        }
        Optional<LaplaceStart> laplace = config.init().kind() == InitStrategy.Kind.LAPLACE
                ? LaplaceStart.find(target, init)
                : Optional.empty();
        Rng root = Rng.of(config.seed());
        return VariationalLoop.run(target, List.copyOf(names), config, init.clone(), laplace, root.child("fit"),
                root.child("evidence")).optimisation();
    }

    /**
     * The diagnostics and posterior draws of a fit of ℓ, as {@link BayesFit#fit} makes them for a
     * model: {@code config.evidenceSamples()} draws of {@code q} give the ELBO and the
     * {@link Evidence}; {@code config.posteriorDraws()} draws are resampled from them by their
     * Pareto-smoothed importance weights when {@code config.psisSummaries()} and k̂ &lt; 0.7 (for a
     * nested Laplace proposal whatever k̂: its own draws are no posterior estimate), else
     * drawn from q; with the evidence comes its {@link ImportanceSample} (the PSIS-resampled draws
     * made whatever k̂, from the stream "weighted draws" when the summaries use q's own draws).
     * With {@code config.reliableDraws()} T above S and k̂ of the S draws below {@value #EXTEND_KHAT_LIMIT}
     * (whatever k̂ for a nested Laplace proposal), the evidence
     * draws continue to T (the same stream: the result is that of T evidence draws) and the posterior
     * draws rise to T. Random streams {@code Rng.of(config.seed())} children "evidence" and "draws".
     *
     * @param target         ℓ
     * @param q              the fitted Gaussian ({@link Optimisation#guide()})
     * @param observations   N, which only decides whether the evidence pass is worth threads
     * @param parallelSafe   whether ℓ may be evaluated concurrently on disjoint points
     * @param config         the fit settings
     */
    public static DensityDraws draws(LogDensity target, UnconstrainedGaussian q, long observations,
            boolean parallelSafe, FitConfig config) {
        return draws(target, q, Optional.empty(), observations, parallelSafe, config);
    }

    /**
     * As {@link #draws(LogDensity, UnconstrainedGaussian, long, boolean, FitConfig)} for the q of a
     * fit: its flow when there is one ({@link Optimisation#flow()}), else its Gaussian.
     */
    public static DensityDraws draws(LogDensity target, Optimisation fit, long observations, boolean parallelSafe,
            FitConfig config) {
        return draws(target, fit.guide(), fit.flow(), fit.nested(), observations, parallelSafe, config);
    }

    private static DensityDraws draws(LogDensity target, UnconstrainedGaussian q, Optional<FlowGuide> flow,
            long observations, boolean parallelSafe, FitConfig config) {
        return draws(target, q, flow, Optional.empty(), observations, parallelSafe, config);
    }

    private static DensityDraws draws(LogDensity target, UnconstrainedGaussian q, Optional<FlowGuide> flow,
            Optional<NestedLaplaceProposal> nested, long observations, boolean parallelSafe, FitConfig config) {
        Rng root = Rng.of(config.seed());
        Diagnostics diagnostics = Diagnostics.of(target, parallelSafe, observations, null, q, flow, nested);
        Rng evidenceRng = root.child("evidence");
        Diagnostics.Report first = diagnostics.report(config.evidenceSamples(), evidenceRng);
        // a nested Laplace proposal is made for importance sampling: its draws go on whatever their k̂
        boolean extend = config.reliableDraws() > config.evidenceSamples() && first.evidence().isPresent()
                && (first.evidence().get().khat() < EXTEND_KHAT_LIMIT || nested.isPresent());
        Diagnostics.Report extended = extend ? diagnostics.extend(first, config.reliableDraws(), evidenceRng) : first;
        if (extend && nested.isPresent()) {
            int cap = NESTED_DRAW_BLOCKS * config.reliableDraws();
            while (extended.evidence().isPresent() && extended.evidence().get().ess() < NESTED_TARGET_ESS
                    && extended.draws().length < cap) {
                extended = diagnostics.extend(extended, extended.draws().length + config.reliableDraws(), evidenceRng);
            }
        }
        Diagnostics.Report report = extended;
        int count = extend ? Math.max(config.posteriorDraws(), config.reliableDraws()) : config.posteriorDraws();
        // a nested Laplace proposal's own draws are no posterior estimate (its t is wider than the
        // posterior on purpose): its summaries are the reweighted draws whatever k̂, which k̂ flags
        boolean psis = config.psisSummaries() && report.evidence().isPresent()
                && (report.evidence().get().khat() < BayesFit.PSIS_KHAT_LIMIT || nested.isPresent());
        double[][] rows = psis ? Diagnostics.resampledRows(report, count, root.child("draws"))
                : diagnostics.rows(count, root.child("draws"));
        Optional<ImportanceSample> importance = report.evidence().map(e -> new ImportanceSample(report.draws(),
                report.logWeights(), e.khat(), psis ? rows
                        : Diagnostics.resampledRows(report, count, root.child("weighted draws"))));
        return new DensityDraws(report.elbo(), report.elboStderr(), report.evidence(),
                psis ? SummarySource.PSIS : SummarySource.GUIDE, rows, importance);
    }
}
