package org.elbo4j.tensor.kernel;

/**
 * The Vector API path of {@link Gemm}: {@code C = op(A) op(B) (+ C)}, blocked in the manner of
 * Goto and van de Geijn, "Anatomy of High-Performance Matrix Multiplication" (ACM TOMS 34(3), 2008)
 * and BLIS.
 *
 * <p>C is cut into the mr x nr tiles of the active {@link GemmMicroKernel} family (12 x 32 at 512
 * bits, 6 x 16 at 256, 8 x 12 at 128), and k into blocks of
 * {@code kc <= }{@value #KC} (equal sizes, from k alone). Each tile and k block is one
 * register-tiled kernel call. Its operands are {@link GemmPack packed} panels when enough tiles
 * reuse them (an A panel feeds n/nr tiles, a B panel m/mr) and are read in place otherwise, which
 * for the small VAE products saves a copy as long as the product itself ({@link GemmPanels}). The
 * tiles are grouped into a grid of rectangular blocks, one parallel task each; a task walks its k
 * blocks in ascending order and, inside each, its columns of tiles, so the B panel of a column
 * (kc x nr, 32 KiB at 512 bits) stays in L1 while the block's A panels (mr x kc, at most 12 KiB) stream
 * from L2, the loop order of BLIS's macro-kernel (measured on Zen 5: 5 % more GFLOP/s on one thread at
 * 1024^3 than rows of tiles, the A panel held in L1, which this class did first). The panels are packed lazily by
 * the first task that needs them, so a product is one parallel loop; a product of at most
 * {@value #SPLIT_FLOPS} flops on more than one thread is instead cut along the same grid into
 * independent sub-products. A last column panel of at most one vector's lanes runs the one-vector
 * {@link GemmMicroKernel#narrow} tile. When op(A) is stored transposed and the tiles of {@code C^T} waste
 * less padding than those of C (n = 20 against m = 400: 24 rows instead of 32 columns), the product
 * is computed as {@code C^T = op(B)^T op(A)^T}, each tile written to C transposed.
 *
 * <p>Every element of C is computed as {@code ((C0 + S_1) + S_2) + ...}, where {@code S_b} is the
 * FMA chain over the b-th k block in ascending p and {@code C0} is the old C (or absent): an order
 * fixed by (m, n, k) alone. The task grid is also a function of (m, n, k) alone, so the result is
 * bit-identical for any number of threads; the narrow kernel, the sub-products, the transposed
 * product and the kernel families of the other vector widths compute the same FMA chains ({@code fma(a, b, s) == fma(b, a, s)}), so they do not change
 * a single bit either: the same product is bit-identical at 128, 256 and 512 bits.
 *
 * <p>This class is only loaded when {@link Simd#enabled()}; with the {@link GemmMicroKernel}
 * families it is the only GEMM code that touches {@code jdk.incubator.vector}.
 */
final class VectorGemm {

    /**
     * Largest k block: a 12 x KC panel of A (12 KiB) fits L1 next to the streamed B rows. The same
     * for every family, so that k blocks (and so the rounding of every element) depend on k alone.
     */
    static final int KC = 256;
    /** Most floats of packed A and B per k chunk (16 MiB); longer k is packed chunk by chunk. */
    static final long PACK_CAP = 1L << 22;
    /** Pack every panel of an operand when each is reused by at least this many tiles. */
    static final int PACK_MIN_REUSE = 4;
    /**
     * Products (or batches) below this many flops run on the calling thread: below about 10 us of
     * work, handing half of it to a spinning worker (see {@link Parallel}) does not pay.
     */
    static final long SERIAL_FLOPS = 1L << 20;
    /**
     * Products up to this many flops are split into independent sub-products (one per task, each
     * packing its own panels) instead of sharing packed panels: measured on 2 cores, sharing made the
     * 2-4 MFLOP VAE products no faster on 2 threads than on 1 (a task waits for the other's packing).
     */
    static final long SPLIT_FLOPS = 1L << 23;
    /** Target flops of one compute task. */
    static final long TASK_FLOPS = 1L << 21;
    /** Most compute tasks per product. */
    static final int MAX_TASKS = 64;

    static {
        GemmWarmUp.run();
    }

    private VectorGemm() {
    }

    /** True when this JVM can run the vector path (float vectors of at least 128 bits). */
    static boolean supported() {
        return VectorWidth.bits() >= 128;
    }

