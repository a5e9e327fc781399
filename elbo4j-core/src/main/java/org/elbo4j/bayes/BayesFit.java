package org.elbo4j.bayes;

import org.elbo4j.infer.ConvergenceMonitor;

import org.elbo4j.infer.Verdict;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.elbo4j.random.Rng;

/**
 * The entry point: fit a {@link BayesModel}'s posterior and report whether to trust it.
 * <ol>
 *   <li>Start: the unconstrained point of {@link FitConfig#init()} ({@link InitStrategy}); by
 *       default the Laplace approximation at the mode, which also whitens the coordinates the
 *       guide is learned in.</li>
 *   <li>Optimise: for the Gaussian families, stochastic maximisation of the ELBO with M
 *       reparameterized particles and Adam (learning rate halved whenever a window shows no
 *       progress) or Stan's step-size sequence ({@link OptimizerKind}); with
 *       {@link OptimizerKind#NATURAL} (full-rank, full data, a model with {@link GaussianExpectations})
 *       instead exact natural-gradient steps from the Laplace start ({@link NaturalGradientLoop}), no start check;
 *       for MAP and Laplace, a deterministic mode search ({@link GuideFamily}); for FLOW the
 *       full-rank fit, then the flow's layers trained on it ({@link FlowLoop}), whose draws and
 *       log q replace the Gaussian's in the diagnostics. The
 *       {@link ConvergenceMonitor} sets the {@link Verdict}; from a Laplace start whose KL to the
 *       posterior is negligible ({@code StartCheck}) no step is taken.</li>
 *   <li>Diagnose: S draws from the fitted Gaussian in unconstrained space give the final ELBO and
 *       the importance-sampled {@link Evidence} (log p(D), its standard error, ESS, Pareto k̂);
 *       the {@link ParameterSummary}s come from draws mapped to constrained space: by default
 *       (and when k̂ &lt; 0.7) resampled from the evidence draws by their Pareto-smoothed
 *       importance weights, which corrects q towards the posterior (PSIS, Yao et al. 2018),
 *       otherwise fresh draws of q ({@link SummarySource}).</li>
 * </ol>
 * Every random choice comes from {@code Rng.of(config.seed())} (children "init", "fit",
 * "evidence", "draws"), and the computation is single-threaded, so a fit is reproducible for a seed.
 */
public final class BayesFit {

    /** PSIS-corrected summaries are used only below this k̂ (Yao et al. 2018: above it the weights are unreliable). */
    static final double PSIS_KHAT_LIMIT = 0.7;

    private BayesFit() {
    }

    /**
     * Fits {@code model} with {@code config}.
     *
     * @throws IllegalArgumentException if the model declares no parameters, repeats a name, or
     *     the initial values do not match the parameters
     */
    public static FitResult fit(BayesModel model, FitConfig config) {
        Objects.requireNonNull(model, "BayesFit: model must not be null");
        Objects.requireNonNull(config, "BayesFit: config must not be null");
        if (config.guide() == GuideFamily.NESTED_LAPLACE) {
            throw new IllegalArgumentException("BayesFit: the nested Laplace guide needs a LatentGaussianDensity (its"
                    + " hyperparameters named); fit one with DensityFit, not a BayesModel");
        }
        long start = System.nanoTime();
        UnconstrainedLayout layout = UnconstrainedLayout.of(model);
        Rng root = Rng.of(config.seed());
        double[] init = initialPoint(model, layout, config.init(), root.child("init"));
        GuideFamily family = config.guide();
        boolean modeSearch = family == GuideFamily.MAP || family == GuideFamily.LAPLACE;
        Optional<LaplaceStart> laplace = !modeSearch && config.init().kind() == InitStrategy.Kind.LAPLACE
                ? LaplaceStart.find(model, layout, init, config.optimizer() == OptimizerKind.NATURAL
                        ? NaturalGradientLoop.START_TOLERANCE : LaplaceStart.DECREMENT_TOLERANCE)
                : Optional.empty();
        VariationalLoop.Fitted fitted = modeSearch
                ? new VariationalLoop.Fitted(ModeFinder.run(model, layout, config, init), Optional.empty())
                : config.optimizer() == OptimizerKind.NATURAL
                ? new VariationalLoop.Fitted(natural(model, layout, config, init, laplace), Optional.empty())
                : VariationalLoop.run(model, layout, config, init, laplace, root.child("fit"), root.child("evidence"));
        Optimisation opt = fitted.optimisation();
        Diagnostics diagnostics = Diagnostics.of(model, layout, opt.guide(), opt.flow());
        // a fit that stopped at its start (StartCheck) has made these very draws already
        Diagnostics.Report report = opt.verdict() == Verdict.NON_FINITE
                ? Diagnostics.Report.none()
                : fitted.report().orElseGet(() -> diagnostics.report(config.evidenceSamples(), root.child("evidence")));
        boolean psis = config.psisSummaries() && report.evidence().isPresent()
                && report.evidence().get().khat() < PSIS_KHAT_LIMIT;
        ParameterValues draws = psis ? diagnostics.resampled(report, config.posteriorDraws(), root.child("draws"))
                : diagnostics.draws(config.posteriorDraws(), root.child("draws"));
        Map<String, ParameterSummary> summaries = Diagnostics.summarise(layout.parameters(), draws);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new FitResult(opt.verdict(), opt.reason(), opt.trace(), opt.steps(), seconds, report.elbo(),
                report.elboStderr(), summaries, psis ? SummarySource.PSIS : SummarySource.GUIDE, report.evidence(),
                opt.guide(), draws);
    }

