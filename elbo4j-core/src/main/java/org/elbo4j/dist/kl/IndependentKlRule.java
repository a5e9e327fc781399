package org.elbo4j.dist.kl;

import java.util.Optional;
import org.elbo4j.dist.Independent;

/**
 * {@code KL(Independent(p, n) || Independent(q, n)) = Σ_{last n batch dims} KL(p || q)}: the
 * KL of a product of independent factors is the sum of the factors' KLs. Applies only when both
 * reinterpret the same number of dimensions and the bases have an analytic rule themselves;
 * otherwise it declines and {@link Kl#find} is empty (so {@link Kl#compute} uses Monte Carlo).
 */
final class IndependentKlRule {

    private IndependentKlRule() {
    }

    static void register() {
        Kl.registerResolver(Independent.class, Independent.class, (p, q) -> {
            Independent ip = (Independent) p;
            Independent iq = (Independent) q;
            if (ip.reinterpretedBatchDims() != iq.reinterpretedBatchDims()) {
                return Optional.empty();
            }
            int n = ip.reinterpretedBatchDims();
            return Kl.find(ip.base(), iq.base()).map(rule -> (a, b) -> Independent.sumRightmost(
                    rule.divergence(((Independent) a).base(), ((Independent) b).base()), n));
        });
    }
}
