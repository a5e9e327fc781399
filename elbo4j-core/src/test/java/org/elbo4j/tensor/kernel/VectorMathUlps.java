package org.elbo4j.tensor.kernel;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** Shared by the VectorMath tests: float ulp distances, seeded inputs, and switching paths. */
final class VectorMathUlps {

    /** Inputs every elementwise test includes: zeros, subnormals, extremes, infinities, NaN. */
    static final float[] SPECIAL = {
        0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -1e-40f, Float.MIN_NORMAL, -Float.MIN_NORMAL,
        1e-30f, -1e-30f, 1e-8f, -1e-8f, 0x1p-25f, -0x1p-25f, 0.5f, -0.5f, 0.625f, -0.625f, 1f, -1f, 2f, -2f,
        -0.99999994f, -1.0000001f, 17.5f, -17.5f, 44f, -44f, 88f, 88.72f, 88.73f, -87.3f, -88.73f, 89f,
        -103.9f, -104f, -105f, 100f, -100f, 177f, -177f, 1e10f, -1e10f, 1e30f, -1e30f,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
    };

    private VectorMathUlps() {
    }

    /**
     * Distance of {@code found} from the exact {@code expected}, in ulps of the float nearest
     * {@code expected} (for subnormals an ulp is {@link Float#MIN_VALUE}). ±∞ count as ±2^128, one
     * ulp past {@code MAX_VALUE}; NaN matches only NaN; an exactly zero {@code expected} needs the
     * same sign of zero. Mismatches that have no distance give +∞.
     */
    static double ulps(float found, double expected) {
        if (Double.isNaN(expected) || Float.isNaN(found)) {
            return Double.isNaN(expected) && Float.isNaN(found) ? 0.0 : Double.POSITIVE_INFINITY;
        }
        float nearest = (float) expected;
        if (expected == 0.0) {
            boolean sameSign = Float.floatToIntBits(found) == Float.floatToIntBits(nearest);
            return found == 0f && !sameSign ? Double.POSITIVE_INFINITY : Math.abs(found) / Float.MIN_VALUE;
        }
        if (Float.isInfinite(nearest) && Float.isInfinite(found)) {
            return nearest == found ? 0.0 : Double.POSITIVE_INFINITY;
        }
        double f = Float.isInfinite(found) ? Math.copySign(0x1p128, found) : found;
        double e = Double.isInfinite(expected) ? Math.copySign(0x1p128, expected) : expected;
        return Math.abs(f - e) / Math.ulp(Float.isInfinite(nearest) ? Float.MAX_VALUE : nearest);
    }

    /**
     * Seeded test inputs: {@link #SPECIAL}, uniformly random float bit patterns (all magnitudes,
     * subnormals, infinities and NaNs), uniform values in [−120, 120] and normal values scaled by
     * 10^k for k in [−12, 3].
     */
    static float[] inputs(long seed, int perKind) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = Arrays.copyOf(SPECIAL, SPECIAL.length + 3 * perKind);
        int i = SPECIAL.length;
        for (int k = 0; k < perKind; k++) {
            x[i++] = Float.intBitsToFloat(rng.nextInt());
            x[i++] = (float) rng.nextDouble(-120.0, 120.0);
            x[i++] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(-12, 4)));
        }
        return x;
    }

    /** Standard normal upstream gradients (never exactly 0). */
    static float[] gradients(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            g[i] = (float) rng.nextGaussian();
        }
        return g;
    }

    /** Runs {@code body} with the vector kernels switched on or off, then restores the setting. */
    static <T> T withSimd(boolean on, Supplier<T> body) {
        boolean before = Simd.enabled();
        Simd.setEnabled(on);
        try {
            return body.get();
        } finally {
            Simd.setEnabled(before);
        }
    }

    static float[] forward(boolean simd, UnaryFn fn, float[] x) {
        return withSimd(simd, () -> {
            float[] out = new float[x.length];
            fn.forward(x, out);
            return out;
        });
    }

    static float[] backward(boolean simd, UnaryFn fn, float[] x, float[] y, float[] g) {
        return withSimd(simd, () -> {
            float[] gx = new float[x.length];
            fn.backward(x, y, g, gx);
            return gx;
        });
    }
}
