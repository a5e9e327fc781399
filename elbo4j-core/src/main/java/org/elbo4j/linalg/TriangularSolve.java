package org.elbo4j.linalg;

/**
 * Forward and back substitution with a triangular n×n matrix T against an n×k block X, in
 * double, overwriting X with {@code op(T)⁻¹ X}, where op(T) is T or Tᵀ:
 *
 * <pre>  forward (op(T) lower):  X_ic ← (X_ic − Σ_{j&lt;i} op(T)_ij X_jc) / T_ii,   i = 0, 1, …, n−1
 *   back    (op(T) upper):  X_ic ← (X_ic − Σ_{j&gt;i} op(T)_ij X_jc) / T_ii,   i = n−1, …, 0</pre>
 *
 * <p>Only the triangle of T named by {@code lower} is read. The sums run over j in increasing
 * order in both directions. Each column of X is solved independently, so solving a block gives
 * the same numbers as solving its columns one by one. A zero on the diagonal gives ±∞ or NaN:
 * callers that must reject singular matrices check the diagonal first.
 */
public final class TriangularSolve {

    private TriangularSolve() {
    }

    /**
     * Overwrites the n×k block of {@code x} at {@code xOffset} with {@code op(T)⁻¹ X}, where T is
     * the n×n matrix of {@code t} at {@code tOffset}, lower triangular when {@code lower} (else
     * upper), and op transposes it when {@code transpose} is set.
     */
    public static void solve(double[] t, int tOffset, int n, double[] x, int xOffset, int k, boolean lower,
            boolean transpose) {
        boolean forward = lower != transpose;
        for (int step = 0; step < n; step++) {
            int i = forward ? step : n - 1 - step;
            int from = forward ? 0 : i + 1;
            int to = forward ? i : n;
            double diagonal = t[tOffset + i * n + i];
            for (int c = 0; c < k; c++) {
                double s = x[xOffset + i * k + c];
                for (int j = from; j < to; j++) {
                    double tij = transpose ? t[tOffset + j * n + i] : t[tOffset + i * n + j];
                    s -= tij * x[xOffset + j * k + c];
                }
                x[xOffset + i * k + c] = s / diagonal;
            }
        }
    }
}
