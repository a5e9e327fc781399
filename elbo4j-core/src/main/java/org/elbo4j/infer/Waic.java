package org.elbo4j.infer;

/**
 * The widely applicable information criterion (WAIC; Watanabe 2010, in the form of Vehtari, Gelman
 * &amp; Gabry 2017, §2.2) from the pointwise log-likelihood ℓ_si = log p(y_i | θ_s) of S posterior
 * draws (rows) and N observations (columns):
 * <pre>
 *   lpd_i = log (1/S) Σ_s exp ℓ_si,   p_waic,i = var_s ℓ_si (denominator S − 1),
 *   elpd_waic = Σ_i (lpd_i − p_waic,i),  se = √(N · var_i elpd_waic,i),  waic = −2 elpd_waic,
 * </pre>
 * as the R package {@code loo}'s {@code waic()}. The draws are weighted equally: WAIC has no
 * correction for draws from an approximation (use {@link PsisLoo} with log ratios for those).
 *
 * @param pointwiseElpd elpd_waic,i for each observation
 * @param pointwisePWaic p_waic,i for each observation
 */
public record Waic(double[] pointwiseElpd, double[] pointwisePWaic) {

    /**
     * WAIC of posterior draws.
     *
     * @param logLik S × N, row s the log-likelihood of each observation under draw s (S ≥ 2, finite)
     */
    public static Waic of(double[][] logLik) {
        int n = Pointwise.checkMatrix("Waic", logLik, 2);
        int s = logLik.length;
        double[] elpd = new double[n];
        double[] p = new double[n];
        for (int from = 0; from < n; from += Pointwise.BLOCK) {
            int count = Math.min(Pointwise.BLOCK, n - from);
            double[][] columns = Pointwise.columns(logLik, from, count);
            for (int j = 0; j < count; j++) {
                double[] ll = columns[j];
                double mean = Pointwise.sum(ll) / s;
                double ss = 0;
                for (double v : ll) {
                    ss += (v - mean) * (v - mean);
                }
                p[from + j] = ss / (s - 1);
                elpd[from + j] = Pointwise.logSumExp(ll) - Math.log(s) - p[from + j];
            }
        }
        return new Waic(elpd, p);
    }

    /** elpd_waic = Σ_i elpd_waic,i. */
    public double elpdWaic() {
        return Pointwise.sum(pointwiseElpd);
    }

    /** The standard error of elpd_waic, √(N · var_i elpd_waic,i). */
    public double elpdWaicSe() {
        return Pointwise.se(pointwiseElpd);
    }

    /** p_waic = Σ_i p_waic,i, the effective number of parameters. */
    public double pWaic() {
        return Pointwise.sum(pointwisePWaic);
    }

    /** The standard error of p_waic. */
    public double pWaicSe() {
        return Pointwise.se(pointwisePWaic);
    }

    /** waic = −2 elpd_waic. */
    public double waic() {
        return -2 * elpdWaic();
    }

    /** The standard error of waic, 2 · se(elpd_waic). */
    public double waicSe() {
        return 2 * elpdWaicSe();
    }
}
