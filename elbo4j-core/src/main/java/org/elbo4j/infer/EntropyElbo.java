package org.elbo4j.infer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.HasEntropy;
import org.elbo4j.tensor.Tensor;

/**
 * The ELBO in its entropy form: the expected log joint by Monte Carlo, the entropy of q in closed
 * form,
 *
 * <pre>  ELBO ≈ (N/|B|) · [(1/L) Σ_l Σ_{i∈B} log p(x_i, z_{l,i}) + Σ_{i∈B} H[q(z | x_i)]]</pre>
 *
 * Requires q to be {@link HasEntropy} (and reparameterizable). The tensor-graph version for
 * {@link Svi}; over a double-precision target and a Gaussian guide the same sum, with its
 * hand-written gradient, is {@link GaussianElbo#value} / {@link GaussianElbo#gradient}.
 */
public final class EntropyElbo implements ElboEstimator {

    private static final String NAME = "EntropyElbo";

    private final int particles;
    private final long dataSize;

    private EntropyElbo(int particles, long dataSize) {
        this.particles = particles;
        this.dataSize = dataSize;
    }

    /**
     * With {@code particles} samples per data point and no minibatch scaling.
     *
     * @throws IllegalArgumentException unless particles >= 1
     */
    public static EntropyElbo of(int particles) {
        return new EntropyElbo(Particles.checkCount(NAME, "particles", particles), 0);
    }

    /**
     * The same estimator for minibatches of a data set of {@code n} points: terms scaled by N/|B|.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public EntropyElbo withDataSize(long n) {
        return new EntropyElbo(particles, Particles.checkDataSize(NAME, n));
    }

    /** The number of particles L. */
    public int particles() {
        return particles;
    }

    @Override
    public ElboResult estimate(Model model, Guide guide, Tensor x, RandomGenerator rng) {
        Distribution q = guide.posterior(x);
        if (!(q instanceof HasEntropy h)) {
            throw new IllegalArgumentException(NAME + ": the guide's distribution must have a closed-form entropy"
                    + " (HasEntropy), got " + q.getClass().getSimpleName() + "; use MonteCarloElbo");
        }
        Tensor z = Particles.reparameterizable(NAME, q).rsample(rng, particles);
        double scale = Particles.dataScale(NAME, dataSize, q);
        Tensor logJoint = Particles.sumOverBatch(NAME, "logJoint", model.logJoint(x, z), particles).mean();
        Tensor entropy = h.entropy().sum();
        Tensor elbo = logJoint.add(entropy).mul(scale);
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("logJoint", scale * logJoint.item());
        parts.put("entropy", scale * entropy.item());
        return new ElboResult(elbo.item(), elbo.neg(), parts);
    }
}
