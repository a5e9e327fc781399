package org.elbo4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vector path of every supported {@link UnaryFn} against its scalar definition evaluated in
 * double, over seeded inputs (random bit patterns, wide ranges, the special values). The inputs
 * are fixed by the seed, so these tests are deterministic: false-failure rate 0.
 */
class VectorMathAccuracyTest {

    /** Random values of each kind (bit patterns, uniform, scaled normal) per function. */
    private static final int PER_KIND = 40_000;

    @BeforeAll
    static void needsTheVectorModule() {
        assumeTrue(Simd.available(), "jdk.incubator.vector is not in the boot layer");
    }

    static Stream<UnaryFn> vectorized() {
        return Arrays.stream(UnaryFn.values()).filter(VectorMath::supports);
    }

    @ParameterizedTest
    @MethodSource("vectorized")
    void forwardIsWithinTheStatedUlpsOfTheDoubleDefinition(UnaryFn fn) {
        float[] x = VectorMathUlps.inputs(11L + fn.ordinal(), PER_KIND);
        float[] y = VectorMathUlps.forward(true, fn, x);
        Worst worst = new Worst();
        for (int i = 0; i < x.length; i++) {
            worst.offer(VectorMathUlps.ulps(y[i], fn.value(x[i])), x[i], y[i]);
        }
        assertTrue(worst.ulps <= VectorMath.FORWARD_MAX_ULP, () -> fn + " forward: " + worst);
    }

    /**
     * Reference: {@code g · f'(x)} in double from the scalar rule, given the correctly rounded
     * {@code y = (float) f(x)}. The vector rule gets its own y. Where f'(x) or the gradient is
     * subnormal, f'(x) has been rounded to a subnormal (fewer bits) before the multiplication by
     * g, so the bound there is scaled by {@code max(1, |g|)}, as {@link VectorMath} states.
     */
    @ParameterizedTest
    @MethodSource("vectorized")
    void backwardIsWithinTheStatedUlpsOfTheDoubleDefinition(UnaryFn fn) {
        float[] x = VectorMathUlps.inputs(23L + fn.ordinal(), PER_KIND);
        float[] g = VectorMathUlps.gradients(37L + fn.ordinal(), x.length);
        float[] y = VectorMathUlps.forward(true, fn, x);
        float[] gx = VectorMathUlps.backward(true, fn, x, y, g);
        Worst worst = new Worst();
        for (int i = 0; i < x.length; i++) {
            double derivative = fn.df(x[i], (float) fn.f(x[i]));
            double expected = g[i] * derivative;
            double u = VectorMathUlps.ulps(gx[i], expected);
            if (Math.abs(derivative) < Float.MIN_NORMAL || Math.abs(expected) < Float.MIN_NORMAL) {
                u /= Math.max(1.0, Math.abs(g[i]));
            }
            worst.offer(u, x[i], gx[i]);
        }
        assertTrue(worst.ulps <= VectorMath.BACKWARD_MAX_ULP, () -> fn + " backward: " + worst);
    }

    /** The largest error seen and where. */
    private static final class Worst {
        double ulps;
        float x;
        float found;

        void offer(double u, float at, float value) {
            if (!(u <= ulps)) {
                ulps = u;
                x = at;
                found = value;
            }
        }

        @Override
        public String toString() {
            return ulps + " ulp at x = " + x + " (found " + found + ")";
        }
    }
}
