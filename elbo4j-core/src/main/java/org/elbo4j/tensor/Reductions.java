package org.elbo4j.tensor;

import java.util.function.IntToDoubleFunction;

import org.elbo4j.tensor.kernel.Reduce;

/**
 * Reductions along an axis or over all elements: sum, mean, max, log-sum-exp, and the
 * log-softmax built on it. Sums accumulate in double.
 *
 * <p>Gradients: d sum = g broadcast back; d mean = g / n; d max = g at the first maximal element;
 * d logSumExp = g · softmax(x).
 *
 * <p>Implementation note: {@code logSumExp(x) = m + log Σ exp(x − m)} with {@code m = max x}, so
 * it neither overflows nor underflows; when m is ±∞ the result is m.
 */
public final class Reductions {

    private Reductions() {
    }

    /** The sum of all elements, a scalar (shape {@code []}). */
    public static Tensor sum(Tensor x) {
        return OpHook.report(OpHook.Op.SUM_ALL, () -> plainSum(x), x);
    }

    private static Tensor plainSum(Tensor x) {
        double s = Reduce.sum(x.data, 0, x.data.length);
        return Tensor.result(new float[] {(float) s}, new int[0], "sum",
                g -> Autograd.accumulate(x, Tensor.full(g.data[0], x.shape)), x);
    }

    /** The mean of all elements, a scalar. */
    public static Tensor mean(Tensor x) {
        return OpHook.report(OpHook.Op.MEAN_ALL, () -> plainMean(x), x);
    }

    private static Tensor plainMean(Tensor x) {
        if (x.data.length == 0) {
            throw new IllegalArgumentException("mean: empty tensor of shape " + Shape.str(x.shape));
        }
        return Arith.scale(sum(x), 1.0 / x.data.length);
    }

    /** Sums along {@code axis}; keeps it as size 1 when {@code keepDim}. */
    public static Tensor sum(Tensor x, int axis, boolean keepDim) {
        return OpHook.report(OpHook.Op.SUM, () -> plainSum(x, axis, keepDim), x, null, 0, 0,
                new int[] {axis, keepDim ? 1 : 0});
    }

    private static Tensor plainSum(Tensor x, int axis, boolean keepDim) {
        return sumAxis(x, Shape.axis("sum", axis, x.rank()), keepDim);
    }

    /** The mean along {@code axis}. */
    public static Tensor mean(Tensor x, int axis, boolean keepDim) {
        return OpHook.report(OpHook.Op.MEAN, () -> plainMean(x, axis, keepDim), x, null, 0, 0,
                new int[] {axis, keepDim ? 1 : 0});
    }

    private static Tensor plainMean(Tensor x, int axis, boolean keepDim) {
        int a = Shape.axis("mean", axis, x.rank());
        if (x.shape[a] == 0) {
            throw new IllegalArgumentException("mean: axis " + axis + " of shape " + Shape.str(x.shape) + " is empty");
        }
        return Arith.scale(sumAxis(x, a, keepDim), 1.0 / x.shape[a]);
    }

    static Tensor sumAxis(Tensor x, int axis, boolean keepDim) {
        int[] dims = splitAt(x.shape, axis);
        int outer = dims[0];
        int n = dims[1];
        int inner = dims[2];
        float[] out = new float[outer * inner];
        float[] in = x.data;
        if (inner == 1) {
            for (int o = 0; o < outer; o++) {
                out[o] = (float) Reduce.sum(in, o * n, n);
            }
        } else {
            double[] acc = new double[inner];
            for (int o = 0; o < outer; o++) {
                java.util.Arrays.fill(acc, 0.0);
                int base = o * n * inner;
                for (int i = 0; i < n; i++) {
                    int row = base + i * inner;
                    for (int j = 0; j < inner; j++) {
                        acc[j] += in[row + j];
                    }
                }
                for (int j = 0; j < inner; j++) {
                    out[o * inner + j] = (float) acc[j];
                }
            }
        }
        int[] kept = keptShape(x.shape, axis);
        int[] shape = keepDim ? kept : dropAxis(x.shape, axis);
        return Tensor.result(out, shape, "sum", g -> {
            Tensor gk = new Tensor(g.data, kept);
            Autograd.accumulate(x, new Tensor(Shaping.broadcastData(gk, x.shape), x.shape.clone()));
        }, x);
    }

    /** The maximum along {@code axis}; the gradient goes to the first maximal element (NaN wins). */
    public static Tensor max(Tensor x, int axis, boolean keepDim) {
        return OpHook.report(OpHook.Op.MAX, () -> maxOf(x, axis, keepDim), new Tensor[] {x}, axis, keepDim ? 1 : 0);
    }

