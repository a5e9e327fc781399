package org.elbo4j.tensor.kernel;

import java.util.Arrays;

/**
 * General matrix multiply on row-major float arrays, single or batched:
 *
 * <pre>
 *   C = op(A) op(B)          (accumulate = false)
 *   C = C + op(A) op(B)      (accumulate = true)
 *   op(A)[i][p] = transA ? a[aOff + p*lda + i] : a[aOff + i*lda + p]      (m x k)
 *   op(B)[p][j] = transB ? b[bOff + j*ldb + p] : b[bOff + p*ldb + j]      (k x n)
 *   C[i][j]     = c[cOff + i*ldc + j]                                      (m x n)
 * </pre>
 *
 * <p>So the stored A is m x k (lda &gt;= k) or, if transA, k x m (lda &gt;= m); likewise B. With
 * k = 0 the product is the zero matrix. Sums are accumulated in float (as BLAS sgemm does) in an
 * order fixed by (m, n, k), so the result does not depend on {@link Parallel#threads()}; the vector
 * and scalar paths ({@link Simd#enabled()}) may differ in the last bits (the vector path uses
 * fused multiply-adds). The error of each element is bounded by about
 * {@code k * 2^-24 * sum_p |A[i][p]| |B[p][j]|} (Higham, Accuracy and Stability of Numerical
 * Algorithms, 2nd ed., section 3.5), and is typically of order {@code sqrt(k)} times less.
 *
 * <p>Layout convention of elbo4j: a Linear layer stores its weight W as [in x out], so for a batch
 * X [B x in] the forward pass is {@code gemm(false, false, B, out, in, X, W)}, the input gradient
 * {@code dX = dY W^T} is {@code gemm(false, true, B, in, out, dY, W)} and the weight gradient
 * {@code dW = X^T dY} is {@code gemm(true, false, in, out, B, X, dY)}.
 *
 * <p>C must not overlap A or B. Arguments are checked before anything is written; a bad one throws
 * {@link IllegalArgumentException} naming it and its value.
 */
public final class Gemm {

    /** Products with m*n*k below this take the plain loop on the calling thread even with SIMD on. */
    static final long SMALL_VOLUME = 1L << 15;

    private Gemm() {
    }

    /**
     * The kernel products take on this JVM: {@code "512-bit 12x32"} (vector width and register
     * tile of the {@link VectorWidth} family) or {@code "scalar"}.
     */
    public static String kernel() {
        return Simd.enabled() && VectorGemm.supported() ? GemmMicroKernel.active().describe() : "scalar";
    }

    /**
     * {@code C = op(A) op(B)} (plus C if {@code accumulate}); row-major; op(A) is m x k, op(B) is
     * k x n. Stored A is m x k (lda &gt;= k) or, if transA, k x m (lda &gt;= m); likewise B.
     *
     * @throws IllegalArgumentException on a negative size or offset, a leading dimension too
     *                                  small, an array too short, or C overlapping A or B
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        gemmBatched(1, transA, transB, m, n, k, a, aOff, 0, lda, b, bOff, 0, ldb, c, cOff, 0, ldc, accumulate);
    }

    /**
     * The same for {@code batch} independent products: product e reads A at
     * {@code aOff + e*aStride}, B at {@code bOff + e*bStride} and writes C at
     * {@code cOff + e*cStride}. A stride of 0 reuses one operand for every entry (broadcasting);
     * cStride must not be 0 when batch &gt; 1, and the C matrices of different entries must not
     * overlap.
     *
     * @throws IllegalArgumentException as {@link #gemm}, or on a negative batch or stride, or a
     *                                  zero cStride with batch &gt; 1
     */
    public static void gemmBatched(int batch, boolean transA, boolean transB, int m, int n, int k,
                                   float[] a, int aOff, int aStride, int lda,
                                   float[] b, int bOff, int bStride, int ldb,
                                   float[] c, int cOff, int cStride, int ldc, boolean accumulate) {
        GemmChecks.check(batch, transA, transB, m, n, k, a, aOff, aStride, lda, b, bOff, bStride, ldb,
                c, cOff, cStride, ldc);
        if (batch == 0 || m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int e = 0; e < batch; e++) {
                    for (int i = 0; i < m; i++) {
                        int row = cOff + e * cStride + i * ldc;
                        Arrays.fill(c, row, row + n, 0f);
                    }
                }
            }
            return;
        }
        GemmOperand av = GemmOperand.of(transA, a, aOff, lda);
        GemmOperand bv = GemmOperand.of(transB, b, bOff, ldb);
        if (Simd.enabled() && (long) m * n * k >= SMALL_VOLUME && VectorGemm.supported()) {
            VectorGemm.gemm(batch, m, n, k, av, aStride, bv, bStride, c, cOff, cStride, ldc, accumulate);
        } else {
            ScalarGemm.gemm(batch, m, n, k, av, aStride, bv, bStride, c, cOff, cStride, ldc, accumulate);
        }
    }
}
