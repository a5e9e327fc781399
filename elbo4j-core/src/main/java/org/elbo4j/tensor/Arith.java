package org.elbo4j.tensor;

/**
 * Elementwise arithmetic of two tensors with NumPy-style broadcasting, and its gradients.
 *
 * <p>For {@code c = a ∘ b}: d(a+b) = (g, g); d(a−b) = (g, −g); d(a·b) = (g·b, g·a);
 * d(a/b) = (g/b, −g·c/b); d(aᵇ) = (g·b·aᵇ⁻¹, g·c·ln a); max/min route g to the selected operand
 * (ties to {@code a}). Each input gradient is summed back over its broadcast dimensions.
 */
public final class Arith {

    private Arith() {
    }

    /** {@code a + b}. */
    public static Tensor add(Tensor a, Tensor b) {
        return OpHook.report(OpHook.Op.ADD, () -> plainAdd(a, b), a, b, 0, 0, null);
    }

    private static Tensor plainAdd(Tensor a, Tensor b) {
        int[] shape = Shape.broadcast("add", a.shape, b.shape);
        float[] out = BroadcastLoop.apply(a, b, shape, Arith::addRun);
        return Tensor.result(out, shape, "add", g -> {
            Autograd.accumulate(a, g);
            Autograd.accumulate(b, g);
        }, a, b);
    }

    /** {@code a − b}. */
    public static Tensor sub(Tensor a, Tensor b) {
        return OpHook.report(OpHook.Op.SUB, () -> plainSub(a, b), a, b, 0, 0, null);
    }

    private static Tensor plainSub(Tensor a, Tensor b) {
        int[] shape = Shape.broadcast("sub", a.shape, b.shape);
        float[] out = BroadcastLoop.apply(a, b, shape, Arith::subRun);
        return Tensor.result(out, shape, "sub", g -> {
            Autograd.accumulate(a, g);
            if (b.requiresGrad()) {
                Autograd.accumulate(b, scale(g, -1.0));
            }
        }, a, b);
    }

    /** {@code a · b} elementwise. */
    public static Tensor mul(Tensor a, Tensor b) {
        return OpHook.report(OpHook.Op.MUL, () -> plainMul(a, b), a, b, 0, 0, null);
    }

    private static Tensor plainMul(Tensor a, Tensor b) {
        int[] shape = Shape.broadcast("mul", a.shape, b.shape);
        float[] out = BroadcastLoop.apply(a, b, shape, Arith::mulRun);
        return Tensor.result(out, shape, "mul", g -> {
            if (a.requiresGrad()) {
                Autograd.accumulate(a, mul(g, b));
            }
            if (b.requiresGrad()) {
                Autograd.accumulate(b, mul(g, a));
            }
        }, a, b);
    }

    /** {@code a / b} elementwise. */
    public static Tensor div(Tensor a, Tensor b) {
        return OpHook.report(OpHook.Op.DIV, () -> plainDiv(a, b), a, b, 0, 0, null);
    }

    private static Tensor plainDiv(Tensor a, Tensor b) {
        int[] shape = Shape.broadcast("div", a.shape, b.shape);
        float[] out = BroadcastLoop.apply(a, b, shape, Arith::divRun);
        Tensor[] self = new Tensor[1];
        self[0] = Tensor.result(out, shape, "div", g -> {
            if (a.requiresGrad()) {
                Autograd.accumulate(a, div(g, b));
            }
            if (b.requiresGrad()) {
                Autograd.accumulate(b, scale(div(mul(g, self[0].detach()), b), -1.0));
            }
        }, a, b);
        return self[0];
    }

    /** {@code aᵇ} elementwise. */
    public static Tensor pow(Tensor a, Tensor b) {
        return OpHook.report(OpHook.Op.POW, () -> plainPow(a, b), a, b, 0, 0, null);
    }

    private static Tensor plainPow(Tensor a, Tensor b) {
        int[] shape = Shape.broadcast("pow", a.shape, b.shape);
        float[] out = BroadcastLoop.apply(a, b, shape, general((x, y) -> (float) Math.pow(x, y)));
        Tensor[] self = new Tensor[1];
        self[0] = Tensor.result(out, shape, "pow", g -> {
            Tensor zero = Tensor.scalar(0.0);
            if (a.requiresGrad()) {
                // where b = 0, aᵇ = 1 is constant: 0 (not b·aᵇ⁻¹ = 0·∞ = NaN at a = 0)
                Tensor d = Functions.where(Functions.eq(b, zero), zero, mul(b, pow(a, sub(b, Tensor.scalar(1.0)))));
                Autograd.accumulate(a, mul(g, d));
            }
            if (b.requiresGrad()) {
                // where aᵇ = 0 (a = 0, b > 0): 0, not 0·log 0 = NaN
                Tensor c = self[0].detach();
                Tensor d = Functions.where(Functions.eq(c, zero), zero, mul(c, Functions.log(a)));
                Autograd.accumulate(b, mul(g, d));
            }
        }, a, b);
        return self[0];
    }

