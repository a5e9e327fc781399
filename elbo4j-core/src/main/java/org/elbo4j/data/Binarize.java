package org.elbo4j.data;

import java.util.Locale;
import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Tensor;

/**
 * How grey-level values in [0, 1] are turned into binary data for a Bernoulli likelihood:
 * each value p is replaced by a draw {@code x ~ Bernoulli(p)}.
 * <ul>
 *   <li>{@code NONE}: values are used as they are.</li>
 *   <li>{@code DYNAMIC}: fresh draws for every minibatch (as in Burda, Grosse &amp; Salakhutdinov,
 *       2016, "Importance Weighted Autoencoders"); the
 *       training loop calls {@link #batch} with a generator derived from the epoch and batch
 *       index, e.g. {@code rng.child(epoch).child(batchIndex)}, so a resumed run draws the same.</li>
 *   <li>{@code STATIC}: one draw for the whole data set before training ({@link #prepare}), as in
 *       Salakhutdinov &amp; Murray (2008).</li>
 * </ul>
 *
 * <p>Implementation note: a draw is {@code u < p} with u uniform on the grid {@code k·2⁻²⁴}
 * (two such u from each 64-bit draw of the generator), so {@code P(x = 1)} is p rounded up to a
 * multiple of 2⁻²⁴: exact for p = 0, p = 1 and every float32 in [0.5, 1). The comparison is
 * branch-free (random outcomes would defeat branch prediction: 4× slower).
 */
public enum Binarize {
    NONE,
    DYNAMIC,
    STATIC;

    /** Before training: STATIC returns a binarized copy drawn from {@code rng}; the others return {@code data}. */
    public Dataset prepare(Dataset data, RandomGenerator rng) {
        return this == STATIC ? data.withValues(bernoulli(data.values(), rng)) : data;
    }

    /** For each minibatch: DYNAMIC returns fresh draws from {@code rng}; the others return {@code x}. */
    public Tensor batch(Tensor x, RandomGenerator rng) {
        return this == DYNAMIC ? bernoulli(x, rng) : x;
    }

    /**
     * Independent draws {@code Bernoulli(p)} for every element p of {@code probs}, as a new
     * tensor of 0s and 1s of the same shape (not attached to the autodiff graph).
     *
     * @throws IllegalArgumentException naming the first element that is not in [0, 1]
     */
    public static Tensor bernoulli(Tensor probs, RandomGenerator rng) {
        float[] p = probs.data();
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0f && p[i] <= 1f)) {
                throw new IllegalArgumentException("Binarize: value " + p[i] + " at index " + i
                        + " is not a probability in [0, 1]");
            }
        }
        Tensor out = Tensor.zeros(probs.shape());
        float[] x = out.data();
        int i = 0;
        for (; i + 1 < p.length; i += 2) {
            long r = rng.nextLong();
            x[i] = draw(r >>> 40, p[i]);
            x[i + 1] = draw((r >>> 8) & 0xFFFFFFL, p[i + 1]);
        }
        if (i < p.length) {
            x[i] = draw(rng.nextLong() >>> 40, p[i]);
        }
        return out;
    }

    /**
     * 1 when {@code u < p·2²⁴} for a 24-bit integer u, else 0, without a branch: the sign bit of
     * the (exactly signed) float difference. Both operands are exact floats.
     */
    private static float draw(long u24, float p) {
        return Float.floatToRawIntBits((float) u24 - p * 0x1.0p24f) >>> 31;
    }

    /**
     * The mode named {@code name}, ignoring case ("none", "dynamic", "static").
     *
     * @throws IllegalArgumentException listing the known names
     */
    public static Binarize parse(String name) {
        for (Binarize b : values()) {
            if (b.name().equalsIgnoreCase(name.trim())) {
                return b;
            }
        }
        throw new IllegalArgumentException("Binarize: unknown mode '" + name + "', expected one of "
                + java.util.Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
    }
}
