package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.tensor.kernel.UnaryFn;
import org.junit.jupiter.api.Test;

/**
 * What {@link OpHook} reports: each operation once, after it ran, with its output (instance
 * shorthands and static calls alike), and none of the operations it is built of; nothing outside
 * a scope; the depth restored after an operation throws.
 */
class OpHookTest {

    private final List<OpHook.Op> heard = new ArrayList<>();
    private final List<Tensor> outputs = new ArrayList<>();

    private OpHook.Scope listen() {
        return OpHook.listen((op, out, in, c, c2, ints) -> {
            heard.add(op);
            outputs.add(out);
        });
    }

    @Test
    void eachOperationOnceWithItsOutput() {
        Tensor x = Tensor.vector(0.5, 1.5, 2.5);
        Tensor y = Tensor.vector(1, 2, 3);
        try (OpHook.Scope s = listen()) {
            Tensor a = x.add(y);
            Tensor b = Arith.add(x, y);
            Tensor c = Reductions.logSoftmax(x, 0);
            Tensor d = Arith.maximum(x, y);
            Tensor e = Reductions.mean(x);
            Tensor f = Functions.pow(x, 2.0);
            Tensor g = Decompositions.cholesky(Tensor.of(new double[] {4, 2, 2, 3}, 2, 2));
            assertEquals(List.of(OpHook.Op.ADD, OpHook.Op.ADD, OpHook.Op.LOG_SOFTMAX, OpHook.Op.WHERE,
                    OpHook.Op.MEAN_ALL, OpHook.Op.POW_SCALAR, OpHook.Op.CHOLESKY), heard);
            assertEquals(List.of(a, b, c, d, e, f, g), outputs);
        }
        heard.clear();
        x.add(y);
        assertEquals(List.of(), heard, "nothing is reported outside a scope");
    }

    @Test
    void everyElementwiseFunctionHasItsOperation() {
        Tensor x = Tensor.vector(0.5, 1.5);
        try (OpHook.Scope s = listen()) {
            for (UnaryFn fn : UnaryFn.values()) {
                heard.clear();
                Tensor out = Functions.apply(fn, x);
                assertEquals(List.of(OpHook.Op.valueOf(fn.name())), heard, fn.name());
                assertSame(out, outputs.get(outputs.size() - 1));
            }
        }
    }

    @Test
    void aThrowingOperationLeavesTheLaterOnesReported() {
        try (OpHook.Scope s = listen()) {
            assertThrows(IllegalArgumentException.class,
                    () -> Decompositions.cholesky(Tensor.of(new double[] {1, 2, 2, 1}, 2, 2)));
            Tensor x = Tensor.vector(1, 2);
            x.exp();
            assertEquals(List.of(OpHook.Op.EXP), heard);
        }
    }
}
