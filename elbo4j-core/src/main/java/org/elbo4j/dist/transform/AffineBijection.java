package org.elbo4j.dist.transform;

import org.elbo4j.dist.Support;
import org.elbo4j.tensor.Tensor;

/**
 * x = loc + scale · u, elementwise, with loc and scale broadcast against u; u = (x − loc)/scale;
 * log |dx/du| = log |scale| (of the shape of x). Differentiable in loc and scale as well as u.
 */
public final class AffineBijection implements Bijection {

    private final Tensor loc;
    private final Tensor scale;

    private AffineBijection(Tensor loc, Tensor scale) {
        this.loc = loc;
        this.scale = scale;
    }

    /**
     * The map u ↦ loc + scale·u.
     *
     * @throws IllegalArgumentException when loc has a non-finite element or scale an element that is
     *     0 or non-finite
     */
    public static AffineBijection of(Tensor loc, Tensor scale) {
        for (float v : loc.data()) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("AffineBijection: loc must be finite, got " + v);
            }
        }
        for (float v : scale.data()) {
            if (!Float.isFinite(v) || v == 0f) {
                throw new IllegalArgumentException("AffineBijection: scale must be finite and != 0, got " + v);
            }
        }
        return new AffineBijection(loc, scale);
    }

    /** The map u ↦ loc + scale·u for scalar loc and scale. */
    public static AffineBijection of(double loc, double scale) {
        return of(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    /** The shift. */
    public Tensor loc() {
        return loc;
    }

    /** The multiplier. */
    public Tensor scale() {
        return scale;
    }

    @Override
    public Tensor forward(Tensor u) {
        return loc.add(scale.mul(u));
    }

    @Override
    public Tensor inverse(Tensor x) {
        return x.sub(loc).div(scale);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor u, Tensor x) {
        return scale.abs().log().add(Tensor.zeros(x.shape()));
    }

    @Override
    public int eventRank() {
        return 0;
    }

    @Override
    public Support codomain() {
        return Support.REAL;
    }
}
