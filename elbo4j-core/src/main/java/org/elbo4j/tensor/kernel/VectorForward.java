package org.elbo4j.tensor.kernel;

import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.elbo4j.tensor.kernel.VectorBlocks.Scratch;

/**
 * Vector passes computing {@code out[i] = f(x[i])} for the {@link UnaryFn}s that
 * {@link VectorMath#supports} lists, run block by block by {@link VectorBlocks}. Each pass covers
 * {@code [off, off + n)} of x and out and {@code [0, n)} of the scratch buffers. Only touched when
 * {@link Simd#enabled()}.
 */
final class VectorForward {

    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int LANES = S.length();
    private static final float TANH_SMALL = 0.625f;

    private VectorForward() {
    }

    static void forward(UnaryFn fn, float[] x, float[] out) {
        VectorBlocks.forward(pass(fn), x, out);
    }

    private static VectorBlocks.Forward pass(UnaryFn fn) {
        return switch (fn) {
            case EXP -> (x, out, off, n, s) -> VectorFunctions.exp(x, off, out, off, n, 0);
            case LOG -> (x, out, off, n, s) -> VectorFunctions.log(x, off, out, off, n);
            case EXPM1 -> (x, out, off, n, s) -> VectorFunctions.expm1(x, off, out, off, n);
            case LOG1P -> VectorForward::log1p;
            case SQRT -> VectorForward::sqrt;
            case SQUARE -> VectorForward::square;
            case RECIPROCAL -> VectorForward::reciprocal;
            case ABS -> VectorForward::abs;
            case TANH -> VectorForward::tanh;
            case SIGMOID -> VectorForward::sigmoid;
            case LOG_SIGMOID -> (x, out, off, n, s) -> logSigmoidOrSoftplus(x, out, off, n, s, false);
            case SOFTPLUS -> (x, out, off, n, s) -> logSigmoidOrSoftplus(x, out, off, n, s, true);
            case RELU -> VectorForward::relu;
            default -> throw new IllegalStateException("VectorForward: no vector path for " + fn);
        };
    }

