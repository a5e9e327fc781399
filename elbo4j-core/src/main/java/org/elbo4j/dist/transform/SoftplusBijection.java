package org.elbo4j.dist.transform;

import org.elbo4j.dist.Support;
import org.elbo4j.tensor.Tensor;

/**
 * x = softplus(u) = log(1 + eᵘ), elementwise, ℝ → (0, ∞); u = x + log(1 − e⁻ˣ);
 * log |dx/du| = log σ(u).
 *
 * <p>Implementation note: the inverse is written {@code x + log(−expm1(−x))} so that it keeps
 * precision for small x (where u → −∞) and large x (where u ≈ x); the log-Jacobian uses the
 * stable log-sigmoid.
 */
public final class SoftplusBijection implements Bijection {

    private static final SoftplusBijection INSTANCE = new SoftplusBijection();

    private SoftplusBijection() {
    }

    /** The softplus map. */
    public static SoftplusBijection of() {
        return INSTANCE;
    }

    @Override
    public Tensor forward(Tensor u) {
        return u.softplus();
    }

    @Override
    public Tensor inverse(Tensor x) {
        return x.add(x.neg().expm1().neg().log());
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor u, Tensor x) {
        return u.logSigmoid();
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
