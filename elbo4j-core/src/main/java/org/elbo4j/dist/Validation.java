package org.elbo4j.dist;

/**
 * Whether the distribution factories of this thread check the values of their parameters (a
 * finite loc, a positive scale, probabilities in [0, 1] summing to 1, a symmetric covariance, …)
 * and reject bad ones with an {@link IllegalArgumentException}. On by default.
 *
 * <p>A fit that builds distributions from parameters it already keeps valid (through the
 * bijections of {@code dist.transform}, say) may skip the checks, which read every parameter
 * element, in a scope that restores the previous setting when it closes:
 *
 * <pre>  try (Validation off = Validation.off()) {
 *       ... Normal.of(loc, scale) builds without reading loc and scale ...
 *   }</pre>
 *
 * <p>With the checks off a bad parameter is not detected: log-densities and draws then come out
 * NaN or meaningless, as the formulas give. Checks of shapes (parameters that do not broadcast,
 * a covariance that is not square, a negative sample dimension) and of what a computation
 * cannot do at all (a Cholesky factorisation of a matrix that is not positive definite) stay on,
 * and values outside a support never raise (their log-density is −∞, see {@link Distribution}).
 * The setting belongs to the current thread, like {@code GradMode}: work handed to other threads
 * opens its own scope.
 */
public final class Validation implements AutoCloseable {

    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private final boolean previous;

    private Validation(boolean enabled) {
        this.previous = ENABLED.get();
        ENABLED.set(enabled);
    }

    /** Opens a scope in which parameter values are not checked; closing it restores the previous setting. */
    public static Validation off() {
        return new Validation(false);
    }

    /** Opens a scope in which parameter values are checked (inside an {@link #off()} scope, for example). */
    public static Validation on() {
        return new Validation(true);
    }

    /** True when distribution factories on this thread check parameter values (the default). */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    @Override
    public void close() {
        ENABLED.set(previous);
    }
}
