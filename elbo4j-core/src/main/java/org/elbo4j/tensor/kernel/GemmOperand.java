package org.elbo4j.tensor.kernel;

/**
 * A strided view of one matrix operand of {@link Gemm}: element (i, j) of the view is
 * {@code data[offset + i*rowStride + j*colStride]}.
 *
 * <p>A row-major matrix with leading dimension {@code ld} is the view {@code (ld, 1)}; its
 * transpose is the view {@code (1, ld)}. The kernels only read through this record; checking that
 * the indices stay inside {@code data} is {@link Gemm}'s job.
 */
record GemmOperand(float[] data, int offset, int rowStride, int colStride) {

    /** The view of op(X) for a row-major stored X with leading dimension {@code ld}. */
    static GemmOperand of(boolean transposed, float[] data, int offset, int ld) {
        return transposed ? new GemmOperand(data, offset, 1, ld) : new GemmOperand(data, offset, ld, 1);
    }

    /** The same view moved by {@code delta} elements (the next matrix of a batch). */
    GemmOperand shifted(long delta) {
        return delta == 0 ? this : new GemmOperand(data, Math.toIntExact(offset + delta), rowStride, colStride);
    }

    /** Element (i, j) of the view. */
    float get(int i, int j) {
        return data[offset + i * rowStride + j * colStride];
    }
}
