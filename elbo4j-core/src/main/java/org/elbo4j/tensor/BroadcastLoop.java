package org.elbo4j.tensor;

/**
 * Drives an elementwise kernel over two operands broadcast to a common shape.
 *
 * <p>Adjacent dimensions that are contiguous in both operands are merged, so the kernel is called
 * once per run of the innermost merged dimension with each operand's start offset and stride
 * (stride 0 for a broadcast operand, 1 for a contiguous one). For equal shapes that is a single
 * call over the whole array.
 */
final class BroadcastLoop {

    /** One run: {@code out[oi + i] = f(a[ai + i*as], b[bi + i*bs])} for {@code i < n}. */
    @FunctionalInterface
    interface Run {
        void run(float[] a, int ai, int as, float[] b, int bi, int bs, float[] out, int oi, int n);
    }

    private BroadcastLoop() {
    }

    /** Applies {@code kernel} to {@code a} and {@code b} broadcast to {@code outShape}. */
    static float[] apply(Tensor a, Tensor b, int[] outShape, Run kernel) {
        int n = Shape.size(outShape);
        float[] out = new float[n];
        if (n == 0) {
            return out;
        }
        if (Shape.same(a.shape, outShape) && Shape.same(b.shape, outShape)) {
            kernel.run(a.data, 0, 1, b.data, 0, 1, out, 0, n);
            return out;
        }
        if (a.data.length == 1 && Shape.same(b.shape, outShape)) {
            kernel.run(a.data, 0, 0, b.data, 0, 1, out, 0, n);
            return out;
        }
        if (b.data.length == 1 && Shape.same(a.shape, outShape)) {
            kernel.run(a.data, 0, 1, b.data, 0, 0, out, 0, n);
            return out;
        }
        int[] sa = Shape.broadcastStrides(a.shape, outShape);
        int[] sb = Shape.broadcastStrides(b.shape, outShape);
        // merge dimensions from the right while both operands stay contiguous across them
        int rank = outShape.length;
        int[] dims = new int[rank];
        int[] da = new int[rank];
        int[] db = new int[rank];
        int r = 0;
        for (int i = rank - 1; i >= 0; i--) {
            if (outShape[i] == 1) {
                continue;
            }
            if (r > 0 && sa[i] == da[r - 1] * dims[r - 1] && sb[i] == db[r - 1] * dims[r - 1]) {
                dims[r - 1] *= outShape[i];
            } else {
                dims[r] = outShape[i];
                da[r] = sa[i];
                db[r] = sb[i];
                r++;
            }
        }
        if (r == 0) {
            kernel.run(a.data, 0, 0, b.data, 0, 0, out, 0, 1);
            return out;
        }
        // dims[0] is the innermost run; iterate the others as an odometer
        int inner = dims[0];
        int[] counter = new int[r];
        int ai = 0;
        int bi = 0;
        for (int oi = 0; oi < n; oi += inner) {
            kernel.run(a.data, ai, da[0], b.data, bi, db[0], out, oi, inner);
            for (int d = 1; d < r; d++) {
                counter[d]++;
                ai += da[d];
                bi += db[d];
                if (counter[d] < dims[d]) {
                    break;
                }
                ai -= da[d] * dims[d];
                bi -= db[d] * dims[d];
                counter[d] = 0;
            }
        }
        return out;
    }
}
