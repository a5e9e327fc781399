package org.elbo4j.dist;

import java.util.Arrays;
import java.util.function.BinaryOperator;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Applies one matrix per batch entry to vectors that carry extra leading sample dimensions, the
 * way multivariate families need it: matrices {@code batch ++ [n, m]}, vectors
 * {@code sample ++ batch ++ [m]}. The vectors are regrouped as {@code [b, m, s]} (b batch
 * entries, s samples) so that one batched matrix operation handles every sample at once, then
 * put back as {@code sample ++ batch ++ [n]}.
 */
final class BatchedMatrices {

    private BatchedMatrices() {
    }

    /**
     * {@code op(matrices, vectors)} where op maps the matrices regrouped as {@code [b, rows, cols]}
     * and vectors of size m regrouped as {@code [b, m, s]} to {@code [b, p, s]} (a product, possibly
     * transposed, or a triangular solve); returns {@code sample ++ batch ++ [p]}. The vectors are
     * first broadcast against {@code batch ++ [m]}; where that widens a batch dimension of size 1, the
     * result has the broadcast batch.
     */
    static Tensor apply(Tensor matrices, Tensor vectors, int[] batch, BinaryOperator<Tensor> op) {
        int r = matrices.rank();
        int rows = matrices.dim(r - 2);
        int cols = matrices.dim(r - 1);
        int m = vectors.dim(-1);
        int[] vecTarget = Shape.broadcast("BatchedMatrices", vectors.shape(), ParamCheck.concat(batch, new int[] {m}));
        // vectors may widen a batch dimension of size 1 (data [N, m] against particles [M, 1]): then
        // the batch is the broadcast one, each matrix repeated along it
        int[] wide = Arrays.copyOfRange(vecTarget, vecTarget.length - batch.length - 1, vecTarget.length - 1);
        Tensor mats = ParamCheck.expandTo(matrices, ParamCheck.concat(wide, new int[] {rows, cols}));
        Tensor v = ParamCheck.expandTo(vectors, vecTarget);
        int[] sample = Arrays.copyOf(vecTarget, vecTarget.length - wide.length - 1);
        int s = Shape.size(sample);
        int b = Shape.size(wide);
        Tensor grouped = v.reshape(s, b, m).permute(1, 2, 0);
        Tensor out = op.apply(mats.reshape(b, rows, cols), grouped);
        int p = out.dim(1);
        return out.permute(2, 0, 1).reshape(ParamCheck.concat(ParamCheck.concat(sample, wide), new int[] {p}));
    }

    /** The n×n identity. */
    static Tensor identity(int n) {
        float[] d = new float[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1f;
        }
        return Tensor.of(d, n, n);
    }

    /** {@code [..., n] → [..., n, n]} with the vector on the diagonal. */
    static Tensor diagonalMatrix(Tensor v) {
        return v.unsqueeze(-1).mul(identity(v.dim(-1)));
    }
}
