package org.elbo4j.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * Shape manipulation: reshape, expand, (un)squeeze, transpose/permute, slice, concat and stack,
 * each with its gradient (the inverse rearrangement of g; expand sums g back).
 */
public final class Shaping {

    private static final Tensor ZERO = Tensor.scalar(0.0);

    private Shaping() {
    }

    /**
     * The same elements in a new shape (row-major order is kept; storage is shared). One
     * dimension may be {@code -1} and is inferred.
     */
    public static Tensor reshape(Tensor x, int... newShape) {
        return OpHook.report(OpHook.Op.RESHAPE, () -> plainReshape(x, newShape), x);
    }

    private static Tensor plainReshape(Tensor x, int... newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape: only one dimension can be -1, got " + Shape.str(s));
                }
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("reshape: bad dimension in " + Shape.str(s));
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || x.data.length % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + Shape.str(x.shape) + " into " + Shape.str(s));
            }
            s[infer] = (int) (x.data.length / known);
        }
        if (Shape.size(s) != x.data.length) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Shape.str(x.shape) + " ("
                    + x.data.length + " elements) into " + Shape.str(s));
        }
        int[] from = x.shape;
        return Tensor.result(x.data, s, "reshape",
                g -> Autograd.accumulate(x, new Tensor(g.data, from.clone())), x);
    }

    /** Inserts a dimension of size 1 at {@code axis}. */
    public static Tensor unsqueeze(Tensor x, int axis) {
        return OpHook.report(OpHook.Op.RESHAPE, () -> plainUnsqueeze(x, axis), x);
    }

    private static Tensor plainUnsqueeze(Tensor x, int axis) {
        int a = Shape.axis("unsqueeze", axis, x.rank() + 1);
        int[] s = new int[x.rank() + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            s[i] = i == a ? 1 : x.shape[j++];
        }
        return reshape(x, s);
    }

    /** Removes the dimension of size 1 at {@code axis}. */
    public static Tensor squeeze(Tensor x, int axis) {
        return OpHook.report(OpHook.Op.RESHAPE, () -> plainSqueeze(x, axis), x);
    }

    private static Tensor plainSqueeze(Tensor x, int axis) {
        int a = Shape.axis("squeeze", axis, x.rank());
        if (x.shape[a] != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " of shape " + Shape.str(x.shape) + " is not 1");
        }
        return reshape(x, Reductions.dropAxis(x.shape, a));
    }

    /** Broadcasts {@code x} to {@code shape}, materialised; the gradient is summed back. */
    public static Tensor expand(Tensor x, int... shape) {
        return OpHook.report(OpHook.Op.EXPAND, () -> plainExpand(x, shape), x);
    }

    private static Tensor plainExpand(Tensor x, int... shape) {
        int[] target = Shape.broadcast("expand", x.shape, shape);
        if (!Shape.same(target, shape)) {
            throw new IllegalArgumentException("expand: shape " + Shape.str(x.shape) + " cannot be expanded to "
                    + Shape.str(shape));
        }
        return Tensor.result(broadcastData(x, target), target, "expand", g -> Autograd.accumulate(x, g), x);
    }

    /** The values of {@code x} broadcast to {@code shape} (no graph). */
    static float[] broadcastData(Tensor x, int[] shape) {
        if (Shape.same(x.shape, shape)) {
            return x.data;
        }
        return BroadcastLoop.apply(x, ZERO, shape, (a, ai, as, b, bi, bs, o, oi, n) -> {
            if (as == 1) {
                System.arraycopy(a, ai, o, oi, n);
            } else {
                Arrays.fill(o, oi, oi + n, a[ai]);
            }
        });
    }

    /** Swaps two axes. */
    public static Tensor transpose(Tensor x, int a, int b) {
        return OpHook.report(OpHook.Op.TRANSPOSE, () -> plainTranspose(x, a, b), x, null, 0, 0, new int[] {a, b});
    }

    private static Tensor plainTranspose(Tensor x, int a, int b) {
        int r = x.rank();
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) {
            perm[i] = i;
        }
        int i = Shape.axis("transpose", a, r);
        int j = Shape.axis("transpose", b, r);
        perm[i] = j;
        perm[j] = i;
        return permute(x, perm);
    }

    /** Reorders axes: output axis i is input axis {@code axes[i]}. */
    public static Tensor permute(Tensor x, int... axes) {
        return OpHook.report(OpHook.Op.PERMUTE, () -> plainPermute(x, axes), x, null, 0, 0, axes.clone());
    }

    private static Tensor plainPermute(Tensor x, int... axes) {
        int r = x.rank();
        if (axes.length != r) {
            throw new IllegalArgumentException("permute: " + axes.length + " axes for a tensor of shape " + Shape.str(x.shape));
        }
        int[] perm = new int[r];
        boolean[] used = new boolean[r];
        for (int i = 0; i < r; i++) {
            perm[i] = Shape.axis("permute", axes[i], r);
            if (used[perm[i]]) {
                throw new IllegalArgumentException("permute: axes " + Arrays.toString(axes) + " repeat an axis");
            }
            used[perm[i]] = true;
        }
        int[] inverse = new int[r];
        for (int i = 0; i < r; i++) {
            inverse[perm[i]] = i;
        }
        int[] outShape = new int[r];
        for (int i = 0; i < r; i++) {
            outShape[i] = x.shape[perm[i]];
        }
        float[] out = permuteData(x.data, x.shape, perm);
        return Tensor.result(out, outShape, "permute",
                g -> Autograd.accumulate(x, new Tensor(permuteData(g.data, outShape, inverse), x.shape.clone())), x);
    }

    static float[] permuteData(float[] in, int[] shape, int[] perm) {
        int r = shape.length;
        float[] out = new float[in.length];
        if (in.length == 0) {
            return out;
        }
        int[] inStrides = Shape.strides(shape);
        int[] outShape = new int[r];
        int[] step = new int[r];
        for (int i = 0; i < r; i++) {
            outShape[i] = shape[perm[i]];
            step[i] = inStrides[perm[i]];
        }
        if (r == 2 && perm[0] == 1) {
            int rows = shape[0];
            int cols = shape[1];
            final int block = 32;
            for (int i0 = 0; i0 < rows; i0 += block) {
                for (int j0 = 0; j0 < cols; j0 += block) {
                    int iMax = Math.min(rows, i0 + block);
                    int jMax = Math.min(cols, j0 + block);
                    for (int i = i0; i < iMax; i++) {
                        for (int j = j0; j < jMax; j++) {
                            out[j * rows + i] = in[i * cols + j];
                        }
                    }
                }
            }
            return out;
        }
        int[] counter = new int[r];
        int src = 0;
        int innerLen = r == 0 ? 1 : outShape[r - 1];
        int innerStep = r == 0 ? 0 : step[r - 1];
        for (int o = 0; o < out.length; o += innerLen) {
            for (int k = 0, s = src; k < innerLen; k++, s += innerStep) {
                out[o + k] = in[s];
            }
            for (int d = r - 2; d >= 0; d--) {
                counter[d]++;
                src += step[d];
                if (counter[d] < outShape[d]) {
                    break;
                }
                src -= step[d] * outShape[d];
                counter[d] = 0;
            }
        }
        return out;
    }

    /** Elements {@code [start, end)} along {@code axis}. */
    public static Tensor slice(Tensor x, int axis, int start, int end) {
        return OpHook.report(OpHook.Op.SLICE, () -> plainSlice(x, axis, start, end), x, null, 0, 0, new int[] {axis, start, end});
    }

    private static Tensor plainSlice(Tensor x, int axis, int start, int end) {
        int a = Shape.axis("slice", axis, x.rank());
        if (start < 0 || end > x.shape[a] || start > end) {
            throw new IllegalArgumentException("slice: range [" + start + ", " + end + ") is out of bounds for axis "
                    + axis + " of shape " + Shape.str(x.shape));
        }
        int[] d = Reductions.splitAt(x.shape, a);
        int n = d[1];
        int inner = d[2];
        int len = end - start;
        int[] outShape = x.shape.clone();
        outShape[a] = len;
        float[] out = new float[d[0] * len * inner];
        for (int o = 0; o < d[0]; o++) {
            System.arraycopy(x.data, (o * n + start) * inner, out, o * len * inner, len * inner);
        }
        return Tensor.result(out, outShape, "slice", g -> {
            float[] gx = new float[x.data.length];
            for (int o = 0; o < d[0]; o++) {
                System.arraycopy(g.data, o * len * inner, gx, (o * n + start) * inner, len * inner);
            }
            Autograd.accumulate(x, new Tensor(gx, x.shape.clone()));
        }, x);
    }

    /** Joins tensors along an existing axis; all other dimensions must agree. */
    public static Tensor concat(List<Tensor> parts, int axis) {
        return OpHook.report(OpHook.Op.CONCAT, () -> join(parts, axis), parts.toArray(new Tensor[0]), axis);
    }

    private static Tensor join(List<Tensor> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat: no tensors given");
        }
        Tensor first = parts.get(0);
        int a = Shape.axis("concat", axis, first.rank());
        int total = 0;
        for (Tensor t : parts) {
            if (t.rank() != first.rank()) {
                throw new IllegalArgumentException("concat: shapes " + Shape.str(first.shape) + " and "
                        + Shape.str(t.shape) + " have different ranks");
            }
            for (int i = 0; i < t.rank(); i++) {
                if (i != a && t.shape[i] != first.shape[i]) {
                    throw new IllegalArgumentException("concat: shapes " + Shape.str(first.shape) + " and "
                            + Shape.str(t.shape) + " differ outside axis " + axis);
                }
            }
            total += t.shape[a];
        }
        int[] outShape = first.shape.clone();
        outShape[a] = total;
        int[] d = Reductions.splitAt(outShape, a);
        int outer = d[0];
        int inner = d[2];
        float[] out = new float[Shape.size(outShape)];
        int[] offsets = new int[parts.size()];
        int at = 0;
        for (int p = 0; p < parts.size(); p++) {
            Tensor t = parts.get(p);
            offsets[p] = at;
            int w = t.shape[a] * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(t.data, o * w, out, o * total * inner + at * inner, w);
            }
            at += t.shape[a];
        }
        Tensor[] inputs = parts.toArray(new Tensor[0]);
        int width = total;
        return Tensor.result(out, outShape, "concat", g -> {
            for (int p = 0; p < inputs.length; p++) {
                Tensor t = inputs[p];
                if (!t.requiresGrad()) {
                    continue;
                }
                int w = t.shape[a] * inner;
                float[] gt = new float[t.data.length];
                for (int o = 0; o < outer; o++) {
                    System.arraycopy(g.data, o * width * inner + offsets[p] * inner, gt, o * w, w);
                }
                Autograd.accumulate(t, new Tensor(gt, t.shape.clone()));
            }
        }, inputs);
    }

    /** Joins tensors of equal shape along a new axis. */
    public static Tensor stack(List<Tensor> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("stack: no tensors given");
        }
        int[] s = parts.get(0).shape;
        for (Tensor t : parts) {
            if (!Shape.same(t.shape, s)) {
                throw new IllegalArgumentException("stack: shapes " + Shape.str(s) + " and " + Shape.str(t.shape) + " differ");
            }
        }
        int a = Shape.axis("stack", axis, s.length + 1);
        return OpHook.report(OpHook.Op.STACK, () -> join(parts.stream().map(t -> unsqueeze(t, a)).toList(), a),
                parts.toArray(new Tensor[0]), a);
    }
}
