package org.elbo4j.cli;

import org.elbo4j.infer.Verdict;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.elbo4j.bayes.Evidence;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.bayes.ParameterSummary;
import org.elbo4j.bayes.SummarySource;

import org.elbo4j.io.AtomicFiles;
import org.elbo4j.io.Json;
import org.elbo4j.io.JsonObject;

/**
 * What {@code elbo4j fit} shows and saves: the posterior summary table with the verdict and the
 * Pareto k̂ in plain words on stdout, and in the output directory fit.json
 * {@code {"model","guide","objective","elbo","elbo_stderr","log_evidence","log_evidence_stderr","ess","khat",
 * "evidence_samples","posterior_source","verdict","reason","steps","seconds",
 * "seconds_runs",["exact_log_evidence","exact_posterior"],"predictors",
 * "posterior":{NAME:{"mean","sd","q2_5","q50","q97_5"}}}} (non-finite numbers and absent diagnostics
 * as null) and elbo.png, each written atomically. "objective" and the chart's title say what the
 * trace is: the ELBO, or with {@code --iwae K} the IWAE bound L_K ({@code FitConfig.objectiveLabel()});
 * "elbo" is always the final ELBO of the fitted guide (from the evidence draws).
 *
 * @param model      the model name given to --model
 * @param guide      the guide given to --guide
 * @param result     the fit
 * @param predictors the predictor column names, in the order of {@code beta}
 * @param exact      the closed-form log evidence and posterior of a conjugate model, or null
 * @param runSeconds the seconds of each run of {@code --repeat} (the result is the last run's)
 * @param objective  what the fit maximised and its trace holds: "ELBO" or "IWAE bound L_K"
 */
