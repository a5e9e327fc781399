package org.elbo4j.regression;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.bayes.DensityDraws;
import org.elbo4j.bayes.DensityFit;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.Optimisation;
import org.elbo4j.bayes.ParameterSummary;
import org.elbo4j.infer.Verdict;

/**
 * Fits a {@link RegressionModel} with {@link DensityFit} (by default: the Laplace approximation
 * found by Newton's method on the model's Hessian, then a Gaussian guide learned in its whitened
 * coordinates) and summarises the approximate posterior draws ({@link DensityFit#draws}: PSIS
 * resampled when k̂ &lt; 0.7) by brms's names, with the S × N pointwise log-likelihood of the draws
 * for PSIS-LOO and WAIC.
 */
public final class RegressionFit {

    private RegressionFit() {
    }

    /** What a fit returns. */
    public record Result(Optimisation optimisation, DensityDraws draws, Map<String, ParameterSummary> summaries,
            double[][] pointwiseLogLik, double seconds) {

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
                ? new DensityDraws(Double.NaN, Double.NaN, java.util.Optional.empty(),
                        org.elbo4j.bayes.SummarySource.GUIDE, new double[][] {opt.guide().mean()})
                : DensityFit.draws(model, opt.guide(), model.frame().rowCount(), true, config);
        double[][] rows = draws.draws();
        List<String> names = layout.reportedNames(groupEffects);
        double[][] byName = new double[names.size()][rows.length];
        double[][] pointwise = new double[rows.length][model.frame().rowCount()];
        for (int s = 0; s < rows.length; s++) {
            double[] v = layout.reported(rows[s], groupEffects);
            for (int k = 0; k < v.length; k++) {
                byName[k][s] = v[k];
            }
            model.pointwiseLogLikelihood(rows[s], pointwise[s]);
        }
        Map<String, ParameterSummary> summaries = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            summaries.put(names.get(k), ParameterSummary.ofDraws(names.get(k), byName[k]));
        }
        return new Result(opt, draws, summaries, pointwise, (System.nanoTime() - start) / 1e9);
    }
}
