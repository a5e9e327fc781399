package org.elbo4j.tensor;

import org.elbo4j.tensor.kernel.UnaryFn;

/**
 * Elementwise functions of one tensor (exp, log, softplus, lgamma, …), clamping, selection and
 * comparisons, with their gradients. The derivative of each function sits next to it in
 * {@link UnaryFn}; NaN and ±∞ propagate as IEEE 754 says.
 */
public final class Functions {

    /** The reported operation of each elementwise function (the same name). */
    private static final OpHook.Op[] OPS = java.util.Arrays.stream(UnaryFn.values())
            .map(f -> OpHook.Op.valueOf(f.name())).toArray(OpHook.Op[]::new);

    private Functions() {
    }

    /** Applies {@code fn} elementwise; d/dx = g · fn'(x). */
    public static Tensor apply(UnaryFn fn, Tensor x) {
        return OpHook.report(OPS[fn.ordinal()], () -> plainApply(fn, x), x);
    }

    private static Tensor plainApply(UnaryFn fn, Tensor x) {
        float[] out = new float[x.data.length];
        fn.forward(x.data, out);
        String op = fn.name().toLowerCase(java.util.Locale.ROOT);
        Tensor[] self = new Tensor[1];
        self[0] = Tensor.result(out, x.shape.clone(), op, g -> {
            float[] gx = new float[x.data.length];
            fn.backward(x.data, self[0].data, g.data, gx);
            Autograd.accumulate(x, new Tensor(gx, x.shape.clone()));
        }, x);
        return self[0];
    }

    public static Tensor exp(Tensor x) { return apply(UnaryFn.EXP, x); }
    public static Tensor log(Tensor x) { return apply(UnaryFn.LOG, x); }
    public static Tensor log1p(Tensor x) { return apply(UnaryFn.LOG1P, x); }
    public static Tensor expm1(Tensor x) { return apply(UnaryFn.EXPM1, x); }
    public static Tensor sqrt(Tensor x) { return apply(UnaryFn.SQRT, x); }
    public static Tensor square(Tensor x) { return apply(UnaryFn.SQUARE, x); }
    public static Tensor reciprocal(Tensor x) { return apply(UnaryFn.RECIPROCAL, x); }
    public static Tensor abs(Tensor x) { return apply(UnaryFn.ABS, x); }
    public static Tensor tanh(Tensor x) { return apply(UnaryFn.TANH, x); }
    public static Tensor sigmoid(Tensor x) { return apply(UnaryFn.SIGMOID, x); }
    public static Tensor logSigmoid(Tensor x) { return apply(UnaryFn.LOG_SIGMOID, x); }
    public static Tensor softplus(Tensor x) { return apply(UnaryFn.SOFTPLUS, x); }
    public static Tensor relu(Tensor x) { return apply(UnaryFn.RELU, x); }
    public static Tensor lgamma(Tensor x) { return apply(UnaryFn.LGAMMA, x); }
    public static Tensor digamma(Tensor x) { return apply(UnaryFn.DIGAMMA, x); }

    /** {@code x^p} for a constant exponent; d/dx = g · p · x^(p−1). */
    public static Tensor pow(Tensor x, double p) {
        return OpHook.report(OpHook.Op.POW_SCALAR, () -> plainPow(x, p), x, null, p, 0, null);
    }

    private static Tensor plainPow(Tensor x, double p) {
        if (p == 2.0) {
            return square(x);
        }
        if (p == 1.0) {
            return Arith.scale(x, 1.0);
        }
        float[] out = new float[x.data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.pow(x.data[i], p);
        }
        return Tensor.result(out, x.shape.clone(), "pow", g -> {
            float[] gx = new float[out.length];
            for (int i = 0; i < gx.length; i++) {
                // p = 0: x⁰ = 1 is constant (the formula would give 0·∞ = NaN at x = 0)
                gx[i] = p == 0.0 ? 0f : (float) (g.data[i] * p * Math.pow(x.data[i], p - 1.0));
            }
            Autograd.accumulate(x, new Tensor(gx, x.shape.clone()));
        }, x);
    }

