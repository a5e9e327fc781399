package org.elbo4j.tensor.kernel;

/**
 * The plain-Java path of {@link Gemm}, used when the Vector API is off and for tiny products.
 *
 * <p>Each row of C is accumulated in float in a row buffer, {@code acc[j] = sum_p A[i][p] * B[p][j]}
 * with p ascending (a multiply and an add per step, no FMA), then written as
 * {@code C[i][j] = acc[j]} or {@code C[i][j] + acc[j]}. When the rows of op(B) are contiguous the
 * update runs along j (an axpy that C2 auto-vectorizes); otherwise each element is a dot product
 * along p. Rows are split into tasks by problem size only, so results do not depend on the
 * thread count.
 */
final class ScalarGemm {

    /** Products below this many flops run on the calling thread. */
    static final long SERIAL_FLOPS = 1L << 20;
    /** Target flops of one task. */
    static final long TASK_FLOPS = 1L << 21;
    private static final int MAX_TASKS = 64;

    private ScalarGemm() {
    }

    /** Same contract as {@link VectorGemm#gemm}. */
    static void gemm(int batch, int m, int n, int k, GemmOperand a, long aStride, GemmOperand b, long bStride,
                     float[] c, int cOff, long cStride, int ldc, boolean accumulate) {
        long flops = 2L * m * n * k;
        if (flops * batch < SERIAL_FLOPS) {
            for (int e = 0; e < batch; e++) {
                rows(0, m, n, k, a.shifted(e * aStride), b.shifted(e * bStride),
                        c, Math.toIntExact(cOff + e * cStride), ldc, accumulate);
            }
            return;
        }
        int per = (int) Math.max(1, Math.min(Math.min(m, MAX_TASKS), flops / TASK_FLOPS));
        if ((long) batch * per > Integer.MAX_VALUE) {
            per = 1;
        }
        int parts = per;
        Parallel.forEachTask(batch * parts, t -> {
            int e = t / parts;
            int part = t % parts;
            rows((int) ((long) m * part / parts), (int) ((long) m * (part + 1) / parts), n, k,
                    a.shifted(e * aStride), b.shifted(e * bStride),
                    c, Math.toIntExact(cOff + e * cStride), ldc, accumulate);
        });
    }

    private static void rows(int i0, int i1, int n, int k, GemmOperand a, GemmOperand b,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        float[] ad = a.data();
        float[] bd = b.data();
        int ars = a.rowStride();
        int acs = a.colStride();
        int brs = b.rowStride();
        int bcs = b.colStride();
        float[] acc = new float[n];
        for (int i = i0; i < i1; i++) {
            int ai = a.offset() + i * ars;
            if (bcs == 1) {
                java.util.Arrays.fill(acc, 0f);
                for (int p = 0; p < k; p++) {
                    float aip = ad[ai + p * acs];
                    int bp = b.offset() + p * brs;
                    for (int j = 0; j < n; j++) {
                        acc[j] += aip * bd[bp + j];
                    }
                }
            } else {
                for (int j = 0; j < n; j++) {
                    int bj = b.offset() + j * bcs;
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        s += ad[ai + p * acs] * bd[bj + p * brs];
                    }
                    acc[j] = s;
                }
            }
            int ci = cOff + i * ldc;
            if (accumulate) {
                for (int j = 0; j < n; j++) {
                    c[ci + j] += acc[j];
                }
            } else {
                System.arraycopy(acc, 0, c, ci, n);
            }
        }
    }
}