    private static Tensor maxOf(Tensor x, int axis, boolean keepDim) {
        int a = Shape.axis("max", axis, x.rank());
        int[] dims = splitAt(x.shape, a);
        int outer = dims[0];
        int n = dims[1];
        int inner = dims[2];
        if (n == 0) {
            throw new IllegalArgumentException("max: axis " + axis + " of shape " + Shape.str(x.shape) + " is empty");
        }
        float[] out = new float[outer * inner];
        int[] arg = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int best = argmax(i -> x.data[i], o * n * inner + j, n, inner);
                out[o * inner + j] = x.data[best];
                arg[o * inner + j] = best;
            }
        }
        int[] shape = keepDim ? keptShape(x.shape, a) : dropAxis(x.shape, a);
        return Tensor.result(out, shape, "max", g -> {
            float[] gx = new float[x.data.length];
            for (int i = 0; i < arg.length; i++) {
                gx[arg[i]] += g.data[i];
            }
            Autograd.accumulate(x, new Tensor(gx, x.shape.clone()));
        }, x);
    }

    /** {@code log Σ exp(x)} along {@code axis}, computed stably. */
    public static Tensor logSumExp(Tensor x, int axis, boolean keepDim) {
        return OpHook.report(OpHook.Op.LOG_SUM_EXP, () -> lse(x, axis, keepDim), new Tensor[] {x}, axis, keepDim ? 1 : 0);
    }

    private static Tensor lse(Tensor x, int axis, boolean keepDim) {
        int a = Shape.axis("logSumExp", axis, x.rank());
        int[] dims = splitAt(x.shape, a);
        int outer = dims[0];
        int n = dims[1];
        int inner = dims[2];
        float[] out = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int base = o * n * inner + j;
                double m = n == 0 ? Double.NEGATIVE_INFINITY : x.data[argmax(i -> x.data[i], base, n, inner)];
                boolean nan = m != m;
                double r;
                if (nan) {
                    r = Double.NaN;
                } else if (Double.isInfinite(m)) {
                    r = m;
                } else {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += Math.exp(x.data[base + i * inner] - m);
                    }
                    r = m + Math.log(s);
                }
                out[o * inner + j] = (float) r;
            }
        }
        int[] kept = keptShape(x.shape, a);
        int[] shape = keepDim ? kept : dropAxis(x.shape, a);
        return Tensor.result(out, shape, "logSumExp", g -> {
            float[] gx = new float[x.data.length];
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < inner; j++) {
                    int k = o * inner + j;
                    double lse = out[k];
                    double gk = g.data[k];
                    int base = o * n * inner + j;
                    // an infinite result: softmax shares 1 among the entries equal to it (exp(∞ − ∞) is NaN)
                    int ties = 0;
                    for (int i = 0; Double.isInfinite(lse) && i < n; i++) {
                        ties += x.data[base + i * inner] == lse ? 1 : 0;
                    }
                    for (int i = 0; i < n; i++) {
                        int idx = base + i * inner;
                        double w = ties > 0 ? (x.data[idx] == lse ? 1.0 / ties : 0.0) : Math.exp(x.data[idx] - lse);
                        gx[idx] = (float) (gk * w);
                    }
                }
            }
            Autograd.accumulate(x, new Tensor(gx, x.shape.clone()));
        }, x);
    }

    /** {@code x − logSumExp(x)} along {@code axis}: log-probabilities from unnormalised logits. */
    public static Tensor logSoftmax(Tensor x, int axis) {
        return OpHook.report(OpHook.Op.LOG_SOFTMAX, () -> Arith.sub(x, lse(x, axis, true)), new Tensor[] {x}, axis);
    }

    /** {@code exp(logSoftmax(x))} along {@code axis}. */
    public static Tensor softmax(Tensor x, int axis) {
        return OpHook.report(OpHook.Op.SOFTMAX, () -> Functions.exp(Arith.sub(x, lse(x, axis, true))),
                new Tensor[] {x}, axis);
    }

    /**
     * The index {@code base + i·stride} (i &lt; n, n ≥ 1) of the first maximal of the n values read
     * through {@code at}, a NaN winning: the rule of {@link #max} and {@link #logSumExp}, shared with
     * the double-precision tape.
     */
    public static int argmax(IntToDoubleFunction at, int base, int n, int stride) {
        int best = base;
        double m = at.applyAsDouble(best);
        for (int i = 1; i < n && m == m; i++) {
            int idx = base + i * stride;
            double v = at.applyAsDouble(idx);
            if (v > m || v != v) {
                m = v;
                best = idx;
            }
        }
        return best;
    }

    /** [product of dims before axis, dim at axis, product of dims after axis]. */
    static int[] splitAt(int[] shape, int axis) {
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        return new int[] {outer, shape[axis], inner};
    }

    static int[] keptShape(int[] shape, int axis) {
        int[] s = shape.clone();
        s[axis] = 1;
        return s;
    }

    static int[] dropAxis(int[] shape, int axis) {
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != axis) {
                s[j++] = shape[i];
            }
        }
        return s;
    }
}
