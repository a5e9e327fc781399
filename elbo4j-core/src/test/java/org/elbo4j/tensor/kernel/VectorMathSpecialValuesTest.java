package org.elbo4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Special values on both paths ({@code simd} = vector kernels on / scalar loops): the stable
 * forms do not overflow at ±100 or ±∞, NaN propagates, IEEE results at the domain edges. Fixed
 * inputs: false-failure rate 0.
 */
class VectorMathSpecialValuesTest {

    private static final float INF = Float.POSITIVE_INFINITY;
    private static final float NAN = Float.NaN;
    /** e^−100 rounded to float: a subnormal, 27 ulps of {@link Float#MIN_VALUE}. */
    private static final float E_MINUS_100 = (float) Math.exp(-100.0);

    private static void assumePath(boolean simd) {
        assumeTrue(!simd || Simd.available(), "jdk.incubator.vector is not in the boot layer");
    }

    private static float forwardOne(boolean simd, UnaryFn fn, float x) {
        // pad to 19 elements so the value lands both in a vector body and in the tail
        float[] xs = new float[19];
        Arrays.fill(xs, x);
        float[] y = VectorMathUlps.forward(simd, fn, xs);
        assertEquals(y[0], y[18], () -> fn + "(" + x + "): body and tail differ");
        return y[0];
    }

    private static float derivativeOne(boolean simd, UnaryFn fn, float x) {
        float[] xs = new float[19];
        Arrays.fill(xs, x);
        float[] g = new float[19];
        Arrays.fill(g, 1f);
        float[] y = VectorMathUlps.forward(simd, fn, xs);
        float[] gx = VectorMathUlps.backward(simd, fn, xs, y, g);
        assertEquals(gx[0], gx[18], () -> fn + "'(" + x + "): body and tail differ");
        return gx[0];
    }

    /** (fn, x, f(x), f'(x)) for the logistic family at ±100 and ±∞. */
    static Stream<Arguments> logisticFamily() {
        return Stream.of(
                Arguments.of(UnaryFn.SIGMOID, 100f, 1f, E_MINUS_100),
                Arguments.of(UnaryFn.SIGMOID, -100f, E_MINUS_100, E_MINUS_100),
                Arguments.of(UnaryFn.SIGMOID, INF, 1f, 0f),
                Arguments.of(UnaryFn.SIGMOID, -INF, 0f, 0f),
                Arguments.of(UnaryFn.SOFTPLUS, 100f, 100f, 1f),
                Arguments.of(UnaryFn.SOFTPLUS, -100f, E_MINUS_100, E_MINUS_100),
                Arguments.of(UnaryFn.SOFTPLUS, INF, INF, 1f),
                Arguments.of(UnaryFn.SOFTPLUS, -INF, 0f, 0f),
                Arguments.of(UnaryFn.LOG_SIGMOID, 100f, -E_MINUS_100, E_MINUS_100),
                Arguments.of(UnaryFn.LOG_SIGMOID, -100f, -100f, 1f),
                Arguments.of(UnaryFn.LOG_SIGMOID, INF, 0f, 0f),
                Arguments.of(UnaryFn.LOG_SIGMOID, -INF, -INF, 1f),
                Arguments.of(UnaryFn.TANH, 100f, 1f, 0f),
                Arguments.of(UnaryFn.TANH, -INF, -1f, 0f));
    }

