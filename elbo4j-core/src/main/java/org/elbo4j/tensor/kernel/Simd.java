package org.elbo4j.tensor.kernel;

/**
 * Whether the vectorized kernels may be used.
 *
 * <p>They are used when the incubator module {@code jdk.incubator.vector} is in the boot layer
 * (the launcher and the tests add it with {@code --add-modules jdk.incubator.vector}) and the
 * system property {@code elbo4j.simd} is not {@code false}, and the hardware has float vectors of at
 * least 128 bits ({@link VectorWidth}). Otherwise every kernel takes its scalar
 * path, which computes the same function (not always the same last bit: vector lanes sum in a
 * different order).
 */
public final class Simd {

    private static volatile boolean enabled = detect();

    private Simd() {
    }

    private static boolean detect() {
        if ("false".equalsIgnoreCase(System.getProperty("elbo4j.simd", "true"))) {
            return false;
        }
        return available() && VectorWidth.bits() > 0;
    }

    /** True when the Vector API kernels are in use. */
    public static boolean enabled() {
        return enabled;
    }

    /** True when the Vector API module is present, whatever {@link #setEnabled} said. */
    public static boolean available() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * Switches the vectorized kernels on or off (for tests and benchmarks of both paths).
     *
     * @throws IllegalStateException if asked to enable them when the module is absent
     */
    public static void setEnabled(boolean on) {
        if (on && (!available() || VectorWidth.bits() == 0)) {
            throw new IllegalStateException("Simd: no vector kernels: " + VectorWidth.describe()
                    + "; run with --add-modules jdk.incubator.vector");
        }
        enabled = on;
    }
}
