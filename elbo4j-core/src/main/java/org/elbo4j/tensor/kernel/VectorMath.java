package org.elbo4j.tensor.kernel;

/**
 * Entry point of the vectorized elementwise kernels. {@link UnaryFn} calls it when
 * {@link Simd#enabled()} and {@link #supports} say so; the rest run the scalar loop.
 *
 * <p>This class names no {@code jdk.incubator.vector} type, so it loads when the module is absent;
 * the vector code lives in {@link VectorForward}, {@link VectorBackward}, {@link VectorBlocks}
 * and {@link VectorFunctions}, which the JVM loads only on the first vectorized call.
 *
 * <p>Accuracy of the vector path against the scalar (double) definitions in {@link UnaryFn},
 * checked by the tests over random bit patterns, wide ranges and special values:
 * forward at most {@link #FORWARD_MAX_ULP} float ulps, backward at most {@link #BACKWARD_MAX_ULP};
 * NaN, ±∞ and the sign of zero as the scalar path (relu(NaN) = NaN, softplus(−∞) = 0, …). The
 * vector path gives the same bits interpreted or compiled, on every call and whatever the array
 * length; it is not bit-identical to the scalar path.
 */
final class VectorMath {

    /**
     * Largest forward error, in float ulps of the exact value. Measured over every 61st float bit
     * pattern (70 million inputs per function): sigmoid 2.30, softplus 1.93, logSigmoid 1.89,
     * log1p 1.44, expm1 1.40, tanh 1.30, exp 1.00, log 0.78; sqrt, square, reciprocal 0.5
     * (correctly rounded); abs, relu exact.
     */
    static final double FORWARD_MAX_ULP = 3.0;

    /**
     * Largest backward error of {@code g · f'(x)}, in float ulps of the exact value, including
     * the error carried in by y = f(x) where the rule uses it. Measured as above: at most 3.22
     * (sigmoid, logSigmoid, tanh, softplus, exp), 1.9 or less for the rest. Where f'(x) or the
     * result is below {@link Float#MIN_NORMAL} the bound is multiplied by {@code max(1, |g|)}:
     * f'(x) is rounded to a subnormal, with fewer bits, before g multiplies it.
     */
    static final double BACKWARD_MAX_ULP = 4.0;

    private VectorMath() {
    }

    /** True for the functions with a vector path: all but LGAMMA and DIGAMMA. */
    static boolean supports(UnaryFn fn) {
        return switch (fn) {
            case EXP, LOG, LOG1P, EXPM1, SQRT, SQUARE, RECIPROCAL, ABS, TANH, SIGMOID, LOG_SIGMOID,
                    SOFTPLUS, RELU -> true;
            default -> false;
        };
    }

    /** {@code out[i] = fn(x[i])} for i in {@code [0, x.length)}. */
    static void forward(UnaryFn fn, float[] x, float[] out) {
        check(fn);
        VectorForward.forward(fn, x, out);
    }

    /** {@code gx[i] = g[i] · fn'(x[i])} for i in {@code [0, x.length)}, given {@code y = fn(x)}. */
    static void backward(UnaryFn fn, float[] x, float[] y, float[] g, float[] gx) {
        check(fn);
        VectorBackward.backward(fn, x, y, g, gx);
    }

    private static void check(UnaryFn fn) {
        if (!supports(fn)) {
            throw new IllegalArgumentException("VectorMath: no vector path for " + fn);
        }
        if (!Simd.enabled()) {
            throw new IllegalStateException("VectorMath: called while Simd is disabled");
        }
    }
}
