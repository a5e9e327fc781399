package org.elbo4j.regression;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elbo4j.bayes.DensityDraws;
import org.elbo4j.bayes.DensityFit;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.ImportanceSample;
import org.elbo4j.bayes.Optimisation;
import org.elbo4j.bayes.ParameterSummary;
import org.elbo4j.bayes.SummarySource;
import org.elbo4j.infer.Verdict;

/**
 * Fits a {@link RegressionModel} with {@link DensityFit} (by default: the Laplace approximation
 * found by Newton's method on the model's Hessian, then a Gaussian guide learned in its whitened
 * coordinates) and summarises the approximate posterior draws ({@link DensityFit#draws}: PSIS
 * resampled when k̂ &lt; 0.7) by brms's names, with the S × N pointwise log-likelihood of the draws
 * for PSIS-LOO and WAIC. When the summaries are q's own draws (k̂ ≥ 0.7, or PSIS summaries turned
 * off) the result also carries the importance-weighted summaries (the PSIS-resampled draws, flagged
 * by {@link ImportanceSample#reliable()}). PSIS-LOO always takes the pointwise log-likelihood of
 * the S evidence draws of q with their log p/q ratios ({@link LooInput}) when there is an importance
 * sample, whatever the summaries' source.
 */
public final class RegressionFit {

    /**
     * The most draws of q PSIS-LOO takes (the first ones, with their ratios): their S × N pointwise
     * log-likelihood is the memory of the fit's end (4000 × 10,000 rows: 320 MB), and a nested Laplace
     * fit may draw up to 16,000 for its summaries.
     */
    public static final int LOO_DRAWS = 4000;

    private RegressionFit() {
    }

    /**
     * What PSIS-LOO needs: the S × N pointwise log-likelihood of some draws and, when they are draws
     * of q rather than of (an estimate of) the posterior, their log p/q ratios (else null).
     *
     * @param logLik    S × N
     * @param logRatios length S, or null
     * @param dropped   the draws left out because their ratio or a pointwise log-likelihood is not
     *     finite (zero posterior density: ℓ = −∞ there, e.g. exp(η) overflowing far in q's tail)
     */
    public record LooInput(double[][] logLik, double[] logRatios, int dropped) {

        /** Nothing dropped. */
        public LooInput(double[][] logLik, double[] logRatios) {
            this(logLik, logRatios, 0);
        }
    }

    /**
     * What a fit returns.
     *
     * @param weightedSummaries the summaries of the PSIS-resampled draws when {@code summaries} are
     *     q's own draws and there is an importance sample, else empty
     * @param looInput          the draws for PSIS-LOO: the evidence draws of q with their log p/q
     *     when there is an importance sample, else the summaries' draws
     */
    public record Result(Optimisation optimisation, DensityDraws draws, Map<String, ParameterSummary> summaries,
            double[][] pointwiseLogLik, double seconds, Map<String, ParameterSummary> weightedSummaries,
            LooInput looInput) {

        /** Without weighted summaries; LOO from the summaries' draws. */
        public Result(Optimisation optimisation, DensityDraws draws, Map<String, ParameterSummary> summaries,
                double[][] pointwiseLogLik, double seconds) {
            this(optimisation, draws, summaries, pointwiseLogLik, seconds, Map.of(),
                    new LooInput(pointwiseLogLik, null));
        }

        /** The verdict of the optimisation. */
        public Verdict verdict() {
            return optimisation.verdict();
        }
    }

