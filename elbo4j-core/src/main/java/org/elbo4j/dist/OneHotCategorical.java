package org.elbo4j.dist;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Tensor;

/**
 * The categorical distribution over one-hot vectors of length K: x = e_k with probability p_k,
 * so {@code log p(e_k) = log p_k}, {@code E[x] = p}, {@code Var[x_j] = p_j(1 − p_j)}, and the
 * entropy is that of {@link Categorical}.
 *
 * <p>Batch shape: the parameter's shape without its last dimension; event shape {@code [K]}.
 */
public final class OneHotCategorical implements HasEntropy {

    private final Categorical categorical;

    private OneHotCategorical(Categorical categorical) {
        this.categorical = categorical;
    }

    /** One-hot categorical with probabilities {@code probs} along the last dimension (see {@link Categorical#of(Tensor)}). */
    public static OneHotCategorical of(Tensor probs) {
        return new OneHotCategorical(Categorical.of(probs));
    }

    /** One-hot categorical with unnormalised log-probabilities {@code logits} along the last dimension. */
    public static OneHotCategorical ofLogits(Tensor logits) {
        return new OneHotCategorical(Categorical.ofLogits(logits));
    }

    /** The same distribution over labels {0, …, K−1}. */
    public Categorical categorical() {
        return categorical;
    }

    /** The probabilities, shape {@code batchShape ++ [K]}. */
    public Tensor probs() {
        return categorical.probs();
    }

    /** The normalised log-probabilities, shape {@code batchShape ++ [K]}. */
    public Tensor logits() {
        return categorical.logits();
    }

    @Override
    public Tensor logProb(Tensor x) {
        int k = categorical.categories();
        if (x.rank() < 1 || x.dim(-1) != k) {
            throw new IllegalArgumentException("OneHotCategorical: value must have last dimension " + k
                    + ", got shape " + Arrays.toString(x.shape()));
        }
        return OutsideSupport.logProb(Support.ONE_HOT, x, () -> firstCategory(k), this::logMass);
    }

    /** log p of one-hot vectors (the position of each event's 1 as a label). */
    private Tensor logMass(Tensor x) {
        int k = categorical.categories();
        float[] v = x.data();
        int events = v.length / k;
        float[] labels = new float[events];
        for (int e = 0; e < events; e++) {
            for (int j = 0; j < k; j++) {
                if (v[e * k + j] == 1f) {
                    labels[e] = j;
                }
            }
        }
        int[] s = x.shape();
        return categorical.logProb(Tensor.of(labels, Arrays.copyOf(s, s.length - 1)));
    }

    private static Tensor firstCategory(int k) {
        Tensor e = Tensor.zeros(k);
        e.data()[0] = 1f;
        return e;
    }

    @Override
    public Tensor sample(RandomGenerator rng, int... sampleShape) {
        int k = categorical.categories();
        float[] labels = categorical.sample(rng, sampleShape).data();
        float[] out = new float[Math.multiplyExact(labels.length, k)];
        for (int i = 0; i < labels.length; i++) {
            out[i * k + (int) labels[i]] = 1f;
        }
        return Tensor.of(out, DrawShapes.prepend(DrawShapes.prepend(sampleShape, batchShape()), new int[] {k}));
    }

    @Override
    public Tensor entropy() {
        return categorical.entropy();
    }

    @Override
    public int[] batchShape() {
        return categorical.batchShape();
    }

    @Override
    public int[] eventShape() {
        return new int[] {categorical.categories()};
    }

    @Override
    public Tensor mean() {
        return probs();
    }

    @Override
    public Tensor variance() {
        Tensor p = probs();
        return p.mul(p.neg().add(1.0));
    }

    @Override
    public Support support() {
        return Support.ONE_HOT;
    }

    @Override
    public String toString() {
        return "OneHotCategorical(probs=" + probs() + ")";
    }
}