    /**
     * {@code batch} products with m, n, k &gt;= 1; operands already validated by {@link Gemm}.
     * Entry e uses A shifted by {@code e*aStride}, B by {@code e*bStride}, C by {@code e*cStride}.
     */
    static void gemm(int batch, int m, int n, int k, GemmOperand a, long aStride, GemmOperand b, long bStride,
                     float[] c, int cOff, long cStride, int ldc, boolean accumulate) {
        GemmMicroKernel kernel = GemmMicroKernel.active();
        long flops = 2L * m * n * k;
        if (batch > 1 && flops < SERIAL_FLOPS) {
            // many small products: whole products per task, serially below SERIAL_FLOPS in all
            long total = flops * batch;
            int tasks = total < SERIAL_FLOPS ? 1
                    : (int) Math.max(2, Math.min(Math.min(batch, MAX_TASKS), total / TASK_FLOPS));
            Parallel.forEachTask(tasks, t -> {
                int e0 = (int) ((long) batch * t / tasks);
                int e1 = (int) ((long) batch * (t + 1) / tasks);
                for (int e = e0; e < e1; e++) {
                    product(kernel, m, n, k, a.shifted(e * aStride), b.shifted(e * bStride),
                            c, Math.toIntExact(cOff + e * cStride), ldc, accumulate, true);
                }
            });
            return;
        }
        for (int e = 0; e < batch; e++) {
            product(kernel, m, n, k, a.shifted(e * aStride), b.shifted(e * bStride),
                    c, Math.toIntExact(cOff + e * cStride), ldc, accumulate, flops < SERIAL_FLOPS);
        }
    }

    private static void product(GemmMicroKernel kernel, int m, int n, int k, GemmOperand a, GemmOperand b,
                                float[] c, int cOff, int ldc, boolean accumulate, boolean serial) {
        if (a.rowStride() == 1 && 10L * covered(kernel, n, m) < 9L * covered(kernel, m, n)) {
            // C^T = op(B)^T op(A)^T tiles with less padding, and op(A)^T is row-contiguous
            GemmOperand at = new GemmOperand(b.data(), b.offset(), b.colStride(), b.rowStride());
            GemmOperand bt = new GemmOperand(a.data(), a.offset(), a.colStride(), a.rowStride());
            tiles(kernel, n, m, k, at, bt, c, cOff, 1, ldc, accumulate, serial);
        } else {
            tiles(kernel, m, n, k, a, b, c, cOff, ldc, 1, accumulate, serial);
        }
    }

    /** Elements of the tiles that cover an m x n product (the padding included). */
    static long covered(GemmMicroKernel kernel, int m, int n) {
        int mr = kernel.mr;
        int nr = kernel.nr;
        int rest = n % nr;
        int lastWidth = rest == 0 ? 0 : rest <= kernel.lanes ? kernel.lanes : nr;
        return (long) ((m + mr - 1) / mr * mr) * (n - rest + lastWidth);
    }

