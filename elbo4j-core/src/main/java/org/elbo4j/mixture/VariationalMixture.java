package org.elbo4j.mixture;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.infer.AscentMonitor;
import org.elbo4j.random.Rng;

/**
 * Variational Bayes for a Gaussian mixture with full covariances (Bishop PRML §10.2; scikit-learn's
 * {@code BayesianGaussianMixture}): mean-field q(Z) q(π) q(μ, Λ) under the priors of
 * {@link NormalWishartPrior}, by coordinate ascent on the exact ELBO ({@link VariationalElbo}):
 *
 * <pre>  E-step:  r_nk ∝ exp(E[log π_k] + ½ E[log|Λ_k|] − (d/2) log 2π − ½ E[(x_n − μ_k)ᵀ Λ_k (x_n − μ_k)])   (10.46–10.49)
 *   M-step:  q(π), q(μ_k, Λ_k) from N_k, x̄_k, S_k                                           (10.58–10.63)</pre>
 *
 * Each iteration is an E-step followed by an M-step, after which the ELBO is recorded; both steps
 * maximise L over one factor, so L never decreases ({@link AscentMonitor} calls a decrease beyond
 * round-off DIVERGING). The start is that of {@link ExpectationMaximization} (k-means++ centres,
 * nearest-centre assignment) followed by one M-step.
 *
 * <p>Components whose effective count N_k = Σ_n r_nk ends below {@code pruneBelow} (default 1
 * point) are reported as pruned and left out of the returned point estimate; the ELBO and the
 * trace are those of all K components (the ascent itself never drops one, so it stays monotone).
 */
public final class VariationalMixture {

    private final int k;
    private final WeightPrior weightPrior;
    private final Double weightConcentration;
    private final double tolerance;
    private final int maxIterations;
    private final long seed;
    private final double pruneBelow;

    private VariationalMixture(int k, WeightPrior weightPrior, Double weightConcentration, double tolerance,
            int maxIterations, long seed, double pruneBelow) {
        if (k < 1) {
            throw new IllegalArgumentException("VariationalMixture: k must be >= 1, got " + k);
        }
        if (!(pruneBelow >= 0) || Double.isInfinite(pruneBelow)) {
            throw new IllegalArgumentException("VariationalMixture: pruneBelow must be finite and >= 0, got "
                    + pruneBelow);
        }
        AscentMonitor.of(tolerance, maxIterations);
        this.k = k;
        this.weightPrior = weightPrior;
        this.weightConcentration = weightConcentration;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.seed = seed;
        this.pruneBelow = pruneBelow;
    }

    /** K components, scikit-learn's default priors, tolerance 1e-8, 1000 iterations, seed 0, pruning below 1 point. */
    public static VariationalMixture of(int k, WeightPrior weightPrior) {
        return new VariationalMixture(k, weightPrior, null, 1e-8, 1000, 0L, 1.0);
    }

    /** The weight concentration α₀ (default 1/K). */
    public VariationalMixture weightConcentration(double value) {
        return new VariationalMixture(k, weightPrior, value, tolerance, maxIterations, seed, pruneBelow);
    }

    /** Stop when |ΔL| ≤ tolerance · max(1, |L|). */
    public VariationalMixture tolerance(double value) {
        return new VariationalMixture(k, weightPrior, weightConcentration, value, maxIterations, seed, pruneBelow);
    }

    /** At most this many iterations. */
    public VariationalMixture maxIterations(int value) {
        return new VariationalMixture(k, weightPrior, weightConcentration, tolerance, value, seed, pruneBelow);
    }

    /** The seed of the k-means++ start. */
    public VariationalMixture seed(long value) {
        return new VariationalMixture(k, weightPrior, weightConcentration, tolerance, maxIterations, value, pruneBelow);
    }

    /** Components with N_k below this many points are pruned from the result. */
    public VariationalMixture pruneBelow(double value) {
        return new VariationalMixture(k, weightPrior, weightConcentration, tolerance, maxIterations, seed, value);
    }

    /** The prior this configuration uses on the data. */
    public NormalWishartPrior prior(MixtureData data) {
        NormalWishartPrior p = NormalWishartPrior.defaults(data, k, weightPrior);
        return weightConcentration == null ? p : p.withWeightConcentration(weightConcentration);
    }

    /**
     * Fits q.
     *
     * @throws IllegalArgumentException if K exceeds the number of points or the data covariance
     *     (the default W₀⁻¹) is singular
     */
    public VariationalFit fit(MixtureData data) {
        if (k > data.size()) {
            throw new IllegalArgumentException("VariationalMixture: k = " + k + " exceeds the number of points, "
                    + data.size());
        }
        NormalWishartPrior prior = prior(data);
        int[] centres = KMeansPlusPlus.centres(data, k, Rng.of(seed).child(0));
        Responsibilities r = Responsibilities.of(data, KMeansPlusPlus.hardAssignment(data, centres));
        VariationalPosterior q = VariationalPosterior.update(prior, data, r);
        AscentMonitor monitor = AscentMonitor.of(tolerance, maxIterations);
        do {
            r = q.responsibilities(data);
            q = VariationalPosterior.update(prior, data, r);
        } while (!monitor.add(VariationalElbo.of(prior, q, data, r)));
        return result(q, r, monitor);
    }

    private VariationalFit result(VariationalPosterior q, Responsibilities r, AscentMonitor monitor) {
        double[] counts = r.counts();
        List<VariationalFit.Pruned> pruned = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (counts[c] < pruneBelow) {
                pruned.add(new VariationalFit.Pruned(c, counts[c]));
            } else {
                kept.add(c);
            }
        }
        if (kept.isEmpty()) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                best = counts[c] > counts[best] ? c : best;
            }
            kept.add(best);
            final int b = best;
            pruned.removeIf(p -> p.component() == b);
        }
        double[] all = q.expectedWeights();
        int kk = kept.size();
        double[] weights = new double[kk];
        double[][] means = new double[kk][];
        double[][] cov = new double[kk][];
        double total = 0;
        for (int i = 0; i < kk; i++) {
            total += all[kept.get(i)];
        }
        int[] keptIndex = new int[kk];
        for (int i = 0; i < kk; i++) {
            int c = kept.get(i);
            keptIndex[i] = c;
            weights[i] = all[c] / total;
            means[i] = q.m[c].clone();
            cov[i] = new double[q.d * q.d];
            for (int e = 0; e < cov[i].length; e++) {
                cov[i][e] = q.wInverse[c][e] / q.nu[c];
            }
        }
        GaussianMixture mixture = GaussianMixture.ofOwned(CovarianceType.FULL, weights, means, cov);
        return new VariationalFit(mixture, keptIndex, List.copyOf(pruned), counts, r, monitor.trace().last(),
                monitor.trace(), monitor.verdict(), monitor.reason());
    }
}
