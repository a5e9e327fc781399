package org.elbo4j.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.elbo4j.data.Binarize;
import org.elbo4j.data.Dataset;
import org.elbo4j.data.Mnist;
import org.elbo4j.infer.NonFinitePolicy;
import org.elbo4j.infer.Svi;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link VaeTrainer} with a forced non-finite step: a NaN (or a huge value) put into pixels of
 * 64 bundled digits (no binarization, so the value reaches the loss), batches of 16. The checks
 * run before the update, so STOP leaves the weights and the optimizer state exactly as they were
 * before the failing step, and ROLLBACK drops the step and halves the learning rate.
 * Deterministic: no false failures.
 */
class VaeNonFiniteTest {

    private static final double LR = 3e-3;
    private static Dataset clean;

    @BeforeAll
    static void load() throws IOException {
        Mnist digits = Mnist.load(Path.of("..", "elbo4j-cli", "src", "main", "resources", "org", "elbo4j", "data"));
        clean = digits.train().slice(0, 64);
    }

    /** {@code clean} with pixel 300 of the given rows (all when rows is empty) set to {@code value}. */
    private static Dataset poisoned(float value, int... rows) {
        float[] x = clean.values().toFloatArray();
        int d = clean.d();
        if (rows.length == 0) {
            for (int r = 0; r < clean.n(); r++) {
                x[r * d + 300] = value;
            }
        }
        for (int r : rows) {
            x[r * d + 300] = value;
        }
        return clean.withValues(Tensor.of(x, clean.n(), d));
    }

    private static VaeTrainer trainer(Vae vae, Dataset data, int batch) {
        return VaeTrainer.of(vae, data, batch, AdamConfig.adam().withLr(LR), Binarize.NONE, Rng.of(1));
    }

    private static Vae fresh() {
        return Vae.of(VaeConfig.of(784, 32, 4), Rng.of(1).child("init"));
    }

    private static void assertSameWeights(Map<String, float[]> expected, Vae vae) {
        Map<String, float[]> found = vae.parameters().copyValues();
        assertEquals(expected.keySet(), found.keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), found.get(name), 0f, name);
        }
    }

    /** One clean epoch, saved; then epoch 2 on {@code bad} data must fail at its first batch. */
    private static void assertStopKeepsTheWeights(Path dir, Dataset bad, String problem) throws IOException {
        VaeTrainer first = trainer(fresh(), clean, 16);
        first.trainEpoch();
        new VaeCheckpoint(first.vae(), Map.of("batch", 16), first.optimizerState(), first.epochsDone()).save(dir);
        VaeCheckpoint saved = VaeCheckpoint.load(dir);
        VaeTrainer t = trainer(saved.vae(), bad, 16);
        t.restore(saved.optimizer(), saved.epochsDone());
        Map<String, float[]> before = t.vae().parameters().copyValues();

        IllegalStateException e = assertThrows(IllegalStateException.class, t::trainEpoch);
        assertTrue(e.getMessage().contains(problem) && e.getMessage().contains("in epoch 2, batch 0 (update 5)"),
                e.getMessage());
        assertSameWeights(before, t.vae());
        assertEquals(saved.optimizer(), t.optimizerState());
        assertEquals(1, t.epochsDone());
    }

    @Test
    void stopOnANonFiniteLossLeavesWeightsAndOptimizerAsBeforeTheStep(@TempDir Path dir) throws IOException {
        assertStopKeepsTheWeights(dir, poisoned(Float.NaN), "the loss is NaN");
    }

    @Test
    void stopOnANonFiniteGradientLeavesWeightsAsBeforeTheStep() {
        // pixel 300 = 1e37 in every row, and the encoder blind to it (its weights from pixel 300 set
        // to 0): the loss keeps finite terms 1e37·l (the fresh decoder's logits have |l| < 1, 16 rows
        // < 3.4e38), but the gradient of the encoder's weights from that pixel, 1e37 times a
        // back-propagated gradient of order 1e36, overflows to ±∞
        Vae vae = fresh();
        float[] w = vae.parameters().parameters().get("encoder.0.weight").data();
        int hidden = 32;
        java.util.Arrays.fill(w, 300 * hidden, 301 * hidden, 0f);
        Map<String, float[]> before = vae.parameters().copyValues();
        VaeTrainer t = trainer(vae, poisoned(1e37f), 16);
        IllegalStateException e = assertThrows(IllegalStateException.class, t::trainEpoch);
        assertTrue(e.getMessage().contains("the gradient of 'encoder.0.weight' is not finite in epoch 1, batch 0 (update 1)"),
                e.getMessage());
        assertSameWeights(before, vae);
        assertEquals(0, t.optimizerState().step());
    }

    @Test
    void rollbackDropsTheStepAndHalvesTheLearningRate() {
        Dataset bad = poisoned(Float.NaN, 5);
        VaeTrainer stop = trainer(fresh(), bad, 16);
        assertThrows(IllegalStateException.class, stop::trainEpoch);

        VaeTrainer t = trainer(fresh(), bad, 16).onNonFinite(NonFinitePolicy.ROLLBACK);
        double first = t.trainEpoch();
        assertTrue(Double.isFinite(first), "epoch objective " + first);
        assertEquals(1, t.rollbacks());
        assertEquals(0.5, t.learningRateScale(), 0.0);
        assertEquals(0.5 * LR, t.learningRate(), 0.0);
        assertEquals(3, t.optimizerState().step(), "3 of the 4 updates applied");
        t.trainEpoch();
        assertEquals(2, t.rollbacks());
        assertEquals(0.25 * LR, t.learningRate(), 0.0);
        assertEquals(6, t.optimizerState().step());
        for (Map.Entry<String, float[]> p : t.vae().parameters().copyValues().entrySet()) {
            for (float v : p.getValue()) {
                assertTrue(Float.isFinite(v), p.getKey());
            }
        }
    }

    @Test
    void rollbackGivesUpAfterTooManyDroppedStepsInARow() {
        Vae vae = fresh();
        Map<String, float[]> before = vae.parameters().copyValues();
        VaeTrainer t = trainer(vae, poisoned(Float.NaN), 1).onNonFinite(NonFinitePolicy.ROLLBACK);
        IllegalStateException e = assertThrows(IllegalStateException.class, t::trainEpoch);
        assertTrue(e.getMessage().contains("after " + Svi.MAX_CONSECUTIVE_ROLLBACKS + " dropped steps in a row"),
                e.getMessage());
        assertEquals(Svi.MAX_CONSECUTIVE_ROLLBACKS, t.rollbacks());
        assertSameWeights(before, vae);
        assertEquals(0, t.optimizerState().step());
    }
}
