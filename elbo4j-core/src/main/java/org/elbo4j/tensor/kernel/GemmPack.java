package org.elbo4j.tensor.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packing of {@link VectorGemm}: copies a k-range of op(A) and op(B) into the panel layouts the
 * {@link GemmMicroKernel} streams through, whatever the transposes of the stored matrices.
 *
 * <ul>
 *   <li>A panel {@code ip} (rows {@code ip*mr ..}): {@code dst[base + p*mr + r] = A[ip*mr + r][k0 + p]};</li>
 *   <li>B panel {@code jp} (columns {@code jp*nr ..}): {@code dst[base + p*nr + j] = B[k0 + p][jp*nr + j]}.</li>
 * </ul>
 *
 * Rows of A past {@code m} and columns of B past {@code n} are packed as zeros, so edge tiles run
 * the same full-size kernel. Panel {@code ip} of A starts at {@code dOff + ip*len*mr}, panel
 * {@code jp} of B at {@code dOff + jp*len*nr}. When the packed direction is contiguous in memory
 * (B not transposed, A transposed) packing is a plain copy; otherwise it is a transpose.
 */
final class GemmPack {

    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int LANES = S.length();

    /** Steps of p per chunk of a transposing pack (a chunk of a 32-wide panel is 8 KiB). */
    private static final int BLOCK = 64;

    private GemmPack() {
    }

    /** Packs row panels {@code [ip0, ip1)} of mr rows of the m-row view {@code a}, columns {@code [k0, k0+len)}. */
    static void packA(int mr, GemmOperand a, int m, int k0, int len, int ip0, int ip1, float[] dst, int dOff) {
        float[] src = a.data();
        int rs = a.rowStride();
        int cs = a.colStride();
        for (int ip = ip0; ip < ip1; ip++) {
            int i0 = ip * mr;
            int rows = Math.min(mr, m - i0);
            int d = dOff + ip * len * mr;
            int s = a.offset() + i0 * rs + k0 * cs;
            if (rs == 1) {
                // the panel's rows are contiguous for each p: copy them
                for (int p = 0; p < len; p++, s += cs, d += mr) {
                    for (int r = 0; r < rows; r++) {
                        dst[d + r] = src[s + r];
                    }
                    for (int r = rows; r < mr; r++) {
                        dst[d + r] = 0f;
                    }
                }
            } else {
                // a transpose, in chunks of BLOCK steps of p so the written chunk stays in L1
                for (int p0 = 0; p0 < len; p0 += BLOCK) {
                    int p1 = Math.min(len, p0 + BLOCK);
                    for (int r = 0; r < mr; r++) {
                        int o = d + p0 * mr + r;
                        if (r < rows) {
                            int x = s + r * rs + p0 * cs;
                            for (int p = p0; p < p1; p++, x += cs, o += mr) {
                                dst[o] = src[x];
                            }
                        } else {
                            for (int p = p0; p < p1; p++, o += mr) {
                                dst[o] = 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /** Packs column panels {@code [jp0, jp1)} of nr columns of the n-column view {@code b}, rows {@code [k0, k0+len)}. */
    static void packB(int nr, GemmOperand b, int n, int k0, int len, int jp0, int jp1, float[] dst, int dOff) {
        float[] src = b.data();
        int rs = b.rowStride();
        int cs = b.colStride();
        for (int jp = jp0; jp < jp1; jp++) {
            int j0 = jp * nr;
            int cols = Math.min(nr, n - j0);
            int d = dOff + jp * len * nr;
            int s = b.offset() + k0 * rs + j0 * cs;
            if (cs == 1) {
                // each row of the panel is contiguous: vector copies, the last columns one by one, then
                // zeros (measured: a plain loop or System.arraycopy per row made packing 1.7x slower)
                int vec = cols - cols % LANES;
                for (int p = 0; p < len; p++, s += rs, d += nr) {
                    for (int j = 0; j < vec; j += LANES) {
                        FloatVector.fromArray(S, src, s + j).intoArray(dst, d + j);
                    }
                    for (int j = vec; j < cols; j++) {
                        dst[d + j] = src[s + j];
                    }
                    for (int j = cols; j < nr; j++) {
                        dst[d + j] = 0f;
                    }
                }
            } else {
                // a transpose, in chunks of BLOCK steps of p so the written chunk stays in L1
                for (int p0 = 0; p0 < len; p0 += BLOCK) {
                    int p1 = Math.min(len, p0 + BLOCK);
                    for (int j = 0; j < nr; j++) {
                        int o = d + p0 * nr + j;
                        if (j < cols) {
                            int x = s + j * cs + p0 * rs;
                            for (int p = p0; p < p1; p++, x += rs, o += nr) {
                                dst[o] = src[x];
                            }
                        } else {
                            for (int p = p0; p < p1; p++, o += nr) {
                                dst[o] = 0f;
                            }
                        }
                    }
                }
            }
        }
    }
}
