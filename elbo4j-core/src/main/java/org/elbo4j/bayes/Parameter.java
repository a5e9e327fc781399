package org.elbo4j.bayes;

import java.util.Arrays;
import org.elbo4j.dist.Support;
import org.elbo4j.dist.transform.Bijection;
import org.elbo4j.dist.transform.Bijections;

/**
 * A declared model parameter: a name, the shape of one value and the set it lives in. The fit
 * works in unconstrained space: a value is {@code x = f(u)} with {@code f} the support's
 * bijection ({@link Bijections#fromUnconstrained(Support)}), and {@code u} has
 * {@code f.inverseShape(shape)} — the same shape for real, positive and unit-interval
 * parameters, K − 1 free coordinates for a simplex of K, n(n+1)/2 for an n×n lower-Cholesky
 * factor.
 *
 * @param name    a non-empty name, unique within a model ({@code beta}, {@code sigma})
 * @param shape   the shape of one value ({@code []} for a scalar)
 * @param support a continuous support with a bijection from unconstrained space
 */
public record Parameter(String name, int[] shape, Support support) {

    /** Validates and copies the shape. */
    public Parameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Parameter: name must be non-empty, got '" + name + "'");
        }
        if (shape == null || support == null) {
            throw new IllegalArgumentException("Parameter '" + name + "': shape and support must not be null");
        }
        for (int s : shape) {
            if (s < 1) {
                throw new IllegalArgumentException("Parameter '" + name + "': every dimension must be >= 1, got "
                        + Arrays.toString(shape));
            }
        }
        if (Bijections.fromUnconstrained(support).isEmpty()) {
            throw new IllegalArgumentException("Parameter '" + name + "': support " + support
                    + " has no bijection from unconstrained space (discrete parameters cannot be fit)");
        }
        if (shape.length < support.eventRank()) {
            throw new IllegalArgumentException("Parameter '" + name + "': support " + support + " needs rank >= "
                    + support.eventRank() + ", got shape " + Arrays.toString(shape));
        }
        if (support == Support.SIMPLEX && shape[shape.length - 1] < 2) {
            throw new IllegalArgumentException("Parameter '" + name + "': a simplex needs K >= 2, got shape "
                    + Arrays.toString(shape));
        }
        if (support == Support.LOWER_CHOLESKY && shape[shape.length - 1] != shape[shape.length - 2]) {
            throw new IllegalArgumentException("Parameter '" + name + "': a lower-Cholesky factor must be square, got "
                    + Arrays.toString(shape));
        }
        if (support == Support.CORRELATION_CHOLESKY && (shape[shape.length - 1] != shape[shape.length - 2]
                || shape[shape.length - 1] < 2)) {
            throw new IllegalArgumentException("Parameter '" + name + "': a correlation Cholesky factor must be"
                    + " square with K >= 2, got " + Arrays.toString(shape));
        }
        shape = shape.clone();
    }

    /** Real values of the given shape. */
    public static Parameter real(String name, int... shape) {
        return new Parameter(name, shape, Support.REAL);
    }

    /** Values in (0, ∞) (exp bijection). */
    public static Parameter positive(String name, int... shape) {
        return new Parameter(name, shape, Support.POSITIVE);
    }

    /** Values in (0, 1) (sigmoid bijection). */
    public static Parameter unitInterval(String name, int... shape) {
        return new Parameter(name, shape, Support.UNIT_INTERVAL);
    }

    /** A probability vector of length k (stick-breaking from k − 1 reals). */
    public static Parameter simplex(String name, int k) {
        return new Parameter(name, new int[] {k}, Support.SIMPLEX);
    }

    /** An n×n lower-triangular matrix with positive diagonal (from n(n+1)/2 reals). */
    public static Parameter lowerCholesky(String name, int n) {
        return new Parameter(name, new int[] {n, n}, Support.LOWER_CHOLESKY);
    }

    /**
     * The K×K lower Cholesky factor L of a correlation matrix (Stan's {@code cholesky_factor_corr[K]}):
     * lower triangular, positive diagonal, rows of unit norm, so that L Lᵀ is a correlation matrix.
     * It comes from K(K−1)/2 reals u by z = tanh(u) (canonical partial correlations) and
     * stick-breaking of each row, {@code L_ij = z_ij √(1 − Σ_{k<j} L_ik²)},
     * {@code L_ii = √(1 − Σ_{k<i} L_ik²)} ({@link org.elbo4j.dist.transform.CorrCholeskyBijection});
     * {@link org.elbo4j.dist.LkjCholesky} is the usual prior.
     *
     * @throws IllegalArgumentException if k &lt; 2
     */
    public static Parameter correlationCholesky(String name, int k) {
        return new Parameter(name, new int[] {k, k}, Support.CORRELATION_CHOLESKY);
    }

    /** The shape is copied out. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The number of scalars in one value. */
    public int size() {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** The bijection from unconstrained space onto the support. */
    public Bijection bijection() {
        return Bijections.fromUnconstrained(support).orElseThrow();
    }

    /** The shape of the unconstrained coordinates of one value. */
    public int[] unconstrainedShape() {
        return bijection().inverseShape(shape.clone());
    }

    /** The number of unconstrained coordinates of one value. */
    public int unconstrainedSize() {
        int n = 1;
        for (int s : unconstrainedShape()) {
            n *= s;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameter p && name.equals(p.name) && Arrays.equals(shape, p.shape)
                && support.equals(p.support);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " in " + support;
    }
}
