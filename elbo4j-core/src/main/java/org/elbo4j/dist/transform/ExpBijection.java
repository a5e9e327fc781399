package org.elbo4j.dist.transform;

import org.elbo4j.dist.Support;
import org.elbo4j.tensor.Tensor;

/** x = exp(u), elementwise, ℝ → (0, ∞); u = log x; log |dx/du| = u. */
public final class ExpBijection implements Bijection {

    private static final ExpBijection INSTANCE = new ExpBijection();

    private ExpBijection() {
    }

    /** The exponential map. */
    public static ExpBijection of() {
        return INSTANCE;
    }

    @Override
    public Tensor forward(Tensor u) {
        return u.exp();
    }

    @Override
    public Tensor inverse(Tensor x) {
        return x.log();
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor u, Tensor x) {
        return u;
    }

    @Override
    public int eventRank() {
        return 0;
    }

    @Override
    public Support codomain() {
        return Support.POSITIVE;
    }
}
