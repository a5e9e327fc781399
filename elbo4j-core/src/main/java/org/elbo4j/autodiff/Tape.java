package org.elbo4j.autodiff;

import java.util.ArrayList;
import java.util.List;

/**
 * A double-precision reverse-mode tape of vector nodes ({@link Var}), in the style of Stan Math
 * (Carpenter et al. 2015, "The Stan Math Library: reverse-mode automatic differentiation in C++"):
 * each operation records one node for a whole array, with a hand-written vectorised backward rule
 * next to its forward. Nodes are kept in creation order, which is a topological order, so both
 * sweeps are plain loops (no recursion, any depth).
 * <ul>
 *   <li>{@link #gradient}: one reverse sweep, {@code x̄ = ∂(Σ_i w_i L_i)/∂x} for a seed w (all ones
 *       gives the gradient of every independent row of L at once);</li>
 *   <li>{@link #hessianVectorProduct}: a forward tangent sweep with direction ẋ, then a reverse
 *       sweep of values and tangents (forward-over-reverse), {@code ∇²L·ẋ} in about twice the
 *       work of a gradient;</li>
 *   <li>{@link #hessian}: d products with the unit vectors, symmetrised.</li>
 * </ul>
 * A tape is built for one evaluation and is not thread-safe.
 */
public final class Tape {

    private final List<Var> nodes = new ArrayList<>();

    /** An empty tape. */
    public static Tape create() {
        return new Tape();
    }

    void record(Var v) {
        nodes.add(v);
    }

    /** The number of nodes recorded. */
    public int size() {
        return nodes.size();
    }

    /** A leaf (an independent variable) on this tape, holding a copy of {@code values}. */
    public Var leaf(double[] values, int... shape) {
        Shapes.check("Tape.leaf", values.length, shape);
        return new Leaf(this, values.clone(), shape.clone());
    }

    /** A constant (off every tape), holding a copy of {@code values}. */
    public static Var constant(double[] values, int... shape) {
        Shapes.check("Tape.constant", values.length, shape);
        return new Leaf(null, values.clone(), shape.clone());
    }

    /** A scalar constant, shape {@code []}. */
    public static Var scalar(double value) {
        return new Leaf(null, new double[] {value}, new int[0]);
    }

    /**
     * One reverse sweep from {@code root} seeded with {@code seed} (length of root; null for all
     * ones): afterwards {@code leaf.adjoint()} is {@code Σ_i seed_i ∂root_i/∂leaf}.
     *
     * @throws IllegalArgumentException if root or leaf is not on this tape, or the seed has another length
     */
    public double[] gradient(Var root, Var leaf, double[] seed) {
        owns(root, "root");
        owns(leaf, "leaf");
        sweep(root, seed, false);
        return leaf.adjoint.clone();
    }

    /**
     * {@code ∇²(Σ_i seed_i root_i) · direction} with respect to {@code leaf}; the gradient into
     * {@code gradient} when not null.
     */
    public double[] hessianVectorProduct(Var root, Var leaf, double[] direction, double[] seed, double[] gradient) {
        owns(root, "root");
        owns(leaf, "leaf");
        if (direction.length != leaf.size()) {
            throw new IllegalArgumentException("Tape.hessianVectorProduct: direction has " + direction.length
                    + " entries, the leaf " + leaf.size());
        }
        for (Var v : nodes) {
            v.clear(true);
        }
        System.arraycopy(direction, 0, leaf.tangent, 0, direction.length);
        for (Var v : nodes) {
            if (v != leaf) {
                v.tangentForward();
            }
        }
        seed(root, seed);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).backward(true);
        }
        if (gradient != null) {
            System.arraycopy(leaf.adjoint, 0, gradient, 0, gradient.length);
        }
        return leaf.adjointTangent.clone();
    }

    /**
     * The d × d Hessian of {@code Σ_i seed_i root_i} with respect to {@code leaf} (d = its size), by
     * d Hessian-vector products with the unit vectors, symmetrised {@code (H + Hᵀ)/2} (the
     * products are exact; symmetrising removes rounding asymmetry only).
     */
    public double[][] hessian(Var root, Var leaf, double[] seed) {
        int d = leaf.size();
        double[][] h = new double[d][];
        double[] e = new double[d];
        for (int j = 0; j < d; j++) {
            e[j] = 1;
            h[j] = hessianVectorProduct(root, leaf, e, seed, null);
            e[j] = 0;
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0.5 * (h[i][j] + h[j][i]);
                h[i][j] = s;
                h[j][i] = s;
            }
        }
        return h;
    }

    private void sweep(Var root, double[] seed, boolean second) {
        for (Var v : nodes) {
            v.clear(second);
        }
        seed(root, seed);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).backward(second);
        }
    }

    private static void seed(Var root, double[] seed) {
        if (seed != null && seed.length != root.size()) {
            throw new IllegalArgumentException("Tape: seed has " + seed.length + " entries, the root " + root.size());
        }
        for (int i = 0; i < root.size(); i++) {
            root.adjoint[i] = seed == null ? 1 : seed[i];
        }
    }

    private void owns(Var v, String what) {
        if (v.tape != this) {
            throw new IllegalArgumentException("Tape: the " + what + " is not on this tape"
                    + (v.tape == null ? " (it is a constant: it depends on no leaf)" : ""));
        }
    }

    /** A leaf or a constant: no inputs. */
    private static final class Leaf extends Var {
        Leaf(Tape tape, double[] value, int[] shape) {
            super(tape, value, shape);
        }

        @Override
        void tangentForward() {
        }

        @Override
        void backward(boolean second) {
        }
    }
}
