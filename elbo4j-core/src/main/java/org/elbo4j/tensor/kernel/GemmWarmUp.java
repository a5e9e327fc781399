package org.elbo4j.tensor.kernel;

/**
 * Gets the vector methods of {@link VectorGemm} compiled by C2 before the first product.
 *
 * <p>Implementation note: HotSpot first runs a method in the interpreter and C1, where every
 * Vector API operation allocates and is about 100 times slower than the C2 code, and compiles it
 * with C2 only after a few hundred calls (Tier4MinInvocationThreshold = 600) plus the compile time.
 * A product calls each kernel a few dozen times, so a cold JVM could spend seconds of real work in
 * that state; and a C2 method compiled from a one-sided profile is thrown back to C1 the first time
 * the other side of a branch is taken. So the first use of {@link VectorGemm} calls the active
 * family's kernels ({@link GemmMicroKernel#active()}) and the packing on a small problem, with both
 * values of every data-dependent branch, until a run of {@value #STREAK} consecutive calls is fast
 * (C2 code takes about 1 us per round here, C1 code about 100 us), or for at most
 * {@value #BUDGET_MILLIS} ms. This costs about half a second once per JVM.
 */
final class GemmWarmUp {

    /** Give up (and let the JIT finish on real work) after this long. */
    static final long BUDGET_MILLIS = 3000;
    /** Consecutive fast rounds that show the methods run compiled code. */
    static final int STREAK = 200;
    /** A round (a packed and a strided tile, a narrow tile and a pack, k = 4) faster than this ran compiled code. */
    private static final long FAST_NANOS = 5_000;
    private static final int K = 4;

    private GemmWarmUp() {
    }

    /** Warms up the kernels of the active family; returns the number of rounds it took. */
    static long run() {
        GemmMicroKernel kernel = GemmMicroKernel.active();
        int mr = kernel.mr;
        int nr = kernel.nr;
        // packB's paths: rows or columns contiguous; a full panel, a ragged one, a narrow one
        int[] packWidths = {nr, nr - kernel.lanes / 2, kernel.lanes / 2, nr, nr - kernel.lanes / 2};
        float[] ap = new float[K * mr];
        float[] bp = new float[K * nr];
        float[] b = new float[K * nr];
        float[] c = new float[mr * nr];
        GemmOperand rows = new GemmOperand(b, 0, nr, 1);
        GemmOperand columns = new GemmOperand(b, 0, 1, K);
        long deadline = System.nanoTime() + BUDGET_MILLIS * 1_000_000L;
        long rounds = 0;
        int streak = 0;
        while (streak < STREAK && System.nanoTime() < deadline) {
            boolean odd = (rounds & 1) != 0;
            int variant = (int) (rounds++ % 5);
            long t0 = System.nanoTime();
            kernel.tilePacked(K, ap, 0, bp, 0, c, 0, nr, odd);
            kernel.tile(K, b, 0, K, 1, b, 0, nr, c, 0, nr, !odd);
            kernel.narrow(K, ap, 0, 1, mr, bp, 0, nr, c, 0, nr, odd);
            GemmPack.packB(nr, variant < 3 ? rows : columns, packWidths[variant], 0, K, 0, 1, bp, 0);
            streak = System.nanoTime() - t0 < FAST_NANOS ? streak + 1 : 0;
        }
        return rounds;
    }
}
