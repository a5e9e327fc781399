package org.elbo4j.mixture;

import org.elbo4j.infer.AscentMonitor;
import org.elbo4j.random.Rng;

/**
 * Maximum-likelihood fitting of a Gaussian mixture by EM (Dempster, Laird &amp; Rubin 1977), written
 * as coordinate ascent on the evidence lower bound ({@link MixtureElbo})
 *
 * <pre>  ELBO(q, θ) = Σ_n Σ_k r_nk [log π_k + log N(x_n | μ_k, Σ_k) − log r_nk] ≤ log p(X | θ):</pre>
 *
 * the E-step maximises over q exactly, {@code r_nk = p(z_n = k | x_n, θ)}, after which the bound
 * is tight (ELBO = log p(X | θ); EM is the case of variational inference where q(z) is the exact
 * posterior), and the M-step ({@link MStep}) maximises over θ. The log-likelihood therefore never
 * decreases; {@link AscentMonitor} stops on a relative change below {@code tolerance}, and calls
 * a decrease beyond round-off DIVERGING.
 *
 * <p>Each of {@code restarts} runs starts from greedy k-means++ centres ({@link KMeansPlusPlus},
 * stream {@code Rng.of(seed).child(restart)}), every point assigned to its nearest centre and one
 * M-step; the restart with the largest final log-likelihood wins (the first on ties). The E- and
 * M-steps run on {@link org.elbo4j.tensor.kernel.Parallel} in fixed chunks: the same seed gives the
 * same bits for any thread count.
 */
public final class ExpectationMaximization {

    private final int k;
    private final CovarianceType type;
    private final double regCovar;
    private final double tolerance;
    private final int maxIterations;
    private final int restarts;
    private final long seed;

    private ExpectationMaximization(int k, CovarianceType type, double regCovar, double tolerance, int maxIterations,
            int restarts, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("ExpectationMaximization: k must be >= 1, got " + k);
        }
        if (!(regCovar >= 0) || Double.isInfinite(regCovar)) {
            throw new IllegalArgumentException("ExpectationMaximization: regCovar must be finite and >= 0, got "
                    + regCovar);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("ExpectationMaximization: restarts must be >= 1, got " + restarts);
        }
        AscentMonitor.of(tolerance, maxIterations);
        this.k = k;
        this.type = type;
        this.regCovar = regCovar;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.restarts = restarts;
        this.seed = seed;
    }

    /** K components of the given covariance type; regCovar 1e-6, tolerance 1e-6, 500 iterations, 1 restart, seed 0. */
    public static ExpectationMaximization of(int k, CovarianceType type) {
        return new ExpectationMaximization(k, type, 1e-6, 1e-6, 500, 1, 0L);
    }

    /** The covariance floor λ added to every variance. */
    public ExpectationMaximization regCovar(double value) {
        return new ExpectationMaximization(k, type, value, tolerance, maxIterations, restarts, seed);
    }

    /** Stop when |Δ log p(X)| ≤ tolerance · max(1, |log p(X)|). */
    public ExpectationMaximization tolerance(double value) {
        return new ExpectationMaximization(k, type, regCovar, value, maxIterations, restarts, seed);
    }

    /** At most this many E-steps per restart. */
    public ExpectationMaximization maxIterations(int value) {
        return new ExpectationMaximization(k, type, regCovar, tolerance, value, restarts, seed);
    }

    /** The number of k-means++ starts. */
    public ExpectationMaximization restarts(int value) {
        return new ExpectationMaximization(k, type, regCovar, tolerance, maxIterations, value, seed);
    }

    /** The seed of the k-means++ draws. */
    public ExpectationMaximization seed(long value) {
        return new ExpectationMaximization(k, type, regCovar, tolerance, maxIterations, restarts, value);
    }

    /**
     * Fits the mixture.
     *
     * @throws IllegalArgumentException if K exceeds the number of points, or a covariance is
     *     singular even with the floor (the message names the component)
     */
    public MixtureFit fit(MixtureData data) {
        if (k > data.size()) {
            throw new IllegalArgumentException("ExpectationMaximization: k = " + k + " exceeds the number of points, "
                    + data.size());
        }
        MixtureFit best = null;
        double[] objectives = new double[restarts];
        for (int r = 0; r < restarts; r++) {
            MixtureFit fit = fitFrom(data, start(data, r), r);
            objectives[r] = fit.logLikelihood();
            if (best == null || fit.logLikelihood() > best.logLikelihood()) {
                best = fit;
            }
        }
        return new MixtureFit(best.mixture(), best.responsibilities(), best.logLikelihood(), best.trace(),
                best.verdict(), best.reason(), best.restart(), objectives, best.start(), best.bic(), best.aic());
    }

    /** The start of restart r: k-means++ centres, nearest-centre assignment, one M-step. */
    public GaussianMixture start(MixtureData data, int restart) {
        int[] centres = KMeansPlusPlus.centres(data, k, Rng.of(seed).child(restart));
        Responsibilities hard = Responsibilities.of(data, KMeansPlusPlus.hardAssignment(data, centres));
        return mStep(data, hard);
    }

    /** The M-step of this configuration for given responsibilities. */
    public GaussianMixture mStep(MixtureData data, Responsibilities r) {
        return MStep.run(data, r, type, regCovar);
    }

    /** EM from the given start (the restart index is only recorded). */
    public MixtureFit fitFrom(MixtureData data, GaussianMixture start, int restart) {
        AscentMonitor monitor = AscentMonitor.of(tolerance, maxIterations);
        GaussianMixture theta = start;
        Responsibilities r = theta.posterior(data);
        while (!monitor.add(r.logNormalizer())) {
            theta = mStep(data, r);
            r = theta.posterior(data);
        }
        double ll = r.logNormalizer();
        long p = theta.parameterCount();
        return new MixtureFit(theta, r, ll, monitor.trace(), monitor.verdict(), monitor.reason(), restart,
                new double[] {ll}, start, -2 * ll + p * Math.log(data.size()), -2 * ll + 2.0 * p);
    }
}
