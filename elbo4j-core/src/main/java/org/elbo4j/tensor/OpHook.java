package org.elbo4j.tensor;

import java.util.function.Supplier;

/**
 * A per-thread observer of the tensor operations, with their arguments: what a second evaluator
 * (such as the double-precision tape of {@code org.elbo4j.model}) needs to replay a user's tensor
 * code exactly. The tensor engine itself never reads it; with no listener the cost is one read of
 * a static field per operation.
 *
 * <p>Reported: {@link Tensor}'s instance shorthands and the static operations of {@link Arith}
 * (add, sub, mul, div, pow, scale; maximum and minimum as a {@code where}), {@link Functions}
 * (every elementwise function, pow, clamp, where), {@link Reductions}, {@link Shaping},
 * {@link Indexing}, {@link LinAlg#matmul} and {@link Decompositions} (cholesky, solveTriangular,
 * diagonal). Each operation is reported once, after it ran, and none of the operations it calls
 * (a nesting depth per thread). Not reported: comparisons (their 0/1 results do not require
 * gradients, so they are constants), {@link CustomOp}s and the fused kernels: a listener must treat a
 * tensor it has not seen as a constant only when it cannot depend on its inputs, for example when
 * it does not require gradients.
 */
public final class OpHook {

    /** The reported operations; the arguments each one passes are listed with {@link Listener#op}. */
    public enum Op {
        ADD, ADD_SCALAR, SUB, SUB_SCALAR, MUL, SCALE, DIV, POW, POW_SCALAR,
        EXP, LOG, LOG1P, EXPM1, SQRT, SQUARE, RECIPROCAL, ABS, TANH, SIGMOID, LOG_SIGMOID, SOFTPLUS, RELU, LGAMMA,
        DIGAMMA, CLAMP,
        SUM_ALL, SUM, MEAN_ALL, MEAN,
        RESHAPE, TRANSPOSE, PERMUTE, SLICE, INDEX_SELECT, EXPAND,
        MATMUL, LOG_SUM_EXP, MAX, LOG_SOFTMAX, SOFTMAX, CONCAT, STACK, GATHER, WHERE,
        CHOLESKY, SOLVE_TRIANGULAR, DIAGONAL
    }

    /** Receives each operation after it ran. */
    @FunctionalInterface
    public interface Listener {
        /**
         * {@code out = op(in, c, c2, ints)}: {@code in} holds the one or two tensor inputs (a, b),
         * the parts of CONCAT and STACK, {x, index} for GATHER and {cond, a, b} for WHERE; {@code c}
         * is the scalar of ADD_SCALAR, SUB_SCALAR, SCALE, POW_SCALAR, the lower bound of CLAMP and the
         * axis of INDEX_SELECT; {@code c2} the upper bound of CLAMP; {@code ints} holds
         * {axis, keepDim 0/1} for SUM, MEAN, MAX and LOG_SUM_EXP, {a, b} for TRANSPOSE, the axes for
         * PERMUTE, {axis, start, end} for SLICE, the indices for INDEX_SELECT, {transA, transB 0/1}
         * for MATMUL, {axis} for LOG_SOFTMAX, SOFTMAX, CONCAT, STACK and GATHER and {lower, transpose
         * 0/1} for SOLVE_TRIANGULAR (in = {L, B}). RESHAPE (also squeeze and unsqueeze) and EXPAND
         * take the new shape from {@code out}.
         */
        void op(Op op, Tensor out, Tensor[] in, double c, double c2, int[] ints);
    }

    private static final ThreadLocal<State> STATE = new ThreadLocal<>();
    private static volatile int listening;

    private OpHook() {
    }

    /** A thread's listener and how many reported operations are running (their inner steps are not reported). */
    private static final class State {
        final Listener listener;
        int depth;

        State(Listener listener) {
            this.listener = listener;
        }
    }

    /** Installs {@code listener} on this thread until the returned scope is closed (scopes nest). */
    public static Scope listen(Listener listener) {
        Scope s = new Scope(STATE.get());
        STATE.set(listener == null ? null : new State(listener));
        synchronized (OpHook.class) {
            listening++;
        }
        return s;
    }

    /** Restores the previous listener on close. */
    public static final class Scope implements AutoCloseable {
        private final State previous;

        private Scope(State previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            STATE.set(previous);
            synchronized (OpHook.class) {
                listening--;
            }
        }
    }

    /**
     * Runs {@code body} as one reported operation of inputs a (and b, when not null): the
     * listener hears of it once, after it ran, and of none of the operations it calls.
     */
    static Tensor report(Op op, Supplier<Tensor> body, Tensor a, Tensor b, double c, double c2, int[] ints) {
        return listening == 0 ? body.get() : reported(op, body, null, a, b, c, c2, ints);
    }

    /** {@link #report} of an operation of any number of inputs. */
    static Tensor report(Op op, Supplier<Tensor> body, Tensor[] in, int... ints) {
        return listening == 0 ? body.get() : reported(op, body, in, null, null, 0, 0, ints);
    }

    private static Tensor reported(Op op, Supplier<Tensor> body, Tensor[] in, Tensor a, Tensor b, double c, double c2,
            int[] ints) {
        State s = STATE.get();
        if (s == null) {
            return body.get();
        }
        s.depth++;
        Tensor out;
        try {
            out = body.get();
        } finally {
            s.depth--;
        }
        if (s.depth == 0) {
            Tensor[] inputs = in != null ? in : b == null ? new Tensor[] {a} : new Tensor[] {a, b};
            s.listener.op(op, out, inputs, c, c2, ints);
        }
        return out;
    }

    static Tensor report(Op op, Supplier<Tensor> body, Tensor a) {
        return report(op, body, a, null, 0, 0, null);
    }
}
