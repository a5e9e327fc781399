package org.elbo4j.infer;

import org.elbo4j.tensor.kernel.Parallel;

/**
 * Pareto-smoothed importance-sampling leave-one-out cross-validation (PSIS-LOO; Vehtari, Gelman
 * &amp; Gabry 2017, "Practical Bayesian model evaluation using leave-one-out cross-validation and
 * WAIC"; PSIS: Vehtari, Simpson, Gelman, Yao &amp; Gabry 2024) from the pointwise log-likelihood
 * ℓ_si = log p(y_i | θ_s) of S draws θ_s (rows) and N observations (columns).
 *
 * <p>For observation i the leave-one-out importance ratios are r_si ∝ 1/p(y_i | θ_s) — times
 * p(θ_s | y)/q(θ_s) when the draws come from an approximation q rather than the posterior (pass
 * {@code logRatios} = log p(θ_s, y) − log q(θ_s), any additive constant; as
 * {@code loo::loo_approximate_posterior}). They are Pareto-smoothed ({@link ParetoK#smooth}: the
 * M = ⌈min(S/5, 3√S)⌉ largest replaced by generalized-Pareto order statistics, i.e. r_eff = 1),
 * normalised to w_si, and
 * <pre>
 *   elpd_loo,i = log Σ_s w_si p(y_i | θ_s),   lpd_i = log (1/S) Σ_s p(y_i | θ_s),
 *   elpd_loo = Σ_i elpd_loo,i,  se = √(N · var_i elpd_loo,i),  p_loo = Σ_i lpd_i − elpd_loo,
 *   looic = −2 elpd_loo,
 * </pre>
 * lpd_i weighs the draws equally also for an approximation, as {@code loo} 2.5 does (so p_loo then
 * compares against the lppd under q). k̂_i is the Pareto shape of observation i's tail: above
 * {@link #kThreshold()} = min(1 − 1/log₁₀ S, 0.7) (the sample-size dependent threshold of Vehtari
 * et al. 2024, §3.2.4, used by loo ≥ 2.7; 0.7 from S ≈ 2154 on) elpd_loo,i is unreliable;
 * {@link #paretoKSummary()} counts k̂ over the fixed 0.7 that loo ≤ 2.6 prints.
 *
 * <p>Observations are processed in fixed blocks of 32 on the {@link Parallel} threads; each writes
 * its own results, so the numbers do not depend on the thread count.
 */
public final class PsisLoo {

    private final int draws;
    private final double[] elpd;
    private final double[] lpd;
    private final double[] k;

    private PsisLoo(int draws, double[] elpd, double[] lpd, double[] k) {
        this.draws = draws;
        this.elpd = elpd;
        this.lpd = lpd;
        this.k = k;
    }

    /**
     * PSIS-LOO of posterior draws.
     *
     * @param logLik S × N, row s the log-likelihood of each observation under draw s (S ≥ 25, finite)
     */
    public static PsisLoo of(double[][] logLik) {
        return of(logLik, null);
    }

    /**
     * PSIS-LOO of draws from an approximation q of the posterior.
     *
     * @param logLik S × N, row s the log-likelihood of each observation under draw s (S ≥ 25, finite)
     * @param logRatios length S, log p(θ_s, y) − log q(θ_s) up to a constant (not NaN or +∞);
     *     null for posterior draws
     */
    public static PsisLoo of(double[][] logLik, double[] logRatios) {
        int n = Pointwise.checkMatrix("PsisLoo", logLik, ParetoK.MIN_WEIGHTS);
        int s = logLik.length;
        if (logRatios != null) {
            checkRatios(logRatios, s);
        }
        double[] elpd = new double[n];
        double[] lpd = new double[n];
        double[] k = new double[n];
        int blocks = (n + Pointwise.BLOCK - 1) / Pointwise.BLOCK;
        Parallel.forEachTask(blocks, block -> {
            int from = block * Pointwise.BLOCK;
            int count = Math.min(Pointwise.BLOCK, n - from);
            double[][] columns = Pointwise.columns(logLik, from, count);
            for (int j = 0; j < count; j++) {
                int i = from + j;
                double[] ll = columns[j];
                ParetoSmoothed smoothed = smooth(ll, logRatios);
                k[i] = smoothed.k();
                elpd[i] = Pointwise.logSumExp(ll, smoothed.logWeights());
                lpd[i] = Pointwise.logSumExp(ll) - Math.log(s);
            }
        });
        return new PsisLoo(s, elpd, lpd, k);
    }

