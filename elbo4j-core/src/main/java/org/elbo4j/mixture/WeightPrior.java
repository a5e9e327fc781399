package org.elbo4j.mixture;

/**
 * The prior on the mixture weights of {@link VariationalMixture}, as scikit-learn's
 * {@code weight_concentration_prior_type}.
 */
public enum WeightPrior {
    /**
     * π ~ Dirichlet(α₀, …, α₀) (Bishop PRML 10.39); q(π) = Dirichlet(α), α_k = α₀ + N_k, and
     * E[log π_k] = ψ(α_k) − ψ(Σ_j α_j). A small α₀ empties surplus components.
     */
    DIRICHLET_DISTRIBUTION,
    /**
     * A Dirichlet process truncated at K sticks (Blei &amp; Jordan 2006): v_k ~ Beta(1, α₀),
     * π_k = v_k Π_{j&lt;k} (1 − v_j); q(v_k) = Beta(1 + N_k, α₀ + Σ_{j&gt;k} N_j), and
     * E[log π_k] = E[log v_k] + Σ_{j&lt;k} E[log(1 − v_j)].
     */
    DIRICHLET_PROCESS;

    /** {@code dirichlet} or {@code process}-style names: dirichlet, dirichlet-distribution, process, dirichlet-process. */
    public static WeightPrior named(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return switch (n) {
            case "dirichlet", "dirichlet-distribution" -> DIRICHLET_DISTRIBUTION;
            case "process", "dirichlet-process", "stick-breaking" -> DIRICHLET_PROCESS;
            default -> throw new IllegalArgumentException("WeightPrior: unknown weight prior '" + name
                    + "'; known: dirichlet-distribution, dirichlet-process");
        };
    }
}
