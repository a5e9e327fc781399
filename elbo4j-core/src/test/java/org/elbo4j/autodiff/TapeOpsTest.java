package org.elbo4j.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Function;
import org.elbo4j.tensor.Functions;
import org.elbo4j.tensor.Indexing;
import org.elbo4j.tensor.LinAlg;
import org.elbo4j.tensor.Reductions;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The tape's array operations (matmul in every transposed and batched form, logSumExp, max,
 * logSoftmax, softmax, concat, stack, where, gather and the triangular solve): each value against
 * the float32 tensor operation on the same inputs (inputs are multiples of 1/64, exact in float32,
 * so only the float32 arithmetic differs: 2e−6 relative), its gradient against central differences
 * (1e−7 relative to the max-norm) and its Hessian-vector products against central differences of
 * the exact gradient (1e−6), through {@link TapeCheck}. Linear operations are checked inside a
 * nonlinear function (their own second derivatives are zero).
 */
class TapeOpsTest {

    static final double GRAD_TOL = 1e-7;
    static final double HESS_TOL = 1e-6;

    /** n values k/64 spread over about [−1.5, 1.5], distinct. */
    static double[] values(int n, int seed) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (((i * 37 + seed * 11) % 97) - 48) / 32.0;
        }
        return v;
    }

    /**
     * The op on the tape (f, of the leaf cut into the given shapes) against the float32 op (g, of
     * the same inputs as tensors), then the derivative checks of {@code sin(f)·w} summed.
     */
    static void check(String name, int[][] shapes, Function<Var[], Var> f, Function<Tensor[], Tensor> g) {
        int n = 0;
        for (int[] s : shapes) {
            n += Shapes.size(s);
        }
        double[] x = values(n, name.length());
        Function<Var, Var> onTape = leaf -> {
            Var[] in = new Var[shapes.length];
            int at = 0;
            for (int i = 0; i < shapes.length; i++) {
                int size = Shapes.size(shapes[i]);
                in[i] = Ops.reshape(Ops.slice(leaf, 0, at, at + size), shapes[i]);
                at += size;
            }
            return f.apply(in);
        };
        Var y = onTape.apply(Tape.create().leaf(x, n));
        Tensor[] t = new Tensor[shapes.length];
        int at = 0;
        for (int i = 0; i < shapes.length; i++) {
            int size = Shapes.size(shapes[i]);
            t[i] = Tensor.of(java.util.Arrays.copyOfRange(x, at, at + size), shapes[i]);
            at += size;
        }
        Tensor z = g.apply(t);
        assertArrayEquals(z.shape(), y.shape(), name + " shape");
        double[] zv = z.toDoubleArray();
        for (int i = 0; i < zv.length; i++) {
            assertEquals(zv[i], y.value()[i], 2e-6 * Math.max(1, Math.abs(zv[i])), name + " value " + i);
        }
        TapeCheck.check(name, leaf -> Ops.sum(Unary.of(onTape.apply(leaf), (v, o) -> {
            o[0] = Math.sin(v);
            o[1] = Math.cos(v);
            o[2] = -Math.sin(v);
        })), x, new int[] {n}, GRAD_TOL, HESS_TOL);
    }

    @Test
    void matmulInEveryForm() {
        check("matmul", new int[][] {{2, 3}, {3, 4}}, v -> Ops.matmul(v[0], v[1]), t -> t[0].matmul(t[1]));
        check("matmul Aᵀ", new int[][] {{3, 2}, {3, 4}}, v -> Ops.matmul(v[0], v[1], true, false),
                t -> LinAlg.matmul(t[0], t[1], true, false));
        check("matmul Bᵀ", new int[][] {{2, 3}, {4, 3}}, v -> Ops.matmul(v[0], v[1], false, true),
                t -> LinAlg.matmul(t[0], t[1], false, true));
        check("matmul AᵀBᵀ", new int[][] {{3, 2}, {4, 3}}, v -> Ops.matmul(v[0], v[1], true, true),
                t -> LinAlg.matmul(t[0], t[1], true, true));
        check("matmul batched", new int[][] {{2, 2, 3}, {2, 3, 2}}, v -> Ops.matmul(v[0], v[1]),
                t -> t[0].matmul(t[1]));
        check("matmul batch reused on the left", new int[][] {{2, 3}, {2, 3, 2}}, v -> Ops.matmul(v[0], v[1]),
                t -> t[0].matmul(t[1]));
        check("matmul batch reused on the right, Bᵀ", new int[][] {{2, 2, 3}, {2, 3}},
                v -> Ops.matmul(v[0], v[1], false, true), t -> LinAlg.matmul(t[0], t[1], false, true));
    }

    @Test
    void logSumExpMaxAndSoftmax() {
        int[][] s = {{2, 3, 2}};
        for (int axis : new int[] {0, 1, -1}) {
            check("logSumExp " + axis, s, v -> Ops.logSumExp(v[0], axis, false), t -> t[0].logSumExp(axis, false));
            check("logSumExp keep " + axis, s, v -> Ops.logSumExp(v[0], axis, true), t -> t[0].logSumExp(axis, true));
            check("max " + axis, s, v -> Ops.max(v[0], axis, false), t -> t[0].max(axis, false));
            check("logSoftmax " + axis, s, v -> Ops.logSoftmax(v[0], axis), t -> Reductions.logSoftmax(t[0], axis));
            check("softmax " + axis, s, v -> Ops.softmax(v[0], axis), t -> Reductions.softmax(t[0], axis));
        }
    }

    @Test
    void logSumExpOfMinusInfinityAndNaN() {
        Var y = Ops.logSumExp(Tape.create().leaf(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
            1, Double.NaN}, 2, 2), 1, false);
        assertEquals(Double.NEGATIVE_INFINITY, y.value()[0]);
        assertEquals(Double.NaN, y.value()[1]);
    }

    @Test
    void concatStackWhereGather() {
        check("concat", new int[][] {{2, 1}, {2, 3}}, v -> Ops.concat(List.of(v[0], v[1]), 1),
                t -> Tensor.concat(List.of(t[0], t[1]), 1));
        check("concat axis 0", new int[][] {{1, 3}, {2, 3}}, v -> Ops.concat(List.of(v[0], v[1]), 0),
                t -> Tensor.concat(List.of(t[0], t[1]), 0));
        check("stack", new int[][] {{2, 3}, {2, 3}}, v -> Ops.stack(List.of(v[0], v[1]), 1),
                t -> Tensor.stack(List.of(t[0], t[1]), 1));
        double[] cond = {1, 0, 0, 1, 1, 0};
        check("where", new int[][] {{2, 3}, {3}}, v -> Ops.where(cond, new int[] {2, 3}, v[0], v[1]),
                t -> Functions.where(Tensor.of(cond, 2, 3), t[0], t[1]));
        int[] index = {2, 0, 0, 1, 1, 2, 0, 0};
        check("gather", new int[][] {{2, 3}}, v -> Ops.gather(v[0], 1, index, new int[] {2, 4}),
                t -> Indexing.gather(t[0], 1, Tensor.of(new double[] {2, 0, 0, 1, 1, 2, 0, 0}, 2, 4)));
    }

    @Test
    void triangularSolve() {
        // L = leaf + 2 I on the diagonal (well conditioned), batched, with a right-hand side per batch entry
        double[] twoI = {2, 0, 0, 0, 2, 0, 0, 0, 2, 2, 0, 0, 0, 2, 0, 0, 0, 2};
        check("solveLower", new int[][] {{2, 3, 3}, {2, 3}},
                v -> Ops.solveLower(v[0].add(Tape.constant(twoI, 2, 3, 3)), v[1]),
                t -> org.elbo4j.tensor.Decompositions.solveTriangular(lower(t[0].add(Tensor.of(twoI, 2, 3, 3))),
                        t[1].unsqueeze(-1), true, false).squeeze(-1));
        assertThrows(IllegalArgumentException.class,
                () -> Ops.solveLower(Tape.constant(new double[4], 2, 2), Tape.constant(new double[3], 3)));
    }

    /** The lower triangle of each matrix (the float32 solve reads all of it). */
    private static Tensor lower(Tensor m) {
        float[] v = m.toFloatArray();
        int n = m.dim(-1);
        for (int i = 0; i < v.length; i++) {
            if (i % n > (i / n) % n) {
                v[i] = 0;
            }
        }
        return Tensor.of(v, m.shape());
    }
}
