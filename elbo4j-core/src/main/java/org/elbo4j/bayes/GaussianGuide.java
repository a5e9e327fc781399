package org.elbo4j.bayes;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Shaping;
import org.elbo4j.tensor.Tensor;

/**
 * A Gaussian variational family over the unconstrained vector u ∈ ℝᵈ, with its variational
 * parameters as leaf tensors: reparameterized draws {@code u = μ + A ε} and the closed-form
 * entropy (the ELBO estimator of Stan's ADVI: {@code E_q[log p(D, f(u)) + log|J|] + H[q]}).
 */
interface GaussianGuide {

    /** Guide locations beyond this, or log-scales beyond {@link #MAX_LOG_SCALE}, count as a blow-up. */
    double MAX_ABS_LOC = 1e6;
    /** See {@link #MAX_ABS_LOC}. */
    double MAX_LOG_SCALE = 20;
    /** The initial scale of every unconstrained coordinate (Pyro's autoguide {@code init_scale}). */
    double INIT_SCALE = 0.1;

    /** The variational parameters by name (leaf tensors requiring gradients). */
    Map<String, Tensor> params();

    /** M reparameterized draws, shape [M, d]. */
    Tensor rsample(RandomGenerator rng, int m);

    /**
     * 2⌈m/2⌉ reparameterized draws in antithetic pairs: ⌈m/2⌉ draws {@code u = μ + A ε} followed by
     * their reflections {@code 2μ − u = μ − A ε}, shape [2⌈m/2⌉, d]. Each pair's gradient is
     * unbiased and the part of the noise that is odd in ε cancels: for a Gaussian posterior the
     * location gradient of a pair is exact (Geweke 1988; Ren et al. 2019).
     */
    default Tensor rsampleAntithetic(RandomGenerator rng, int m) {
        Tensor u = rsample(rng, (m + 1) / 2);
        Tensor loc = params().get("loc");
        return Shaping.concat(List.of(u, loc.mul(Tensor.scalar(2.0)).sub(u)), 0);
    }

    /** {@code E_q ||u||² = ||μ||² + tr Σ}, a scalar tensor differentiable in the parameters. */
    Tensor expectedSquaredNorm();

    /** H[q], a scalar tensor. */
    Tensor entropy();

    /** The current q as mean and covariance in double. */
    UnconstrainedGaussian snapshot(List<String> coordinateNames);

    /** True when a location or log-scale is past the blow-up limits. */
    boolean blownUp();

    /**
     * The smallest marginal sd of q in the coordinates the parameters live in (v for a
     * {@link WhitenedGuide}); Adam's steps relative to it set the iterate noise.
     */
    double smallestScale();

    /** Builds the guide of a family with location {@code init} and scale {@link #INIT_SCALE}. */
    static GaussianGuide create(GuideFamily family, double[] init, int rank, RandomGenerator rng) {
        return create(family, init, rank, rng, INIT_SCALE);
    }

    /** Builds the guide of a family with location {@code init} and every marginal sd {@code initScale}. */
    static GaussianGuide create(GuideFamily family, double[] init, int rank, RandomGenerator rng, double initScale) {
        return switch (family) {
            case MEAN_FIELD -> MeanFieldGuide.of(init, initScale);
            case FULL_RANK -> FullRankGuide.of(init, initScale);
            case LOW_RANK -> LowRankGuide.of(init, rank, rng, initScale);
            default -> throw new IllegalArgumentException("GaussianGuide: " + family + " is not a variational family");
        };
    }

    /** True when some |value| exceeds the limit or is not finite. */
    static boolean exceeds(Tensor t, double limit) {
        for (float v : t.data()) {
            if (!(Math.abs(v) <= limit)) {
                return true;
            }
        }
        return false;
    }
}
