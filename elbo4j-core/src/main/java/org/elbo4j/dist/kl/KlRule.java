package org.elbo4j.dist.kl;

import org.elbo4j.dist.Distribution;
import org.elbo4j.tensor.Tensor;

/**
 * A closed form of {@code KL(p || q) = E_p[log p(x) − log q(x)]} for one pair of families.
 *
 * <p>The result has the broadcast batch shape of p and q and is a differentiable tensor
 * expression in both distributions' parameters.
 *
 * @param <P> the family of p
 * @param <Q> the family of q
 */
@FunctionalInterface
public interface KlRule<P extends Distribution, Q extends Distribution> {

    /** KL(p || q), shape {@code broadcast(p.batchShape(), q.batchShape())}. */
    Tensor divergence(P p, Q q);
}
