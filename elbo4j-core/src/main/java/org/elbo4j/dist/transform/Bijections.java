package org.elbo4j.dist.transform;

import java.util.Optional;
import org.elbo4j.dist.Support;

/**
 * The bijection from unconstrained real space onto each continuous support, as in Stan and
 * torch.distributions' {@code biject_to}: ℝ → identity; (0, ∞) and [0, ∞) → exp; [0, 1] →
 * sigmoid; [lo, hi] → lo + (hi − lo)·sigmoid; ℝⁿ → identity; the simplex of ℝᴷ →
 * stick-breaking from ℝᴷ⁻¹; lower-triangular matrices with a positive diagonal → the
 * lower-Cholesky map from ℝⁿ⁽ⁿ⁺¹⁾ᐟ²; Cholesky factors of correlation matrices → tanh and
 * stick-breaking of the rows from ℝᴷ⁽ᴷ⁻¹⁾ᐟ². Discrete supports have none.
 *
 * <p>The fixed supports map to one shared instance each; an interval support maps to a new
 * composition on every call (declared to map onto that support).
 */
public final class Bijections {

    private static final Bijection IDENTITY = IdentityBijection.of(0);
    private static final Bijection IDENTITY_VECTOR = IdentityBijection.of(1);

    private Bijections() {
    }

    /**
     * The bijection from unconstrained space onto {@code support}; empty for a discrete support.
     *
     * @throws IllegalArgumentException for a continuous support this registry does not know (a
     *     support added to {@link Support} without its bijection here)
     */
    public static Optional<Bijection> fromUnconstrained(Support support) {
        if (support.isDiscrete()) {
            return Optional.empty();
        }
        Optional<Support.Bounds> bounds = support.bounds();
        if (bounds.isPresent()) {
            Support.Bounds b = bounds.get();
            return Optional.of(ComposedBijection.onto(support, SigmoidBijection.of(),
                    AffineBijection.of(b.low(), b.high().sub(b.low()))));
        }
        Bijection fixed = fixed(support);
        if (fixed == null) {
            throw new IllegalArgumentException("Bijections: no bijection from unconstrained space onto the support "
                    + support.name());
        }
        return Optional.of(fixed);
    }

    private static Bijection fixed(Support support) {
        if (support == Support.REAL) {
            return IDENTITY;
        }
        if (support == Support.POSITIVE || support == Support.NONNEGATIVE) {
            return ExpBijection.of();
        }
        if (support == Support.UNIT_INTERVAL) {
            return SigmoidBijection.of();
        }
        if (support == Support.REAL_VECTOR) {
            return IDENTITY_VECTOR;
        }
        if (support == Support.SIMPLEX) {
            return StickBreakingBijection.of();
        }
        if (support == Support.LOWER_CHOLESKY) {
            return LowerCholeskyBijection.of();
        }
        if (support == Support.CORRELATION_CHOLESKY) {
            return CorrCholeskyBijection.of();
        }
        return null;
    }
}
