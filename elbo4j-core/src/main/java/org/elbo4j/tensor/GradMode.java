package org.elbo4j.tensor;

/**
 * Whether operations record the autodiff graph on this thread. Use
 * {@code try (var scope = GradMode.noGrad()) { ... }} for evaluation code: inside the scope
 * results never require gradients and no graph is kept.
 */
public final class GradMode implements AutoCloseable {

    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private final boolean previous;

    private GradMode(boolean enabled) {
        this.previous = ENABLED.get();
        ENABLED.set(enabled);
    }

    /** Opens a scope in which no graph is recorded; closing it restores the previous mode. */
    public static GradMode noGrad() {
        return new GradMode(false);
    }

    /** Opens a scope in which the graph is recorded (inside a no-grad scope, for example). */
    public static GradMode enableGrad() {
        return new GradMode(true);
    }

    /** True when operations on this thread record the graph. */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    @Override
    public void close() {
        ENABLED.set(previous);
    }
}
