package org.elbo4j.infer;

import org.elbo4j.dist.Bernoulli;
import org.elbo4j.dist.Distribution;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.tensor.Tensor;

/**
 * The same distribution with its parameters cut from the autodiff graph, so that
 * {@code logProb(z)} is differentiable in z only. This is the "stop-gradient on φ" of sticking the
 * landing (Roeder, Wu &amp; Duvenaud 2017) and of DReG (Tucker et al. 2018): for a
 * reparameterized z = g_φ(ε), ∇_φ log q_{⊥φ}(g_φ(ε)) keeps the path term and drops the score
 * term ∇_φ log q_φ(z)|_z, whose expectation is 0.
 *
 * <p>Supported families: Normal, MultivariateNormal, Bernoulli and Independent of those.
 */
public final class DetachedParams {

    private DetachedParams() {
    }

    /**
     * {@code q} rebuilt from detached parameters.
     *
     * @throws IllegalArgumentException for an unsupported family
     */
    public static Distribution of(Distribution q) {
        if (q instanceof Normal n) {
            return Normal.of(n.loc().detach(), n.scale().detach());
        }
        if (q instanceof MultivariateNormal m) {
            return MultivariateNormal.ofScaleTril(m.loc().detach(), m.scaleTril().detach());
        }
        if (q instanceof Bernoulli b) {
            Tensor logits = b.logits().detach();
            for (float v : logits.data()) {
                if (!Float.isFinite(v)) {
                    return Bernoulli.of(b.probs().detach());
                }
            }
            return Bernoulli.ofLogits(logits);
        }
        if (q instanceof Independent i) {
            return Independent.of(of(i.base()), i.reinterpretedBatchDims());
        }
        throw new IllegalArgumentException("DetachedParams: cannot detach the parameters of "
                + q.getClass().getSimpleName() + " (supported: Normal, MultivariateNormal, Bernoulli, Independent)");
    }
}