    /**
     * ln(1 + x) = ln u + (x − (u − 1))/u with u = fl(1 + x): the second term undoes the rounding
     * of u to first order. x where u = 1 (keeps −0 and tiny x), −∞ at x = −1, +∞ at +∞.
     */
    private static void log1p(float[] x, float[] out, int off, int n, Scratch s) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector.fromArray(S, x, off + i).add(1f).intoArray(s.t, i);
        }
        VectorFunctions.log(s.t, 0, s.u, 0, n);
        for (int i = 0; i < n; i += LANES) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            FloatVector u = FloatVector.fromArray(S, s.t, i);
            FloatVector y = FloatVector.fromArray(S, s.u, i).add(v.sub(u.sub(1f)).div(u));
            y = y.blend(v, u.compare(EQ, 1f));
            y = y.blend(Float.NEGATIVE_INFINITY, u.compare(EQ, 0f));
            y.blend(v, v.compare(GT, Float.MAX_VALUE)).intoArray(out, off + i);
        }
    }

    private static void sqrt(float[] x, float[] out, int off, int n, Scratch s) {
        for (int i = off; i < off + n; i += LANES) {
            FloatVector.fromArray(S, x, i).sqrt().intoArray(out, i);
        }
    }

    private static void square(float[] x, float[] out, int off, int n, Scratch s) {
        for (int i = off; i < off + n; i += LANES) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            v.mul(v).intoArray(out, i);
        }
    }

    private static void reciprocal(float[] x, float[] out, int off, int n, Scratch s) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = off; i < off + n; i += LANES) {
            one.div(FloatVector.fromArray(S, x, i)).intoArray(out, i);
        }
    }

    private static void abs(float[] x, float[] out, int off, int n, Scratch s) {
        for (int i = off; i < off + n; i += LANES) {
            FloatVector.fromArray(S, x, i).abs().intoArray(out, i);
        }
    }

    /** max(x, 0), with −0 mapped to +0 and NaN kept, as the scalar definition. */
    private static void relu(float[] x, float[] out, int off, int n, Scratch s) {
        for (int i = off; i < off + n; i += LANES) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            v.blend(0f, v.compare(LE, 0f)).intoArray(out, i);
        }
    }

    /**
     * tanh x: Cephes' odd polynomial for |x| &lt; 0.625 ({@code a + a³·P(a²)}), else
     * {@code 1 − 2/(e^(2|x|) + 1)}; then the sign bit of x is copied (tanh(−0) = −0).
     */
    private static void tanh(float[] x, float[] out, int off, int n, Scratch s) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector a = FloatVector.fromArray(S, x, off + i).abs();
            a.add(a).intoArray(s.t, i);
        }
        VectorFunctions.exp(s.t, 0, s.t, 0, n, 0);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector two = FloatVector.broadcast(S, 2f);
        for (int i = 0; i < n; i += LANES) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            FloatVector a = v.abs();
            FloatVector z = a.mul(a);
            FloatVector q = z.fma(-5.70498872745e-3f, 2.06390887954e-2f);
            q = q.fma(z, FloatVector.broadcast(S, -5.37397155531e-2f));
            q = q.fma(z, FloatVector.broadcast(S, 1.33314422036e-1f));
            q = q.fma(z, FloatVector.broadcast(S, -3.33332819422e-1f));
            FloatVector small = q.mul(z).fma(a, a);
            FloatVector large = one.sub(two.div(FloatVector.fromArray(S, s.t, i).add(1f)));
            FloatVector t = large.blend(small, a.compare(LT, TANH_SMALL));
            t.reinterpretAsInts().or(v.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats()
                    .intoArray(out, off + i);
        }
    }

    /** t = e^(−|x|) into {@code s.t}, the start of the logistic family. */
    static void expNegAbs(float[] x, int off, int n, Scratch s) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector.fromArray(S, x, off + i).abs().neg().intoArray(s.t, i);
        }
        VectorFunctions.exp(s.t, 0, s.t, 0, n, 0);
    }

    /** σ(x) = 1/(1 + e^−x) as {@code (x ≥ 0 ? 1 : t)/(1 + t)}, t = e^(−|x|): never overflows. */
    private static void sigmoid(float[] x, float[] out, int off, int n, Scratch s) {
        expNegAbs(x, off, n, s);
        for (int i = 0; i < n; i += LANES) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            FloatVector t = FloatVector.fromArray(S, s.t, i);
            t.blend(1f, v.compare(GE, 0f)).div(t.add(1f)).intoArray(out, off + i);
        }
    }

    /**
     * softplus(x) = max(x, 0) + ln(1 + t) and ln σ(x) = min(x, 0) − ln(1 + t), t = e^(−|x|), with
     * ln(1 + t) = ln u + (t − (u − 1))/u, u = fl(1 + t) in [1, 2].
     */
    private static void logSigmoidOrSoftplus(float[] x, float[] out, int off, int n, Scratch s, boolean softplus) {
        expNegAbs(x, off, n, s);
        for (int i = 0; i < n; i += LANES) {
            FloatVector.fromArray(S, s.t, i).add(1f).intoArray(s.u, i);
        }
        VectorFunctions.log(s.u, 0, s.w, 0, n);
        for (int i = 0; i < n; i += LANES) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            FloatVector t = FloatVector.fromArray(S, s.t, i);
            FloatVector u = FloatVector.fromArray(S, s.u, i);
            FloatVector log1p = FloatVector.fromArray(S, s.w, i).add(t.sub(u.sub(1f)).div(u));
            FloatVector y = softplus ? v.max(0f).add(log1p) : v.min(0f).sub(log1p);
            y.intoArray(out, off + i);
        }
    }
}
