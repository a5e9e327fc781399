package org.elbo4j.vae;

import java.util.Map;
import org.elbo4j.data.Binarize;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;

/**
 * The gradient of a VAE's loss over some rows of one minibatch, into a flat buffer: the piece of a
 * {@link VaeTrainer} step that data-parallel training runs on every share of a batch.
 *
 * <p>For batch i of epoch e with B rows, the trainer draws the dynamic binarization of the whole
 * batch {@code [B, D]} from {@code rng.child("binarize").child(e).child(i)} and the noise
 * {@code ε [B·K, L]} from {@code rng.child("noise").child(e).child(i)} ({@link VaeNoise}: antithetic
 * pairs, when the objective asks for them, are pairs of the whole batch). Here the rows at batch
 * positions {@code p₁ < … < p_m} are given alone; the same draws are made for the whole batch and
 * the rows of those positions kept, so every row sees the numbers it sees in the trainer. With the
 * loss a sum over rows,
 * <pre>
 *   ∇ Σ_{rows of the batch} loss  =  Σ_shares ∇ Σ_{rows of the share} loss,
 * </pre>
 * and with one share holding all rows in batch order the gradient is the trainer's bit for bit.
 * The flat buffer holds the gradients of {@link Vae#parameters()} in their order, each row-major
 * ({@link #size}); {@link #apply} puts a (summed) buffer back as the parameters' gradients.
 */
public final class VaeBatchGradient {

    private VaeBatchGradient() {
    }

    /** The number of values in a flat gradient of {@code vae}: its parameter count. */
    public static int size(Vae vae) {
        return Math.toIntExact(vae.parameters().count());
    }

    /**
     * Adds nothing, overwrites {@code flat} with the gradient of the loss summed over the rows
     * {@code x [m, D]} that sit at positions {@code positions} (increasing) of batch
     * {@code batchIndex} of epoch {@code epoch}, a batch of {@code batchSize} rows, and returns that
     * loss; the draws come from the run's stream {@code rng} as in {@link VaeTrainer}.
     *
     * @throws IllegalArgumentException if the positions do not fit the batch or x, or flat has the wrong size
     */
    public static double compute(Vae vae, Tensor x, int[] positions, int batchSize, long epoch, int batchIndex,
            Binarize binarize, VaeObjective objective, Rng rng, float[] flat) {
        vae.checkInput(x);
        int m = x.dim(0);
        int d = x.dim(1);
        if (positions.length != m || flat.length != size(vae)) {
            throw new IllegalArgumentException("VaeBatchGradient: " + positions.length + " positions for " + m
                    + " rows, flat buffer of " + flat.length + " for " + size(vae) + " parameters");
        }
        for (int j = 0; j < m; j++) {
            if (positions[j] < 0 || positions[j] >= batchSize || (j > 0 && positions[j] <= positions[j - 1])) {
                throw new IllegalArgumentException("VaeBatchGradient: positions must increase within [0, "
                        + batchSize + "), got " + positions[j] + " at " + j);
            }
        }
        boolean all = m == batchSize;
        Tensor rows = x;
        if (binarize == Binarize.DYNAMIC) {
            Tensor full = all ? x : Tensor.zeros(batchSize, d);
            if (!all) {
                float[] src = x.data();
                float[] dst = full.data();
                for (int j = 0; j < m; j++) {
                    System.arraycopy(src, j * d, dst, positions[j] * d, d);
                }
            }
            Tensor drawn = binarize.batch(full, rng.child("binarize").child(epoch).child(batchIndex));
            rows = all ? drawn : drawn.indexSelect(0, positions);
        }
        int k = vae.config().samples();
        Tensor eps = VaeNoise.of(rng.child("noise").child(epoch).child(batchIndex), batchSize, k, vae.config().latent(),
                objective.antithetic());
        if (!all) {
            int[] keep = new int[m * k];
            for (int s = 0; s < k; s++) {
                for (int j = 0; j < m; j++) {
                    keep[s * m + j] = s * batchSize + positions[j];
                }
            }
            eps = eps.indexSelect(0, keep);
        }
        vae.parameters().zeroGrad();
        Tensor loss = vae.loss(rows, eps, vae.config().klWeight(epoch), objective);
        double value = loss.item();
        if (Double.isFinite(value)) {
            loss.backward();
        }
        int at = 0;
        for (Tensor p : vae.parameters().tensors()) {
            Tensor g = p.grad();
            int n = p.size();
            if (g == null) {
                java.util.Arrays.fill(flat, at, at + n, 0f);
            } else {
                System.arraycopy(g.data(), 0, flat, at, n);
            }
            at += n;
        }
        vae.parameters().zeroGrad();
        return value;
    }

    /** Sets the gradient of every parameter of {@code vae} from the flat buffer (see the class comment). */
    public static void apply(Vae vae, float[] flat) {
        if (flat.length != size(vae)) {
            throw new IllegalArgumentException("VaeBatchGradient: flat buffer of " + flat.length + " for "
                    + size(vae) + " parameters");
        }
        int at = 0;
        for (Map.Entry<String, Tensor> e : vae.parameters().parameters().entrySet()) {
            Tensor p = e.getValue();
            p.setGrad(java.util.Arrays.copyOfRange(flat, at, at + p.size()));
            at += p.size();
        }
    }
}
