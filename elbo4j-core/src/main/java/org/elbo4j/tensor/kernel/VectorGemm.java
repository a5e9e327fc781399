package org.elbo4j.tensor.kernel;

/**
 * The Vector API path of {@link Gemm}: {@code C = op(A) op(B) (+ C)}, blocked in the manner of
 * Goto and van de Geijn, "Anatomy of High-Performance Matrix Multiplication" (ACM TOMS 34(3), 2008)
 * and BLIS.
 *
 * <p>For each product, k is cut into blocks of {@code kc <= }{@value #KC} (equal sizes, chosen from
 * k alone). op(A) and op(B) are packed once into {@link GemmKernel#MR}-row and
 * {@link GemmKernel#NR}-column panels ({@link GemmPack}; in parallel, shared by all tasks), then C is
 * cut into a grid of rectangular blocks of tiles, one task per block. A task walks its k blocks in
 * ascending order and, inside each, its tiles; each tile is one {@link GemmKernel#tile} call whose
 * A panel (MR x kc, 12 KiB at kc = 256) stays in L1 while the block's B panels stream from L2.
 *
 * <p>Every element of C is therefore computed as
 * {@code ((C0 + S_1) + S_2) + ...}, where {@code S_b} is the FMA chain over the b-th k block and
 * {@code C0} is the old C (or absent): an order fixed by (m, n, k) alone. The task grid is also a
 * function of (m, n, k) alone, so the result is bit-identical for any number of threads.
 *
 * <p>This class is only loaded when {@link Simd#enabled()}; it is the only one (with its kernel and
 * packing) that touches {@code jdk.incubator.vector}.
 */
final class VectorGemm {

    /** Largest k block: an MR x KC panel of A (12 KiB) fits L1 next to the streamed B rows. */
    static final int KC = 256;
    /** Most floats of packed A and B per k chunk (16 MiB); longer k is packed chunk by chunk. */
    static final long PACK_CAP = 1L << 22;
    /** Products below this many flops run as one task (on the calling thread). */
    static final long SERIAL_FLOPS = 1L << 20;
    /** Target flops of one compute task. */
    static final long TASK_FLOPS = 1L << 21;
    /** Most compute tasks per product. */
    static final int MAX_TASKS = 64;

    private static final int MR = GemmKernel.MR;
    private static final int NR = GemmKernel.NR;

    private VectorGemm() {
    }

    /** True when this JVM can run the vector path (16-lane float vectors). */
    static boolean supported() {
        return GemmKernel.supported();
    }

    /**
     * {@code batch} products with m, n, k &gt;= 1; operands already validated by {@link Gemm}.
     * Entry e uses A shifted by {@code e*aStride}, B by {@code e*bStride}, C by {@code e*cStride}.
     */
    static void gemm(int batch, int m, int n, int k, GemmOperand a, long aStride, GemmOperand b, long bStride,
                     float[] c, int cOff, long cStride, int ldc, boolean accumulate) {
        long flops = 2L * m * n * k;
        if (batch > 1 && flops < SERIAL_FLOPS) {
            // many small products: whole products per task
            int tasks = (int) Math.max(1, Math.min(batch, Math.min(MAX_TASKS, batch * flops / TASK_FLOPS)));
            Parallel.forEachTask(tasks, t -> {
                int e0 = (int) ((long) batch * t / tasks);
                int e1 = (int) ((long) batch * (t + 1) / tasks);
                for (int e = e0; e < e1; e++) {
                    product(m, n, k, a.shifted(e * aStride), b.shifted(e * bStride),
                            c, Math.toIntExact(cOff + e * cStride), ldc, accumulate, true);
                }
            });
            return;
        }
        for (int e = 0; e < batch; e++) {
            product(m, n, k, a.shifted(e * aStride), b.shifted(e * bStride),
                    c, Math.toIntExact(cOff + e * cStride), ldc, accumulate, flops < SERIAL_FLOPS);
        }
    }

