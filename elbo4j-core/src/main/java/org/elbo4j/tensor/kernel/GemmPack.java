package org.elbo4j.tensor.kernel;

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
    /** Steps of p per chunk of a transposing pack (a chunk of an NR-wide panel is 8 KiB). */
    private static final int BLOCK = 64;

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
            int s = a.offset() + i0 * rs + k0 * cs;
            if (rs == 1) {
                // the panel's rows are contiguous for each p: copy them
                for (int p = 0; p < len; p++, s += cs, d += MR) {
                    for (int r = 0; r < rows; r++) {
                        dst[d + r] = src[s + r];
                    }
                    for (int r = rows; r < MR; r++) {
                        dst[d + r] = 0f;
                    }
                }
            } else {
                // a transpose, in chunks of BLOCK steps of p so the written chunk stays in L1
                for (int p0 = 0; p0 < len; p0 += BLOCK) {
                    int p1 = Math.min(len, p0 + BLOCK);
                    for (int r = 0; r < MR; r++) {
                        int o = d + p0 * MR + r;
                        if (r < rows) {
                            int x = s + r * rs + p0 * cs;
                            for (int p = p0; p < p1; p++, x += cs, o += MR) {
                                dst[o] = src[x];
                            }
                        } else {
                            for (int p = p0; p < p1; p++, o += MR) {
                                dst[o] = 0f;
                            }
                        }
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
            int s = b.offset() + k0 * rs + j0 * cs;
            if (cs == 1) {
                // each row of the panel is contiguous: vector copies, then the edge lanes
                int vec = cols == NR ? NR : cols >= 16 ? 16 : 0;
                for (int p = 0; p < len; p++, s += rs, d += NR) {
                    if (vec > 0) {
                        FloatVector.fromArray(S, src, s).intoArray(dst, d);
                        if (vec == NR) {
                            FloatVector.fromArray(S, src, s + 16).intoArray(dst, d + 16);
                            continue;
                        }
                    }
                    for (int j = vec; j < cols; j++) {
                        dst[d + j] = src[s + j];
                    }
                    for (int j = cols; j < NR; j++) {
                        dst[d + j] = 0f;
                    }
                }
            } else {
                // a transpose, in chunks of BLOCK steps of p so the written chunk stays in L1
                for (int p0 = 0; p0 < len; p0 += BLOCK) {
                    int p1 = Math.min(len, p0 + BLOCK);
                    for (int j = 0; j < NR; j++) {
                        int o = d + p0 * NR + j;
                        if (j < cols) {
                            int x = s + j * cs + p0 * rs;
                            for (int p = p0; p < p1; p++, x += rs, o += NR) {
                                dst[o] = src[x];
                            }
                        } else {
                            for (int p = p0; p < p1; p++, o += NR) {
                                dst[o] = 0f;
                            }
                        }
                    }
                }
            }
        }
    }
}
