package org.elbo4j.tensor;

import java.util.Arrays;
import org.elbo4j.linalg.Cholesky;
import org.elbo4j.linalg.TriangularSolve;

/**
 * Matrix decompositions and triangular solves with their gradients, over any leading batch
 * axes: the Cholesky factor, triangular solves and the diagonal. Values are computed in double
 * and rounded once to float32.
 *
 * <p>Gradients: for {@code A = L Lᵀ} (Murray 2016, "Differentiation of the Cholesky
 * decomposition"; PyTorch's {@code cholesky_backward}) with Ḡ = dL/dL,
 * {@code Φ = sym(tril(Lᵀ Ḡ))} with the diagonal halved, and {@code dA = L⁻ᵀ Φ L⁻¹}. For
 * {@code X = op(L)⁻¹ B}: {@code dB = op(L)⁻ᵀ dX} and {@code d op(L) = −dB Xᵀ}, kept on L's
 * triangle (the other triangle is never read, so its gradient is 0).
 *
 * <p>The factorisation and the substitutions are the double-precision kernels of
 * {@link org.elbo4j.linalg}, shared with the Bayesian fits.
 */
public final class Decompositions {

    private Decompositions() {
    }

    /**
     * The lower Cholesky factor L of the symmetric positive-definite matrix {@code sym(A) =
     * (A + Aᵀ)/2}, so that L Lᵀ = A for symmetric A; shape {@code [..., n, n]}.
     *
     * <p>The symmetrisation makes the returned gradient the exact gradient of the computed
     * function for any perturbation of A (it is the symmetric matrix dA above).
     *
     * @throws IllegalArgumentException when A is not square or a matrix of the batch is not
     *     positive definite (a pivot is ≤ 0 or NaN)
     */
    public static Tensor cholesky(Tensor a) {
        return OpHook.report(OpHook.Op.CHOLESKY, () -> plainCholesky(a), a);
    }

