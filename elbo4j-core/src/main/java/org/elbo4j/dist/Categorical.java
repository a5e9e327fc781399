package org.elbo4j.dist;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Indexing;
import org.elbo4j.tensor.Reductions;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Categorical(p) over the labels {0, …, K−1}, with the K probabilities (or unnormalised
 * log-probabilities, {@code logits}) along the last dimension of the parameter:
 *
 * <pre>  log p(k) = log p_k = ℓ_k − log Σ_j exp ℓ_j
 *   H = −Σ_k p_k log p_k</pre>
 *
 * <p>Batch shape: the parameter's shape without its last dimension; event shape {@code []};
 * values are integer-valued float tensors. {@link #mean()} and {@link #variance()} are the moments
 * of the label as an integer, {@code Σ_k k p_k} and {@code Σ_k (k − mean)² p_k} (torch leaves them
 * undefined, as the labels are nominal; they are given here so that samplers can be checked).
 *
 * <p>Implementation note: the logits are normalised once with log-sum-exp; probabilities that are
 * exactly 0 get log-probability −∞ and a zero (not NaN) gradient ({@link SafeLog}), and the
 * entropy takes 0·log 0 = 0.
 */
public final class Categorical implements HasEntropy {

    private final Tensor probs;
    private final Tensor logits;

    private Categorical(Tensor probs, Tensor logits) {
        this.probs = probs;
        this.logits = logits;
    }

    /**
     * Categorical with probabilities {@code probs} along the last dimension: each ≥ 0, each row
     * summing to 1 within 1e-4 (rows are then normalised exactly).
     */
    public static Categorical of(Tensor probs) {
        int k = lastDim(probs, "probs");
        float[] p = probs.data();
        if (Validation.isEnabled()) {
            for (int row = 0; row < p.length / k; row++) {
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    float v = p[row * k + j];
                    if (!(v >= 0 && v <= 1)) {
                        throw new IllegalArgumentException("Categorical: probs must be in [0, 1], got " + v);
                    }
                    sum += v;
                }
                if (!(Math.abs(sum - 1.0) <= 1e-4)) {
                    throw new IllegalArgumentException("Categorical: probs must sum to 1 along the last dimension,"
                            + " got a row summing to " + sum);
                }
            }
        }
        Tensor normalised = probs.div(probs.sum(-1, true));
        return new Categorical(normalised, SafeLog.of(normalised));
    }

    /** Categorical with probabilities {@code probs} (one distribution). */
    public static Categorical of(double... probs) {
        return of(Tensor.vector(probs));
    }

    /** Categorical with finite unnormalised log-probabilities {@code logits} along the last dimension. */
    public static Categorical ofLogits(Tensor logits) {
        lastDim(logits, "logits");
        ParamCheck.finite("Categorical", "logits", logits);
        Tensor normalised = Reductions.logSoftmax(logits, -1);
        return new Categorical(normalised.exp(), normalised);
    }

    private static int lastDim(Tensor t, String name) {
        if (t.rank() < 1 || t.dim(-1) < 1) {
            throw new IllegalArgumentException("Categorical: " + name + " must have at least one category along"
                    + " the last dimension, got shape " + Arrays.toString(t.shape()));
        }
        return t.dim(-1);
    }

    /** The probabilities, normalised, shape {@code batchShape ++ [K]}. */
    public Tensor probs() {
        return probs;
    }

    /** The normalised log-probabilities log p_k, shape {@code batchShape ++ [K]}. */
    public Tensor logits() {
        return logits;
    }

    /** The number of categories K. */
    public int categories() {
        return logits.dim(-1);
    }

    @Override
    public Tensor logProb(Tensor x) {
        return OutsideSupport.logProb(support(), x, () -> Tensor.scalar(0.0), this::logMass);
    }

    /** log p_x for labels x in {0, …, K − 1}. */
    private Tensor logMass(Tensor x) {
        int k = categories();
        int[] shape = Shape.broadcast("Categorical.logProb", x.shape(), batchShape());
        Tensor table = logits.expand(DrawShapes.prepend(shape, new int[] {k}));
        Tensor index = x.expand(shape).reshape(DrawShapes.prepend(shape, new int[] {1}));
        return Indexing.gather(table, -1, index).squeeze(-1);
    }

    @Override
    public Tensor sample(RandomGenerator rng, int... sampleShape) {
        int k = categories();
        float[] p = probs.data();
        int batch = p.length / k;
        float[] out = new float[Math.multiplyExact(DrawShapes.size(sampleShape), batch)];
        for (int i = 0; i < out.length; i++) {
            int base = (i % batch) * k;
            double u = rng.nextDouble();
            double cumulative = 0;
            int label = k - 1;
            for (int j = 0; j < k - 1; j++) {
                cumulative += p[base + j];
                if (u < cumulative) {
                    label = j;
                    break;
                }
            }
            while (p[base + label] == 0f && label > 0) {
                label--;
            }
            out[i] = label;
        }
        return Tensor.of(out, DrawShapes.prepend(sampleShape, batchShape()));
    }

    @Override
    public Tensor entropy() {
        return probs.mul(SafeLog.clamped(probs)).sum(-1, false).neg();
    }

    @Override
    public int[] batchShape() {
        int[] s = logits.shape();
        return Arrays.copyOf(s, s.length - 1);
    }

    @Override
    public int[] eventShape() {
        return new int[0];
    }

    @Override
    public Tensor mean() {
        return probs.mul(Tensor.arange(categories())).sum(-1, false);
    }

    @Override
    public Tensor variance() {
        Tensor centred = Tensor.arange(categories()).sub(mean().unsqueeze(-1));
        return probs.mul(centred.square()).sum(-1, false);
    }

    @Override
    public Support support() {
        return Support.integerInterval(0, categories() - 1);
    }

    @Override
    public String toString() {
        return "Categorical(probs=" + probs + ")";
    }
}
