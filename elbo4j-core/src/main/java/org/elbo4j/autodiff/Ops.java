package org.elbo4j.autodiff;

import java.util.List;

/**
 * The operations of the tape, as static functions (the {@link Var} shorthands call these). Each
 * returns a constant when no input depends on a leaf. Shapes broadcast as in NumPy.
 */
public final class Ops {

    private Ops() {
    }

    public static Var add(Var a, Var b) { return Binary.add(a, b); }
    public static Var sub(Var a, Var b) { return Binary.sub(a, b); }
    public static Var mul(Var a, Var b) { return Binary.mul(a, b); }
    public static Var div(Var a, Var b) { return Binary.div(a, b); }
    /** a^b for a &gt; 0 (the b-partials use ln a). */
    public static Var pow(Var a, Var b) { return Binary.pow(a, b); }
    /** {@code a x + c}. */
    public static Var affine(Var x, double a, double c) { return Unary.affine(x, a, c); }
    public static Var exp(Var x) { return Unary.exp(x); }
    public static Var log(Var x) { return Unary.log(x); }
    public static Var log1p(Var x) { return Unary.log1p(x); }
    public static Var expm1(Var x) { return Unary.expm1(x); }
    public static Var sqrt(Var x) { return Unary.sqrt(x); }
    public static Var square(Var x) { return Unary.square(x); }
    public static Var abs(Var x) { return Unary.abs(x); }
    public static Var tanh(Var x) { return Unary.tanh(x); }
    public static Var sigmoid(Var x) { return Unary.sigmoid(x); }
    public static Var logSigmoid(Var x) { return Unary.logSigmoid(x); }
    public static Var softplus(Var x) { return Unary.softplus(x); }
    public static Var relu(Var x) { return Unary.relu(x); }
    public static Var lgamma(Var x) { return Unary.lgamma(x); }
    /** {@code x^p} for a constant p. */
    public static Var pow(Var x, double p) { return Unary.powScalar(x, p); }
    public static Var clamp(Var x, double lo, double hi) { return Unary.clamp(x, lo, hi); }
    public static Var reshape(Var x, int... shape) { return Gather.reshape(x, shape); }
    public static Var expand(Var x, int... shape) { return Gather.expand(x, shape); }
    public static Var permute(Var x, int... axes) { return Gather.permute(x, axes); }
    public static Var transpose(Var x, int a, int b) { return Gather.transpose(x, a, b); }
    public static Var indexSelect(Var x, int axis, int[] index) { return Gather.indexSelect(x, axis, index); }
    public static Var slice(Var x, int axis, int start, int end) { return Gather.slice(x, axis, start, end); }
    /** {@code op(a) · op(b)} over the last two axes, op transposing when asked; batch axes as {@code tensor.LinAlg}. */
    public static Var matmul(Var a, Var b, boolean transA, boolean transB) { return MatMul.of(a, b, transA, transB); }
    public static Var matmul(Var a, Var b) { return MatMul.of(a, b, false, false); }
    /** {@code log Σ exp x} along {@code axis}. */
    public static Var logSumExp(Var x, int axis, boolean keepDim) { return LogSumExp.of(x, axis, keepDim); }
    /** {@code x − logSumExp(x)} along {@code axis}. */
    public static Var logSoftmax(Var x, int axis) { return x.sub(LogSumExp.of(x, axis, true)); }
    public static Var softmax(Var x, int axis) { return logSoftmax(x, axis).exp(); }
    /** The maximum along {@code axis}, derivatives through the first maximal element (a NaN wins). */
    public static Var max(Var x, int axis, boolean keepDim) { return Gather.max(x, axis, keepDim); }
    public static Var concat(List<Var> parts, int axis) { return Pick.concat(parts, axis); }
    public static Var stack(List<Var> parts, int axis) { return Pick.stack(parts, axis); }
    /** {@code condition_i ≠ 0 ? a_i : b_i}, broadcast; the condition is data. */
    public static Var where(double[] condition, int[] conditionShape, Var a, Var b) {
        return Pick.where(condition, conditionShape, a, b);
    }
    /**
     * {@code y[..., i, ...] = x[..., index[..., i, ...], ...]} along {@code axis}, the integer
     * {@code index} of shape {@code indexShape} (x's shape but along the axis).
     */
    public static Var gather(Var x, int axis, int[] index, int[] indexShape) { return Gather.gather(x, axis, index, indexShape); }
    /** {@code L⁻¹ r} for lower-triangular L {@code [..., n, n]} and r {@code [..., n]}. */
    public static Var solveLower(Var l, Var r) { return TriSolve.lower(l, r); }
    /**
     * {@code op(T)⁻¹ B} for T {@code [..., n, n]} read on its lower (else upper) triangle, op
     * transposing when asked, and B {@code [..., n, k]} of the same leading shape.
     */
    public static Var solveTriangular(Var t, Var b, boolean lower, boolean transpose) {
        return TriSolve.of(t, b, lower, transpose);
    }
    /** The lower Cholesky factor of {@code (A + Aᵀ)/2}, A {@code [..., n, n]} (NaN if not positive definite). */
    public static Var cholesky(Var a) { return CholeskyFactor.of(a); }
    /** The diagonal of each matrix, {@code [..., n, n] → [..., n]}. */
    public static Var diagonal(Var m) { return TapeMultivariate.diagonal(m, 0); }
    public static Var reciprocal(Var x) { return Unary.reciprocal(x); }
    public static Var digamma(Var x) { return Unary.digamma(x); }
    /** The sum of x down to {@code shape}, which must broadcast to x's shape. */
    public static Var sumTo(Var x, int... shape) { return SumTo.to(x, shape); }
    public static Var sum(Var x, int axis, boolean keepDim) { return SumTo.axis(x, axis, keepDim); }
    /** The sum of all elements, shape {@code []}. */
    public static Var sum(Var x) { return SumTo.all(x); }
}
