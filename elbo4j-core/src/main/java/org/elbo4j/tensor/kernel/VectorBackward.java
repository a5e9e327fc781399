package org.elbo4j.tensor.kernel;

import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.NE;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.elbo4j.tensor.kernel.VectorBlocks.Scratch;

/**
 * Vector passes computing {@code gx[i] = g[i] · f'(x[i])}, given also {@code y = f(x)}, for the
 * {@link UnaryFn}s that {@link VectorMath#supports} lists, run block by block by
 * {@link VectorBlocks}. Only touched when {@link Simd#enabled()}.
 *
 * <p>Where y would cancel (1 − y² for tanh, y(1 − y) for sigmoid near saturation) the derivative
 * is recomputed from x in a form that does not; y is used where it is exact enough (exp, sqrt).
 */
final class VectorBackward {

    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int LANES = S.length();
    /** Above this x, e^x nears float overflow; expm1's gradient is then (g·e^(x − 88))·e^88. */
    private static final float EXP_SHIFT = 88f;
    private static final float EXP_OF_SHIFT = (float) Math.exp(88.0);

    private VectorBackward() {
    }

    static void backward(UnaryFn fn, float[] x, float[] y, float[] g, float[] gx) {
        VectorBlocks.backward(pass(fn), x, y, g, gx);
    }

    private static VectorBlocks.Backward pass(UnaryFn fn) {
        return switch (fn) {
            case EXP -> VectorBackward::exp;
            case LOG -> VectorBackward::log;
            case LOG1P -> VectorBackward::log1p;
            case EXPM1 -> VectorBackward::expm1;
            case SQRT -> VectorBackward::sqrt;
            case SQUARE -> VectorBackward::square;
            case RECIPROCAL -> VectorBackward::reciprocal;
            case ABS -> VectorBackward::abs;
            case TANH -> VectorBackward::tanh;
            case SIGMOID -> VectorBackward::sigmoid;
            case LOG_SIGMOID -> (x, y, g, gx, off, n, s) -> logistic(x, g, gx, off, n, s, false);
            case SOFTPLUS -> (x, y, g, gx, off, n, s) -> logistic(x, g, gx, off, n, s, true);
            case RELU -> VectorBackward::relu;
            default -> throw new IllegalStateException("VectorBackward: no vector path for " + fn);
        };
    }

    /** d e^x = e^x = y. */
    private static void exp(float[] x, float[] y, float[] g, float[] gx, int off, int n, Scratch s) {
        for (int i = off; i < off + n; i += LANES) {
            FloatVector.fromArray(S, g, i).mul(FloatVector.fromArray(S, y, i)).intoArray(gx, i);
        }
    }

    /** d ln x = 1/x. */
    private static void log(float[] x, float[] y, float[] g, float[] gx, int off, int n, Scratch s) {
        for (int i = off; i < off + n; i += LANES) {
            FloatVector.fromArray(S, g, i).div(FloatVector.fromArray(S, x, i)).intoArray(gx, i);
        }
    }

    /** d ln(1 + x) = 1/(1 + x). */
    private static void log1p(float[] x, float[] y, float[] g, float[] gx, int off, int n, Scratch s) {
        for (int i = off; i < off + n; i += LANES) {
            FloatVector.fromArray(S, g, i).div(FloatVector.fromArray(S, x, i).add(1f)).intoArray(gx, i);
        }
    }

