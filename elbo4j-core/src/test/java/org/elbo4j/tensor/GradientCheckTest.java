package org.elbo4j.tensor;

import static org.elbo4j.tensor.GradientCheck.check;
import static org.elbo4j.tensor.GradientCheck.uniform;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The checker itself can fail: operations with deliberately wrong backward rules, built from the
 * engine's internal {@code Tensor.result} / {@code Autograd.accumulate}, are rejected, and the
 * same operation with the right rule passes.
 */
class GradientCheckTest {

    /** {@code y = x²} with the backward rule {@code g · factor · x} (right for factor 2). */
    private static Tensor squareWithRule(Tensor x, double factor) {
        float[] out = new float[x.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = x.data[i] * x.data[i];
        }
        return Tensor.result(out, x.shape(), "testSquare", g -> {
            float[] gx = new float[out.length];
            for (int i = 0; i < gx.length; i++) {
                gx[i] = (float) (g.data[i] * factor * x.data[i]);
            }
            Autograd.accumulate(x, new Tensor(gx, x.shape()));
        }, x);
    }

    @Test
    void acceptsCorrectRule() {
        assertDoesNotThrow(() -> check("x² with 2x", in -> squareWithRule(in[0], 2.0), uniform(1, -2, 2, 3, 4)));
    }

    @Test
    void rejectsRuleOffByOnePercent() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> check("x² with 2.02x", in -> squareWithRule(in[0], 2.02), uniform(2, 0.5, 2, 3, 4)));
        assertTrue(e.getMessage().startsWith("x² with 2.02x: ")
                && e.getMessage().contains("differ from central differences"), e.getMessage());
    }

    @Test
    void rejectsRuleWithWrongSign() {
        assertThrows(AssertionFailedError.class,
                () -> check("x² with -2x", in -> squareWithRule(in[0], -2.0), uniform(3, -2, 2, 3, 4)));
    }

    @Test
    void rejectsLostBroadcastContribution() {
        // a rule that gives the broadcast operand only the first row's gradient
        Tensor b = uniform(4, -1, 1, 4);
        Op lossy = in -> {
            Tensor a = in[0];
            Tensor row = in[1];
            float[] out = new float[a.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = a.data[i] + row.data[i % 4];
            }
            return Tensor.result(out, a.shape(), "lossyAdd", g -> {
                Autograd.accumulate(a, g);
                Autograd.accumulate(row, Shaping.slice(g, 0, 0, 1).reshape(4));
            }, a, row);
        };
        assertThrows(AssertionFailedError.class, () -> check("lossy add", lossy, uniform(5, -1, 1, 3, 4), b));
    }

    @Test
    void rejectsInputWithoutGradient() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> check("ignores second input", in -> Functions.exp(in[0]), uniform(6, -1, 1, 2), uniform(7, -1, 1, 2)));
        assertTrue(e.getMessage().contains("input 1 received no gradient"), e.getMessage());
    }

    private interface Op extends GradientCheck.Op {
    }
}
