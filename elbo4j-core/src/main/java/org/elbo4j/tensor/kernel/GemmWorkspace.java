package org.elbo4j.tensor.kernel;

/**
 * Per-thread scratch memory of {@link VectorGemm}, kept between calls so that a training loop
 * does not allocate packing buffers on every product.
 *
 * <p>{@link #packed} holds the packed panels of one product and belongs to the thread that called
 * {@link Gemm} (tasks running on other threads read and write disjoint parts of it while that call
 * lasts); {@link #tile} is the edge-tile buffer of whichever thread runs a task. The buffers only
 * grow; the largest is bounded by {@link VectorGemm#PACK_CAP} floats.
 */
final class GemmWorkspace {

    private static final ThreadLocal<GemmWorkspace> LOCAL = ThreadLocal.withInitial(GemmWorkspace::new);

    private float[] packed = new float[0];
    private final float[] tile = new float[GemmMicroKernel.MAX_TILE];

    private GemmWorkspace() {
    }

    /** The calling thread's workspace. */
    static GemmWorkspace current() {
        return LOCAL.get();
    }

    /** A packing buffer of at least {@code size} floats (contents unspecified). */
    float[] packed(long size) {
        if (packed.length < size) {
            packed = new float[Math.toIntExact(Math.max(size, Math.min(VectorGemm.PACK_CAP, 2L * packed.length)))];
        }
        return packed;
    }

    /** The edge-tile buffer, large enough for any family's {@code mr x nr} tile. */
    float[] tile() {
        return tile;
    }
}
