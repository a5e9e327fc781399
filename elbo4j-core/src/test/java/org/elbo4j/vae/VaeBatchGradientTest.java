package org.elbo4j.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.elbo4j.data.Binarize;
import org.elbo4j.nn.Activation;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The gradient of shares of a batch: the whole batch as the trainer computes it, shares summing to it. */
class VaeBatchGradientTest {

    private static final int B = 5;
    private static final int D = 6;

    private static Vae vae() {
        return Vae.of(new VaeConfig(D, List.of(4), 2, Activation.TANH, Likelihood.BERNOULLI, 2, 1.0, 0), Rng.of(1));
    }

    private static float[] rows(float[] all, int... positions) {
        float[] x = new float[positions.length * D];
        for (int j = 0; j < positions.length; j++) {
            System.arraycopy(all, positions[j] * D, x, j * D, D);
        }
        return x;
    }

    @Test
    void wholeBatchIsTheTrainersStepAndSharesSumToIt() {
        wholeBatchIsTheTrainersStepAndSharesSumToIt(VaeObjective.ELBO);
    }

    /** Antithetic pairs are pairs of the whole batch: a share sees the rows of the whole batch's noise. */
    @Test
    void withAntitheticNoiseToo() {
        wholeBatchIsTheTrainersStepAndSharesSumToIt(VaeObjective.ELBO.withAntithetic(true));
    }

    private static void wholeBatchIsTheTrainersStepAndSharesSumToIt(VaeObjective objective) {
        Rng data = Rng.of(2);
        float[] all = new float[B * D];
        for (int i = 0; i < all.length; i++) {
            all[i] = (float) data.nextDouble();
        }
        Vae vae = vae();
        Rng run = Rng.of(9);
        int n = VaeBatchGradient.size(vae);
        float[] whole = new float[n];
        double loss = VaeBatchGradient.compute(vae, Tensor.of(all.clone(), B, D), new int[] {0, 1, 2, 3, 4}, B, 3, 1,
                Binarize.DYNAMIC, objective, run, whole);
        // the trainer's step: binarize the batch, draw the noise, backward
        Tensor x = Binarize.DYNAMIC.batch(Tensor.of(all.clone(), B, D), run.child("binarize").child(3).child(1));
        Tensor l = vae.loss(x, run.child("noise").child(3).child(1), 1.0, objective);
        l.backward();
        assertEquals(l.item(), loss, 0.0);
        int at = 0;
        for (Tensor p : vae.parameters().tensors()) {
            assertArrayEquals(p.grad().data(), java.util.Arrays.copyOfRange(whole, at, at + p.size()), 0f);
            at += p.size();
        }
        vae.parameters().zeroGrad();
        float[] a = new float[n];
        float[] b = new float[n];
        double la = VaeBatchGradient.compute(vae, Tensor.of(rows(all, 0, 2, 3), 3, D), new int[] {0, 2, 3}, B, 3, 1,
                Binarize.DYNAMIC, objective, run, a);
        double lb = VaeBatchGradient.compute(vae, Tensor.of(rows(all, 1, 4), 2, D), new int[] {1, 4}, B, 3, 1,
                Binarize.DYNAMIC, objective, run, b);
        assertEquals(loss, la + lb, 1e-5 * Math.abs(loss));
        for (int i = 0; i < n; i++) {
            assertEquals(whole[i], a[i] + b[i], 1e-5 * (1 + Math.abs(whole[i])), "gradient " + i);
        }
    }

    @Test
    void applySetsTheGradientsAndBadShapesAreRejected() {
        Vae vae = vae();
        float[] flat = new float[VaeBatchGradient.size(vae)];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = i;
        }
        VaeBatchGradient.apply(vae, flat);
        Tensor first = vae.parameters().tensors().get(0);
        assertEquals(1f, first.grad().data()[1], 0f);
        assertThrows(IllegalArgumentException.class, () -> VaeBatchGradient.apply(vae, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> VaeBatchGradient.compute(vae, Tensor.zeros(2, D),
                new int[] {1, 1}, B, 1, 0, Binarize.NONE, VaeObjective.ELBO, Rng.of(1), flat));
        assertThrows(IllegalArgumentException.class, () -> vae.loss(Tensor.zeros(2, D), Tensor.zeros(3, 2), 1.0,
                VaeObjective.ELBO));
    }
}
