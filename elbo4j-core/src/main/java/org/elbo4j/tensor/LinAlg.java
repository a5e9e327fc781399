package org.elbo4j.tensor;

import org.elbo4j.tensor.kernel.Gemm;

/**
 * Matrix products on the {@link Gemm} kernel: {@code C = op(A) · op(B)} where op transposes the
 * last two axes when asked, over any leading batch axes. Batch axes must be equal, or absent
 * (or all 1) on one side, which then is reused for every batch entry.
 *
 * <p>Gradients, for G = dL/dC: d op(A) = G · op(B)ᵀ and d op(B) = op(A)ᵀ · G, each written as a
 * single kernel call with the right transpose flags so that no transposed copy is made.
 */
public final class LinAlg {

    private LinAlg() {
    }

    /** {@code op(a) · op(b)}; both of rank >= 2. */
    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        return OpHook.report(OpHook.Op.MATMUL, () -> product(a, b, transA, transB), new Tensor[] {a, b},
                transA ? 1 : 0, transB ? 1 : 0);
    }

    private static Tensor product(Tensor a, Tensor b, boolean transA, boolean transB) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException("matmul: operands must have rank >= 2, got shapes "
                    + Shape.str(a.shape) + " and " + Shape.str(b.shape));
        }
        int ra = a.rank();
        int rb = b.rank();
        int m = transA ? a.shape[ra - 1] : a.shape[ra - 2];
        int ka = transA ? a.shape[ra - 2] : a.shape[ra - 1];
        int kb = transB ? b.shape[rb - 1] : b.shape[rb - 2];
        int n = transB ? b.shape[rb - 2] : b.shape[rb - 1];
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: shapes " + Shape.str(a.shape)
                    + (transA ? "ᵀ" : "") + " and " + Shape.str(b.shape) + (transB ? "ᵀ" : "")
                    + " (" + ka + " vs " + kb + ")");
        }
        int k = ka;
        int[] batch = batchShape(a.shape, b.shape);
        int nbA = Shape.size(java.util.Arrays.copyOf(a.shape, ra - 2));
        int nbB = Shape.size(java.util.Arrays.copyOf(b.shape, rb - 2));
        int nb = Shape.size(batch);
        int[] outShape = java.util.Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        int aStride = nbA == 1 ? 0 : m * k;
        int bStride = nbB == 1 ? 0 : k * n;
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        float[] out = new float[nb * m * n];
        Gemm.gemmBatched(nb, transA, transB, m, n, k, a.data, 0, aStride, lda, b.data, 0, bStride, ldb,
                out, 0, m * n, n, false);
        return Tensor.result(out, outShape, "matmul", g -> {
            if (a.requiresGrad()) {
                float[] ga = new float[a.data.length];
                int gaStride = m * k;
                for (int i = 0; i < nb; i++) {
                    int aOff = aStride == 0 ? 0 : i * gaStride;
                    boolean acc = aStride == 0 && i > 0;
                    if (!transA) {
                        // dA[m×k] = G[m×n] · op(B)ᵀ
                        Gemm.gemm(false, !transB, m, k, n, g.data, i * m * n, n, b.data, i * bStride, ldb,
                                ga, aOff, k, acc);
                    } else {
                        // dA stored [k×m] = op(B)[k×n] · Gᵀ
                        Gemm.gemm(transB, true, k, m, n, b.data, i * bStride, ldb, g.data, i * m * n, n,
                                ga, aOff, m, acc);
                    }
                }
                Autograd.accumulate(a, new Tensor(ga, a.shape.clone()));
            }
            if (b.requiresGrad()) {
                float[] gb = new float[b.data.length];
                int gbStride = k * n;
                for (int i = 0; i < nb; i++) {
                    int bOff = bStride == 0 ? 0 : i * gbStride;
                    boolean acc = bStride == 0 && i > 0;
                    if (!transB) {
                        // dB[k×n] = op(A)ᵀ · G
                        Gemm.gemm(!transA, false, k, n, m, a.data, i * aStride, lda, g.data, i * m * n, n,
                                gb, bOff, n, acc);
                    } else {
                        // dB stored [n×k] = Gᵀ · op(A)
                        Gemm.gemm(true, transA, n, k, m, g.data, i * m * n, n, a.data, i * aStride, lda,
                                gb, bOff, k, acc);
                    }
                }
                Autograd.accumulate(b, new Tensor(gb, b.shape.clone()));
            }
        }, a, b);
    }

    /**
     * The batch shape of the product of operands of shapes {@code a} and {@code b} (rank ≥ 2 each):
     * their leading axes when equal, else the side with more than one batch entry (the other,
     * of one entry, is reused for each).
     *
     * @throws IllegalArgumentException when both sides have several batch entries and differ
     */
    public static int[] batchShape(int[] a, int[] b) {
        int[] batchA = java.util.Arrays.copyOf(a, a.length - 2);
        int[] batchB = java.util.Arrays.copyOf(b, b.length - 2);
        int nbA = Shape.size(batchA);
        int nbB = Shape.size(batchB);
        if (nbA == 1 && nbB == 1) {
            return batchB.length > batchA.length ? batchB : batchA;
        }
        if (Shape.same(batchA, batchB) || nbB == 1) {
            return batchA;
        }
        if (nbA == 1) {
            return batchB;
        }
        throw new IllegalArgumentException("matmul: batch dimensions of shapes " + Shape.str(a) + " and "
                + Shape.str(b) + " differ");
    }

    /** {@code a · b}. */
    public static Tensor matmul(Tensor a, Tensor b) {
        return matmul(a, b, false, false);
    }
}
