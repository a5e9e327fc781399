package org.elbo4j.autodiff;

import java.util.Arrays;

/**
 * A sum of elements into a smaller array, {@code y_j = Σ_{i: map(i) = j} x_i}: the sum over
 * axes (with or without keeping them) and the reduction of a broadcast shape back to a shape that
 * broadcasts to it. Linear:
 * <pre>
 *   ẏ_j = Σ_{map(i) = j} ẋ_i,   x̄_i += ȳ_{map(i)},   x̄̇_i += ȳ̇_{map(i)}.
 * </pre>
 * Implementation note: each output sums its terms in index order, so results do not depend on
 * anything but the input.
 */
final class SumTo extends Var {

    private final Var x;
    private final int[] map;

    private SumTo(Var x, double[] y, int[] shape, int[] map) {
        super(x.tape, y, shape);
        this.x = x;
        this.map = map;
    }

    /** The sum of x down to {@code shape}, a shape that broadcasts to x's. */
    static Var to(Var x, int... shape) {
        int[] b = Shapes.broadcast(shape, x.shape);
        if (!Arrays.equals(b, x.shape)) {
            throw new IllegalArgumentException("autodiff: cannot sum " + Arrays.toString(x.shape) + " to "
                    + Arrays.toString(shape));
        }
        int[] map = Shapes.broadcastMap(shape, x.shape);
        int n = Shapes.size(shape);
        double[] y = new double[n];
        if (map == null) {
            System.arraycopy(x.value, 0, y, 0, n);
        } else {
            for (int i = 0; i < map.length; i++) {
                y[map[i]] += x.value[i];
            }
        }
        return new SumTo(x, y, shape.clone(), map);
    }

    /** The sum over {@code axis}, keeping it as size 1 or dropping it. */
    static Var axis(Var x, int axis, boolean keepDim) {
        int r = x.shape.length;
        int a = Shapes.axis("sum", axis, r);
        int[] kept = x.shape.clone();
        kept[a] = 1;
        Var s = to(x, kept);
        if (keepDim) {
            return s;
        }
        return Gather.reshape(s, dropAxis(x.shape, a));
    }

    /** {@code shape} without axis {@code a}. */
    static int[] dropAxis(int[] shape, int a) {
        int[] dropped = new int[shape.length - 1];
        for (int i = 0, k = 0; i < shape.length; i++) {
            if (i != a) {
                dropped[k++] = shape[i];
            }
        }
        return dropped;
    }

    /** The sum of every element, shape {@code []}. */
    static Var all(Var x) {
        int[] ones = new int[x.shape.length];
        Arrays.fill(ones, 1);
        return Gather.reshape(to(x, ones));
    }

    @Override
    void tangentForward() {
        if (map == null) {
            System.arraycopy(x.tangent, 0, tangent, 0, tangent.length);
            return;
        }
        Arrays.fill(tangent, 0);
        for (int i = 0; i < map.length; i++) {
            tangent[map[i]] += x.tangent[i];
        }
    }

    @Override
    void backward(boolean second) {
        for (int i = 0; i < x.size(); i++) {
            int j = map == null ? i : map[i];
            x.adjoint[i] += adjoint[j];
            if (second) {
                x.adjointTangent[i] += adjointTangent[j];
            }
        }
    }
}
