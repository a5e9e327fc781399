package org.elbo4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.elbo4j.bayes.Evidence;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.bayes.ImportanceSample;
import org.elbo4j.bayes.ParameterSummary;
import org.elbo4j.formula.DataFrame;
import org.elbo4j.io.AtomicFiles;
import org.elbo4j.io.Json;
import org.elbo4j.io.JsonObject;
import org.elbo4j.cli.chart.PosteriorPredictivePlot;
import org.elbo4j.infer.PsisLoo;
import org.elbo4j.infer.Waic;
import org.elbo4j.random.Rng;
import org.elbo4j.regression.FormulaFitDefaults;
import org.elbo4j.regression.Prediction;
import org.elbo4j.regression.RegressionFit;
import org.elbo4j.regression.RegressionModel;

/**
 * {@code elbo4j fit --formula}: reads the data, builds and checks the model (every problem one
 * line, exit 2, before anything is written), chooses the parametrisation of its group terms and
 * fits it ({@link CentringPlan}, {@link RegressionFit}), prints the priors,
 * the posterior table by brms names, the verdict, the evidence and k̂, PSIS-LOO and WAIC from the
 * approximate posterior draws, and writes fit.json, elbo.png, ppc.png (observed y against data
 * replicated from {@value #PPC_DRAWS} draws) and the files {@code predict} needs ({@link FormulaModelFiles}).
 */
final class FormulaFitRun {

    /** Draws whose replicated data are drawn for ppc.png. */
    static final int PPC_DRAWS = 200;

    /**
     * The largest dense latent block ({@link RegressionModel#denseLatentSize()}) {@code --guide nested}
     * takes: its factorisation, m³/3 operations per pair of draws, is about 7 ms at 400 on the machine
     * of the README's tables, so 12,000 draws would take 40 s on 2 cores; beyond, it grows as m³.
     */
    static final int NESTED_MAX_DENSE = 400;

    private FormulaFitRun() {
    }

    /**
     * Runs the fit with {@code given} changed where the user left it by {@link FormulaFitDefaults}
     * ({@code initGiven}, {@code particlesGiven}, {@code evidenceGiven}, {@code drawsGiven}: whether --init,
     * --particles, --evidence-samples and --posterior-draws were on the command line).
     */
    static int run(FitCommand.FormulaOptions options, Path dataFile, FitConfig given, boolean initGiven,
            boolean particlesGiven, boolean evidenceGiven, boolean drawsGiven, String guide, Path out,
            PrintWriter printer) throws IOException {
        String centring = CentringPlan.mode(options.centring);
        DataFrame data = DataFrame.read(dataFile);
        RegressionModel noncentred = FormulaModelFiles.build(options.formula, options.family, options.priors, data);
        if (given.batchSize() > noncentred.observationCount()) {
            throw new UserError("--batch: must be <= the number of data rows (" + noncentred.observationCount() + "), got "
                    + given.batchSize());
        }
        if (given.batchSize() > 0 && (given.guide() == GuideFamily.MAP || given.guide() == GuideFamily.LAPLACE
                || given.guide() == GuideFamily.NESTED_LAPLACE)) {
            throw new UserError("--batch: minibatches need a variational --guide (meanfield, fullrank or lowrank), "
                    + "not " + guide);
        }
        if (given.guide() == GuideFamily.NESTED_LAPLACE && noncentred.denseLatentSize() > NESTED_MAX_DENSE) {
            throw new UserError("--guide nested: the coefficients and the effects of every group term but the largest"
                    + " form a dense block of " + noncentred.denseLatentSize() + " coordinates (at most "
                    + NESTED_MAX_DENSE + "), factored for every pair of draws; use --guide fullrank or meanfield");
        }
        FitConfig config = FormulaFitDefaults.of(noncentred, given, initGiven, particlesGiven, evidenceGiven, drawsGiven);
        CentringPlan.Fitted fitted = CentringPlan.fit(centring, noncentred, config, options.groupEffects);
        CentringPlan plan = fitted.plan();
        RegressionModel model = fitted.model();
        RegressionFit.Result result = fitted.result();
        double[][] logLik = result.pointwiseLogLik();
        PsisLoo loo = logLik.length > 1 ? PsisLoo.of(result.looInput().logLik(), result.looInput().logRatios()) : null;
        Waic waic = logLik.length > 1 ? Waic.of(logLik) : null;
        print(model, result, config.objectiveLabel(), printer);
        plan.print(printer);
        printPredictive(loo, waic, result, printer);
        if (out != null) {
            Files.createDirectories(out);
            AtomicFiles.writeString(out.resolve("fit.json"), Json.writeIndented(json(model, guide, config.objectiveLabel(), result, loo, waic)
                    .put("centring", plan.json()).put("seconds", result.seconds() + plan.seconds())));
            double[][] rows = result.draws().draws();
            double[][] sub = java.util.Arrays.copyOf(rows, Math.min(rows.length, PPC_DRAWS));
            double[][] yrep = Prediction.replicates(model, model.frame(), sub, Rng.of(config.seed()).child("ppc"));
            PosteriorPredictivePlot.write(out.resolve("ppc.png"), model.frame().y().orElseThrow(), yrep);
            AtomicFiles.write(out.resolve("elbo.png"), VaeImages.linePlot(config.objectiveLabel() + " by step (" + guide + ")", "step",
                    new double[][] {result.optimisation().trace()}, Double.NaN, Double.NaN));
            FormulaModelFiles.write(out, options.formula, options.family, options.priors, plan.labels(), dataFile,
                    model.layout().coordinateNames(), result.draws().draws());
        }
        return 0;
    }

