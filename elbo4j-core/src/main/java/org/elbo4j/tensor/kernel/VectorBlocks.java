package org.elbo4j.tensor.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Drives the vector kernels over an array in blocks of at most {@link #BLOCK} elements, with
 * scratch buffers that stay in the L1 cache between the passes of one block.
 *
 * <p>Implementation note: no method here or in the kernels takes or returns a vector; every
 * kernel is a loop from arrays to arrays. C2 only turns Vector API calls into vector instructions
 * when they are inlined into the loop, and it does not inline a helper it has already compiled on
 * its own into a large method (measured: softplus written with vector-valued helpers ran at
 * 12 ns/element instead of under 1). A composite function is therefore a chain of array passes:
 * for sigmoid, {@code t = −|x|}, {@code t = e^t}, {@code out = (x ≥ 0 ? 1 : t)/(1 + t)}.
 *
 * <p>The last {@code n mod lanes} elements run through the same passes on a zero-padded copy, so
 * an element's result never depends on its position or on the array length.
 */
final class VectorBlocks {

    static final int LANES = Species.FLOAT.length();
    /** Elements per block: three scratch buffers and the block's slices of x and out fit in L1. */
    static final int BLOCK = 1024;

    /** Temporary buffers of one call; each holds one block. */
    static final class Scratch {
        final float[] t;
        final float[] u;
        final float[] w;

        Scratch(int size) {
            t = new float[size];
            u = new float[size];
            w = new float[size];
        }
    }

    /** A forward pass over {@code [off, off + n)}, n a multiple of the lane count and at most BLOCK. */
    @FunctionalInterface
    interface Forward {
        void apply(float[] x, float[] out, int off, int n, Scratch s);
    }

    /** A backward pass over {@code [off, off + n)}, as {@link Forward}. */
    @FunctionalInterface
    interface Backward {
        void apply(float[] x, float[] y, float[] g, float[] gx, int off, int n, Scratch s);
    }

    private VectorBlocks() {
    }

    /** Runs {@code op} over {@code x[0, x.length)} into {@code out}. */
    static void forward(Forward op, float[] x, float[] out) {
        int n = x.length;
        Scratch s = new Scratch(scratchSize(n));
        int body = n - n % LANES;
        for (int off = 0; off < body; off += BLOCK) {
            op.apply(x, out, off, Math.min(BLOCK, body - off), s);
        }
        if (body < n) {
            float[] tail = new float[LANES];
            op.apply(pad(x, body), tail, 0, LANES, s);
            System.arraycopy(tail, 0, out, body, n - body);
        }
    }

    /** Runs {@code op} over {@code [0, x.length)} into {@code gx}. */
    static void backward(Backward op, float[] x, float[] y, float[] g, float[] gx) {
        int n = x.length;
        Scratch s = new Scratch(scratchSize(n));
        int body = n - n % LANES;
        for (int off = 0; off < body; off += BLOCK) {
            op.apply(x, y, g, gx, off, Math.min(BLOCK, body - off), s);
        }
        if (body < n) {
            float[] tail = new float[LANES];
            op.apply(pad(x, body), pad(y, body), pad(g, body), tail, 0, LANES, s);
            System.arraycopy(tail, 0, gx, body, n - body);
        }
    }

    private static int scratchSize(int n) {
        return Math.min(BLOCK, (n + LANES - 1) / LANES * LANES);
    }

    private static float[] pad(float[] a, int from) {
        return Arrays.copyOfRange(a, from, from + LANES);
    }
}