    /**
     * The normalised smoothed log-weights log w_si of observation i over the S draws, and its k̂,
     * as {@link #of(double[][], double[])} computes them (not kept by the result: they would double
     * its memory to S × N).
     *
     * @throws IllegalArgumentException as {@link #of(double[][], double[])}, or if i is not in [0, N)
     */
    public static ParetoSmoothed smoothedLogWeights(double[][] logLik, double[] logRatios, int i) {
        int n = Pointwise.checkMatrix("PsisLoo", logLik, ParetoK.MIN_WEIGHTS);
        if (logRatios != null) {
            checkRatios(logRatios, logLik.length);
        }
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException("PsisLoo: observation must be in [0, " + n + "), got " + i);
        }
        return smooth(Pointwise.columns(logLik, i, 1)[0], logRatios);
    }

    /** Smoothed log-weights of r_s = −ℓ_s (+ logRatios_s), normalised to log-sum-exp 0. */
    private static ParetoSmoothed smooth(double[] ll, double[] logRatios) {
        double[] ratio = new double[ll.length];
        for (int d = 0; d < ll.length; d++) {
            ratio[d] = -ll[d] + (logRatios == null ? 0 : logRatios[d]);
        }
        ParetoSmoothed smoothed = ParetoK.smooth(ratio);
        double[] lw = smoothed.logWeights();
        double norm = Pointwise.logSumExp(lw);
        for (int d = 0; d < lw.length; d++) {
            lw[d] -= norm;
        }
        return smoothed;
    }

    private static void checkRatios(double[] logRatios, int s) {
        if (logRatios.length != s) {
            throw new IllegalArgumentException("PsisLoo: logRatios must have one entry per draw (" + s + "), got "
                    + logRatios.length);
        }
        boolean finite = false;
        for (double v : logRatios) {
            if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("PsisLoo: logRatios must not be NaN or +inf, got " + v);
            }
            finite |= v > Double.NEGATIVE_INFINITY;
        }
        if (!finite) {
            throw new IllegalArgumentException("PsisLoo: logRatios must not all be -inf");
        }
    }

    /** S, the number of draws. */
    public int draws() {
        return draws;
    }

    /** N, the number of observations. */
    public int observations() {
        return elpd.length;
    }

    /** elpd_loo = Σ_i elpd_loo,i. */
    public double elpdLoo() {
        return Pointwise.sum(elpd);
    }

    /** The standard error of elpd_loo, √(N · var_i elpd_loo,i) (NaN for N = 1). */
    public double elpdLooSe() {
        return Pointwise.se(elpd);
    }

    /** lppd = Σ_i lpd_i, the log pointwise predictive density of the data the draws were fitted to. */
    public double lppd() {
        return Pointwise.sum(lpd);
    }

    /** p_loo = lppd − elpd_loo, the effective number of parameters. */
    public double pLoo() {
        return lppd() - elpdLoo();
    }

    /** The standard error of p_loo, √(N · var_i (lpd_i − elpd_loo,i)). */
    public double pLooSe() {
        double[] p = new double[elpd.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = lpd[i] - elpd[i];
        }
        return Pointwise.se(p);
    }

    /** looic = −2 elpd_loo. */
    public double looic() {
        return -2 * elpdLoo();
    }

    /** The standard error of looic, 2 · se(elpd_loo). */
    public double looicSe() {
        return 2 * elpdLooSe();
    }

    /** elpd_loo,i for each observation (a copy). */
    public double[] pointwiseElpd() {
        return elpd.clone();
    }

    /** lpd_i for each observation (a copy). */
    public double[] pointwiseLpd() {
        return lpd.clone();
    }

    /** The Pareto k̂_i of each observation's importance ratios (a copy). */
    public double[] paretoK() {
        return k.clone();
    }

    /** min(1 − 1/log₁₀ S, 0.7): the sample-size dependent k̂ threshold of Vehtari et al. (2024, §3.2.4). */
    public double kThreshold() {
        return Math.min(1 - 1 / Math.log10(draws), ParetoKSummary.THRESHOLD);
    }

    /** How many k̂_i exceed {@code threshold}. */
    public int countAbove(double threshold) {
        int c = 0;
        for (double v : k) {
            if (v > threshold) {
                c++;
            }
        }
        return c;
    }

    /**
     * How many observations have a k̂_i that is NaN or an elpd_loo,i that is not finite (a NaN or
     * infinite log-likelihood among the draws): their LOO estimates do not exist, and they are in
     * no k̂ band ({@link #countAbove} does not count a NaN k̂).
     */
    public int nonFiniteCount() {
        int c = 0;
        for (int i = 0; i < k.length; i++) {
            if (Double.isNaN(k[i]) || !Double.isFinite(elpd[i])) {
                c++;
            }
        }
        return c;
    }

    /** Mean, max, and count and share above 0.7 of the k̂_i. */
    public ParetoKSummary paretoKSummary() {
        return ParetoKSummary.of(k);
    }
}
