package org.elbo4j.infer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.elbo4j.dist.Distribution;
import org.elbo4j.tensor.Tensor;

/**
 * The ELBO with the score-function (REINFORCE, likelihood-ratio) gradient, for guides that cannot
 * be reparameterized (discrete latents). With f(z) = log p(x, z) − log q_φ(z | x) and z ~ q drawn
 * without gradient,
 *
 * <pre>  ∇_φ ELBO = E_q[(f(z) − b) ∇_φ log q_φ(z)] + E_q[∇_φ f(z)],</pre>
 *
 * valid for any baseline b that does not depend on the current draw (E_q ∇ log q = 0). The
 * estimator differentiates the surrogate
 * <pre>  (N/|B|) · (1/L) Σ_l Σ_{i∈B} [(⊥f_{l,i} − b) log q(z_{l,i}) + f_{l,i}]</pre>
 * (⊥ = detached), whose model gradient is the plain ∇_θ log p(x, z). The baseline is a moving
 * average of the per-datum mean of f over past estimates, b ← β b + (1 − β) mean(f), updated
 * after the current estimate has used the old b (the first estimate uses b = 0 and then sets b to
 * its mean). This makes the estimator stateful: one instance per training run.
 *
 * <p>The loss value is −ELBO (the surrogate's gradient with the estimate's value).
 */
public final class ScoreFunctionElbo implements ElboEstimator {

    private static final String NAME = "ScoreFunctionElbo";

    private final int particles;
    private final long dataSize;
    private final double baselineDecay;
    private final boolean useBaseline;
    private double baseline;
    private boolean baselineSet;

    private ScoreFunctionElbo(int particles, long dataSize, boolean useBaseline, double baselineDecay) {
        this.particles = particles;
        this.dataSize = dataSize;
        this.useBaseline = useBaseline;
        this.baselineDecay = baselineDecay;
    }

    /**
     * With {@code particles} samples per data point, a moving-average baseline of decay 0.9, no
     * minibatch scaling.
     *
     * @throws IllegalArgumentException unless particles >= 1
     */
    public static ScoreFunctionElbo of(int particles) {
        return new ScoreFunctionElbo(Particles.checkCount(NAME, "particles", particles), 0, true, 0.9);
    }

    /**
     * A fresh estimator with baseline decay β in [0, 1) (0: the previous estimate's mean).
     *
     * @throws IllegalArgumentException unless 0 <= decay < 1
     */
    public ScoreFunctionElbo withBaselineDecay(double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException(NAME + ": baselineDecay must be in [0, 1), got " + decay);
        }
        return new ScoreFunctionElbo(particles, dataSize, true, decay);
    }

    /** A fresh estimator without baseline (b = 0). */
    public ScoreFunctionElbo withoutBaseline() {
        return new ScoreFunctionElbo(particles, dataSize, false, baselineDecay);
    }

    /**
     * A fresh estimator for minibatches of a data set of {@code n} points: terms scaled by N/|B|.
     *
     * @throws IllegalArgumentException unless n >= 1
     */
    public ScoreFunctionElbo withDataSize(long n) {
        return new ScoreFunctionElbo(particles, Particles.checkDataSize(NAME, n), useBaseline, baselineDecay);
    }

    /** The baseline the next estimate will use. */
    public double baseline() {
        return useBaseline && baselineSet ? baseline : 0.0;
    }

    @Override
    public ElboResult estimate(Model model, Guide guide, Tensor x, RandomGenerator rng) {
        Distribution q = guide.posterior(x);
        Tensor z = q.sample(rng, particles);
        double scale = Particles.dataScale(NAME, dataSize, q);
        Tensor logJoint = model.logJoint(x, z);
        Tensor logGuide = q.logProb(z);
        Tensor f = logJoint.sub(logGuide);
        Tensor logJointTotal = Particles.sumOverBatch(NAME, "logJoint", logJoint.detach(), particles).mean();
        double b = baseline();
        Tensor score = f.detach().sub(b).mul(logGuide);
        Tensor perParticle = Particles.sumOverBatch(NAME, "surrogate", score.add(f), particles);
        Tensor surrogate = perParticle.mean().mul(scale);
        Tensor elbo = Particles.sumOverBatch(NAME, "f", f.detach(), particles).mean().mul(scale);
        double value = elbo.item();
        if (useBaseline) {
            double meanF = f.detach().mean().item();
            baseline = baselineSet ? baselineDecay * baseline + (1 - baselineDecay) * meanF : meanF;
            baselineSet = true;
        }
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("logJoint", scale * logJointTotal.item());
        parts.put("logGuide", scale * logGuide.detach().sum().item() / particles);
        parts.put("baseline", b);
        return new ElboResult(value, Particles.withValue(surrogate, value).neg(), parts);
    }
}