    /**
     * Limits values to {@code [min, max]}; the gradient passes where {@code min <= x <= max} and
     * is 0 elsewhere. NaN stays NaN.
     */
    public static Tensor clamp(Tensor x, double min, double max) {
        return OpHook.report(OpHook.Op.CLAMP, () -> plainClamp(x, min, max), x, null, min, max, null);
    }

    private static Tensor plainClamp(Tensor x, double min, double max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("clamp: min must be <= max, got min=" + min + ", max=" + max);
        }
        float lo = (float) min;
        float hi = (float) max;
        float[] out = new float[x.data.length];
        for (int i = 0; i < out.length; i++) {
            float v = x.data[i];
            out[i] = v < lo ? lo : (v > hi ? hi : v);
        }
        return Tensor.result(out, x.shape.clone(), "clamp", g -> {
            float[] gx = new float[out.length];
            for (int i = 0; i < gx.length; i++) {
                float v = x.data[i];
                gx[i] = (v >= lo && v <= hi) || v != v ? g.data[i] : 0f;
            }
            Autograd.accumulate(x, new Tensor(gx, x.shape.clone()));
        }, x);
    }

    /**
     * {@code cond ? a : b} elementwise, with all three broadcast together; {@code cond} is read as
     * true where it is non-zero. The gradient flows to the selected operand only (no 0·∞ = NaN).
     */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return OpHook.report(OpHook.Op.WHERE, () -> select(cond, a, b), new Tensor[] {cond, a, b});
    }

    private static Tensor select(Tensor cond, Tensor a, Tensor b) {
        int[] shape = Shape.broadcast("where", Shape.broadcast("where", cond.shape, a.shape), b.shape);
        float[] c = Shaping.broadcastData(cond, shape);
        float[] av = Shaping.broadcastData(a, shape);
        float[] bv = Shaping.broadcastData(b, shape);
        float[] out = new float[c.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = c[i] != 0f ? av[i] : bv[i];
        }
        return Tensor.result(out, shape, "where", g -> {
            if (a.requiresGrad()) {
                float[] ga = new float[out.length];
                for (int i = 0; i < ga.length; i++) {
                    ga[i] = c[i] != 0f ? g.data[i] : 0f;
                }
                Autograd.accumulate(a, new Tensor(ga, shape));
            }
            if (b.requiresGrad()) {
                float[] gb = new float[out.length];
                for (int i = 0; i < gb.length; i++) {
                    gb[i] = c[i] != 0f ? 0f : g.data[i];
                }
                Autograd.accumulate(b, new Tensor(gb, shape));
            }
        }, cond, a, b);
    }

    /** 1 where {@code a > b}, else 0 (not differentiable). */
    public static Tensor gt(Tensor a, Tensor b) { return compare("gt", a, b, (x, y) -> x > y ? 1f : 0f); }

    /** 1 where {@code a >= b}, else 0 (not differentiable). */
    public static Tensor ge(Tensor a, Tensor b) { return compare("ge", a, b, (x, y) -> x >= y ? 1f : 0f); }

    /** 1 where {@code a < b}, else 0 (not differentiable). */
    public static Tensor lt(Tensor a, Tensor b) { return compare("lt", a, b, (x, y) -> x < y ? 1f : 0f); }

    /** 1 where {@code a <= b}, else 0 (not differentiable). */
    public static Tensor le(Tensor a, Tensor b) { return compare("le", a, b, (x, y) -> x <= y ? 1f : 0f); }

    /** 1 where {@code a == b}, else 0 (not differentiable). */
    public static Tensor eq(Tensor a, Tensor b) { return compare("eq", a, b, (x, y) -> x == y ? 1f : 0f); }

    /** 1 where {@code a != b} (NaN != NaN), else 0 (not differentiable). */
    public static Tensor ne(Tensor a, Tensor b) { return compare("ne", a, b, (x, y) -> x != y ? 1f : 0f); }

    private static Tensor compare(String op, Tensor a, Tensor b, Arith.Float2 f) {
        int[] shape = Shape.broadcast(op, a.shape, b.shape);
        return new Tensor(BroadcastLoop.apply(a, b, shape, Arith.general(f)), shape);
    }
}