    /** The product into the C view {@code c[cOff + i*crs + j*ccs]}. */
    private static void tiles(GemmMicroKernel kernel, int m, int n, int k, GemmOperand a, GemmOperand b,
                              float[] c, int cOff, int crs, int ccs, boolean accumulate, boolean serial) {
        int mr = kernel.mr;
        int nr = kernel.nr;
        int rp = (m + mr - 1) / mr;
        int cp = (n + nr - 1) / nr;
        if (!serial && 2L * m * n * k <= SPLIT_FLOPS && Parallel.threads() > 1) {
            // a small product: independent sub-products, each packing its own panels
            int[] grid = grid(m, n, k, rp, cp);
            int rt = grid[0];
            int ct = grid[1];
            Parallel.forEachTask(rt * ct, t -> {
                int i0 = mr * (int) ((long) rp * (t / ct) / rt);
                int i1 = Math.min(m, mr * (int) ((long) rp * (t / ct + 1) / rt));
                int j0 = nr * (int) ((long) cp * (t % ct) / ct);
                int j1 = Math.min(n, nr * (int) ((long) cp * (t % ct + 1) / ct));
                tiles(kernel, i1 - i0, j1 - j0, k, a.shifted((long) i0 * a.rowStride()), b.shifted((long) j0 * b.colStride()),
                        c, cOff + i0 * crs + j0 * ccs, crs, ccs, accumulate, true);
            });
            return;
        }
        int kBlocks = (k + KC - 1) / KC;
        int kc = (k + kBlocks - 1) / kBlocks;
        // a packed panel pays off when many tiles reuse it: an A panel feeds cp tiles per k block,
        // a B panel rp tiles (see GemmPanels for the panels that are always packed)
        boolean allA = cp >= PACK_MIN_REUSE;
        boolean allB = rp >= PACK_MIN_REUSE || b.colStride() != 1;
        long perK = (long) GemmPanels.slotsA(m, mr, allA) * mr + (long) GemmPanels.slotsB(n, nr, allB) * nr;
        int blocksPerChunk = perK == 0 ? kBlocks : (int) Math.max(1, Math.min(kBlocks, PACK_CAP / (perK * kc)));
        int[] grid = serial ? new int[] {1, 1} : grid(m, n, k, rp, cp);
        int rt = grid[0];
        int ct = grid[1];
        GemmWorkspace ws = GemmWorkspace.current();
        for (int b0 = 0; b0 < kBlocks; b0 += blocksPerChunk) {
            int k0 = b0 * kc;
            int len = Math.min(k, (b0 + blocksPerChunk) * kc) - k0;
            GemmPanels panels = new GemmPanels(kernel, m, n, k0, len, a, b, allA, allB, ws.packed(perK * len));
            Parallel.forEachTask(rt * ct, t -> {
                int ri = t / ct;
                int ci = t % ct;
                block(panels, kc, (int) ((long) rp * ri / rt), (int) ((long) rp * (ri + 1) / rt),
                        (int) ((long) cp * ci / ct), (int) ((long) cp * (ci + 1) / ct), c, cOff, crs, ccs, accumulate);
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

    /** Tiles of row panels [ip0, ip1) x column panels [jp0, jp1) over the k chunk of {@code q}. */
    private static void block(GemmPanels q, int kc, int ip0, int ip1, int jp0, int jp1,
                              float[] c, int cOff, int crs, int ccs, boolean accumulate) {
        float[] tile = GemmWorkspace.current().tile();
        GemmMicroKernel kernel = q.kernel;
        int end = q.k0 + q.len;
        for (int p0 = q.k0; p0 < end; p0 += kc) {
            int kl = Math.min(kc, end - p0);
            boolean load = accumulate || p0 > 0;
            // BLIS's order: a column's B panel (kc x nr) stays in L1 while the A panels stream from L2
            for (int jp = jp0; jp < jp1; jp++) {
                for (int ip = ip0; ip < ip1; ip++) {
                    tile(q, kernel, tile, p0, kl, load, ip, jp, c, cOff, crs, ccs);
                }
            }
        }
    }

    /** One mr x nr tile of C over the k block [p0, p0 + kl). */
    private static void tile(GemmPanels q, GemmMicroKernel kernel, float[] tile, int p0, int kl, boolean load,
                             int ip, int jp, float[] c, int cOff, int crs, int ccs) {
        int mr = kernel.mr;
        int nr = kernel.nr;
        GemmOperand a = q.a;
        GemmOperand b = q.b;
        int rows = Math.min(mr, q.m - ip * mr);
        boolean ap = q.aPacked(ip);
        float[] ad = ap ? q.packed : a.data();
        int ao = ap ? q.aOffset(ip, p0) : a.offset() + ip * mr * a.rowStride() + p0 * a.colStride();
        int ars = ap ? 1 : a.rowStride();
        int acs = ap ? mr : a.colStride();
        int cols = Math.min(nr, q.n - jp * nr);
        boolean bp = q.bPacked(jp);
        float[] bd = bp ? q.packed : b.data();
        int bo = bp ? q.bOffset(jp, p0) : b.offset() + p0 * b.rowStride() + jp * nr;
        int ldb = bp ? nr : b.rowStride();
        int co = cOff + ip * mr * crs + jp * nr * ccs;
        boolean narrow = cols <= kernel.lanes;
        boolean full = ccs == 1 && rows == mr && cols == (narrow ? kernel.lanes : nr);
        // edge tiles and tiles of a transposed C are computed into the tile buffer and merged
        float[] dst = full ? c : tile;
        int o = full ? co : 0;
        int ld = full ? crs : nr;
        boolean add = full && load;
        if (narrow) {
            kernel.narrow(kl, ad, ao, ars, acs, bd, bo, ldb, dst, o, ld, add);
        } else if (ap && bp) {
            kernel.tilePacked(kl, ad, ao, bd, bo, dst, o, ld, add);
        } else {
            kernel.tile(kl, ad, ao, ars, acs, bd, bo, ldb, dst, o, ld, add);
        }
        if (!full) {
            merge(tile, nr, rows, cols, c, co, crs, ccs, load);
        }
    }

    /**
     * Writes the top-left rows x cols of an edge tile to {@code c[co + r*crs + j*ccs]} (adding the
     * old C when {@code load}).
     */
    private static void merge(float[] tile, int nr, int rows, int cols, float[] c, int co, int crs, int ccs, boolean load) {
        if (ccs != 1) {
            // a tile of C^T (crs == 1): column j of the tile is a contiguous piece of a row of C
            for (int j = 0; j < cols; j++) {
                int o = co + j * ccs;
                if (load) {
                    for (int r = 0; r < rows; r++) {
                        c[o + r * crs] += tile[r * nr + j];
                    }
                } else {
                    for (int r = 0; r < rows; r++) {
                        c[o + r * crs] = tile[r * nr + j];
                    }
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int o = co + r * crs;
            int t = r * nr;
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
