package org.elbo4j.regression;

import java.util.Locale;

/**
 * How a group-level term's effects are parametrised in the unconstrained coordinates of a
 * {@link RegressionModel} (Papaspiliopoulos, Roberts and Sköld 2007, "A general framework for the
 * parametrization of hierarchical models"):
 * <ul>
 *   <li>{@link #NONCENTRED}: the coordinates are z_j ~ N(0, I) and r_j = diag(sd) L z_j; best when
 *       the data say little about each level (the posterior of z_j is then close to its prior);</li>
 *   <li>{@link #CENTRED}: the coordinates are r_j themselves, r_j ~ MVN(0, diag(sd) L Lᵀ diag(sd));
 *       best when the data pin each level (sd²·τ_j &gt; 1, τ_j the data's Fisher information about
 *       r_j), where z_j ≈ r̂_j / sd would make a banana in (log sd, z_j).</li>
 * </ul>
 * {@link CentringChoice} picks one per term from the data.
 */
public enum Centring {
    /** z_j are the coordinates. */
    NONCENTRED,
    /** r_j are the coordinates. */
    CENTRED;

    /** The lower-case name used in the CLI and in fit.json: {@code centred} or {@code noncentred}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
