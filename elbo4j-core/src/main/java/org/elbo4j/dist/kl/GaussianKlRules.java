package org.elbo4j.dist.kl;

import java.util.Arrays;
import org.elbo4j.dist.LowRankMultivariateNormal;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.tensor.Decompositions;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * KL between multivariate normals on ℝⁿ, from their Cholesky factors Σp = Lp Lpᵀ, Σq = Lq Lqᵀ:
 *
 * <pre>  KL(N(μp, Σp) || N(μq, Σq)) = ½ [tr(Σq⁻¹Σp) + (μq − μp)ᵀ Σq⁻¹ (μq − μp) − n + log|Σq| − log|Σp|]
 *     tr(Σq⁻¹Σp) = ‖Lq⁻¹ Lp‖²_F,   (μq − μp)ᵀ Σq⁻¹ (μq − μp) = ‖Lq⁻¹(μq − μp)‖²,
 *     log|Σ| = 2 Σᵢ log Lᵢᵢ</pre>
 *
 * <p>Registered for every pair of {@link MultivariateNormal} and {@link LowRankMultivariateNormal}
 * (a low-rank one enters through the Cholesky factor of W Wᵀ + diag d). Differentiable in both
 * means and factors; the triangular solves are never replaced by inverses.
 */
final class GaussianKlRules {

    private GaussianKlRules() {
    }

    static void registerAll() {
        Kl.register(MultivariateNormal.class, MultivariateNormal.class,
                (p, q) -> divergence(p.loc(), p.scaleTril(), q.loc(), q.scaleTril()));
        Kl.register(LowRankMultivariateNormal.class, MultivariateNormal.class,
                (p, q) -> divergence(p.loc(), p.scaleTril(), q.loc(), q.scaleTril()));
        Kl.register(MultivariateNormal.class, LowRankMultivariateNormal.class,
                (p, q) -> divergence(p.loc(), p.scaleTril(), q.loc(), q.scaleTril()));
        Kl.register(LowRankMultivariateNormal.class, LowRankMultivariateNormal.class,
                (p, q) -> divergence(p.loc(), p.scaleTril(), q.loc(), q.scaleTril()));
    }

    /** KL from means {@code [..., n]} and lower Cholesky factors {@code [..., n, n]}; shape: the broadcast batch. */
    static Tensor divergence(Tensor locP, Tensor trilP, Tensor locQ, Tensor trilQ) {
        int n = locP.dim(-1);
        if (locQ.dim(-1) != n) {
            throw new IllegalArgumentException("Kl(MultivariateNormal, MultivariateNormal): p has dimension " + n
                    + " and q has dimension " + locQ.dim(-1));
        }
        int[] batch = Shape.broadcast("Kl(MultivariateNormal, MultivariateNormal)",
                Shape.broadcast("Kl", batchOf(locP, 1), batchOf(trilP, 2)),
                Shape.broadcast("Kl", batchOf(locQ, 1), batchOf(trilQ, 2)));
        int[] matrixShape = append(batch, n, n);
        int[] columnShape = append(batch, n, 1);
        Tensor lp = trilP.expand(matrixShape);
        Tensor lq = trilQ.expand(matrixShape);
        Tensor diff = locQ.sub(locP).expand(append(batch, n)).reshape(columnShape);
        Tensor trace = Decompositions.solveTriangular(lq, lp, true, false).square().sum(-1, false).sum(-1, false);
        Tensor mahalanobis = Decompositions.solveTriangular(lq, diff, true, false).square().sum(-1, false)
                .sum(-1, false);
        Tensor logDetQ = Decompositions.diagonal(lq).log().sum(-1, false);
        Tensor logDetP = Decompositions.diagonal(lp).log().sum(-1, false);
        return trace.add(mahalanobis).sub(n).add(logDetQ.sub(logDetP).mul(2.0)).mul(0.5);
    }

    private static int[] batchOf(Tensor t, int eventRank) {
        int[] s = t.shape();
        return Arrays.copyOf(s, s.length - eventRank);
    }

    private static int[] append(int[] batch, int... tail) {
        int[] out = Arrays.copyOf(batch, batch.length + tail.length);
        System.arraycopy(tail, 0, out, batch.length, tail.length);
        return out;
    }
}
