package org.elbo4j.dist;

import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Functions;
import org.elbo4j.tensor.Tensor;

/**
 * Bernoulli(p) on {0, 1}, given by its probability of 1 ({@code probs} p) or its log-odds
 * ({@code logits} ℓ = log p − log(1 − p)):
 *
 * <pre>  log p(x) = x log p + (1 − x) log(1 − p) = −[x·softplus(−ℓ) + (1 − x)·softplus(ℓ)]
 *   H = −p log p − (1 − p) log(1 − p) = softplus(ℓ) − p·ℓ
 *   E[x] = p,  Var[x] = p(1 − p)</pre>
 *
 * <p>Batch shape: the shape of the parameter; event shape {@code []}.
 *
 * <p>Implementation note: nothing is computed as the log of a probability that was rounded.
 * Built from {@code logits}, the log-probability is the softplus form above (exact for any finite
 * ℓ). Built from {@code probs}, it is {@code x log p + (1 − x) log(1 − p)} with each logarithm
 * fed only the entries it is selected for (the others see the harmless value 1 or 0), so that
 * p = 0 or 1 give exactly 0 for the certain value and −∞ for the impossible one, without a 0·∞
 * = NaN in the gradient; then {@link #logits()} is ±∞ at p = 0 or 1 ({@link SafeLog}). The
 * entropy takes 0·log 0 = 0.
 */
public final class Bernoulli implements HasEntropy {

    private static final Tensor ZERO = Tensor.scalar(0.0);
    private static final Tensor ONE = Tensor.scalar(1.0);

    private final Tensor probs;
    private final Tensor logits;
    private final boolean fromLogits;

    private Bernoulli(Tensor probs, Tensor logits, boolean fromLogits) {
        this.probs = probs;
        this.logits = logits;
        this.fromLogits = fromLogits;
    }

    /** Bernoulli with probability of 1 {@code probs}, each in [0, 1]. */
    public static Bernoulli of(Tensor probs) {
        if (Validation.isEnabled()) {
            for (float p : probs.data()) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("Bernoulli: probs must be in [0, 1], got " + p);
                }
            }
        }
        return new Bernoulli(probs, SafeLog.of(probs).sub(SafeLog.ofOneMinus(probs)), false);
    }

    /** Bernoulli with one probability of 1. */
    public static Bernoulli of(double probs) {
        return of(Tensor.scalar(probs));
    }

    /** Bernoulli with log-odds {@code logits}, each finite. */
    public static Bernoulli ofLogits(Tensor logits) {
        ParamCheck.finite("Bernoulli", "logits", logits);
        return new Bernoulli(logits.sigmoid(), logits, true);
    }

    /** The probability of 1, p. */
    public Tensor probs() {
        return probs;
    }

    /** The log-odds ℓ = log p − log(1 − p) (±∞ when built from probs 0 or 1). */
    public Tensor logits() {
        return logits;
    }

    @Override
    public Tensor logProb(Tensor x) {
        return OutsideSupport.logProb(Support.BOOLEAN, x, () -> ZERO, this::logMass);
    }

    /** log p(x) for x in {0, 1}. */
    private Tensor logMass(Tensor x) {
        Tensor notX = x.neg().add(1.0);
        if (fromLogits) {
            return x.mul(logits.neg().softplus()).add(notX.mul(logits.softplus())).neg();
        }
        Tensor isOne = Functions.eq(x, ONE);
        Tensor logP = SafeLog.of(Functions.where(isOne, probs, ONE));
        Tensor logNotP = SafeLog.ofOneMinus(Functions.where(isOne, ZERO, probs));
        return x.mul(logP).add(notX.mul(logNotP));
    }

    @Override
    public Tensor sample(RandomGenerator rng, int... sampleShape) {
        float[] p = probs.data();
        int[] shape = DrawShapes.prepend(sampleShape, probs.shape());
        float[] out = new float[Math.multiplyExact(DrawShapes.size(sampleShape), p.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = rng.nextDouble() < p[i % p.length] ? 1f : 0f;
        }
        return Tensor.of(out, shape);
    }

    @Override
    public Tensor entropy() {
        if (fromLogits) {
            return logits.softplus().sub(probs.mul(logits));
        }
        Tensor notP = probs.neg().add(1.0);
        return probs.mul(SafeLog.clamped(probs)).add(notP.mul(SafeLog.clamped(notP))).neg();
    }

    @Override
    public int[] batchShape() {
        return probs.shape();
    }

    @Override
    public int[] eventShape() {
        return new int[0];
    }

    @Override
    public Tensor mean() {
        return probs;
    }

    @Override
    public Tensor variance() {
        return probs.mul(probs.neg().add(1.0));
    }

    @Override
    public Support support() {
        return Support.BOOLEAN;
    }

    @Override
    public String toString() {
        return "Bernoulli(probs=" + probs + ")";
    }
}