record FitReport(String model, String guide, FitResult result, List<String> predictors, Exact exact,
        double[] runSeconds, String objective) {

    /** Closed forms of a conjugate model: log p(D) and the posterior mean and sd by element name. */
    record Exact(double logEvidence, Map<String, double[]> meanAndSd) {
    }

    /** The plain-words reading of a Pareto k̂ (Yao et al. 2018). */
    static String khatReading(double khat) {
        if (!(khat < 0.7)) {
            return Double.isNaN(khat) ? "not computed"
                    : "> 0.7: do not trust (the approximation misses much of the posterior: "
                            + "try a richer guide or MCMC)";
        }
        return khat < 0.5
                ? "< 0.5: good (the approximation is close to the posterior; the evidence estimate is reliable)"
                : "0.5-0.7: ok (usable, but the approximation's tails are off; check important results)";
    }

    /** Prints the summary table, the verdict and the diagnostics. */
    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%-24s %11s %10s %11s %11s %11s%n", "parameter", "mean", "sd", "2.5%", "50%", "97.5%");
        for (ParameterSummary s : result.summaries().values()) {
            for (int i = 0; i < s.size(); i++) {
                out.printf(Locale.ROOT, "%-24s %11.4f %10.4f %11.4f %11.4f %11.4f%n", label(s, i), s.mean()[i],
                        s.sd()[i], s.q2_5()[i], s.q50()[i], s.q97_5()[i]);
            }
        }
        String q = guide.startsWith("flow") ? "flow" : "Gaussian";
        out.println(result.summarySource() == SummarySource.PSIS
                ? "(summaries: the " + q + "'s draws reweighted by Pareto-smoothed importance sampling, khat < 0.7)"
                : "(summaries: draws of the fitted " + q + ")");
        out.printf(Locale.ROOT, "verdict: %s after %d steps in %.2f s (%s)%n", result.verdict(), result.steps(),
                result.seconds(), result.reason());
        printObjective(out, result.verdict(), objective);
        if (Double.isFinite(result.elbo())) {
            out.printf(Locale.ROOT, "ELBO%s: %.4f +- %.4f%n", objective.equals("ELBO") ? "" : " of the fitted guide",
                    result.elbo(), result.elboStderr());
        }
        result.evidence().ifPresentOrElse(e -> {
            out.printf(Locale.ROOT, "log evidence (importance sampled, %d draws): %.4f +- %.4f, ESS %.0f%n",
                    e.samples(), e.logEvidence(), e.stderr(), e.ess());
            out.printf(Locale.ROOT, "khat = %.3f %s%n", e.khat(), khatReading(e.khat()));
            if (e.khat() > 0.7) {
                out.println("warning: khat > 0.7: the " + q + " approximation is unreliable for this posterior");
            }
        }, () -> out.println("log evidence: not computed (MAP point estimate, no evidence samples, or a failed fit)"));
        if (exact != null) {
            out.printf(Locale.ROOT, "exact log evidence (conjugate model): %.4f%s%n", exact.logEvidence(),
                    result.evidence().map(e -> String.format(Locale.ROOT,
                            "; the estimate differs by %.4f = %.1f stderr", e.logEvidence() - exact.logEvidence(),
                            Math.abs(e.logEvidence() - exact.logEvidence()) / e.stderr())).orElse(""));
        }
        out.flush();
    }

    /**
     * The objective when it is not the ELBO, and the warning that goes with a verdict: a plateau of
     * that objective, or a fit that did not converge (shared with the formula fits).
     */
    static void printObjective(PrintWriter out, Verdict verdict, String objective) {
        if (!objective.equals("ELBO")) {
            out.println("objective: " + objective + " (maximised; the trace in elbo.png and the verdict are of it)");
        }
        if (verdict == Verdict.PLATEAU) {
            out.println("warning: NOT converged (plateau): the " + objective + " stopped improving but convergence"
                    + " could not be confirmed; treat the numbers as rough (try more --particles)");
        } else if (!verdict.isUsable()) {
            out.println("warning: the fit did not converge; the numbers above are not a posterior to rely on");
        }
    }

    /** Writes fit.json and elbo.png into {@code dir} (created if needed), each atomically. */
    void write(Path dir) throws IOException {
        write(dir, null);
    }

    /** As {@link #write(Path)}, with {@code timings} (when not null) in fit.json under "timings". */
    void write(Path dir, JsonObject timings) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("fit.json"), json(timings));
        double[] trace = result.elboTrace();
        double lo = Double.POSITIVE_INFINITY;
        for (int i = trace.length / 10; i < trace.length; i++) {
            lo = Double.isFinite(trace[i]) ? Math.min(lo, trace[i]) : lo;
        }
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : trace) {
            hi = Double.isFinite(v) ? Math.max(hi, v) : hi;
        }
        String title = traceTitle(trace.length / 10 + 1);
        AtomicFiles.write(dir.resolve("elbo.png"), VaeImages.linePlot(title, "step", new double[][] {trace},
                Double.isFinite(lo) ? lo : Double.NaN, Double.isFinite(hi) ? hi : Double.NaN));
    }

    /** The title of elbo.png: what the trace is, the guide and model, where the y axis range starts. */
    String traceTitle(int fromStep) {
        return objective + " by step (" + guide + ", " + model + "); y axis: range from step " + fromStep + " on";
    }

    /** The content of fit.json. */
    String json() {
        return json(null);
    }

    /** The content of fit.json, with {@code timings} under "timings" when not null. */
    String json(JsonObject timings) {
        Evidence e = result.evidence().orElse(null);
        JsonObject b = new JsonObject().put("model", model).put("guide", guide).put("objective", objective)
                .put("elbo", result.elbo())
                .put("elbo_stderr", result.elboStderr())
                .put("log_evidence", e == null ? null : e.logEvidence())
                .put("log_evidence_stderr", e == null ? null : e.stderr())
                .put("ess", e == null ? null : e.ess())
                .put("khat", e == null ? null : e.khat())
                .put("evidence_samples", e == null ? 0 : e.samples())
                .put("posterior_source", result.summarySource().name().toLowerCase(Locale.ROOT))
                .put("verdict", result.verdict().name())
                .put("reason", String.valueOf(result.reason()))
                .put("steps", result.steps())
                .put("seconds", result.seconds())
                .put("seconds_runs", runSeconds);
        if (exact != null) {
            JsonObject post = new JsonObject();
            exact.meanAndSd().forEach((name, ms) -> post.put(name, new JsonObject().put("mean", ms[0]).put("sd", ms[1])));
            b.put("exact_log_evidence", exact.logEvidence()).put("exact_posterior", post);
        }
        b.put("predictors", predictors);
        JsonObject posterior = new JsonObject();
        for (ParameterSummary s : result.summaries().values()) {
            for (int i = 0; i < s.size(); i++) {
                posterior.put(s.elementName(i), new JsonObject().put("mean", s.mean()[i]).put("sd", s.sd()[i])
                        .put("q2_5", s.q2_5()[i]).put("q50", s.q50()[i]).put("q97_5", s.q97_5()[i]));
            }
        }
        b.put("posterior", posterior);
        if (timings != null) {
            b.put("timings", timings);
        }
        return Json.writeIndented(b);
    }

    /** The element name, with the predictor column for an element of beta: {@code beta[0] (x1)}. */
    private String label(ParameterSummary s, int i) {
        String name = s.elementName(i);
        return s.name().equals("beta") && i < predictors.size() ? name + " (" + predictors.get(i) + ")" : name;
    }
}
