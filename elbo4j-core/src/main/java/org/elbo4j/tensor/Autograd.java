package org.elbo4j.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode automatic differentiation over the graph recorded by {@link Tensor} operations.
 *
 * <p>{@link #backward(Tensor)} orders the graph topologically with an explicit stack (no
 * recursion, so graphs of any depth work), seeds dL/dL = 1, and calls each node's backward rule
 * in reverse order. Rules add into their inputs' gradients with {@link #accumulate}, which also
 * applies the broadcasting rule once for every operation: a gradient of the broadcast shape is
 * summed over the broadcast dimensions back to the input's shape. Gradients of interior tensors
 * are released after use; leaves keep theirs and accumulate across calls.
 */
public final class Autograd {

    private Autograd() {
    }

    static void backward(Tensor root) {
        if (!root.requiresGrad()) {
            throw new IllegalArgumentException("backward: the tensor does not require gradients"
                    + " (no input was marked with requiresGrad(true), or it was computed in a no-grad scope)");
        }
        if (root.size() != 1) {
            throw new IllegalArgumentException("backward: only a scalar can be differentiated, got shape "
                    + Shape.str(root.shape));
        }
        List<Tensor> order = topologicalOrder(root);
        try (GradMode ignored = GradMode.noGrad()) {
            accumulate(root, Tensor.full(1.0, root.shape));
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                if (t.node == null) {
                    continue;
                }
                Tensor g = t.grad;
                t.grad = null;
                if (g != null) {
                    t.node.backward.apply(g);
                }
            }
        }
    }

    /** Post-order of the interior graph below {@code root} (inputs before the tensors using them). */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> nextChild = new ArrayDeque<>();
        stack.push(root);
        nextChild.push(0);
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            int child = nextChild.pop();
            Tensor[] inputs = t.node == null ? new Tensor[0] : t.node.inputs;
            if (child < inputs.length) {
                nextChild.push(child + 1);
                Tensor in = inputs[child];
                if (in.requiresGrad() && seen.put(in, Boolean.TRUE) == null) {
                    stack.push(in);
                    nextChild.push(0);
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    /**
     * Adds {@code g} into {@code target}'s gradient, first summing it over any dimensions along
     * which {@code target} was broadcast. Does nothing when {@code target} needs no gradient.
     */
    static void accumulate(Tensor target, Tensor g) {
        if (!target.requiresGrad()) {
            return;
        }
        Tensor reduced = sumToShape(g, target.shape);
        if (target.grad == null) {
            target.grad = reduced.data == g.data || reduced.data == target.data
                    ? new Tensor(reduced.data.clone(), target.shape.clone())
                    : new Tensor(reduced.data, target.shape.clone());
        } else {
            float[] acc = target.grad.data;
            float[] add = reduced.data;
            for (int i = 0; i < acc.length; i++) {
                acc[i] += add[i];
            }
        }
    }

    /**
     * Sums a tensor of a broadcast shape down to {@code shape}: the one broadcasting-reduction
     * rule shared by every operation's gradient.
     */
    static Tensor sumToShape(Tensor g, int[] shape) {
        if (Shape.same(g.shape, shape)) {
            return g;
        }
        if (Shape.size(shape) == 1) {
            double s = 0;
            for (float v : g.data) {
                s += v;
            }
            return new Tensor(new float[] {(float) s}, shape.clone());
        }
        int lead = g.shape.length - shape.length;
        if (lead < 0) {
            throw new IllegalArgumentException("sumToShape: cannot reduce " + Shape.str(g.shape)
                    + " to " + Shape.str(shape));
        }
        Tensor r = g;
        for (int i = 0; i < lead; i++) {
            r = Reductions.sumAxis(r, 0, false);
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 1 && r.shape[i] != 1) {
                r = Reductions.sumAxis(r, i, true);
            } else if (shape[i] != r.shape[i]) {
                throw new IllegalArgumentException("sumToShape: cannot reduce " + Shape.str(g.shape)
                        + " to " + Shape.str(shape));
            }
        }
        return r;
    }
}