    static Stream<Arguments> logisticFamilyOnBothPaths() {
        List<Arguments> all = new ArrayList<>();
        for (boolean simd : new boolean[] {true, false}) {
            logisticFamily().forEach(a -> {
                Object[] v = a.get();
                all.add(Arguments.of(simd, v[0], v[1], v[2], v[3]));
            });
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("logisticFamilyOnBothPaths")
    void logisticFamilyIsFiniteAndCorrectAtTheExtremes(boolean simd, UnaryFn fn, float x, float value, float derivative) {
        assumePath(simd);
        float y = forwardOne(simd, fn, x);
        float d = derivativeOne(simd, fn, x);
        assertTrue(VectorMathUlps.ulps(y, value) <= VectorMath.FORWARD_MAX_ULP, () -> fn + "(" + x + ") = " + y);
        assertTrue(VectorMathUlps.ulps(d, derivative) <= VectorMath.BACKWARD_MAX_ULP, () -> fn + "'(" + x + ") = " + d);
    }

    /** (fn, x, exact f(x)) at the edges of each domain; compared bit for bit (sign of zero too). */
    static Stream<Arguments> domainEdges() {
        return Stream.of(
                Arguments.of(UnaryFn.EXP, -INF, 0f), Arguments.of(UnaryFn.EXP, INF, INF),
                Arguments.of(UnaryFn.EXP, -0f, 1f), Arguments.of(UnaryFn.EXP, 89f, INF),
                Arguments.of(UnaryFn.EXP, -104f, 0f),
                Arguments.of(UnaryFn.LOG, 0f, -INF), Arguments.of(UnaryFn.LOG, -0f, -INF),
                Arguments.of(UnaryFn.LOG, -1f, NAN), Arguments.of(UnaryFn.LOG, INF, INF),
                Arguments.of(UnaryFn.LOG, 1f, 0f), Arguments.of(UnaryFn.LOG, -INF, NAN),
                Arguments.of(UnaryFn.LOG1P, -1f, -INF), Arguments.of(UnaryFn.LOG1P, -0f, -0f),
                Arguments.of(UnaryFn.LOG1P, -2f, NAN), Arguments.of(UnaryFn.LOG1P, INF, INF),
                Arguments.of(UnaryFn.LOG1P, Float.MIN_VALUE, Float.MIN_VALUE),
                Arguments.of(UnaryFn.EXPM1, -0f, -0f), Arguments.of(UnaryFn.EXPM1, -INF, -1f),
                Arguments.of(UnaryFn.EXPM1, INF, INF), Arguments.of(UnaryFn.EXPM1, Float.MIN_VALUE, Float.MIN_VALUE),
                Arguments.of(UnaryFn.TANH, -0f, -0f), Arguments.of(UnaryFn.TANH, INF, 1f),
                Arguments.of(UnaryFn.TANH, -Float.MIN_VALUE, -Float.MIN_VALUE),
                Arguments.of(UnaryFn.SQRT, -1f, NAN), Arguments.of(UnaryFn.SQRT, -0f, -0f),
                Arguments.of(UnaryFn.SQRT, INF, INF),
                Arguments.of(UnaryFn.RECIPROCAL, -0f, -INF), Arguments.of(UnaryFn.RECIPROCAL, INF, 0f),
                Arguments.of(UnaryFn.SQUARE, -0f, 0f), Arguments.of(UnaryFn.SQUARE, 1e20f, INF),
                Arguments.of(UnaryFn.ABS, -0f, 0f), Arguments.of(UnaryFn.ABS, -INF, INF),
                Arguments.of(UnaryFn.RELU, NAN, NAN), Arguments.of(UnaryFn.RELU, -0f, 0f),
                Arguments.of(UnaryFn.RELU, -INF, 0f), Arguments.of(UnaryFn.RELU, INF, INF),
                Arguments.of(UnaryFn.RELU, Float.MIN_VALUE, Float.MIN_VALUE));
    }

    static Stream<Arguments> domainEdgesOnBothPaths() {
        List<Arguments> all = new ArrayList<>();
        for (boolean simd : new boolean[] {true, false}) {
            domainEdges().forEach(a -> {
                Object[] v = a.get();
                all.add(Arguments.of(simd, v[0], v[1], v[2]));
            });
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("domainEdgesOnBothPaths")
    void domainEdgesGiveTheIeeeResult(boolean simd, UnaryFn fn, float x, float expected) {
        assumePath(simd);
        assertEquals(expected, forwardOne(simd, fn, x), () -> fn + "(" + x + ")");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void nanPropagatesThroughEveryFunctionAndItsGradientWithoutTouchingNeighbours(boolean simd) {
        assumePath(simd);
        float[] x = new float[37];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.1f * (i - 18);
        }
        int[] nanAt = {3, 16, 35};
        float[] withNan = x.clone();
        for (int i : nanAt) {
            withNan[i] = NAN;
        }
        float[] g = new float[x.length];
        Arrays.fill(g, 1.5f);
        for (UnaryFn fn : UnaryFn.values()) {
            if (!VectorMath.supports(fn)) {
                continue;
            }
            float[] clean = VectorMathUlps.forward(simd, fn, x);
            float[] y = VectorMathUlps.forward(simd, fn, withNan);
            float[] gx = VectorMathUlps.backward(simd, fn, withNan, y, g);
            float[] cleanGx = VectorMathUlps.backward(simd, fn, x, clean, g);
            for (int i = 0; i < x.length; i++) {
                boolean nan = withNan[i] != withNan[i];
                String at = fn + " at " + i;
                if (nan) {
                    assertTrue(Float.isNaN(y[i]), at + ": forward " + y[i]);
                    assertTrue(Float.isNaN(gx[i]), at + ": backward " + gx[i]);
                } else {
                    assertEquals(clean[i], y[i], at);
                    assertEquals(cleanGx[i], gx[i], at);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void reluGradientIsOneAboveZeroZeroAtAndBelowIt(boolean simd) {
        assumePath(simd);
        assertEquals(1f, derivativeOne(simd, UnaryFn.RELU, Float.MIN_VALUE));
        assertEquals(0f, derivativeOne(simd, UnaryFn.RELU, 0f));
        assertEquals(0f, derivativeOne(simd, UnaryFn.RELU, -INF));
        assertEquals(-1f, derivativeOne(simd, UnaryFn.ABS, -0.5f));
        assertEquals(0f, derivativeOne(simd, UnaryFn.ABS, 0f));
    }
}
