package org.elbo4j.autodiff;

import java.util.Arrays;
import org.elbo4j.linalg.Cholesky;
import org.elbo4j.linalg.TriangularSolve;

/**
 * The lower Cholesky factor L of {@code S = sym(A) = (A + Aᵀ)/2} for each matrix of a batch
 * {@code [..., n, n]}, as {@code tensor.Decompositions.cholesky} computes it. With
 * {@code Φ(X)} the lower triangle of X with its diagonal halved and {@code 𝒮(M)} the symmetric
 * matrix whose lower triangle is that of M/2 (Murray 2016, "Differentiation of the Cholesky
 * decomposition", eqs. 7–10):
 * <pre>
 *   L̇ = L Φ(L⁻¹ Ṡ L⁻ᵀ),                       Ṡ = sym(Ȧ),
 *   Ā += B,   B = L⁻ᵀ 𝒮(Lᵀ L̄) L⁻¹             (symmetric; only L̄'s lower triangle is read),
 *   Ā̇ += L⁻ᵀ 𝒮(Lᵀ L̄̇ + L̇ᵀ L̄) L⁻¹ − (C + Cᵀ),   C = B L̇ L⁻¹,
 * </pre>
 * the last line being the derivative of the map (L, L̄) ↦ B along (L̇, L̄̇), which
 * forward-over-reverse needs. A matrix that is not positive definite gets a NaN factor (its
 * particle's log density is then NaN, which the model's evaluator turns into −∞) rather than an
 * exception. Implementation note: the factorisation and every L⁻¹ are the double kernels of
 * {@code org.elbo4j.linalg}; no inverse is formed.
 */
final class CholeskyFactor extends Var {

    private final Var a;
    private final int n;

    private CholeskyFactor(Tape tape, Var a, double[] l, int n) {
        super(tape, l, a.shape);
        this.a = a;
        this.n = n;
    }

    static Var of(Var a) {
        int r = a.shape.length;
        if (r < 2 || a.shape[r - 1] != a.shape[r - 2]) {
            throw new IllegalArgumentException("autodiff: cholesky needs square matrices [..., n, n], got shape "
                    + Arrays.toString(a.shape));
        }
        int n = a.shape[r - 1];
        double[] l = new double[a.size()];
        for (int q = 0; q < batches(l.length, n); q++) {
            int off = q * n * n;
            double[] s = new double[n * n];
            symmetric(a.value, off, n, s);
            if (Cholesky.factor(s, 0, l, off, n, 0.0) >= 0) {
                Arrays.fill(l, off, off + n * n, Double.NaN);
            } else {
                for (int i = 0; i < n; i++) {
                    Arrays.fill(l, off + i * n + i + 1, off + (i + 1) * n, 0);
                }
            }
        }
        return new CholeskyFactor(a.tape, a, l, n);
    }

    private static int batches(int size, int n) {
        return n == 0 ? 0 : size / (n * n);
    }

    /** out = (m + mᵀ)/2 of the matrix at off. */
    private static void symmetric(double[] m, int off, int n, double[] out) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = 0.5 * (m[off + i * n + j] + m[off + j * n + i]);
            }
        }
    }

    @Override
    void tangentForward() {
        double[] x = new double[n * n];
        for (int q = 0; q < batches(value.length, n); q++) {
            int off = q * n * n;
            symmetric(a.tangent, off, n, x);
            sandwich(off, x, false);
            for (int i = 0; i < n; i++) {
                x[i * n + i] *= 0.5;
                Arrays.fill(x, i * n + i + 1, (i + 1) * n, 0);
            }
            product(value, off, false, x, 0, false, tangent, off);
        }
    }

    @Override
    void backward(boolean second) {
        double[] b = new double[n * n];
        double[] p = new double[n * n];
        double[] c = new double[n * n];
        for (int q = 0; q < batches(value.length, n); q++) {
            int off = q * n * n;
            halfLower(value, adjoint, off, b);
            sandwich(off, b, true);
            for (int i = 0; i < n * n; i++) {
                a.adjoint[off + i] += b[i];
            }
            if (!second) {
                continue;
            }
            halfLower(value, adjointTangent, off, p);
            halfLower(tangent, adjoint, off, c);
            for (int i = 0; i < n * n; i++) {
                p[i] += c[i];
            }
            sandwich(off, p, true);
            // Cᵀ = L⁻ᵀ (B L̇)ᵀ
            product(b, 0, false, tangent, off, false, c, 0);
            transpose(c);
            TriangularSolve.solve(value, off, n, c, 0, n, true, true);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a.adjointTangent[off + i * n + j] += p[i * n + j] - c[i * n + j] - c[j * n + i];
                }
            }
        }
    }

    /** out = 𝒮(Mᵀ G) for the lower-triangular M and G at off (G's lower triangle read). */
    private void halfLower(double[] m, double[] g, int off, double[] out) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double t = 0;
                for (int k = i; k < n; k++) {
                    t += m[off + k * n + i] * g[off + k * n + j];
                }
                out[i * n + j] = 0.5 * t;
                out[j * n + i] = 0.5 * t;
            }
        }
    }

    /**
     * x ← L⁻¹ x L⁻ᵀ, or L⁻ᵀ x L⁻¹ when {@code transposed}, for a symmetric x, symmetrised after (L at
     * off).
     */
    private void sandwich(int off, double[] x, boolean transposed) {
        TriangularSolve.solve(value, off, n, x, 0, n, true, transposed);
        transpose(x);
        TriangularSolve.solve(value, off, n, x, 0, n, true, transposed);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0.5 * (x[i * n + j] + x[j * n + i]);
                x[i * n + j] = s;
                x[j * n + i] = s;
            }
        }
    }

    /** out = x · y (n × n, row-major, at their offsets), op transposing where asked. */
    private void product(double[] x, int xo, boolean tx, double[] y, int yo, boolean ty, double[] out, int oo) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += x[xo + (tx ? k * n + i : i * n + k)] * y[yo + (ty ? j * n + k : k * n + j)];
                }
                out[oo + i * n + j] = s;
            }
        }
    }

    private void transpose(double[] m) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double t = m[i * n + j];
                m[i * n + j] = m[j * n + i];
                m[j * n + i] = t;
            }
        }
    }
}
