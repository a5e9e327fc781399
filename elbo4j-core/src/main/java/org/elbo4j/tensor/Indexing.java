package org.elbo4j.tensor;

/**
 * Integer indexing: index-select, gather and one-hot encoding. Gradients scatter-add g back to
 * the positions that were read, so an index read twice receives both contributions.
 */
public final class Indexing {

    private Indexing() {
    }

    /** The slices {@code index[0], index[1], …} of {@code x} along {@code axis}, in that order. */
    public static Tensor indexSelect(Tensor x, int axis, int[] index) {
        return OpHook.report(OpHook.Op.INDEX_SELECT, () -> plainIndexSelect(x, axis, index), x, null, axis, 0, index.clone());
    }

    private static Tensor plainIndexSelect(Tensor x, int axis, int[] index) {
        int a = Shape.axis("indexSelect", axis, x.rank());
        int[] d = Reductions.splitAt(x.shape, a);
        int outer = d[0];
        int n = d[1];
        int inner = d[2];
        int[] idx = index.clone();
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= n) {
                throw new IllegalArgumentException("indexSelect: index " + idx[i] + " at position " + i
                        + " is out of bounds for axis " + axis + " of shape " + Shape.str(x.shape));
            }
        }
        int m = idx.length;
        int[] outShape = x.shape.clone();
        outShape[a] = m;
        float[] out = new float[outer * m * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < m; i++) {
                System.arraycopy(x.data, (o * n + idx[i]) * inner, out, (o * m + i) * inner, inner);
            }
        }
        return Tensor.result(out, outShape, "indexSelect", g -> {
            float[] gx = new float[x.data.length];
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < m; i++) {
                    int src = (o * m + i) * inner;
                    int dst = (o * n + idx[i]) * inner;
                    for (int j = 0; j < inner; j++) {
                        gx[dst + j] += g.data[src + j];
                    }
                }
            }
            Autograd.accumulate(x, new Tensor(gx, x.shape.clone()));
        }, x);
    }

    /**
     * {@code out[..., i, ...] = x[..., index[..., i, ...], ...]} along {@code axis}: the index
     * tensor holds integers and has the shape of {@code x} except along {@code axis}.
     */
    public static Tensor gather(Tensor x, int axis, Tensor index) {
        return OpHook.report(OpHook.Op.GATHER, () -> pick(x, axis, index), new Tensor[] {x, index}, axis);
    }

    private static Tensor pick(Tensor x, int axis, Tensor index) {
        int a = Shape.axis("gather", axis, x.rank());
        if (index.rank() != x.rank()) {
            throw new IllegalArgumentException("gather: index of shape " + Shape.str(index.shape)
                    + " must have the rank of input " + Shape.str(x.shape));
        }
        for (int i = 0; i < x.rank(); i++) {
            if (i != a && index.shape[i] != x.shape[i]) {
                throw new IllegalArgumentException("gather: index of shape " + Shape.str(index.shape)
                        + " must match input " + Shape.str(x.shape) + " outside axis " + axis);
            }
        }
        int[] dx = Reductions.splitAt(x.shape, a);
        int[] di = Reductions.splitAt(index.shape, a);
        int outer = dx[0];
        int n = dx[1];
        int m = di[1];
        int inner = dx[2];
        int[] src = new int[index.data.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < inner; j++) {
                    int k = (o * m + i) * inner + j;
                    float v = index.data[k];
                    int at = (int) v;
                    if (at != v || at < 0 || at >= n) {
                        throw new IllegalArgumentException("gather: index value " + v
                                + " is not an integer in [0, " + n + ") for axis " + axis);
                    }
                    src[k] = (o * n + at) * inner + j;
                }
            }
        }
        float[] out = new float[src.length];
        for (int k = 0; k < src.length; k++) {
            out[k] = x.data[src[k]];
        }
        return Tensor.result(out, index.shape.clone(), "gather", g -> {
            float[] gx = new float[x.data.length];
            for (int k = 0; k < src.length; k++) {
                gx[src[k]] += g.data[k];
            }
            Autograd.accumulate(x, new Tensor(gx, x.shape.clone()));
        }, x);
    }

    /** Rows of {@code classes} values, 1 at {@code labels[i]} and 0 elsewhere (shape [n, classes]). */
    public static Tensor oneHot(int[] labels, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("oneHot: classes must be >= 1, got " + classes);
        }
        float[] out = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("oneHot: label " + labels[i] + " at position " + i
                        + " is not in [0, " + classes + ")");
            }
            out[i * classes + labels[i]] = 1f;
        }
        return new Tensor(out, new int[] {labels.length, classes});
    }
}
