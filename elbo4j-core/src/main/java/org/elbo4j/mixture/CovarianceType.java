package org.elbo4j.mixture;

import java.util.Locale;

/**
 * The shape of the component covariances of a Gaussian mixture, as scikit-learn's
 * {@code covariance_type}: K components in d dimensions have
 * <ul>
 *   <li>FULL: a symmetric positive-definite Σ_k each, K·d(d+1)/2 parameters;</li>
 *   <li>DIAG: a diagonal Σ_k = diag(σ²_k1, …, σ²_kd) each, K·d parameters;</li>
 *   <li>SPHERICAL: Σ_k = σ²_k I, K parameters;</li>
 *   <li>TIED: one full Σ shared by all components, d(d+1)/2 parameters.</li>
 * </ul>
 */
public enum CovarianceType {
    /** One full covariance matrix per component. */
    FULL,
    /** One diagonal covariance matrix per component. */
    DIAG,
    /** One variance per component (a multiple of the identity). */
    SPHERICAL,
    /** One full covariance matrix shared by all components. */
    TIED;

    /** The number of free covariance parameters of K components in d dimensions. */
    public long covarianceParameters(int k, int d) {
        long full = (long) d * (d + 1) / 2;
        return switch (this) {
            case FULL -> k * full;
            case DIAG -> (long) k * d;
            case SPHERICAL -> k;
            case TIED -> full;
        };
    }

    /** True when every Σ_k is diagonal (DIAG, SPHERICAL). */
    boolean diagonal() {
        return this == DIAG || this == SPHERICAL;
    }

    /** The lower-case name used on the command line and in files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The type named {@code full}, {@code diag}, {@code spherical} or {@code tied} (any case).
     *
     * @throws IllegalArgumentException naming the known types for any other name
     */
    public static CovarianceType named(String name) {
        for (CovarianceType t : values()) {
            if (t.label().equalsIgnoreCase(name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("CovarianceType: unknown covariance type '" + name
                + "'; known: full, diag, spherical, tied");
    }
}
