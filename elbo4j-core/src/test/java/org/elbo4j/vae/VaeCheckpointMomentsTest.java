package org.elbo4j.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.data.Binarize;
import org.elbo4j.data.Dataset;
import org.elbo4j.data.Mnist;
import org.elbo4j.optim.AdamConfig;
import org.elbo4j.optim.OptimizerState;
import org.elbo4j.random.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adam's moments in double survive a checkpoint exactly: 2 epochs straight equal 1 epoch, save,
 * load, resume 1 epoch, bit for bit in the weights and in the float64 moments (written as F64
 * safetensors). A checkpoint of the float32-moment era still loads (moments widened exactly) and a
 * broken optimizer file gives an error naming the file. Deterministic (seeded): no false failures.
 */
class VaeCheckpointMomentsTest {

    private static Dataset train;

    @BeforeAll
    static void load() throws IOException {
        Mnist digits = Mnist.load(Path.of("..", "elbo4j-cli", "src", "main", "resources", "org", "elbo4j", "data"));
        train = digits.train().slice(0, 96);
    }

    private static VaeTrainer trainer(Vae vae) {
        return VaeTrainer.of(vae, train, 32, AdamConfig.adam().withLr(3e-3), Binarize.DYNAMIC, Rng.of(3));
    }

    private static Vae fresh() {
        return Vae.of(VaeConfig.of(784, 16, 4), Rng.of(3).child("init"));
    }

    @Test
    void twoEpochsEqualOnePlusResumeBitForBit(@TempDir Path dir) throws IOException {
        VaeTrainer straight = trainer(fresh());
        straight.trainEpoch();
        straight.trainEpoch();

        VaeTrainer first = trainer(fresh());
        first.trainEpoch();
        new VaeCheckpoint(first.vae(), Map.of(), first.optimizerState(), first.epochsDone()).save(dir);
        String header = new String(Files.readAllBytes(dir.resolve(VaeCheckpoint.OPTIMIZER)), 8, 200,
                StandardCharsets.UTF_8);
        assertTrue(header.contains("\"F64\""), header);
        VaeCheckpoint saved = VaeCheckpoint.load(dir);
        assertEquals(first.optimizerState(), saved.optimizer());
        VaeTrainer resumed = trainer(saved.vae());
        resumed.restore(saved.optimizer(), saved.epochsDone());
        resumed.trainEpoch();

        Map<String, float[]> a = straight.vae().parameters().copyValues();
        Map<String, float[]> b = resumed.vae().parameters().copyValues();
        for (String name : a.keySet()) {
            assertArrayEquals(bits(a.get(name)), bits(b.get(name)), name);
        }
        assertEquals(straight.optimizerState(), resumed.optimizerState(), "float64 moments and step count");
        assertTrue(straight.optimizerState().isDouble());
    }

    @Test
    void aFloatMomentCheckpointLoadsWidened(@TempDir Path dir) throws IOException {
        VaeTrainer first = trainer(fresh());
        first.trainEpoch();
        OptimizerState doubles = first.optimizerState();
        Map<String, float[]> floats = new LinkedHashMap<>();
        doubles.doubleBuffers().forEach((k, v) -> {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            floats.put(k, f);
        });
        OptimizerState old = OptimizerState.of("Adam", doubles.step(), floats);
        new VaeCheckpoint(first.vae(), Map.of(), old, 1).save(dir);
        VaeCheckpoint saved = VaeCheckpoint.load(dir);
        VaeTrainer resumed = trainer(saved.vae());
        resumed.restore(saved.optimizer(), saved.epochsDone());
        OptimizerState now = resumed.optimizerState();
        for (Map.Entry<String, float[]> e : floats.entrySet()) {
            double[] widened = now.doubleBuffers().get(e.getKey());
            for (int i = 0; i < widened.length; i++) {
                assertEquals(e.getValue()[i], widened[i], 0.0, e.getKey());
            }
        }
        double elbo = resumed.trainEpoch();
        assertTrue(Double.isFinite(elbo));
    }

    @Test
    void aBrokenOptimizerFileIsNamed(@TempDir Path dir) throws IOException {
        VaeTrainer first = trainer(fresh());
        first.trainEpoch();
        new VaeCheckpoint(first.vae(), Map.of(), first.optimizerState(), 1).save(dir);
        byte[] bytes = Files.readAllBytes(dir.resolve(VaeCheckpoint.OPTIMIZER));
        Files.write(dir.resolve(VaeCheckpoint.OPTIMIZER), java.util.Arrays.copyOf(bytes, bytes.length - 16));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VaeCheckpoint.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve(VaeCheckpoint.OPTIMIZER).toString())
                && e.getMessage().contains("truncated"), e.getMessage());
    }

    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToIntBits(v[i]);
        }
        return out;
    }
}