    private static Tensor plainCholesky(Tensor a) {
        int n = squareSide("cholesky", a);
        int nb = a.data.length / Math.max(1, n * n);
        double[] l = new double[a.data.length];
        for (int b = 0; b < nb; b++) {
            int off = b * n * n;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    l[off + i * n + j] = 0.5 * ((double) a.data[off + i * n + j] + a.data[off + j * n + i]);
                }
            }
            int pivot = Cholesky.factor(l, off, l, off, n, 0.0);
            if (pivot >= 0) {
                throw new IllegalArgumentException("cholesky: matrix " + (nb > 1 ? b + " of the batch " : "")
                        + "of shape " + Shape.str(a.shape) + " is not positive definite (pivot " + pivot
                        + " is " + l[off + pivot * n + pivot] + ")");
            }
        }
        return Tensor.result(toFloat(l), a.shape.clone(), "cholesky", g -> {
            double[] ga = new double[l.length];
            double[] phi = new double[n * n];
            for (int b = 0; b < nb; b++) {
                int off = b * n * n;
                // T = tril(Lᵀ Ḡ); Φ = (T + tril(T, −1)ᵀ)/2, symmetric with the diagonal halved.
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j <= i; j++) {
                        double t = 0;
                        for (int k = i; k < n; k++) {
                            t += l[off + k * n + i] * g.data[off + k * n + j];
                        }
                        phi[i * n + j] = 0.5 * t;
                        phi[j * n + i] = 0.5 * t;
                    }
                }
                // ga = L⁻ᵀ Φ L⁻¹: solve Lᵀ X = Φ, then Lᵀ Yᵀ = Xᵀ (Φ symmetric, so Y = L⁻ᵀ Φ L⁻¹).
                TriangularSolve.solve(l, off, n, phi, 0, n, true, true);
                transposeInPlace(phi, n);
                TriangularSolve.solve(l, off, n, phi, 0, n, true, true);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        ga[off + i * n + j] = 0.5 * (phi[i * n + j] + phi[j * n + i]);
                    }
                }
            }
            Autograd.accumulate(a, new Tensor(toFloat(ga), a.shape.clone()));
        }, a);
    }

    /**
     * X solving {@code op(L) X = B} for triangular L, where op transposes when {@code transpose}
     * is set; L is {@code [..., n, n]} (only its lower triangle is read when {@code lower}, else
     * its upper one), B is {@code [..., n, k]}. Batch axes must be equal, or of size 1 on one
     * side (reused for every batch entry).
     *
     * @throws IllegalArgumentException on mismatched shapes or a zero on L's diagonal
     */
    public static Tensor solveTriangular(Tensor lMat, Tensor b, boolean lower, boolean transpose) {
        return OpHook.report(OpHook.Op.SOLVE_TRIANGULAR, () -> plainSolveTriangular(lMat, b, lower, transpose), lMat, b, 0, 0, new int[] {lower ? 1 : 0, transpose ? 1 : 0});
    }

    private static Tensor plainSolveTriangular(Tensor lMat, Tensor b, boolean lower, boolean transpose) {
        int n = squareSide("solveTriangular", lMat);
        if (b.rank() < 2 || b.shape[b.rank() - 2] != n) {
            throw new IllegalArgumentException("solveTriangular: right-hand side of shape " + Shape.str(b.shape)
                    + " does not match matrix of shape " + Shape.str(lMat.shape));
        }
        int k = b.shape[b.rank() - 1];
        int[] batchL = Arrays.copyOf(lMat.shape, lMat.rank() - 2);
        int[] batchB = Arrays.copyOf(b.shape, b.rank() - 2);
        int nbL = Shape.size(batchL);
        int nbB = Shape.size(batchB);
        int[] batch;
        if (Shape.same(batchL, batchB) || nbL == 1 && batchB.length >= batchL.length) {
            batch = batchB;
        } else if (nbB == 1 && batchL.length >= batchB.length) {
            batch = batchL;
        } else {
            throw new IllegalArgumentException("solveTriangular: batch dimensions of shapes " + Shape.str(lMat.shape)
                    + " and " + Shape.str(b.shape) + " differ");
        }
        int nb = Shape.size(batch);
        double[] ld = new double[lMat.data.length];
        for (int i = 0; i < ld.length; i++) {
            ld[i] = lMat.data[i];
        }
        for (int bi = 0; bi < (nbL == 1 ? 1 : nb); bi++) {
            for (int i = 0; i < n; i++) {
                if (ld[bi * n * n + i * n + i] == 0) {
                    throw new IllegalArgumentException("solveTriangular: matrix of shape " + Shape.str(lMat.shape)
                            + " is singular (0 on the diagonal at " + i + ")");
                }
            }
        }
        int lStride = nbL == 1 ? 0 : n * n;
        int bStride = nbB == 1 ? 0 : n * k;
        double[] x = new double[nb * n * k];
        for (int bi = 0; bi < nb; bi++) {
            for (int i = 0; i < n * k; i++) {
                x[bi * n * k + i] = b.data[bi * bStride + i];
            }
            TriangularSolve.solve(ld, bi * lStride, n, x, bi * n * k, k, lower, transpose);
        }
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = n;
        outShape[batch.length + 1] = k;
        return Tensor.result(toFloat(x), outShape, "solveTriangular", g -> {
            double[] gb = new double[x.length];
            for (int i = 0; i < gb.length; i++) {
                gb[i] = g.data[i];
            }
            for (int bi = 0; bi < nb; bi++) {
                TriangularSolve.solve(ld, bi * lStride, n, gb, bi * n * k, k, lower, !transpose);
            }
            if (b.requiresGrad()) {
                Autograd.accumulate(b, new Tensor(toFloat(gb), outShape.clone()));
            }
            if (lMat.requiresGrad()) {
                int[] gShape = Arrays.copyOf(batch, batch.length + 2);
                gShape[batch.length] = n;
                gShape[batch.length + 1] = n;
                float[] gl = new float[nb * n * n];
                for (int bi = 0; bi < nb; bi++) {
                    int xo = bi * n * k;
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            if (lower ? j > i : j < i) {
                                continue;
                            }
                            // d op(L)[r][c] = −Σ_m dB[r][m] X[c][m]; entry (i, j) of L is op(L)[j][i] when transposed.
                            int r = transpose ? j : i;
                            int c = transpose ? i : j;
                            double s = 0;
                            for (int m = 0; m < k; m++) {
                                s -= gb[xo + r * k + m] * x[xo + c * k + m];
                            }
                            gl[bi * n * n + i * n + j] = (float) s;
                        }
                    }
                }
                Autograd.accumulate(lMat, new Tensor(gl, gShape));
            }
        }, lMat, b);
    }

    /** The diagonal of each matrix: {@code [..., n, n] → [..., n]}. */
    public static Tensor diagonal(Tensor x) {
        return OpHook.report(OpHook.Op.DIAGONAL, () -> plainDiagonal(x), x);
    }

    private static Tensor plainDiagonal(Tensor x) {
        int n = squareSide("diagonal", x);
        int nb = x.data.length / Math.max(1, n * n);
        float[] out = new float[nb * n];
        for (int b = 0; b < nb; b++) {
            for (int i = 0; i < n; i++) {
                out[b * n + i] = x.data[b * n * n + i * n + i];
            }
        }
        int[] outShape = Arrays.copyOf(x.shape, x.rank() - 1);
        return Tensor.result(out, outShape, "diagonal", g -> {
            float[] gx = new float[x.data.length];
            for (int b = 0; b < nb; b++) {
                for (int i = 0; i < n; i++) {
                    gx[b * n * n + i * n + i] = g.data[b * n + i];
                }
            }
            Autograd.accumulate(x, new Tensor(gx, x.shape.clone()));
        }, x);
    }

    private static int squareSide(String op, Tensor a) {
        if (a.rank() < 2 || a.shape[a.rank() - 1] != a.shape[a.rank() - 2]) {
            throw new IllegalArgumentException(op + ": expected square matrices [..., n, n], got shape "
                    + Shape.str(a.shape));
        }
        return a.shape[a.rank() - 1];
    }

    private static void transposeInPlace(double[] m, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double t = m[i * n + j];
                m[i * n + j] = m[j * n + i];
                m[j * n + i] = t;
            }
        }
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