    private static void product(int m, int n, int k, GemmOperand a, GemmOperand b,
                                float[] c, int cOff, int ldc, boolean accumulate, boolean serial) {
        int rp = (m + MR - 1) / MR;
        int cp = (n + NR - 1) / NR;
        int kBlocks = (k + KC - 1) / KC;
        int kc = (k + kBlocks - 1) / kBlocks;
        long perK = (long) rp * MR + (long) cp * NR;
        int blocksPerChunk = (int) Math.max(1, Math.min(kBlocks, PACK_CAP / (perK * kc)));
        int[] grid = serial ? new int[] {1, 1} : grid(m, n, k, rp, cp);
        int rt = grid[0];
        int ct = grid[1];
        int packTasks = serial ? 1 : Math.min(rp + cp, 2 * MAX_TASKS);
        GemmWorkspace ws = GemmWorkspace.current();
        for (int b0 = 0; b0 < kBlocks; b0 += blocksPerChunk) {
            int k0 = b0 * kc;
            int len = Math.min(k, (b0 + blocksPerChunk) * kc) - k0;
            float[] packed = ws.packed(perK * len);
            int bBase = rp * MR * len;
            Parallel.forEachTask(packTasks, t -> {
                int u0 = (int) ((long) (rp + cp) * t / packTasks);
                int u1 = (int) ((long) (rp + cp) * (t + 1) / packTasks);
                if (u0 < rp) {
                    GemmPack.packA(a, m, k0, len, u0, Math.min(u1, rp), packed, 0);
                }
                if (u1 > rp) {
                    GemmPack.packB(b, n, k0, len, Math.max(u0, rp) - rp, u1 - rp, packed, bBase);
                }
            });
            Parallel.forEachTask(rt * ct, t -> {
                int ri = t / ct;
                int ci = t % ct;
                block(m, n, k0, len, kc, packed, bBase,
                        (int) ((long) rp * ri / rt), (int) ((long) rp * (ri + 1) / rt),
                        (int) ((long) cp * ci / ct), (int) ((long) cp * (ci + 1) / ct),
                        c, cOff, ldc, accumulate);
            });
        }
    }

    /** Row panels x column panels of the task grid, from the problem size only. */
    static int[] grid(int m, int n, int k, int rp, int cp) {
        long target = Math.max(2, Math.min(MAX_TASKS, 2L * m * n * k / TASK_FLOPS));
        int rt = 1;
        int ct = 1;
        while ((long) rt * ct < target) {
            boolean splitCols = ct < cp && (rt >= rp || (double) n / ct >= (double) m / rt);
            if (splitCols) {
                ct++;
            } else if (rt < rp) {
                rt++;
            } else {
                break;
            }
        }
        return new int[] {rt, ct};
    }

    /** Tiles of row panels [ip0, ip1) x column panels [jp0, jp1) over the k chunk [k0, k0+len). */
    private static void block(int m, int n, int k0, int len, int kc, float[] packed, int bBase,
                              int ip0, int ip1, int jp0, int jp1,
                              float[] c, int cOff, int ldc, boolean accumulate) {
        float[] tile = GemmWorkspace.current().tile();
        for (int p0 = k0; p0 < k0 + len; p0 += kc) {
            int kl = Math.min(kc, k0 + len - p0);
            boolean load = accumulate || p0 > 0;
            for (int ip = ip0; ip < ip1; ip++) {
                int rows = Math.min(MR, m - ip * MR);
                int ao = ip * len * MR + (p0 - k0) * MR;
                for (int jp = jp0; jp < jp1; jp++) {
                    int cols = Math.min(NR, n - jp * NR);
                    int bo = bBase + jp * len * NR + (p0 - k0) * NR;
                    int co = cOff + ip * MR * ldc + jp * NR;
                    if (rows == MR && cols == NR) {
                        GemmKernel.tile(kl, packed, ao, packed, bo, c, co, ldc, load);
                    } else {
                        GemmKernel.tile(kl, packed, ao, packed, bo, tile, 0, NR, false);
                        merge(tile, rows, cols, c, co, ldc, load);
                    }
                }
            }
        }
    }

    /** Writes the top-left rows x cols of an edge tile to C (adding the old C when {@code load}). */
    private static void merge(float[] tile, int rows, int cols, float[] c, int co, int ldc, boolean load) {
        for (int r = 0; r < rows; r++) {
            int o = co + r * ldc;
            int t = r * NR;
            if (load) {
                for (int j = 0; j < cols; j++) {
                    c[o + j] += tile[t + j];
                }
            } else {
                System.arraycopy(tile, t, c, o, cols);
            }
        }
    }
}