    /**
     * d (e^x − 1) = e^x, recomputed (1 + y cancels where y ≈ −1). Above x = 88,
     * {@code g·e^x = (g·e^(x − 88))·e^88} stays finite for small |g| up to x ≈ 176. (The shifted
     * exponent is {@code max(x, 88) − 88}: e^(x − 88) of ordinary x would be subnormal, and
     * subnormal arithmetic is two orders of magnitude slower on x86.)
     */
    private static void expm1(float[] x, float[] y, float[] g, float[] gx, int off, int n, Scratch s) {
        VectorFunctions.exp(x, off, s.t, 0, n, 0);
        for (int i = 0; i < n; i += LANES) {
            FloatVector.fromArray(S, x, off + i).max(EXP_SHIFT).sub(EXP_SHIFT).intoArray(s.u, i);
        }
        VectorFunctions.exp(s.u, 0, s.u, 0, n, 0);
        for (int i = 0; i < n; i += LANES) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            FloatVector gv = FloatVector.fromArray(S, g, off + i);
            FloatVector direct = gv.mul(FloatVector.fromArray(S, s.t, i));
            FloatVector shifted = gv.mul(FloatVector.fromArray(S, s.u, i)).mul(EXP_OF_SHIFT);
            direct.blend(shifted, v.compare(GT, EXP_SHIFT)).intoArray(gx, off + i);
        }
    }

    /** d √x = 1/(2√x) = ½ / y. */
    private static void sqrt(float[] x, float[] y, float[] g, float[] gx, int off, int n, Scratch s) {
        for (int i = off; i < off + n; i += LANES) {
            FloatVector.fromArray(S, g, i).mul(0.5f).div(FloatVector.fromArray(S, y, i)).intoArray(gx, i);
        }
    }

    /** d x² = 2x. */
    private static void square(float[] x, float[] y, float[] g, float[] gx, int off, int n, Scratch s) {
        for (int i = off; i < off + n; i += LANES) {
            FloatVector.fromArray(S, x, i).mul(FloatVector.fromArray(S, g, i)).mul(2f).intoArray(gx, i);
        }
    }

    /** d (1/x) = −1/x², as −(g/x)/x: no intermediate overflows unless the result does. */
    private static void reciprocal(float[] x, float[] y, float[] g, float[] gx, int off, int n, Scratch s) {
        for (int i = off; i < off + n; i += LANES) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector.fromArray(S, g, i).div(v).div(v).neg().intoArray(gx, i);
        }
    }

    /** d |x| = sign(x): 1, −1, 0 at ±0, NaN at NaN; multiplied, so g·0 follows IEEE as on the scalar path. */
    private static void abs(float[] x, float[] y, float[] g, float[] gx, int off, int n, Scratch s) {
        FloatVector zero = FloatVector.zero(S);
        for (int i = off; i < off + n; i += LANES) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector d = zero.blend(1f, v.compare(GT, 0f)).blend(-1f, v.compare(LT, 0f)).blend(v, v.compare(NE, v));
            FloatVector.fromArray(S, g, i).mul(d).intoArray(gx, i);
        }
    }

    /** d relu(x) = 1 for x &gt; 0, 0 for x ≤ 0, NaN at NaN. */
    private static void relu(float[] x, float[] y, float[] g, float[] gx, int off, int n, Scratch s) {
        FloatVector zero = FloatVector.zero(S);
        for (int i = off; i < off + n; i += LANES) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector d = zero.blend(1f, v.compare(GT, 0f)).blend(v, v.compare(NE, v));
            FloatVector.fromArray(S, g, i).mul(d).intoArray(gx, i);
        }
    }

    /**
     * d tanh x = 1 − tanh² x = 4t/(1 + t)², t = e^(−2|x|): no cancellation for large |x|. 4t is
     * computed as one rounded 2²·e^(−2|x|), keeping its bits when subnormal, and
     * (1 + t)² = t·(t + 2) + 1 with one rounding.
     */
    private static void tanh(float[] x, float[] y, float[] g, float[] gx, int off, int n, Scratch s) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector a = FloatVector.fromArray(S, x, off + i).abs();
            a.add(a).neg().intoArray(s.t, i);
        }
        VectorFunctions.exp(s.t, 0, s.t, 0, n, 2);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += LANES) {
            FloatVector fourT = FloatVector.fromArray(S, s.t, i);
            FloatVector t = fourT.mul(0.25f);
            FloatVector d = fourT.div(t.fma(t.add(2f), one));
            FloatVector.fromArray(S, g, off + i).mul(d).intoArray(gx, off + i);
        }
    }

    /** d σ(x) = σ(x)·σ(−x) = t/(1 + t)², t = e^(−|x|). */
    private static void sigmoid(float[] x, float[] y, float[] g, float[] gx, int off, int n, Scratch s) {
        VectorForward.expNegAbs(x, off, n, s);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += LANES) {
            FloatVector t = FloatVector.fromArray(S, s.t, i);
            FloatVector d = t.div(t.fma(t.add(2f), one));
            FloatVector.fromArray(S, g, off + i).mul(d).intoArray(gx, off + i);
        }
    }

    /**
     * d softplus(x) = σ(x) = {@code (x ≥ 0 ? 1 : t)/(1 + t)} and d ln σ(x) = σ(−x) =
     * {@code (x ≥ 0 ? t : 1)/(1 + t)}, t = e^(−|x|).
     */
    private static void logistic(float[] x, float[] g, float[] gx, int off, int n, Scratch s, boolean softplus) {
        VectorForward.expNegAbs(x, off, n, s);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i += LANES) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            FloatVector t = FloatVector.fromArray(S, s.t, i);
            FloatVector num = softplus ? t.blend(one, v.compare(GE, 0f)) : one.blend(t, v.compare(GE, 0f));
            FloatVector.fromArray(S, g, off + i).mul(num.div(t.add(1f))).intoArray(gx, off + i);
        }
    }
}
