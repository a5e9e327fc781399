package org.elbo4j.tensor;

/**
 * A per-thread observer of the operations called through {@link Tensor}'s instance methods, with
 * their arguments: what a second evaluator (such as the double-precision tape of
 * {@code org.elbo4j.model}) needs to replay a user's tensor code exactly. The tensor engine itself
 * never reads it; with no listener the cost is one read of a static field per operation.
 *
 * <p>The instance shorthands report, and of the static operation families only
 * {@link LinAlg#matmul}, {@link Reductions#logSumExp}, {@link Reductions#max},
 * {@link Reductions#logSoftmax}, {@link Reductions#softmax}, {@link Shaping#concat},
 * {@link Shaping#stack}, {@link Indexing#gather} and {@link Functions#where} (each once, not its
 * inner steps); the rest of {@link Arith}, {@link Functions}, ... do not: a listener must treat a
 * tensor it has not seen as a constant only when it cannot depend on its inputs, for example when
 * it does not require gradients.
 */
public final class OpHook {

    /** The reported operations; the arguments each one passes are listed with {@link Listener#op}. */
    public enum Op {
        ADD, ADD_SCALAR, SUB, SUB_SCALAR, MUL, SCALE, DIV, POW, POW_SCALAR,
        EXP, LOG, LOG1P, EXPM1, SQRT, SQUARE, ABS, TANH, SIGMOID, LOG_SIGMOID, SOFTPLUS, RELU, LGAMMA, CLAMP,
        SUM_ALL, SUM, MEAN_ALL, MEAN,
        RESHAPE, TRANSPOSE, PERMUTE, SLICE, INDEX_SELECT, EXPAND,
        MATMUL, LOG_SUM_EXP, MAX, LOG_SOFTMAX, SOFTMAX, CONCAT, STACK, GATHER, WHERE
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
         * for MATMUL and {axis} for LOG_SOFTMAX, SOFTMAX, CONCAT, STACK and GATHER. RESHAPE (also
         * squeeze and unsqueeze) and EXPAND take the new shape from {@code out}.
         */
        void op(Op op, Tensor out, Tensor[] in, double c, double c2, int[] ints);
    }

    private static final ThreadLocal<Listener> LISTENER = new ThreadLocal<>();
    private static volatile int listening;

    private OpHook() {
    }

    /** Installs {@code listener} on this thread until the returned scope is closed (scopes nest). */
    public static Scope listen(Listener listener) {
        Scope s = new Scope(LISTENER.get());
        LISTENER.set(listener);
        synchronized (OpHook.class) {
            listening++;
        }
        return s;
    }

    /** Restores the previous listener on close. */
    public static final class Scope implements AutoCloseable {
        private final Listener previous;

        private Scope(Listener previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            LISTENER.set(previous);
            synchronized (OpHook.class) {
                listening--;
            }
        }
    }

    static Tensor note(Op op, Tensor out, Tensor a, Tensor b, double c, double c2, int[] ints) {
        if (listening != 0) {
            Listener l = LISTENER.get();
            if (l != null) {
                l.op(op, out, b == null ? new Tensor[] {a} : new Tensor[] {a, b}, c, c2, ints);
            }
        }
        return out;
    }

    /** Reports an operation of any number of inputs. */
    static Tensor note(Op op, Tensor out, Tensor[] in, int... ints) {
        if (listening != 0) {
            Listener l = LISTENER.get();
            if (l != null) {
                l.op(op, out, in, 0, 0, ints);
            }
        }
        return out;
    }

    static Tensor note(Op op, Tensor out, Tensor a) {
        return note(op, out, a, null, 0, 0, null);
    }
}
