package org.elbo4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MlpTest {

    @Test
    void shapesAndParameterNames() {
        Mlp mlp = Mlp.of(List.of(784, 400, 40), Activation.RELU, Rng.of(1));
        Tensor y = mlp.forward(Tensor.rand(Rng.of(2), 0, 1, 3, 784));
        assertArrayEquals(new int[] {3, 40}, y.shape());
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"), List.copyOf(mlp.parameters().keySet()));
        assertArrayEquals(new int[] {784, 400}, mlp.parameters().get("0.weight").shape());
        assertArrayEquals(new int[] {400}, mlp.parameters().get("0.bias").shape());
        assertArrayEquals(new int[] {400, 40}, mlp.parameters().get("1.weight").shape());
        assertEquals(784L * 400 + 400 + 400 * 40 + 40, ParameterStore.of(mlp).count());
    }

    @Test
    void forwardIsTheChainOfLayersWithActivationBetweenAndNoneAfterTheLast() {
        Mlp mlp = Mlp.of(List.of(5, 8, 8, 3), Activation.TANH, Rng.of(3));
        Tensor x = Tensor.randn(Rng.of(4), 6, 5);
        Tensor h = x;
        for (int i = 0; i < 3; i++) {
            Linear l = mlp.layers().get(i);
            h = h.matmul(l.weight()).add(l.bias());
            if (i < 2) {
                h = h.tanh();
            }
        }
        float[] expected = h.data();
        float[] found = mlp.forward(x).data();
        for (int i = 0; i < found.length; i++) {
            assertEquals(expected[i], found[i], 1e-6, "element " + i);
        }
        boolean negative = false;
        for (float v : found) {
            negative |= v < 0;
        }
        assertTrue(negative, "no activation after the last layer: outputs can be negative");
    }

    @Test
    void outputActivationWhenAsked() {
        Mlp mlp = Mlp.of(List.of(4, 7, 5), Activation.RELU, Activation.SIGMOID, Rng.of(5));
        for (float v : mlp.forward(Tensor.randn(Rng.of(6), 10, 4)).data()) {
            assertTrue(v > 0 && v < 1, "sigmoid output " + v);
        }
        assertEquals(Activation.SIGMOID, mlp.outputActivation());
    }

    @Test
    void sameSeedSameNetwork() {
        Mlp a = Mlp.of(List.of(3, 4, 2), Activation.RELU, Rng.of(9));
        Mlp b = Mlp.of(List.of(3, 4, 2), Activation.RELU, Rng.of(9));
        assertArrayEquals(a.layers().get(1).weight().data(), b.layers().get(1).weight().data());
    }

    @Test
    void rejectsBadSizes() {
        assertEquals("Mlp: sizes must list at least input and output, got [3]",
                assertThrows(IllegalArgumentException.class,
                        () -> Mlp.of(List.of(3), Activation.RELU, Rng.of(1))).getMessage());
        assertEquals("Mlp: sizes must be >= 1, got [3, 0, 2]",
                assertThrows(IllegalArgumentException.class,
                        () -> Mlp.of(List.of(3, 0, 2), Activation.RELU, Rng.of(1))).getMessage());
    }

    @Test
    void activationParsesNames() {
        assertEquals(Activation.SOFTPLUS, Activation.parse("Softplus"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Activation.parse("gelu"))
                .getMessage().contains("unknown name 'gelu'"));
    }
}
