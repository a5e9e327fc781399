package org.elbo4j.dist.transform;

import org.elbo4j.dist.Support;
import org.elbo4j.tensor.Tensor;

/** x = u on events of a given rank (0: ℝ, 1: ℝⁿ); log |det J| = 0. */
public final class IdentityBijection implements Bijection {

    private final int eventRank;

    private IdentityBijection(int eventRank) {
        this.eventRank = eventRank;
    }

    /** The identity on events of rank 0 (scalars) or 1 (vectors). */
    public static IdentityBijection of(int eventRank) {
        if (eventRank != 0 && eventRank != 1) {
            throw new IllegalArgumentException("IdentityBijection: eventRank must be 0 or 1, got " + eventRank);
        }
        return new IdentityBijection(eventRank);
    }

    @Override
    public Tensor forward(Tensor u) {
        return u;
    }

    @Override
    public Tensor inverse(Tensor x) {
        return x;
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor u, Tensor x) {
        int[] s = u.shape();
        return Tensor.zeros(java.util.Arrays.copyOf(s, s.length - eventRank));
    }

    @Override
    public int eventRank() {
        return eventRank;
    }

    @Override
    public Support codomain() {
        return eventRank == 0 ? Support.REAL : Support.REAL_VECTOR;
    }
}
