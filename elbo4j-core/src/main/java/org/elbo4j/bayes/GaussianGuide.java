package org.elbo4j.bayes;

import java.util.List;
import java.util.random.RandomGenerator;
import org.elbo4j.infer.ReparameterizedGaussian;

/**
 * A Gaussian variational family over v ∈ ℝᵈ with its parameters λ as one flat double vector and
 * hand-written reparameterization gradients. A draw is {@code v = μ + A ε} with standard-normal
 * noise ε (of {@link #noiseDim()} entries), and the variational objective of Stan's ADVI,
 * {@code ELBO(λ) = E_ε[ℓ(v(λ, ε))] + H[q_λ]}, has the gradient
 * <pre>
 *   ∇_λ ELBO = E_ε[(∂v/∂λ)ᵀ ∇ℓ(v)] + ∇_λ H[q_λ],
 * </pre>
 * whose two parts are {@link #pullBack} and {@link #addEntropyGradient}. For the sticking-the-
 * landing estimator (Roeder et al. 2017) the entropy gradient is replaced by the path derivative
 * of −log q at the draw: {@code (∂v/∂λ)ᵀ Σ⁻¹(v − μ)}, with {@link #precisionTimesDeviation}.
 *
 * <p>The families: {@link MeanFieldGuide}, {@link FullRankGuide}, {@link LowRankGuide} (built by
 * their {@code of} factories or {@link #create}). A guide is a mutable value: {@link #params()}
 * is live, and an optimiser (such as {@code optim.AdamUpdate}) steps it in place against
 * {@code −∇_λ ELBO}. With an {@link org.elbo4j.infer.LogDensity} ℓ, one reparameterised ELBO
 * gradient over M draws is
 * <pre>{@code
 *   grad = 0
 *   for each draw: eps ~ N(0, I); v = draw(eps); ℓ and g = ∇ℓ at v; pullBack(eps, g / M, grad)
 *   addEntropyGradient(grad, 1)
 * }</pre>
 * The draw, gradient and density methods are those of {@link ReparameterizedGaussian}. Not thread-safe.
 */
public interface GaussianGuide extends ReparameterizedGaussian {

    /** Guide locations beyond this, or log-scales beyond {@link #MAX_LOG_SCALE}, count as a blow-up. */
    double MAX_ABS_LOC = 1e6;
    /** See {@link #MAX_ABS_LOC}. */
    double MAX_LOG_SCALE = 20;
    /** The initial scale of every unconstrained coordinate (Pyro's autoguide {@code init_scale}). */
    double INIT_SCALE = 0.1;
    /** d (1 + log 2π) / 2 per coordinate: the entropy of N(0, 1). */
    double HALF_LOG_TWO_PI_E = 0.5 * (1 + Math.log(2 * Math.PI));

    /** λ, live: the optimiser updates it in place. */
    double[] params();

    /** The current q as mean and covariance. */
    UnconstrainedGaussian snapshot(List<String> coordinateNames);

    /** True when a location or log-scale is past the blow-up limits, or not finite. */
    boolean blownUp();

    /** The smallest marginal sd of q; Adam's steps relative to it set the iterate noise. */
    double smallestScale();

    /**
     * Builds the guide of a variational family (MEAN_FIELD, FULL_RANK, LOW_RANK of {@code rank},
     * with {@code rng} for its initial factor) with location {@code init} and every marginal sd
     * {@code initScale}.
     *
     * @throws IllegalArgumentException for MAP or LAPLACE, or as the family's {@code of}
     */
    static GaussianGuide create(GuideFamily family, double[] init, int rank, RandomGenerator rng, double initScale) {
        return switch (family) {
            case MEAN_FIELD -> MeanFieldGuide.of(init, initScale);
            case FULL_RANK -> FullRankGuide.of(init, initScale);
            case LOW_RANK -> LowRankGuide.of(init, rank, rng, initScale);
            default -> throw new IllegalArgumentException("GaussianGuide: " + family + " is not a variational family");
        };
    }
}
