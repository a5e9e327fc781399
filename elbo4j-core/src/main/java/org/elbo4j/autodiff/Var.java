package org.elbo4j.autodiff;

import java.util.Arrays;

/**
 * A node of a {@link Tape}: a dense row-major double array with its shape, and the four arrays of
 * second-order reverse mode (forward-over-reverse, as in Griewank &amp; Walther, "Evaluating
 * Derivatives", 2008, ch. 5):
 * <pre>
 *   value v,   tangent v̇ = (∂v/∂x)·ẋ,   adjoint v̄ = ∂L/∂v,   adjoint tangent v̄̇ = (∂v̄/∂x)·ẋ,
 * </pre>
 * so that after a forward tangent sweep with direction ẋ on the leaf x and a reverse sweep seeded
 * with L̄ = 1, L̄̇ = 0, the leaf holds x̄ = ∇L and x̄̇ = ∇²L·ẋ (a Hessian-vector product).
 *
 * <p>Each operation is one subclass with its forward, its tangent rule and its backward rule side
 * by side. A node none of whose inputs depends on a leaf is a constant: it is evaluated and
 * kept off the tape, so data-only arithmetic costs nothing in the sweeps.
 */
public abstract class Var {

    final Tape tape;
    final double[] value;
    final int[] shape;
    double[] tangent;
    double[] adjoint;
    double[] adjointTangent;

    /** A node on {@code tape} (null for a constant), recorded in creation order. */
    Var(Tape tape, double[] value, int[] shape) {
        this.tape = tape;
        this.value = value;
        this.shape = shape;
        if (tape != null) {
            tape.record(this);
        }
    }

    /** True when the node depends on a leaf (it is on a tape). */
    public final boolean isActive() {
        return tape != null;
    }

    /** The values (the node's own array: do not write). */
    public final double[] value() {
        return value;
    }

    /** The shape (a copy). */
    public final int[] shape() {
        return shape.clone();
    }

    /** The number of elements. */
    public final int size() {
        return value.length;
    }

    /** The adjoint ∂L/∂v after a reverse sweep (null before one, or for a constant). */
    public final double[] adjoint() {
        return adjoint;
    }

    /** v̇ from the inputs' tangents (forward sweep). */
    abstract void tangentForward();

    /** Adds this node's adjoint (and, when {@code second}, adjoint tangent) into its inputs. */
    abstract void backward(boolean second);

    /** Allocates or clears the sweep arrays. */
    final void clear(boolean second) {
        if (adjoint == null) {
            adjoint = new double[value.length];
        } else {
            Arrays.fill(adjoint, 0);
        }
        if (second) {
            if (tangent == null) {
                tangent = new double[value.length];
                adjointTangent = new double[value.length];
            } else {
                Arrays.fill(tangent, 0);
                Arrays.fill(adjointTangent, 0);
            }
        }
    }

    /** The tangent of an input: zeros for a constant. */
    static double tangentOf(Var v, int i) {
        return v.tape == null ? 0 : v.tangent[i];
    }

    // ------------------------------------------------------------------ shorthands

    public Var add(Var o) { return Binary.add(this, o); }
    public Var sub(Var o) { return Binary.sub(this, o); }
    public Var mul(Var o) { return Binary.mul(this, o); }
    public Var div(Var o) { return Binary.div(this, o); }
    public Var pow(Var o) { return Binary.pow(this, o); }
    public Var add(double c) { return Unary.affine(this, 1, c); }
    public Var mul(double c) { return Unary.affine(this, c, 0); }
    public Var neg() { return Unary.affine(this, -1, 0); }
    public Var exp() { return Unary.exp(this); }
    public Var log() { return Unary.log(this); }
    public Var log1p() { return Unary.log1p(this); }
    public Var square() { return Unary.square(this); }
    public Var abs() { return Unary.abs(this); }
    public Var softplus() { return Unary.softplus(this); }
    public Var lgamma() { return Unary.lgamma(this); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append(Arrays.toString(shape)).append(' ');
        sb.append(Arrays.toString(Arrays.copyOf(value, Math.min(value.length, 6))));
        return sb.toString();
    }
}
