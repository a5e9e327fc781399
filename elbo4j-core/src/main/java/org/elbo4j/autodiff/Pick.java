package org.elbo4j.autodiff;

import java.util.Arrays;
import java.util.List;

/**
 * Elements picked from several arrays, {@code y_i = x^{(s_i)}_{e_i}}: concatenation along an
 * axis, stacking along a new axis and the elementwise choice {@code where(c, a, b)} with a constant
 * condition. Linear, so
 * <pre>
 *   ẏ_i = ẋ^{(s_i)}_{e_i},   x̄^{(s_i)}_{e_i} += ȳ_i,   x̄̇^{(s_i)}_{e_i} += ȳ̇_i.
 * </pre>
 */
final class Pick extends Var {

    private final Var[] inputs;
    private final int[] source;
    private final int[] element;

    private Pick(Tape tape, Var[] inputs, int[] shape, int[] source, int[] element) {
        super(tape, new double[source.length], shape);
        this.inputs = inputs;
        this.source = source;
        this.element = element;
        for (int i = 0; i < source.length; i++) {
            value[i] = inputs[source[i]].value[element[i]];
        }
    }

    /** The parts joined along {@code axis}; every other dimension must agree. */
    static Var concat(List<Var> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("autodiff: concat of no arrays");
        }
        int[] first = parts.get(0).shape;
        int a = Shapes.axis("concat", axis, first.length);
        int total = 0;
        for (Var v : parts) {
            if (v.shape.length != first.length) {
                throw new IllegalArgumentException("autodiff: concat of shapes " + Arrays.toString(first) + " and "
                        + Arrays.toString(v.shape) + " (different ranks)");
            }
            for (int i = 0; i < first.length; i++) {
                if (i != a && v.shape[i] != first[i]) {
                    throw new IllegalArgumentException("autodiff: concat of shapes " + Arrays.toString(first)
                            + " and " + Arrays.toString(v.shape) + " (they differ outside axis " + axis + ")");
                }
            }
            total += v.shape[a];
        }
        int[] shape = first.clone();
        shape[a] = total;
        int inner = 1;
        for (int i = a + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        int outer = Shapes.size(shape) / Math.max(1, total * inner);
        int[] source = new int[Shapes.size(shape)];
        int[] element = new int[source.length];
        int k = 0;
        for (int o = 0; o < outer; o++) {
            for (int p = 0; p < parts.size(); p++) {
                int w = parts.get(p).shape[a] * inner;
                for (int e = 0; e < w; e++) {
                    source[k] = p;
                    element[k++] = o * w + e;
                }
            }
        }
        Var[] in = parts.toArray(new Var[0]);
        return new Pick(Binary.tapeOf(in), in, shape, source, element);
    }

    /** Parts of one shape joined along a new axis {@code axis}. */
    static Var stack(List<Var> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("autodiff: stack of no arrays");
        }
        int[] s = parts.get(0).shape;
        int a = Shapes.axis("stack", axis, s.length + 1);
        int[] unsqueezed = new int[s.length + 1];
        for (int i = 0, j = 0; i < unsqueezed.length; i++) {
            unsqueezed[i] = i == a ? 1 : s[j++];
        }
        for (Var v : parts) {
            if (!Arrays.equals(v.shape, s)) {
                throw new IllegalArgumentException("autodiff: stack of shapes " + Arrays.toString(s) + " and "
                        + Arrays.toString(v.shape));
            }
        }
        return concat(parts.stream().map(v -> Gather.reshape(v, unsqueezed)).toList(), a);
    }

    /** {@code c_i ≠ 0 ? a_i : b_i} with NumPy broadcasting of the constant condition and a, b. */
    static Var where(double[] condition, int[] conditionShape, Var a, Var b) {
        int[] shape = Shapes.broadcast(Shapes.broadcast(conditionShape, a.shape), b.shape);
        int n = Shapes.size(shape);
        int[] ic = Shapes.broadcastMap(conditionShape, shape);
        int[] ia = Shapes.broadcastMap(a.shape, shape);
        int[] ib = Shapes.broadcastMap(b.shape, shape);
        int[] source = new int[n];
        int[] element = new int[n];
        for (int i = 0; i < n; i++) {
            boolean pickA = condition[ic == null ? i : ic[i]] != 0;
            source[i] = pickA ? 0 : 1;
            int[] map = pickA ? ia : ib;
            element[i] = map == null ? i : map[i];
        }
        return new Pick(Binary.tapeOf(a, b), new Var[] {a, b}, shape, source, element);
    }

    @Override
    void tangentForward() {
        for (int i = 0; i < value.length; i++) {
            tangent[i] = tangentOf(inputs[source[i]], element[i]);
        }
    }

    @Override
    void backward(boolean second) {
        for (int i = 0; i < value.length; i++) {
            Var v = inputs[source[i]];
            if (v.isActive()) {
                v.adjoint[element[i]] += adjoint[i];
                if (second) {
                    v.adjointTangent[element[i]] += adjointTangent[i];
                }
            }
        }
    }
}
