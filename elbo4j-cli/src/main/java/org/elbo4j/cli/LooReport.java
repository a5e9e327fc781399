package org.elbo4j.cli;

import java.util.Locale;
import org.elbo4j.infer.PsisLoo;
import org.elbo4j.infer.Waic;
import org.elbo4j.io.JsonObject;

/**
 * PSIS-LOO and WAIC as the fit report shows them: a text table laid out as R's {@code loo} prints
 * it (estimates with se, then the Pareto k̂ diagnostic counts in loo's bands (−∞, 0.5], (0.5, 0.7],
 * (0.7, 1], (1, ∞), and a line counting the observations with a NaN k̂ or non-finite elpd_loo,i
 * when there are any) and the {@code "loo"} object of fit.json.
 */
public final class LooReport {

    private LooReport() {
    }

    /** The text block, e.g. {@code elpd_loo  -560.1  35.5}; {@code waic} may be null. */
    public static String table(PsisLoo loo, Waic waic) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "PSIS-LOO computed from %d by %d log-likelihood matrix%n%n",
                loo.draws(), loo.observations()));
        b.append(String.format(Locale.ROOT, "%-10s %10s %8s%n", "", "Estimate", "SE"));
        row(b, "elpd_loo", loo.elpdLoo(), loo.elpdLooSe());
        row(b, "p_loo", loo.pLoo(), loo.pLooSe());
        row(b, "looic", loo.looic(), loo.looicSe());
        if (waic != null) {
            row(b, "elpd_waic", waic.elpdWaic(), waic.elpdWaicSe());
            row(b, "p_waic", waic.pWaic(), waic.pWaicSe());
            row(b, "waic", waic.waic(), waic.waicSe());
        }
        double[] k = loo.paretoK();
        double[] edges = {Double.NEGATIVE_INFINITY, 0.5, 0.7, 1, Double.POSITIVE_INFINITY};
        String[] labels = {"(-Inf, 0.5]  (good)", " (0.5, 0.7]  (ok)", "   (0.7, 1]  (bad)", "   (1, Inf)  (very bad)"};
        b.append(String.format(Locale.ROOT, "%nPareto k diagnostic values:%n%-24s %6s %6s%n", "", "Count", "Pct."));
        for (int band = 0; band < labels.length; band++) {
            int count = 0;
            for (double v : k) {
                if (v > edges[band] && v <= edges[band + 1] || band == 0 && v == Double.NEGATIVE_INFINITY) {
                    count++;
                }
            }
            b.append(String.format(Locale.ROOT, "%-24s %6d %5.1f%%%n", labels[band], count, 100.0 * count / k.length));
        }
        int nonFinite = loo.nonFiniteCount();
        if (nonFinite > 0) {
            b.append(String.format(Locale.ROOT, "%-24s %6d %5.1f%%%n", "non-finite k or elpd", nonFinite,
                    100.0 * nonFinite / k.length));
        }
        int above = loo.countAbove(loo.kThreshold());
        b.append(String.format(Locale.ROOT, "k above the threshold min(1 - 1/log10(S), 0.7) = %.2f for S = %d: %d%n",
                loo.kThreshold(), loo.draws(), above));
        return b.toString();
    }

    private static void row(StringBuilder b, String name, double estimate, double se) {
        b.append(String.format(Locale.ROOT, "%-10s %10.1f %8.1f%n", name, estimate, se));
    }

    /**
     * The {@code "loo"} object of fit.json: elpd_loo, se, p_loo, p_loo_se, looic, looic_se, k_max,
     * k_above_0_7, k_threshold, k_above_threshold, non_finite ({@link PsisLoo#nonFiniteCount}), draws, n, and elpd_waic, elpd_waic_se, p_waic,
     * waic when {@code waic} is given (non-finite values, e.g. se for N = 1, are written as null by
     * {@link org.elbo4j.io.Json}).
     */
    public static JsonObject json(PsisLoo loo, Waic waic) {
        double kMax = Double.NEGATIVE_INFINITY;
        for (double v : loo.paretoK()) {
            kMax = Math.max(kMax, v);
        }
        JsonObject o = new JsonObject().put("elpd_loo", loo.elpdLoo()).put("se", loo.elpdLooSe())
                .put("p_loo", loo.pLoo()).put("p_loo_se", loo.pLooSe())
                .put("looic", loo.looic()).put("looic_se", loo.looicSe())
                .put("k_max", kMax).put("k_above_0_7", loo.paretoKSummary().above())
                .put("k_threshold", loo.kThreshold()).put("k_above_threshold", loo.countAbove(loo.kThreshold()))
                .put("non_finite", loo.nonFiniteCount()).put("draws", loo.draws()).put("n", loo.observations());
        if (waic != null) {
            o.put("elpd_waic", waic.elpdWaic()).put("elpd_waic_se", waic.elpdWaicSe())
                    .put("p_waic", waic.pWaic()).put("waic", waic.waic());
        }
        return o;
    }
}
