package org.elbo4j.dist.transform;

import org.elbo4j.dist.Support;
import org.elbo4j.tensor.Tensor;

/**
 * x = σ(u) = 1 / (1 + e⁻ᵘ), elementwise, ℝ → (0, 1); u = logit x = log x − log(1 − x);
 * log |dx/du| = log σ(u) + log σ(−u).
 *
 * <p>Implementation note: the log-Jacobian is computed from u with the stable log-sigmoid, not
 * as log(x(1 − x)), which underflows once float32 rounds x to 0 or 1.
 */
public final class SigmoidBijection implements Bijection {

    private static final SigmoidBijection INSTANCE = new SigmoidBijection();

    private SigmoidBijection() {
    }

    /** The logistic map. */
    public static SigmoidBijection of() {
        return INSTANCE;
    }

    @Override
    public Tensor forward(Tensor u) {
        return u.sigmoid();
    }

    @Override
    public Tensor inverse(Tensor x) {
        return x.log().sub(x.neg().log1p());
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor u, Tensor x) {
        return u.logSigmoid().add(u.neg().logSigmoid());
    }

    @Override
    public int eventRank() {
        return 0;
    }

    @Override
    public Support codomain() {
        return Support.UNIT_INTERVAL;
    }
}