    static void print(RegressionModel model, RegressionFit.Result r, String objective, PrintWriter out) {
        out.printf(Locale.ROOT, "formula: %s   family: %s(%s)   observations: %d   coordinates: %d%n",
                model.frame().formula().text(), model.family().name(), model.family().link(), model.frame().rowCount(),
                model.dim());
        out.println("priors:");
        for (String line : model.priors().describe(model.layout().hasIntercept(), model.layout().hasGroups(),
                model.layout().hasCorrelations())) {
            out.println("  " + line);
        }
        out.printf(Locale.ROOT, "%-32s %11s %10s %11s %11s %11s%n", "parameter", "mean", "sd", "2.5%", "50%", "97.5%");
        for (ParameterSummary s : r.summaries().values()) {
            out.printf(Locale.ROOT, "%-32s %11.4f %10.4f %11.4f %11.4f %11.4f%n", s.name(), s.mean()[0], s.sd()[0],
                    s.q2_5()[0], s.q50()[0], s.q97_5()[0]);
        }
        String q = approximation(r);
        boolean unreliable = r.draws().importance().isPresent() && !r.draws().importance().get().reliable();
        out.println(r.draws().source() != org.elbo4j.bayes.SummarySource.PSIS ? "(summaries: draws of the fitted " + q + ")"
                : !unreliable ? "(summaries: the " + q + "'s draws reweighted by Pareto-smoothed importance sampling, khat < 0.7)"
                : "(summaries: the " + q + "'s draws reweighted by Pareto-smoothed importance sampling -- UNRELIABLE:"
                        + " khat >= 0.7, the weights could not correct the proposal)");
        printWeighted(r, out);
        out.printf(Locale.ROOT, "verdict: %s after %d steps in %.2f s (%s)%n", r.verdict(), r.optimisation().steps(),
                r.seconds(), r.optimisation().reason());
        FitReport.printObjective(out, r.verdict(), objective);
        if (Double.isFinite(r.draws().elbo())) {
            out.printf(Locale.ROOT, "ELBO%s: %.4f +- %.4f%n", objective.equals("ELBO") ? "" : " of the fitted guide",
                    r.draws().elbo(), r.draws().elboStderr());
        } else if (r.draws().elbo() == Double.NEGATIVE_INFINITY && r.draws().evidence().isPresent()) {
            out.println("ELBO: -inf (the model's density underflows to 0 at some far draws of q: they weigh 0 in the"
                    + " evidence and the summaries)");
        }
        r.draws().evidence().ifPresentOrElse(e -> {
            out.printf(Locale.ROOT, "log evidence (importance sampled, %d draws): %.4f +- %.4f, ESS %.0f%n",
                    e.samples(), e.logEvidence(), e.stderr(), e.ess());
            out.printf(Locale.ROOT, "khat = %.3f %s%n", e.khat(), FitReport.khatReading(e.khat()));
        }, () -> out.println("log evidence: not computed (MAP point estimate, no evidence samples, or a failed fit)"));
        out.flush();
    }

