package org.elbo4j.autodiff;

import java.util.Arrays;
import org.elbo4j.linalg.TriangularSolve;

/**
 * The triangular solve {@code X = M⁻¹ B}, {@code M = op(T)} with T the lower (or upper) triangle
 * of each matrix of {@code [..., n, n]} and op transposing when asked, for right-hand sides
 * {@code [..., n, k]} of the same leading shape. With {@code W = M⁻ᵀ X̄}:
 * <pre>
 *   Ẋ = M⁻¹ (Ḃ − Ṁ X),   B̄ += W,   M̄ = −W Xᵀ,
 *   Ẇ = M⁻ᵀ (X̄̇ − Ṁᵀ W),   B̄̇ += Ẇ,   M̄̇ = −(Ẇ Xᵀ + W Ẋᵀ),
 * </pre>
 * M̄ and M̄̇ going back to T's triangle (transposed back when op transposes); the other triangle
 * is never read and gets no adjoint. Implementation note: forward and back substitution
 * ({@code org.elbo4j.linalg.TriangularSolve}), never an inverse (Golub &amp; Van Loan, "Matrix
 * Computations", 4th ed., §3.1).
 */
final class TriSolve extends Var {

    private final Var t;
    private final Var b;
    private final int n;
    private final int k;
    private final boolean lower;
    private final boolean trans;

    private TriSolve(Tape tape, Var t, Var b, int n, int k, boolean lower, boolean trans) {
        super(tape, b.value.clone(), b.shape);
        this.t = t;
        this.b = b;
        this.n = n;
        this.k = k;
        this.lower = lower;
        this.trans = trans;
        for (int q = 0; q < batches(); q++) {
            TriangularSolve.solve(t.value, q * n * n, n, value, q * n * k, k, lower, trans);
        }
    }

    /** {@code op(T)⁻¹ B}: T {@code [..., n, n]}, B {@code [..., n, k]}, the same leading shape. */
    static Var of(Var t, Var b, boolean lower, boolean transpose) {
        int rt = t.shape.length;
        int rb = b.shape.length;
        int n = rt < 2 ? -1 : t.shape[rt - 1];
        if (rt < 2 || t.shape[rt - 2] != n || rb != rt || b.shape[rb - 2] != n
                || !Arrays.equals(Arrays.copyOf(t.shape, rt - 2), Arrays.copyOf(b.shape, rb - 2))) {
            throw new IllegalArgumentException("autodiff: triangular solve needs T of shape [..., n, n] and B of"
                    + " shape [..., n, k], got " + Arrays.toString(t.shape) + " and " + Arrays.toString(b.shape));
        }
        return new TriSolve(Binary.tapeOf(t, b), t, b, n, b.shape[rb - 1], lower, transpose);
    }

    /** {@code L⁻¹ r} for lower-triangular L {@code [..., n, n]} and vectors r {@code [..., n]}. */
    static Var lower(Var l, Var r) {
        if (r.shape.length == 0) {
            throw new IllegalArgumentException("autodiff: triangular solve needs a right-hand side [..., n], got []");
        }
        int[] column = Arrays.copyOf(r.shape, r.shape.length + 1);
        column[r.shape.length] = 1;
        return Gather.reshape(of(l, Gather.reshape(r, column), true, false), r.shape);
    }

    private int batches() {
        return n == 0 ? 0 : t.size() / (n * n);
    }

    /** True when (i, j) is on T's triangle. */
    private boolean onTriangle(int i, int j) {
        return lower ? j <= i : j >= i;
    }

    /** out[q] −= op(tri(d))·x[q] (or its transpose op(tri(d))ᵀ·x[q] when {@code adjointSide}). */
    private void subtractProduct(double[] d, double[] x, double[] out, int q, boolean adjointSide) {
        int to = q * n * n;
        int xo = q * n * k;
        boolean tr = trans ^ adjointSide;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int r = tr ? j : i;
                int c = tr ? i : j;
                if (!onTriangle(r, c)) {
                    continue;
                }
                double m = d[to + r * n + c];
                for (int col = 0; col < k; col++) {
                    out[xo + i * k + col] -= m * x[xo + j * k + col];
                }
            }
        }
    }

    /** T's adjoint (triangle only) −= the matrix of M̄-terms w·xᵀ, transposed back when op transposes. */
    private void intoT(double[] w, double[] x, double[] out, int q) {
        int to = q * n * n;
        int xo = q * n * k;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (!onTriangle(i, j)) {
                    continue;
                }
                int r = trans ? j : i;
                int c = trans ? i : j;
                double s = 0;
                for (int col = 0; col < k; col++) {
                    s += w[xo + r * k + col] * x[xo + c * k + col];
                }
                out[to + i * n + j] -= s;
            }
        }
    }

    @Override
    void tangentForward() {
        if (b.isActive()) {
            System.arraycopy(b.tangent, 0, tangent, 0, tangent.length);
        } else {
            Arrays.fill(tangent, 0);
        }
        for (int q = 0; q < batches(); q++) {
            if (t.isActive()) {
                subtractProduct(t.tangent, value, tangent, q, false);
            }
            TriangularSolve.solve(t.value, q * n * n, n, tangent, q * n * k, k, lower, trans);
        }
    }

    @Override
    void backward(boolean second) {
        double[] w = adjoint.clone();
        double[] wt = second ? adjointTangent.clone() : null;
        for (int q = 0; q < batches(); q++) {
            TriangularSolve.solve(t.value, q * n * n, n, w, q * n * k, k, lower, !trans);
            if (second) {
                if (t.isActive()) {
                    subtractProduct(t.tangent, w, wt, q, true);
                }
                TriangularSolve.solve(t.value, q * n * n, n, wt, q * n * k, k, lower, !trans);
            }
        }
        if (b.isActive()) {
            for (int i = 0; i < w.length; i++) {
                b.adjoint[i] += w[i];
                if (second) {
                    b.adjointTangent[i] += wt[i];
                }
            }
        }
        if (t.isActive()) {
            for (int q = 0; q < batches(); q++) {
                intoT(w, value, t.adjoint, q);
                if (second) {
                    intoT(wt, value, t.adjointTangent, q);
                    intoT(w, tangent, t.adjointTangent, q);
                }
            }
        }
    }
}
