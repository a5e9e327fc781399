package org.elbo4j.infer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.elbo4j.dist.Distribution;
import org.elbo4j.tensor.Reductions;
import org.elbo4j.tensor.Tensor;

/**
 * The importance-weighted bound of Burda, Grosse &amp; Salakhutdinov (2015), per data point
 *
 * <pre>  L_K = E[log (1/K) Σ_k w_k],   w_k = p(x, z_k) / q(z_k | x),   z_k ~ q(z | x) iid</pre>
 *
 * with ELBO = L_1 ≤ L_K ≤ L_{K+1} ≤ log p(x) and L_K → log p(x). One estimate draws K particles
 * per data point and returns (N/|B|) Σ_{i∈B} [logsumexp_k log w_{k,i} − log K]; the gradient
 * estimator is chosen by {@link IwaeGradient}.
 *
 * <p>Implementation note: the log-mean of the weights is computed by log-sum-exp (the largest log
 * weight is factored out), never as the log of a mean of exponentials. The normalized weights w̃
 * used by DReG are the softmax of the log weights, held constant (detached). DReG's surrogate
 * <pre>  Σ_k w̃_k² [log p(x, z_k) − log q_{⊥φ}(z_k)] − Σ_k w̃_k² log p(x, ⊥z_k) + Σ_k w̃_k log p(x, ⊥z_k)</pre>
 * (⊥ = detached) gives the guide Σ w̃² ∂log w/∂z ∂z/∂φ and the model Σ w̃ ∇_θ log p(x, z) from
 * one backward pass: the two w̃²-terms have equal model gradients that cancel. The loss value is
 * always −L_K.
 *
 * <p>The tensor-graph version for {@link Svi}; over a double-precision target and a Gaussian
 * guide the same bound and estimators are {@link GaussianIwae} (same number on the same draws).
 */
public final class IwaeBound implements ElboEstimator {

    private static final String NAME = "IwaeBound";

    private final int samples;
    private final IwaeGradient gradient;
    private final long dataSize;

    private IwaeBound(int samples, IwaeGradient gradient, long dataSize) {
        this.samples = samples;
        this.gradient = gradient;
        this.dataSize = dataSize;
    }

    /**
     * L_K with K = {@code samples} importance samples, plain gradient, no minibatch scaling.
     *
     * @throws IllegalArgumentException unless samples >= 1
     */
    public static IwaeBound of(int samples) {
        return new IwaeBound(Particles.checkCount(NAME, "samples", samples), IwaeGradient.PLAIN, 0);
    }

    /** The same bound with another gradient estimator. */
    public IwaeBound withGradient(IwaeGradient g) {
        if (g == null) {
            throw new IllegalArgumentException(NAME + ": gradient must not be null");
        }
        return new IwaeBound(samples, g, dataSize);
    }

    /**
     * The same bound for minibatches of a data set of {@code n} points: scaled by N/|B|.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public IwaeBound withDataSize(long n) {
        return new IwaeBound(samples, gradient, Particles.checkDataSize(NAME, n));
    }

    /** K. */
    public int samples() {
        return samples;
    }

    /** The gradient estimator. */
    public IwaeGradient gradient() {
        return gradient;
    }

    @Override
    public ElboResult estimate(Model model, Guide guide, Tensor x, RandomGenerator rng) {
        Distribution q = guide.posterior(x);
        Tensor z = Particles.reparameterizable(NAME, q).rsample(rng, samples);
        double scale = Particles.dataScale(NAME, dataSize, q);
        Tensor logJoint = checked(model.logJoint(x, z), "logJoint");
        Distribution guideForLogQ = gradient == IwaeGradient.PLAIN ? q : DetachedParams.of(q);
        Tensor logWeight = logJoint.sub(checked(guideForLogQ.logProb(z), "log q(z)"));
        double logK = Math.log(samples);
        Tensor bound = logWeight.logSumExp(0, false).sub(logK).sum().mul(scale);
        double value = bound.item();
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("logJoint", scale * logJoint.detach().mean(0, false).sum().item());
        Tensor loss;
        if (gradient == IwaeGradient.DREG) {
            Tensor normalized = Reductions.softmax(logWeight.detach(), 0);
            Tensor logJointFixedZ = checked(model.logJoint(x, z.detach()), "logJoint");
            Tensor surrogate = normalized.square().mul(logWeight.sub(logJointFixedZ))
                    .add(normalized.mul(logJointFixedZ)).sum().mul(scale);
            loss = Particles.withValue(surrogate, value).neg();
        } else {
            loss = bound.neg();
        }
        return new ElboResult(value, loss, parts);
    }

    private Tensor checked(Tensor t, String name) {
        if (t.rank() < 1 || t.dim(0) != samples) {
            throw new IllegalArgumentException(NAME + ": " + name + " must have shape [" + samples
                    + ", batch...], got " + java.util.Arrays.toString(t.shape()));
        }
        return t;
    }
}
