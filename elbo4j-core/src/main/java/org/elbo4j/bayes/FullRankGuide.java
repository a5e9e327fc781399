package org.elbo4j.bayes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.elbo4j.dist.transform.LowerCholeskyBijection;
import org.elbo4j.tensor.LinAlg;
import org.elbo4j.tensor.Tensor;

/**
 * q(u) = N(μ, L Lᵀ) with L lower triangular, {@code L_ii = exp(ℓ_ii)}, built from a packed
 * unconstrained vector ℓ of d(d+1)/2 entries by {@link LowerCholeskyBijection}: draws
 * {@code u = μ + L ε}, entropy {@code Σ ℓ_ii + d (1 + log 2π) / 2}.
 */
final class FullRankGuide implements GaussianGuide {

    private static final double HALF_LOG_TWO_PI_E = 0.5 * (1 + Math.log(2 * Math.PI));

    private final Tensor loc;
    private final Tensor packedScale;
    private final Tensor diagonalMask;

    private FullRankGuide(Tensor loc, Tensor packedScale, Tensor diagonalMask) {
        this.loc = loc;
        this.packedScale = packedScale;
        this.diagonalMask = diagonalMask;
    }

    static FullRankGuide of(double[] init, double initScale) {
        int d = init.length;
        float[] packed = new float[d * (d + 1) / 2];
        float[] mask = new float[packed.length];
        for (int i = 0; i < d; i++) {
            packed[i * (i + 1) / 2 + i] = (float) Math.log(initScale);
            mask[i * (i + 1) / 2 + i] = 1f;
        }
        return new FullRankGuide(Tensor.vector(init).requiresGrad(true), Tensor.vector(packed).requiresGrad(true),
                Tensor.vector(mask));
    }

    private Tensor scaleTril() {
        return LowerCholeskyBijection.of().forward(packedScale);
    }

    @Override
    public Map<String, Tensor> params() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("loc", loc);
        p.put("packedScaleTril", packedScale);
        return p;
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int m) {
        Tensor eps = Tensor.randn(rng, m, loc.dim(0));
        return loc.add(LinAlg.matmul(eps, scaleTril(), false, true));
    }

    @Override
    public Tensor expectedSquaredNorm() {
        return loc.square().sum().add(scaleTril().square().sum());
    }

    @Override
    public Tensor entropy() {
        return packedScale.mul(diagonalMask).sum().add(Tensor.scalar(loc.dim(0) * HALF_LOG_TWO_PI_E));
    }

    @Override
    public UnconstrainedGaussian snapshot(List<String> names) {
        int d = loc.dim(0);
        float[] l = scaleTril().data();
        double[] mean = new double[d];
        double[][] cov = new double[d][d];
        for (int i = 0; i < d; i++) {
            mean[i] = loc.data()[i];
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k <= Math.min(i, j); k++) {
                    s += (double) l[i * d + k] * l[j * d + k];
                }
                cov[i][j] = s;
            }
        }
        return new UnconstrainedGaussian(names, mean, cov);
    }

    @Override
    public double smallestScale() {
        int d = loc.dim(0);
        float[] l = scaleTril().data();
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int k = 0; k <= i; k++) {
                s += (double) l[i * d + k] * l[i * d + k];
            }
            lowest = Math.min(lowest, Math.sqrt(s));
        }
        return lowest;
    }

    @Override
    public boolean blownUp() {
        if (GaussianGuide.exceeds(loc, MAX_ABS_LOC)) {
            return true;
        }
        float[] p = packedScale.data();
        float[] mask = diagonalMask.data();
        for (int i = 0; i < p.length; i++) {
            if (!(Math.abs(p[i]) <= (mask[i] != 0 ? MAX_LOG_SCALE : Math.exp(MAX_LOG_SCALE)))) {
                return true;
            }
        }
        return false;
    }
}
