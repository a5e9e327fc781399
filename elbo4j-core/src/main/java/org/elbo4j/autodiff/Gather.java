package org.elbo4j.autodiff;

import java.util.Arrays;
import org.elbo4j.tensor.Reductions;

/**
 * A linear rearrangement {@code y_i = x_{map(i)}}: reshape (map = identity), broadcast to a larger
 * shape, transpose and permute, slice and index-select. Linear, so values, tangents and adjoint
 * tangents follow the same rule:
 * <pre>
 *   ẏ_i = ẋ_{map(i)},   x̄_{map(i)} += ȳ_i,   x̄̇_{map(i)} += ȳ̇_i.
 * </pre>
 */
final class Gather extends Var {

    private final Var x;
    private final int[] map;

    private Gather(Var x, double[] y, int[] shape, int[] map) {
        super(x.tape, y, shape);
        this.x = x;
        this.map = map;
    }

    /** {@code y_i = x_{map[i]}} with shape {@code shape}; map null means identity (a reshape). */
    static Var of(Var x, int[] shape, int[] map) {
        int n = Shapes.size(shape);
        if (map == null && n != x.size()) {
            throw new IllegalArgumentException("autodiff: cannot reshape " + Arrays.toString(x.shape) + " to "
                    + Arrays.toString(shape));
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = x.value[map == null ? i : map[i]];
        }
        return new Gather(x, y, shape.clone(), map);
    }

    @Override
    void tangentForward() {
        for (int i = 0; i < value.length; i++) {
            tangent[i] = x.tangent[map == null ? i : map[i]];
        }
    }

    @Override
    void backward(boolean second) {
        for (int i = 0; i < value.length; i++) {
            int j = map == null ? i : map[i];
            x.adjoint[j] += adjoint[i];
            if (second) {
                x.adjointTangent[j] += adjointTangent[i];
            }
        }
    }

    static Var reshape(Var x, int... shape) {
        return of(x, shape, null);
    }

    /** x broadcast to {@code shape} (NumPy rules). */
    static Var expand(Var x, int... shape) {
        int[] b = Shapes.broadcast(x.shape, shape);
        if (!Arrays.equals(b, shape)) {
            throw new IllegalArgumentException("autodiff: cannot expand " + Arrays.toString(x.shape) + " to "
                    + Arrays.toString(shape));
        }
        return of(x, shape, Shapes.broadcastMap(x.shape, shape));
    }

    /** Axes permuted: {@code y.shape[i] = x.shape[axes[i]]}. */
    static Var permute(Var x, int... axes) {
        int r = x.shape.length;
        if (axes.length != r) {
            throw new IllegalArgumentException("autodiff: permute needs " + r + " axes, got " + axes.length);
        }
        int[] st = Shapes.strides(x.shape);
        int[] shape = new int[r];
        int[] pst = new int[r];
        boolean[] used = new boolean[r];
        for (int i = 0; i < r; i++) {
            int a = Shapes.axis("permute", axes[i], r);
            if (used[a]) {
                throw new IllegalArgumentException("autodiff: permute repeats axis " + a);
            }
            used[a] = true;
            shape[i] = x.shape[a];
            pst[i] = st[a];
        }
        return of(x, shape, Shapes.walk(shape, pst));
    }

    static Var transpose(Var x, int a, int b) {
        int r = x.shape.length;
        int[] axes = new int[r];
        for (int i = 0; i < r; i++) {
            axes[i] = i;
        }
        int i = Shapes.axis("transpose", a, r);
        int j = Shapes.axis("transpose", b, r);
        axes[i] = j;
        axes[j] = i;
        return permute(x, axes);
    }

    /** Elements {@code index} along {@code axis} (repeats allowed). */
    static Var indexSelect(Var x, int axis, int[] index) {
        int r = x.shape.length;
        int a = Shapes.axis("indexSelect", axis, r);
        int[] shape = x.shape.clone();
        shape[a] = index.length;
        int[] st = Shapes.strides(x.shape);
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= x.shape[i];
        }
        int inner = st[a];
        int[] map = new int[Shapes.size(shape)];
        int k = 0;
        for (int o = 0; o < outer; o++) {
            for (int idx : index) {
                if (idx < 0 || idx >= x.shape[a]) {
                    throw new IllegalArgumentException("autodiff: index " + idx + " out of range for axis of size "
                            + x.shape[a]);
                }
                int base = o * x.shape[a] * inner + idx * inner;
                for (int in = 0; in < inner; in++) {
                    map[k++] = base + in;
                }
            }
        }
        return of(x, shape, map);
    }

    /** Elements {@code start … end−1} along {@code axis}. */
    static Var slice(Var x, int axis, int start, int end) {
        int a = Shapes.axis("slice", axis, x.shape.length);
        if (start < 0 || end > x.shape[a] || start > end) {
            throw new IllegalArgumentException("autodiff: slice [" + start + ", " + end + ") out of range for size "
                    + x.shape[a]);
        }
        int[] index = new int[end - start];
        for (int i = 0; i < index.length; i++) {
            index[i] = start + i;
        }
        return indexSelect(x, a, index);
    }

    /** The maximum along {@code axis}: the first maximal element of each row (a NaN wins), as {@code tensor.Reductions.max}. */
    static Var max(Var x, int axis, boolean keepDim) {
        int a = Shapes.axis("max", axis, x.shape.length);
        int n = x.shape[a];
        if (n == 0) {
            throw new IllegalArgumentException("autodiff: max over an empty axis of " + Arrays.toString(x.shape));
        }
        int inner = Shapes.strides(x.shape)[a];
        int outer = x.size() / (n * inner);
        int[] map = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                map[o * inner + j] = Reductions.argmax(i -> x.value[i], o * n * inner + j, n, inner);
            }
        }
        int[] kept = x.shape.clone();
        kept[a] = 1;
        return of(x, keepDim ? kept : SumTo.dropAxis(x.shape, a), map);
    }

    /** {@code y[..., i, ...] = x[..., index[..., i, ...], ...]} along {@code axis}, as {@code tensor.Indexing.gather}. */
    static Var gather(Var x, int axis, int[] index, int[] indexShape) {
        int r = x.shape.length;
        int a = Shapes.axis("gather", axis, r);
        Shapes.check("gather", index.length, indexShape);
        for (int i = 0; i < r; i++) {
            if (indexShape.length != r || i != a && indexShape[i] != x.shape[i]) {
                throw new IllegalArgumentException("autodiff: gather index of shape " + Arrays.toString(indexShape)
                        + " does not match input " + Arrays.toString(x.shape) + " outside axis " + axis);
            }
        }
        int n = x.shape[a];
        int m = indexShape[a];
        int inner = Shapes.strides(x.shape)[a];
        int[] map = new int[index.length];
        for (int k = 0; k < index.length; k++) {
            int o = k / (m * inner);
            int j = k % inner;
            int at = index[k];
            if (at < 0 || at >= n) {
                throw new IllegalArgumentException("autodiff: gather index " + at + " out of range for axis of size " + n);
            }
            map[k] = (o * n + at) * inner + j;
        }
        return of(x, indexShape, map);
    }
}