    /** What q is: "flow" for a {@code --guide flow} fit, "nested Laplace proposal" for {@code --guide nested}, else "Gaussian". */
    static String approximation(RegressionFit.Result r) {
        if (r.optimisation() != null && r.optimisation().nested().isPresent()) {
            return "nested Laplace proposal";
        }
        return r.optimisation() != null && r.optimisation().flow().isPresent() ? "flow" : "Gaussian";
    }

    /**
     * The importance-weighted summaries beside the Gaussian's own (when the fit has them: k̂ ≥ 0.7, or
     * --no-psis), headed by their k̂ and, for k̂ ≥ 0.7, flagged as unreliable.
     */
    static void printWeighted(RegressionFit.Result r, PrintWriter out) {
        if (r.weightedSummaries().isEmpty() || r.draws().importance().isEmpty()) {
            return;
        }
        double khat = r.draws().importance().get().khat();
        boolean reliable = r.draws().importance().get().reliable();
        out.printf(Locale.ROOT, "importance-weighted (PSIS, khat = %.2f)%s%n", khat, reliable ? ":"
                : " -- UNRELIABLE (khat >= 0.7): not a posterior estimate; where these differ from the table above, "
                        + "the " + approximation(r) + " is off:");
        out.printf(Locale.ROOT, "%-32s %11s %10s %11s %11s %11s%n", "parameter", "mean", "sd", "2.5%", "50%", "97.5%");
        for (ParameterSummary s : r.weightedSummaries().values()) {
            out.printf(Locale.ROOT, "%-32s %11.4f %10.4f %11.4f %11.4f %11.4f%n", s.name(), s.mean()[0], s.sd()[0],
                    s.q2_5()[0], s.q50()[0], s.q97_5()[0]);
        }
    }

    /** Prints PSIS-LOO and WAIC as R's loo prints them. */
    static void printPredictive(PsisLoo loo, Waic waic, RegressionFit.Result r, PrintWriter out) {
        if (loo == null) {
            out.println("PSIS-LOO: not computed (a point estimate has one draw)");
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "PSIS-LOO from %d approximate posterior draws (%s):%n", loo.draws(),
                r.looInput().logRatios() != null ? "draws of the fitted " + approximation(r) + " with their importance"
                        + " ratios p/q, as loo_approximate_posterior"
                        : r.draws().source() == org.elbo4j.bayes.SummarySource.PSIS ? "the " + approximation(r)
                        + " reweighted by PSIS" : "draws of the fitted " + approximation(r));
        if (r.looInput().dropped() > 0) {
            out.printf(Locale.ROOT, "  (%d draws left out: a pointwise log-likelihood or ratio is not finite there,"
                    + " i.e. zero posterior density)%n", r.looInput().dropped());
        }
        out.printf(Locale.ROOT, "  elpd_loo %10.2f  se %7.2f%n", loo.elpdLoo(), loo.elpdLooSe());
        out.printf(Locale.ROOT, "  p_loo    %10.2f  se %7.2f%n", loo.pLoo(), loo.pLooSe());
        out.printf(Locale.ROOT, "  looic    %10.2f  se %7.2f%n", loo.looic(), loo.looicSe());
        int bad = loo.countAbove(0.7);
        int nonFinite = loo.nonFiniteCount();
        out.printf(Locale.ROOT, "  Pareto k > 0.7: %d of %d observations%s%n", bad, loo.observations(),
                bad > 0 ? " (their LOO estimates are unreliable)"
                        : nonFinite > 0 ? "" : " (all Pareto k estimates are ok)");
        if (nonFinite > 0) {
            out.printf(Locale.ROOT, "  non-finite Pareto k or elpd_loo: %d of %d observations (no LOO estimate: "
                    + "the draws' log-likelihood is not finite)%n", nonFinite, loo.observations());
        }
        out.printf(Locale.ROOT, "WAIC: elpd_waic %.2f  se %.2f  p_waic %.2f%n", waic.elpdWaic(), waic.elpdWaicSe(),
                waic.pWaic());
        out.flush();
    }