    /**
     * Fits {@code model} with {@code config}; summaries include {@code r_g[level,coef]} when
     * {@code groupEffects}.
     */
    public static Result fit(RegressionModel model, FitConfig config, boolean groupEffects) {
        long start = System.nanoTime();
        RegressionLayout layout = model.layout();
        Optimisation opt = DensityFit.fit(model, model.initialPoint(), layout.coordinateNames(), config);
        DensityDraws draws = opt.verdict() == Verdict.NON_FINITE
                ? new DensityDraws(Double.NaN, Double.NaN, Optional.empty(), SummarySource.GUIDE,
                        new double[][] {opt.guide().mean()})
                : DensityFit.draws(model, opt, model.frame().rowCount(), true, config);
        Map<String, ParameterSummary> summaries = summarise(layout, draws.draws(), groupEffects);
        Optional<ImportanceSample> importance = draws.importance();
        // the resampled draws are the evidence draws' own arrays: each row's pointwise log-likelihood once
        Map<double[], double[]> known = new IdentityHashMap<>();
        LooInput fromQ = importance.map(is -> looInput(model, is, known)).orElse(null);
        LooInput own = finite(pointwise(model, draws.draws(), known), null);
        double[][] pointwise = own.logLik();
        if (importance.isEmpty()) {
            return new Result(opt, draws, summaries, pointwise, (System.nanoTime() - start) / 1e9, Map.of(), own);
        }
        if (draws.source() == SummarySource.PSIS) {
            // LOO from q's own draws with their ratios (as loo_approximate_posterior), for every guide:
            // the PSIS-resampled draws repeat many draws, whose tied pointwise ratios PSIS-LOO fits no
            // Pareto tail to (k NaN; 79 of 1000 observations of the bernoulli benchmark with 4000 draws)
            return new Result(opt, draws, summaries, pointwise, (System.nanoTime() - start) / 1e9, Map.of(), fromQ);
        }
        Map<String, ParameterSummary> weighted = summarise(layout, importance.get().resampled(), groupEffects);
        return new Result(opt, draws, summaries, pointwise, (System.nanoTime() - start) / 1e9, weighted, fromQ);
    }

    /**
     * The evidence draws with their log ratios, without the draws whose ratio or pointwise
     * log-likelihood is not finite (ℓ = −∞ or NaN there, so zero weight, and a log-likelihood
     * PSIS-LOO cannot take; a flow's heavier tails reach such points, where exp(η) overflows).
     */
    private static LooInput looInput(RegressionModel model, ImportanceSample is, Map<double[], double[]> known) {
        int s = Math.min(is.draws().length, LOO_DRAWS);
        return finite(pointwise(model, Arrays.copyOf(is.draws(), s), known), Arrays.copyOf(is.logRatios(), s));
    }

    /**
     * {@code logLik} (S × N) and {@code ratios} (length S, or null) without the draws whose ratio
     * or pointwise log-likelihood is not finite; the same arrays when every draw is kept.
     */
    static LooInput finite(double[][] logLik, double[] ratios) {
        int n = logLik.length;
        boolean[] keep = new boolean[n];
        int kept = 0;
        for (int s = 0; s < n; s++) {
            keep[s] = ratios == null || Double.isFinite(ratios[s]);
            for (int i = 0; keep[s] && i < logLik[s].length; i++) {
                keep[s] = Double.isFinite(logLik[s][i]);
            }
            kept += keep[s] ? 1 : 0;
        }
        if (kept == n) {
            return new LooInput(logLik, ratios);
        }
        double[][] rows = new double[kept][];
        double[] keptRatios = ratios == null ? null : new double[kept];
        int k = 0;
        for (int s = 0; s < n; s++) {
            if (keep[s]) {
                if (ratios != null) {
                    keptRatios[k] = ratios[s];
                }
                rows[k++] = logLik[s];
            }
        }
        return new LooInput(rows, keptRatios, n - kept);
    }

    private static Map<String, ParameterSummary> summarise(RegressionLayout layout, double[][] rows,
            boolean groupEffects) {
        List<String> names = layout.reportedNames(groupEffects);
        double[][] byName = new double[names.size()][rows.length];
        for (int s = 0; s < rows.length; s++) {
            double[] v = layout.reported(rows[s], groupEffects);
            for (int k = 0; k < v.length; k++) {
                byName[k][s] = v[k];
            }
        }
        Map<String, ParameterSummary> summaries = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            summaries.put(names.get(k), ParameterSummary.ofDraws(names.get(k), byName[k]));
        }
        return summaries;
    }

    /**
     * The S × N pointwise log-likelihood of the draws {@code rows}; a draw (the same array) met before
     * takes its row from {@code known}, to which new draws are added (rows are shared, read-only).
     */
    private static double[][] pointwise(RegressionModel model, double[][] rows, Map<double[], double[]> known) {
        double[][] out = new double[rows.length][];
        for (int s = 0; s < rows.length; s++) {
            double[] row = known.get(rows[s]);
            if (row == null) {
                row = new double[model.frame().rowCount()];
                model.pointwiseLogLikelihood(rows[s], row);
                known.put(rows[s], row);
            }
            out[s] = row;
        }
        return out;
    }
}
