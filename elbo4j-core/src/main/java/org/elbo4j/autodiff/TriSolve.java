package org.elbo4j.autodiff;

import java.util.Arrays;

/**
 * The lower-triangular solve {@code z = L⁻¹ r} for each batch entry (L of shape {@code [..., n, n]},
 * only its lower triangle read; r of shape {@code [..., n]}, the same leading shape). With
 * {@code w = L⁻ᵀ z̄}:
 * <pre>
 *   ż = L⁻¹ (ṙ − L̇ z),   r̄ += w,   L̄_ij += −w_i z_j  (j ≤ i),
 *   ẇ = L⁻ᵀ (z̄̇ − L̇ᵀ w),   r̄̇ += ẇ,   L̄̇_ij += −(ẇ_i z_j + w_i ż_j)  (j ≤ i).
 * </pre>
 * Implementation note: forward and back substitution, never an inverse (Golub &amp; Van Loan,
 * "Matrix Computations", 4th ed., §3.1).
 */
final class TriSolve extends Var {

    private final Var l;
    private final Var r;
    private final int n;

    private TriSolve(Tape tape, Var l, Var r, int n) {
        super(tape, new double[r.size()], r.shape);
        this.l = l;
        this.r = r;
        this.n = n;
        for (int q = 0; q < r.size() / Math.max(1, n); q++) {
            forward(q, r.value, null, value);
        }
    }

    static Var of(Var l, Var r) {
        int rl = l.shape.length;
        int n = rl < 2 ? -1 : l.shape[rl - 1];
        if (rl < 2 || l.shape[rl - 2] != n || r.shape.length != rl - 1
                || !Arrays.equals(Arrays.copyOf(l.shape, rl - 1), r.shape)) {
            throw new IllegalArgumentException("autodiff: triangular solve needs L of shape [..., n, n] and r of"
                    + " shape [..., n], got " + Arrays.toString(l.shape) + " and " + Arrays.toString(r.shape));
        }
        return new TriSolve(Binary.tapeOf(l, r), l, r, n);
    }

    /** out = L⁻¹ (rhs − extra·z) for batch entry q, extra the lower triangle of a matrix (or null). */
    private void forward(int q, double[] rhs, double[] extra, double[] out) {
        int lo = q * n * n;
        int vo = q * n;
        for (int i = 0; i < n; i++) {
            double s = rhs == null ? 0 : rhs[vo + i];
            for (int j = 0; j <= i && extra != null; j++) {
                s -= extra[lo + i * n + j] * value[vo + j];
            }
            for (int j = 0; j < i; j++) {
                s -= l.value[lo + i * n + j] * out[vo + j];
            }
            out[vo + i] = s / l.value[lo + i * n + i];
        }
    }

    /** out = L⁻ᵀ (rhs − extraᵀ w) for batch entry q (extra null for none). */
    private void backSubstitute(int q, double[] rhs, double[] extra, double[] w, double[] out) {
        int lo = q * n * n;
        int vo = q * n;
        for (int i = n - 1; i >= 0; i--) {
            double s = rhs[vo + i];
            for (int j = i; j < n && extra != null; j++) {
                s -= extra[lo + j * n + i] * w[vo + j];
            }
            for (int j = i + 1; j < n; j++) {
                s -= l.value[lo + j * n + i] * out[vo + j];
            }
            out[vo + i] = s / l.value[lo + i * n + i];
        }
    }

    @Override
    void tangentForward() {
        for (int q = 0; q < value.length / Math.max(1, n); q++) {
            forward(q, r.isActive() ? r.tangent : null, l.isActive() ? l.tangent : null, tangent);
        }
    }

    @Override
    void backward(boolean second) {
        double[] w = new double[value.length];
        double[] wt = second ? new double[value.length] : null;
        for (int q = 0; q < value.length / Math.max(1, n); q++) {
            backSubstitute(q, adjoint, null, null, w);
            if (second) {
                backSubstitute(q, adjointTangent, l.isActive() ? l.tangent : null, w, wt);
            }
        }
        if (r.isActive()) {
            for (int i = 0; i < value.length; i++) {
                r.adjoint[i] += w[i];
                if (second) {
                    r.adjointTangent[i] += wt[i];
                }
            }
        }
        if (l.isActive()) {
            for (int q = 0; q < value.length / Math.max(1, n); q++) {
                int lo = q * n * n;
                int vo = q * n;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j <= i; j++) {
                        l.adjoint[lo + i * n + j] -= w[vo + i] * value[vo + j];
                        if (second) {
                            l.adjointTangent[lo + i * n + j] -= wt[vo + i] * value[vo + j] + w[vo + i] * tangent[vo + j];
                        }
                    }
                }
            }
        }
    }
}
