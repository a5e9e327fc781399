package org.elbo4j.bayes;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
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

    /** H[q], a scalar tensor. */
    Tensor entropy();

    /** The current q as mean and covariance in double. */
    UnconstrainedGaussian snapshot(List<String> coordinateNames);

    /** True when a location or log-scale is past the blow-up limits. */
    boolean blownUp();

    /** Builds the guide of a family with location {@code init}. */
    static GaussianGuide create(GuideFamily family, double[] init, int rank, RandomGenerator rng) {
        return switch (family) {
            case MEAN_FIELD -> MeanFieldGuide.of(init);
            case FULL_RANK -> FullRankGuide.of(init);
            case LOW_RANK -> LowRankGuide.of(init, rank, rng);
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
