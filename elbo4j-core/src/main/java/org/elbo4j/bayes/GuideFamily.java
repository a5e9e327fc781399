package org.elbo4j.bayes;

/**
 * The family of the approximation q(u) over the unconstrained parameter vector u ∈ ℝᵈ; the
 * constrained posterior is its push-forward through the parameters' bijections.
 */
public enum GuideFamily {
    /** N(μ, diag(σ²)) with σ = exp(ω) (Stan's {@code meanfield}; Pyro's {@code AutoDiagonalNormal}). */
    MEAN_FIELD,
    /** N(μ, L Lᵀ) with L lower triangular, positive diagonal (Stan's {@code fullrank}; {@code AutoMultivariateNormal}). */
    FULL_RANK,
    /** N(μ, W Wᵀ + diag(σ²)) with W of d × R ({@code AutoLowRankMultivariateNormal}). */
    LOW_RANK,
    /**
     * A normalizing flow: the FULL_RANK fit, then {@link FitConfig#flowLayers()} masked affine
     * autoregressive layers on its whitened coordinates trained from the identity ({@link FlowGuide},
     * {@link FlowLoop}); full data only.
     */
    FLOW,
    /**
     * For a {@link LatentGaussianDensity} ℓ(θ, x) (Rue, Martino and Chopin 2009): x given θ by its
     * conditional Laplace approximation N(x*(θ), H(θ)⁻¹), θ by a Student t around the mode of its
     * Laplace-approximate marginal; q is the importance proposal of {@link NestedLaplaceProposal}, and
     * its importance weights (PSIS) make the posterior summaries. Full data only.
     */
    NESTED_LAPLACE,
    /** A point mass at the mode of log p(D, θ) in constrained space (no Jacobian; Stan's {@code optimize}). */
    MAP,
    /**
     * N(û, H⁻¹) with û the mode of the unconstrained log density log p(D, f(u)) + log|det J_f(u)| and
     * H the Hessian of its negative at û (exact with {@link ExactCurvature}, otherwise central differences of
     * the gradient, symmetrised).
     */
    LAPLACE
}
