package org.elbo4j.infer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.kl.Kl;
import org.elbo4j.tensor.Tensor;

/**
 * The ELBO as reconstruction minus prior matching, the KL in closed form (the VAE objective of
 * Kingma &amp; Welling 2014):
 *
 * <pre>  ELBO ≈ (N/|B|) · [(1/L) Σ_l Σ_{i∈B} log p(x_i | z_{l,i}) − Σ_{i∈B} KL(q(z | x_i) || p(z))]</pre>
 *
 * The KL comes from {@link Kl#divergence}, so (q, prior) needs a registered analytic rule; the
 * model must expose its likelihood ({@link LikelihoodModel}). The tensor-graph version for
 * {@link Svi}; over a double-precision likelihood and a Gaussian guide against N(0, I) the same
 * sum is {@link GaussianElbo#analyticKl}.
 */
public final class AnalyticKlElbo implements ElboEstimator {

    private static final String NAME = "AnalyticKlElbo";

    private final int particles;
    private final long dataSize;

    private AnalyticKlElbo(int particles, long dataSize) {
        this.particles = particles;
        this.dataSize = dataSize;
    }

    /**
     * With {@code particles} samples per data point and no minibatch scaling.
     *
     * @throws IllegalArgumentException unless particles >= 1
     */
    public static AnalyticKlElbo of(int particles) {
        return new AnalyticKlElbo(Particles.checkCount(NAME, "particles", particles), 0);
    }

    /**
     * The same estimator for minibatches of a data set of {@code n} points: terms scaled by N/|B|.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public AnalyticKlElbo withDataSize(long n) {
        return new AnalyticKlElbo(particles, Particles.checkDataSize(NAME, n));
    }

    /** The number of particles L. */
    public int particles() {
        return particles;
    }

    @Override
    public ElboResult estimate(Model model, Guide guide, Tensor x, RandomGenerator rng) {
        if (!(model instanceof LikelihoodModel lm)) {
            throw new IllegalArgumentException(NAME + ": the model must expose its likelihood (LikelihoodModel), got "
                    + model.getClass().getSimpleName() + "; use MonteCarloElbo or EntropyElbo");
        }
        Distribution q = guide.posterior(x);
        Tensor z = Particles.reparameterizable(NAME, q).rsample(rng, particles);
        double scale = Particles.dataScale(NAME, dataSize, q);
        Tensor reconstruction = Particles.sumOverBatch(NAME, "logLikelihood", lm.logLikelihood(x, z), particles)
                .mean();
        Tensor kl = Kl.divergence(q, model.prior()).sum();
        Tensor elbo = reconstruction.sub(kl).mul(scale);
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("reconstruction", scale * reconstruction.item());
        parts.put("kl", scale * kl.item());
        return new ElboResult(elbo.item(), elbo.neg(), parts);
    }
}