    /**
     * The {@link OptimizerKind#NATURAL} fit: {@link NaturalGradientLoop} from the Laplace
     * approximation, or from N(init, I) without one. No start check: the loop is deterministic and
     * a few passes, cheaper than the check's draws. The Laplace start's Newton search stops at the
     * looser decrement {@link NaturalGradientLoop#START_TOLERANCE}: the loop's own steps, Newton
     * steps on the ELBO, remove what is left, and its convergence test decides the result.
     */
    private static Optimisation natural(BayesModel model, UnconstrainedLayout layout, FitConfig config,
            double[] init, Optional<LaplaceStart> laplace) {
        if (!(model instanceof GaussianExpectations expectations)) {
            throw new IllegalArgumentException("BayesFit: optimizer NATURAL needs a model with exact Gaussian"
                    + " expectations (GaussianExpectations), got " + model.getClass().getSimpleName());
        }
        double[] start = laplace.map(LaplaceStart::mode).orElse(init);
        double[][] precision = laplace.map(LaplaceStart::precision).orElseGet(() -> {
            double[][] eye = new double[init.length][init.length];
            for (int i = 0; i < eye.length; i++) {
                eye[i][i] = 1;
            }
            return eye;
        });
        Optimisation fit = NaturalGradientLoop.run(expectations, layout.coordinateNames(), start, precision,
                config.maxSteps());
        String note = laplace.isPresent() ? "started at the Laplace approximation; " : "started at N(init, I); ";
        return new Optimisation(fit.verdict(), note + fit.reason(), fit.trace(), fit.steps(), fit.guide());
    }

    /** The starting point in unconstrained space. */
    static double[] initialPoint(BayesModel model, UnconstrainedLayout layout, InitStrategy init, Rng rng) {
        return switch (init.kind()) {
            case PRIOR_MEDIAN -> priorMedian(model, layout, rng);
            case ZERO, LAPLACE -> new double[layout.dim()];
            case GIVEN -> layout.unconstrain(init.values());
            case FEASIBLE -> {
                double[] u = new double[layout.dim()];
                for (int i = 0; i < u.length; i++) {
                    u[i] = -2 + 4 * rng.nextDouble();
                }
                yield u;
            }
        };
    }

    /** The elementwise median of the unconstrained coordinates of {@link InitStrategy#PRIOR_DRAWS} prior draws. */
    private static double[] priorMedian(BayesModel model, UnconstrainedLayout layout, Rng rng) {
        int m = InitStrategy.PRIOR_DRAWS;
        ParameterValues draws = model.samplePrior(rng, m).orElseThrow(() -> new IllegalArgumentException(
                "InitStrategy.priorMedian: " + model.getClass().getSimpleName()
                        + " cannot draw from its prior (implement BayesModel.samplePrior)"));
        double[][] u = new double[layout.dim()][m];
        for (int i = 0; i < m; i++) {
            Map<String, double[]> values = new java.util.LinkedHashMap<>();
            for (Parameter p : layout.parameters()) {
                float[] all = draws.get(p.name()).data();
                double[] one = new double[p.size()];
                for (int j = 0; j < one.length; j++) {
                    one[j] = all[i * one.length + j];
                }
                values.put(p.name(), one);
            }
            double[] ui = layout.unconstrain(values);
            for (int k = 0; k < ui.length; k++) {
                u[k][i] = ui[k];
            }
        }
        double[] median = new double[layout.dim()];
        for (int k = 0; k < median.length; k++) {
            java.util.Arrays.sort(u[k]);
            median[k] = u[k][m / 2];
        }
        return median;
    }
}
