package org.elbo4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.kernel.UnaryFn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gradients of the fused layer {@code y = f(x·W + b)} against central finite differences of the
 * same function evaluated in double.
 *
 * <p>The loss is {@code L = Σ c ⊙ y} for fixed random c. The reference evaluates L in double
 * from the float parameters, with step {@link #STEP}: its truncation error is about
 * STEP²·|L'''| ≈ 1e-12 and its rounding error about 1e-16·|L|/STEP ≈ 1e-10, far below the
 * float32 error of the analytic gradient (a few 1e-7 relative, from the float products and the
 * derivative computed from the float output). A wrong rule is off by O(1) and fails.
 */
class FusedLinearGradientTest {

    /** Relative tolerance of one gradient component. */
    private static final double REL_TOL = 1e-4;
    /** Absolute tolerance of one gradient component (components are of order 1). */
    private static final double ABS_TOL = 1e-5;
    /** Finite-difference step in double. */
    private static final double STEP = 1e-6;

    private static final int ROWS = 5;
    private static final int IN = 4;
    private static final int OUT = 3;

    @ParameterizedTest
    @EnumSource(Activation.class)
    void gradientsMatchFiniteDifferences(Activation activation) {
        Linear layer = Linear.of(IN, OUT, Rng.of(7));
        Tensor x = Tensor.randn(Rng.of(8), ROWS, IN).requiresGrad(true);
        Tensor c = Tensor.randn(Rng.of(9), ROWS, OUT);
        assertAwayFromKink(layer, x);
        layer.forward(x, activation).mul(c).sum().backward();
        List<Tensor> inputs = List.of(x, layer.weight(), layer.bias());
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            assertNotNull(t.grad(), activation + ": input " + i + " has no gradient");
            float[] analytic = t.grad().data();
            for (int j = 0; j < t.size(); j++) {
                double numeric = numeric(x, layer, c, activation, t, j);
                double tol = ABS_TOL + REL_TOL * Math.max(Math.abs(numeric), Math.abs(analytic[j]));
                assertEquals(numeric, analytic[j], tol, activation + ": input " + i + " element " + j);
            }
        }
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsAndUses() {
        Linear first = Linear.of(IN, OUT, Rng.of(1));
        Linear second = Linear.of(IN, OUT, Rng.of(2));
        Tensor x = Tensor.randn(Rng.of(3), ROWS, IN).requiresGrad(true);
        Tensor c = Tensor.randn(Rng.of(4), ROWS, OUT);
        first.forward(x, Activation.TANH).mul(c).sum().backward();
        float[] once = first.weight().grad().toFloatArray();
        first.forward(x, Activation.TANH).mul(c).sum().backward();
        for (int j = 0; j < once.length; j++) {
            assertEquals(2.0 * once[j], first.weight().grad().data()[j], 1e-6 * (1 + Math.abs(once[j])), "dW " + j);
        }
        x.zeroGrad();
        // x feeds two layers: its gradient is the sum of both contributions
        first.forward(x).mul(c).sum().add(second.forward(x).mul(c).sum()).backward();
        float[] w1 = first.weight().data();
        float[] w2 = second.weight().data();
        for (int r = 0; r < ROWS; r++) {
            for (int k = 0; k < IN; k++) {
                double expected = 0;
                for (int j = 0; j < OUT; j++) {
                    expected += c.get(r, j) * ((double) w1[k * OUT + j] + w2[k * OUT + j]);
                }
                assertEquals(expected, x.grad().get(r, k), 1e-5, "dx[" + r + "," + k + "]");
            }
        }
    }

    @Test
    void twoLayerMlpGradientMatchesTheUnfusedComposition() {
        Mlp mlp = Mlp.of(List.of(IN, 6, OUT), Activation.SOFTPLUS, Activation.SIGMOID, Rng.of(21));
        Tensor x = Tensor.randn(Rng.of(22), ROWS, IN);
        Tensor c = Tensor.randn(Rng.of(23), ROWS, OUT);
        mlp.forward(x).mul(c).sum().backward();
        List<Float> fused = gradients(mlp);
        mlp.parameters().values().forEach(Tensor::zeroGrad);
        Tensor h = Activation.SOFTPLUS.apply(x.matmul(mlp.layers().get(0).weight()).add(mlp.layers().get(0).bias()));
        Tensor y = Activation.SIGMOID.apply(h.matmul(mlp.layers().get(1).weight()).add(mlp.layers().get(1).bias()));
        y.mul(c).sum().backward();
        List<Float> composed = gradients(mlp);
        for (int i = 0; i < fused.size(); i++) {
            assertEquals(composed.get(i), fused.get(i), 1e-6 + 1e-5 * Math.abs(composed.get(i)), "component " + i);
        }
    }

    private static List<Float> gradients(Mlp mlp) {
        java.util.ArrayList<Float> out = new java.util.ArrayList<>();
        for (Tensor p : mlp.parameters().values()) {
            for (float v : p.grad().data()) {
                out.add(v);
            }
        }
        return out;
    }

    /** Keeps relu's kink out of the finite-difference stencil. */
    private static void assertAwayFromKink(Linear layer, Tensor x) {
        for (float v : layer.forward(x).data()) {
            assertTrue(Math.abs(v) > 1e-3, "pre-activation " + v + " too close to 0: choose another seed");
        }
    }

    /** dL/dt[j] by central differences of L evaluated in double. */
    private static double numeric(Tensor x, Linear layer, Tensor c, Activation a, Tensor t, int j) {
        double[] xs = x.toDoubleArray();
        double[] w = layer.weight().toDoubleArray();
        double[] b = layer.bias().toDoubleArray();
        double[] target = t == x ? xs : t == layer.weight() ? w : b;
        double original = target[j];
        target[j] = original + STEP;
        double plus = loss(xs, w, b, c, a);
        target[j] = original - STEP;
        double minus = loss(xs, w, b, c, a);
        return (plus - minus) / (2 * STEP);
    }

    private static double loss(double[] x, double[] w, double[] b, Tensor c, Activation a) {
        UnaryFn f = a.unaryFn();
        double sum = 0;
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < OUT; j++) {
                double s = b[j];
                for (int k = 0; k < IN; k++) {
                    s += x[r * IN + k] * w[k * OUT + j];
                }
                sum += c.get(r, j) * (f == null ? s : f.value(s));
            }
        }
        return sum;
    }
}
