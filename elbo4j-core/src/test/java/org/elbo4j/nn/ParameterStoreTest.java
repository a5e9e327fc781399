package org.elbo4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ParameterStoreTest {

    private static ParameterStore vaeLike() {
        Mlp encoder = Mlp.of(List.of(6, 4, 2), Activation.RELU, Rng.of(1));
        Mlp decoder = Mlp.of(List.of(1, 4, 6), Activation.RELU, Rng.of(2));
        return ParameterStore.builder().add("encoder", encoder).add("decoder", decoder).build();
    }

    @Test
    void namesNestedModulesWithDottedPrefixesInOrder() {
        ParameterStore store = vaeLike();
        assertEquals(List.of("encoder.0.weight", "encoder.0.bias", "encoder.1.weight", "encoder.1.bias",
                "decoder.0.weight", "decoder.0.bias", "decoder.1.weight", "decoder.1.bias"), store.names());
        assertEquals(8, store.size());
        assertEquals(6 * 4 + 4 + 4 * 2 + 2 + 1 * 4 + 4 + 4 * 6 + 6, store.count());
        ParameterStore nested = ParameterStore.builder().add("vae", store).build();
        assertEquals("vae.encoder.0.weight", nested.names().get(0));
        assertSame(store.get("encoder.0.weight"), nested.get("vae.encoder.0.weight"));
    }

    @Test
    void zeroGradForgetsEveryGradient() {
        ParameterStore store = vaeLike();
        Tensor sum = Tensor.scalar(0);
        for (Tensor t : store.tensors()) {
            sum = sum.add(t.sum());
        }
        sum.backward();
        store.tensors().forEach(t -> assertNotNull(t.grad()));
        store.zeroGrad();
        store.tensors().forEach(t -> assertNull(t.grad()));
    }

    @Test
    void valuesRoundTripThroughFloatArrays() {
        ParameterStore a = vaeLike();
        Mlp encoder = Mlp.of(List.of(6, 4, 2), Activation.RELU, Rng.of(7));
        Mlp decoder = Mlp.of(List.of(1, 4, 6), Activation.RELU, Rng.of(8));
        ParameterStore b = ParameterStore.builder().add("encoder", encoder).add("decoder", decoder).build();
        Map<String, float[]> saved = a.copyValues();
        b.loadValues(saved);
        for (String name : a.names()) {
            assertArrayEquals(a.get(name).data(), b.get(name).data(), name);
        }
        saved.get("decoder.1.bias")[0] = 123f;
        assertEquals(a.get("decoder.1.bias").data()[0], b.get("decoder.1.bias").data()[0]);
    }

    @Test
    void loadRejectsMissingUnexpectedAndMisSizedValuesWithoutWriting() {
        ParameterStore store = ParameterStore.builder()
                .add("a", Tensor.zeros(2)).add("b", Tensor.zeros(3)).build();
        Map<String, float[]> bad = Map.of("a", new float[] {1, 2, 3}, "c", new float[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.loadValues(bad));
        assertEquals("ParameterStore.loadValues: missing [b]; unexpected [c]; 'a' has 3 values, expected 2"
                + " for shape [2]", e.getMessage());
        assertArrayEquals(new float[2], store.get("a").data());
    }

    @Test
    void rejectsDuplicateNamesAndSharedTensors() {
        Tensor t = Tensor.zeros(2);
        assertEquals("ParameterStore: duplicate parameter name 'x'", assertThrows(IllegalArgumentException.class,
                () -> ParameterStore.builder().add("x", t).add("x", Tensor.zeros(1))).getMessage());
        assertEquals("ParameterStore: 'y' is the same tensor as 'x'; a shared parameter must be registered once",
                assertThrows(IllegalArgumentException.class,
                        () -> ParameterStore.builder().add("x", t).add("y", t)).getMessage());
        assertEquals("ParameterStore: no parameter named 'z'",
                assertThrows(IllegalArgumentException.class, () -> vaeLike().get("z")).getMessage());
    }
}