    static JsonObject json(RegressionModel model, String guide, String objective, RegressionFit.Result r, PsisLoo loo,
            Waic waic) {
        Evidence e = r.draws().evidence().orElse(null);
        JsonObject b = new JsonObject().put("formula", model.frame().formula().text())
                .put("family", model.family().name()).put("link", model.family().link())
                .put("observations", model.frame().rowCount())
                .put("priors", model.priors().describe(model.layout().hasIntercept(), model.layout().hasGroups(),
                        model.layout().hasCorrelations()))
                .put("guide", guide).put("objective", objective).put("elbo", r.draws().elbo()).put("elbo_stderr", r.draws().elboStderr())
                .put("log_evidence", e == null ? null : e.logEvidence())
                .put("log_evidence_stderr", e == null ? null : e.stderr())
                .put("ess", e == null ? null : e.ess()).put("khat", e == null ? null : e.khat())
                .put("evidence_samples", e == null ? 0 : e.samples())
                .put("posterior_source", r.draws().source().name().toLowerCase(Locale.ROOT))
                .put("posterior_reliable", r.draws().importance().map(ImportanceSample::reliable).orElse(false))
                .put("verdict", r.verdict().name()).put("reason", String.valueOf(r.optimisation().reason()))
                .put("steps", r.optimisation().steps()).put("seconds", r.seconds());
        if (loo != null) {
            b.put("loo", new JsonObject().put("elpd_loo", loo.elpdLoo()).put("elpd_loo_se", loo.elpdLooSe())
                    .put("p_loo", loo.pLoo()).put("p_loo_se", loo.pLooSe()).put("looic", loo.looic())
                    .put("pareto_k", loo.paretoK()).put("pareto_k_above_0_7", loo.countAbove(0.7))
                    .put("non_finite", loo.nonFiniteCount()).put("draws", loo.draws()).put("draws_left_out", r.looInput().dropped())
                    .put("with_importance_ratios", r.looInput().logRatios() != null));
            b.put("waic", new JsonObject().put("elpd_waic", waic.elpdWaic()).put("elpd_waic_se", waic.elpdWaicSe())
                    .put("p_waic", waic.pWaic()).put("waic", waic.waic()));
        }
        b.put("posterior", summaries(r.summaries()));
        if (!r.weightedSummaries().isEmpty() && r.draws().importance().isPresent()) {
            b.put("posterior_importance_weighted", new JsonObject().put("khat", r.draws().importance().get().khat())
                    .put("reliable", r.draws().importance().get().reliable())
                    .put("posterior", summaries(r.weightedSummaries())));
        }
        return b;
    }

    /** {name: {mean, sd, q2_5, q50, q97_5}}. */
    private static JsonObject summaries(java.util.Map<String, ParameterSummary> byName) {
        JsonObject o = new JsonObject();
        for (ParameterSummary s : byName.values()) {
            o.put(s.name(), new JsonObject().put("mean", s.mean()[0]).put("sd", s.sd()[0])
                    .put("q2_5", s.q2_5()[0]).put("q50", s.q50()[0]).put("q97_5", s.q97_5()[0]));
        }
        return o;
    }
}