    /** Elementwise maximum; the gradient goes to {@code a} where {@code a >= b}. */
    public static Tensor maximum(Tensor a, Tensor b) {
        return select("maximum", a, b, (x, y) -> x >= y || Float.isNaN(x) ? 1f : 0f);
    }

    /** Elementwise minimum; the gradient goes to {@code a} where {@code a <= b}. */
    public static Tensor minimum(Tensor a, Tensor b) {
        return select("minimum", a, b, (x, y) -> x <= y || Float.isNaN(x) ? 1f : 0f);
    }

    private static Tensor select(String op, Tensor a, Tensor b, Float2 pickA) {
        int[] shape = Shape.broadcast(op, a.shape, b.shape);
        Tensor mask = new Tensor(BroadcastLoop.apply(a, b, shape, general(pickA)), shape);
        return Functions.where(mask, a, b);
    }

    /** {@code c · x} for a constant {@code c}. */
    public static Tensor scale(Tensor x, double c) {
        return OpHook.report(OpHook.Op.SCALE, () -> plainScale(x, c), x, null, c, 0, null);
    }

    private static Tensor plainScale(Tensor x, double c) {
        float k = (float) c;
        float[] out = new float[x.data.length];
        float[] in = x.data;
        for (int i = 0; i < out.length; i++) {
            out[i] = k * in[i];
        }
        return Tensor.result(out, x.shape.clone(), "scale", g -> Autograd.accumulate(x, scale(g, c)), x);
    }

    /** A binary float function. */
    @FunctionalInterface
    interface Float2 {
        float apply(float x, float y);
    }

    /** A broadcast run for any binary function (slower than the dedicated runs below). */
    static BroadcastLoop.Run general(Float2 f) {
        return (a, ai, as, b, bi, bs, o, oi, n) -> {
            for (int i = 0; i < n; i++) {
                o[oi + i] = f.apply(a[ai + i * as], b[bi + i * bs]);
            }
        };
    }

    static void addRun(float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
        if (as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) {
                o[oi + i] = a[ai + i] + b[bi + i];
            }
        } else if (as == 1 && bs == 0) {
            float y = b[bi];
            for (int i = 0; i < n; i++) {
                o[oi + i] = a[ai + i] + y;
            }
        } else if (as == 0 && bs == 1) {
            float x = a[ai];
            for (int i = 0; i < n; i++) {
                o[oi + i] = x + b[bi + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                o[oi + i] = a[ai + i * as] + b[bi + i * bs];
            }
        }
    }

    static void subRun(float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
        if (as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) {
                o[oi + i] = a[ai + i] - b[bi + i];
            }
        } else if (as == 1 && bs == 0) {
            float y = b[bi];
            for (int i = 0; i < n; i++) {
                o[oi + i] = a[ai + i] - y;
            }
        } else if (as == 0 && bs == 1) {
            float x = a[ai];
            for (int i = 0; i < n; i++) {
                o[oi + i] = x - b[bi + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                o[oi + i] = a[ai + i * as] - b[bi + i * bs];
            }
        }
    }

    static void mulRun(float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
        if (as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) {
                o[oi + i] = a[ai + i] * b[bi + i];
            }
        } else if (as == 1 && bs == 0) {
            float y = b[bi];
            for (int i = 0; i < n; i++) {
                o[oi + i] = a[ai + i] * y;
            }
        } else if (as == 0 && bs == 1) {
            float x = a[ai];
            for (int i = 0; i < n; i++) {
                o[oi + i] = x * b[bi + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                o[oi + i] = a[ai + i * as] * b[bi + i * bs];
            }
        }
    }

    static void divRun(float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
        if (as == 1 && bs == 1) {
            for (int i = 0; i < n; i++) {
                o[oi + i] = a[ai + i] / b[bi + i];
            }
        } else if (as == 1 && bs == 0) {
            float y = b[bi];
            for (int i = 0; i < n; i++) {
                o[oi + i] = a[ai + i] / y;
            }
        } else if (as == 0 && bs == 1) {
            float x = a[ai];
            for (int i = 0; i < n; i++) {
                o[oi + i] = x / b[bi + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                o[oi + i] = a[ai + i * as] / b[bi + i * bs];
            }
        }
    }
}
