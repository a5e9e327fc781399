package org.elbo4j.infer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.elbo4j.dist.Distribution;
import org.elbo4j.tensor.Tensor;

/**
 * The ELBO in its "joint minus guide" form, fully by Monte Carlo with L reparameterized particles
 * (Pyro's {@code Trace_ELBO}):
 *
 * <pre>  ELBO ≈ (N/|B|) · (1/L) Σ_l Σ_{i∈B} [log p(x_i, z_{l,i}) − log q(z_{l,i} | x_i)],
 *   z_l = g_φ(ε_l) ~ q(z | x)</pre>
 *
 * Unbiased for the ELBO and, through the reparameterization, for its gradient. When q is the
 * exact posterior the summand equals log p(x) for every z: zero variance.
 *
 * <p>This is the tensor-graph version for {@link Svi} (any model, any reparameterizable guide,
 * gradients by autodiff); for a double-precision target and a Gaussian guide the same sum is
 * {@link GaussianElbo#jointMinusGuide}, and both give the same number on the same draws
 * ({@code GaussianElboTest}).
 */
public final class MonteCarloElbo implements ElboEstimator {

    private static final String NAME = "MonteCarloElbo";

    private final int particles;
    private final long dataSize;

    private MonteCarloElbo(int particles, long dataSize) {
        this.particles = particles;
        this.dataSize = dataSize;
    }

    /**
     * With {@code particles} samples per data point and no minibatch scaling.
     *
     * @throws IllegalArgumentException unless particles >= 1
     */
    public static MonteCarloElbo of(int particles) {
        return new MonteCarloElbo(Particles.checkCount(NAME, "particles", particles), 0);
    }

    /**
     * The same estimator for minibatches of a data set of {@code n} points: terms scaled by N/|B|.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public MonteCarloElbo withDataSize(long n) {
        return new MonteCarloElbo(particles, Particles.checkDataSize(NAME, n));
    }

    /** The number of particles L. */
    public int particles() {
        return particles;
    }

    @Override
    public ElboResult estimate(Model model, Guide guide, Tensor x, RandomGenerator rng) {
        Distribution q = guide.posterior(x);
        Tensor z = Particles.reparameterizable(NAME, q).rsample(rng, particles);
        double scale = Particles.dataScale(NAME, dataSize, q);
        Tensor logJoint = Particles.sumOverBatch(NAME, "logJoint", model.logJoint(x, z), particles).mean();
        Tensor logGuide = Particles.sumOverBatch(NAME, "log q(z)", q.logProb(z), particles).mean();
        Tensor elbo = logJoint.sub(logGuide).mul(scale);
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("logJoint", scale * logJoint.item());
        parts.put("logGuide", scale * logGuide.item());
        return new ElboResult(elbo.item(), elbo.neg(), parts);
    }
}
