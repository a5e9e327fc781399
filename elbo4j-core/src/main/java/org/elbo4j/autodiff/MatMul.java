package org.elbo4j.autodiff;

import java.util.Arrays;
import org.elbo4j.tensor.LinAlg;

/**
 * The batched matrix product {@code C = op(A) · op(B)} (op transposes the last two axes when
 * asked), with the batch rule of {@code tensor.LinAlg.matmul}: leading axes equal, or of one
 * element on one side, which is then reused for every batch entry. Bilinear, so
 * <pre>
 *   Ċ = Ȧ B + A Ḃ,   Ā += C̄ Bᵀ,   B̄ += Aᵀ C̄,
 *   Ā̇ += C̄̇ Bᵀ + C̄ Ḃᵀ,   B̄̇ += Aᵀ C̄̇ + Ȧᵀ C̄            (all with op(·) applied, summed over reused batches).
 * </pre>
 * Implementation note: op(A) and op(B) are read through their strides (no transposed copy); each
 * product accumulates in index order, so results depend only on the inputs.
 */
final class MatMul extends Var {

    private final Var a;
    private final Var b;
    private final int nb;
    private final int m;
    private final int n;
    private final int k;
    /** Offsets of batch entry 0 and strides (row, column) of op(A) and op(B). */
    private final int aBatch;
    private final int aRow;
    private final int aCol;
    private final int bBatch;
    private final int bRow;
    private final int bCol;

    private MatMul(Tape tape, Var a, Var b, int[] shape, int[] dims, int[] strides) {
        super(tape, new double[Shapes.size(shape)], shape);
        this.a = a;
        this.b = b;
        this.nb = dims[0];
        this.m = dims[1];
        this.n = dims[2];
        this.k = dims[3];
        this.aBatch = strides[0];
        this.aRow = strides[1];
        this.aCol = strides[2];
        this.bBatch = strides[3];
        this.bRow = strides[4];
        this.bCol = strides[5];
        product(a.value, b.value, value, false);
    }

    static Var of(Var a, Var b, boolean transA, boolean transB) {
        Tape tape = Binary.tapeOf(a, b);
        int ra = a.shape.length;
        int rb = b.shape.length;
        if (ra < 2 || rb < 2) {
            throw new IllegalArgumentException("autodiff: matmul operands must have rank >= 2, got shapes "
                    + Arrays.toString(a.shape) + " and " + Arrays.toString(b.shape));
        }
        int m = transA ? a.shape[ra - 1] : a.shape[ra - 2];
        int ka = transA ? a.shape[ra - 2] : a.shape[ra - 1];
        int kb = transB ? b.shape[rb - 1] : b.shape[rb - 2];
        int n = transB ? b.shape[rb - 2] : b.shape[rb - 1];
        if (ka != kb) {
            throw new IllegalArgumentException("autodiff: matmul inner dimensions differ: shapes "
                    + Arrays.toString(a.shape) + " and " + Arrays.toString(b.shape) + " (" + ka + " vs " + kb + ")");
        }
        int[] batch = LinAlg.batchShape(a.shape, b.shape);
        int nbA = Shapes.size(Arrays.copyOf(a.shape, ra - 2));
        int nbB = Shapes.size(Arrays.copyOf(b.shape, rb - 2));
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = m;
        shape[batch.length + 1] = n;
        int[] strides = {
            nbA == 1 ? 0 : m * ka, transA ? 1 : ka, transA ? m : 1,
            nbB == 1 ? 0 : ka * n, transB ? 1 : n, transB ? ka : 1};
        return new MatMul(tape, a, b, shape, new int[] {Shapes.size(batch), m, n, ka}, strides);
    }

    /** out (+)= op(x) · op(y) per batch entry, x read as A and y as B. */
    private void product(double[] x, double[] y, double[] out, boolean accumulate) {
        contract(m, n, k, x, new int[] {aBatch, aRow, aCol}, y, new int[] {bBatch, bRow, bCol}, out,
                new int[] {m * n, n, 1}, accumulate);
    }

    /** ga(op A) += g · op(y)ᵀ. */
    private void intoA(double[] g, double[] y, double[] ga) {
        contract(m, k, n, g, new int[] {m * n, n, 1}, y, new int[] {bBatch, bCol, bRow}, ga,
                new int[] {aBatch, aRow, aCol}, true);
    }

    /** gb(op B) += op(x)ᵀ · g. */
    private void intoB(double[] x, double[] g, double[] gb) {
        contract(k, n, m, x, new int[] {aBatch, aCol, aRow}, g, new int[] {m * n, n, 1}, gb,
                new int[] {bBatch, bRow, bCol}, true);
    }

    /**
     * {@code out[q, r, c] (+)= Σ_s x[q, r, s] · y[q, s, c]} for every batch entry q, each array read
     * through its (batch, row, column) strides; a batch stride of 0 reuses (or, for out, sums into)
     * one matrix.
     */
    private void contract(int rows, int cols, int inner, double[] x, int[] xs, double[] y, int[] ys, double[] out,
            int[] os, boolean accumulate) {
        for (int q = 0; q < nb; q++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double sum = 0;
                    for (int l = 0; l < inner; l++) {
                        sum += x[q * xs[0] + r * xs[1] + l * xs[2]] * y[q * ys[0] + l * ys[1] + c * ys[2]];
                    }
                    int o = q * os[0] + r * os[1] + c * os[2];
                    out[o] = accumulate ? out[o] + sum : sum;
                }
            }
        }
    }

    @Override
    void tangentForward() {
        Arrays.fill(tangent, 0);
        if (a.isActive()) {
            product(a.tangent, b.value, tangent, true);
        }
        if (b.isActive()) {
            product(a.value, b.tangent, tangent, true);
        }
    }

    @Override
    void backward(boolean second) {
        if (a.isActive()) {
            intoA(adjoint, b.value, a.adjoint);
            if (second) {
                intoA(adjointTangent, b.value, a.adjointTangent);
                if (b.isActive()) {
                    intoA(adjoint, b.tangent, a.adjointTangent);
                }
            }
        }
        if (b.isActive()) {
            intoB(a.value, adjoint, b.adjoint);
            if (second) {
                intoB(a.value, adjointTangent, b.adjointTangent);
                if (a.isActive()) {
                    intoB(a.tangent, adjoint, b.adjointTangent);
                }
            }
        }
    }
}
