package org.elbo4j.vae;

import java.util.Locale;
import java.util.Objects;
import org.elbo4j.infer.IwaeGradient;

/**
 * The training objective of a {@link Vae} with K = {@code config.samples()} samples per example,
 * and how its gradient is estimated.
 * <ul>
 *   <li>{@code elbo + reparam}: {@code (1/K) Σ_k log p(x | z_k) − β·KL(q ‖ p)} with the analytic
 *       KL (the classic VAE). The analytic KL has no score term, so there is nothing for STL to
 *       drop in it.</li>
 *   <li>{@code elbo + stl}: the Monte Carlo ELBO {@code (1/K) Σ_k log w_k},
 *       {@code log w_k = log p(x | z_k) + log p(z_k) − log q(z_k | x)}, with log q evaluated at
 *       detached encoder outputs (Roeder, Wu &amp; Duvenaud 2017): unbiased, and its variance
 *       vanishes as q approaches the posterior. β must be 1.</li>
 *   <li>{@code iwae + reparam|stl|dreg}: {@code L_K = log (1/K) Σ_k w_k} (Burda et al. 2016) with
 *       the plain, STL or doubly reparameterized (Tucker et al. 2018) gradient; STL is biased for
 *       K &gt; 1 (Tucker et al. §3). β must be 1.</li>
 * </ul>
 * {@code elbo + dreg} is rejected: for the ELBO the doubly reparameterized gradient is STL.
 *
 * <p>With {@code antithetic} each minibatch's noise comes in pairs ε, −ε ({@link VaeNoise}): the
 * ELBO's gradient stays unbiased with a smaller variance (measured in README, "VAE: antithetic
 * noise"). Not with {@code iwae}: a pair within an example changes the bound L_K itself.
 *
 * @param iwae true for L_K, false for the ELBO
 * @param estimator the gradient estimator
 * @param antithetic antithetic pairs in each minibatch's noise (ELBO only)
 */
public record VaeObjective(boolean iwae, IwaeGradient estimator, boolean antithetic) {

    /** The classic analytic-KL ELBO with the reparameterization gradient. */
    public static final VaeObjective ELBO = new VaeObjective(false, IwaeGradient.PLAIN);

    /** Validates the combination. */
    public VaeObjective {
        Objects.requireNonNull(estimator, "VaeObjective: estimator must not be null");
        if (!iwae && estimator == IwaeGradient.DREG) {
            throw new IllegalArgumentException("VaeObjective: estimator dreg needs objective iwae (for the ELBO the"
                    + " doubly reparameterized gradient equals stl; use --estimator stl)");
        }
        if (iwae && antithetic) {
            throw new IllegalArgumentException("VaeObjective: antithetic noise needs objective elbo (a pair ε, −ε"
                    + " within one example changes the IWAE bound L_K itself), got objective iwae");
        }
    }

    /** The objective with independent noise. */
    public VaeObjective(boolean iwae, IwaeGradient estimator) {
        this(iwae, estimator, false);
    }

    /** This objective with antithetic noise on or off. */
    public VaeObjective withAntithetic(boolean on) {
        return new VaeObjective(iwae, estimator, on);
    }

    /**
     * Parses the command-line names: objective "elbo" or "iwae", estimator "reparam", "stl" or
     * "dreg" (case ignored).
     *
     * @throws IllegalArgumentException on an unknown name or the combination elbo + dreg
     */
    public static VaeObjective parse(String objective, String estimator) {
        String o = objective.trim().toLowerCase(Locale.ROOT);
        if (!o.equals("elbo") && !o.equals("iwae")) {
            throw new IllegalArgumentException("VaeObjective: unknown objective '" + objective
                    + "', expected elbo or iwae");
        }
        IwaeGradient g = switch (estimator.trim().toLowerCase(Locale.ROOT)) {
            case "reparam" -> IwaeGradient.PLAIN;
            case "stl" -> IwaeGradient.STL;
            case "dreg" -> IwaeGradient.DREG;
            default -> throw new IllegalArgumentException("VaeObjective: unknown estimator '" + estimator
                    + "', expected reparam, stl or dreg");
        };
        return new VaeObjective(o.equals("iwae"), g);
    }

    /** True when the loss uses the analytic KL (elbo + reparam). */
    public boolean analyticKl() {
        return !iwae && estimator == IwaeGradient.PLAIN;
    }

    /**
     * What the objective is, as reports label it: "ELBO", or "IWAE bound L_K" with K =
     * {@code samples} (the model's samples per example).
     */
    public String label(int samples) {
        return iwae ? "IWAE bound L_" + samples : "ELBO";
    }

    /** "elbo" or "iwae". */
    public String objectiveName() {
        return iwae ? "iwae" : "elbo";
    }

    /** "reparam", "stl" or "dreg". */
    public String estimatorName() {
        return estimator == IwaeGradient.PLAIN ? "reparam" : estimator.name().toLowerCase(Locale.ROOT);
    }
}
