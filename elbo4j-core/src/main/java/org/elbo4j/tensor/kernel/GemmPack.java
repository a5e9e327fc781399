package org.elbo4j.tensor.kernel;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packing of {@link VectorGemm}: copies a k-range of op(A) and op(B) into the panel layouts the
 * {@link GemmKernel} streams through, whatever the transposes of the stored matrices.
 *
 * <ul>
 *   <li>A panel {@code ip} (rows {@code ip*MR ..}): {@code dst[base + p*MR + r] = A[ip*MR + r][k0 + p]};</li>
 *   <li>B panel {@code jp} (columns {@code jp*NR ..}): {@code dst[base + p*NR + j] = B[k0 + p][jp*NR + j]}.</li>
 * </ul>
 *
 * Rows of A past {@code m} and columns of B past {@code n} are packed as zeros, so edge tiles run
 * the same full-size kernel. Panel {@code ip} of A starts at {@code dOff + ip*len*MR}, panel
 * {@code jp} of B at {@code dOff + jp*len*NR}. When the packed direction is contiguous in memory
 * (B not transposed, A transposed) packing is a plain copy; otherwise it is a transpose.
 */
final class GemmPack {

    private static final int MR = GemmKernel.MR;
    private static final int NR = GemmKernel.NR;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;

    private GemmPack() {
    }

    /** Packs row panels {@code [ip0, ip1)} of the m-row view {@code a}, columns {@code [k0, k0+len)}. */
    static void packA(GemmOperand a, int m, int k0, int len, int ip0, int ip1, float[] dst, int dOff) {
        float[] src = a.data();
        int rs = a.rowStride();
        int cs = a.colStride();
        for (int ip = ip0; ip < ip1; ip++) {
            int i0 = ip * MR;
            int rows = Math.min(MR, m - i0);
            int d = dOff + ip * len * MR;
            if (rs == 1) {
                // rows of the panel are contiguous for each p: copy MR floats per step
                int s = a.offset() + i0 + k0 * cs;
                if (rows == MR) {
                    for (int p = 0; p < len; p++, s += cs, d += MR) {
                        System.arraycopy(src, s, dst, d, MR);
                    }
                } else {
                    for (int p = 0; p < len; p++, s += cs, d += MR) {
                        System.arraycopy(src, s, dst, d, rows);
                        Arrays.fill(dst, d + rows, d + MR, 0f);
                    }
                }
            } else {
                // each row is a stream along p: write it with stride MR
                for (int r = 0; r < rows; r++) {
                    int s = a.offset() + (i0 + r) * rs + k0 * cs;
                    for (int p = 0, o = d + r; p < len; p++, s += cs, o += MR) {
                        dst[o] = src[s];
                    }
                }
                for (int r = rows; r < MR; r++) {
                    for (int p = 0, o = d + r; p < len; p++, o += MR) {
                        dst[o] = 0f;
                    }
                }
            }
        }
    }

    /** Packs column panels {@code [jp0, jp1)} of the n-column view {@code b}, rows {@code [k0, k0+len)}. */
    static void packB(GemmOperand b, int n, int k0, int len, int jp0, int jp1, float[] dst, int dOff) {
        float[] src = b.data();
        int rs = b.rowStride();
        int cs = b.colStride();
        for (int jp = jp0; jp < jp1; jp++) {
            int j0 = jp * NR;
            int cols = Math.min(NR, n - j0);
            int d = dOff + jp * len * NR;
            if (cs == 1) {
                // each row of the panel is contiguous: two vector copies per step
                int s = b.offset() + k0 * rs + j0;
                if (cols == NR) {
                    for (int p = 0; p < len; p++, s += rs, d += NR) {
                        FloatVector.fromArray(S, src, s).intoArray(dst, d);
                        FloatVector.fromArray(S, src, s + 16).intoArray(dst, d + 16);
                    }
                } else {
                    for (int p = 0; p < len; p++, s += rs, d += NR) {
                        System.arraycopy(src, s, dst, d, cols);
                        Arrays.fill(dst, d + cols, d + NR, 0f);
                    }
                }
            } else {
                // each column is a stream along p: write it with stride NR
                for (int j = 0; j < cols; j++) {
                    int s = b.offset() + k0 * rs + (j0 + j) * cs;
                    for (int p = 0, o = d + j; p < len; p++, s += rs, o += NR) {
                        dst[o] = src[s];
                    }
                }
                if (cols < NR) {
                    for (int p = 0, o = d; p < len; p++, o += NR) {
                        Arrays.fill(dst, o + cols, o + NR, 0f);
                    }
                }
            }
        }
    }
}
