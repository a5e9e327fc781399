package org.elbo4j.dist;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Decompositions;
import org.elbo4j.tensor.LinAlg;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * The multivariate normal N(μ, Σ) on ℝⁿ with a low-rank-plus-diagonal covariance
 * Σ = W Wᵀ + D, from {@code loc} μ, {@code covFactor} W (n×r) and {@code covDiag} d
 * (D = diag d, every dᵢ > 0). With the capacitance matrix C = I_r + Wᵀ D⁻¹ W (r×r):
 *
 * <pre>  log det Σ = log det C + Σᵢ log dᵢ                                (matrix determinant lemma)
 *   (x − μ)ᵀ Σ⁻¹ (x − μ) = ‖(x − μ)/√d‖² − ‖L_C⁻¹ Wᵀ D⁻¹ (x − μ)‖²   (Woodbury, C = L_C L_Cᵀ)
 *   log p(x) = −½ [n log 2π + log det Σ + (x − μ)ᵀ Σ⁻¹ (x − μ)]
 *   H = ½ n (1 + log 2π) + ½ log det Σ,   E[x] = μ,   Var[xᵢ] = Σⱼ Wᵢⱼ² + dᵢ</pre>
 *
 * <p>so that everything costs O(n r²) rather than O(n³). Reparameterized draws
 * {@code x = μ + W ε₁ + √d ⊙ ε₂}, ε₁ ~ N(0, I_r), ε₂ ~ N(0, Iₙ). Batch shape: the broadcast of the
 * leading dimensions of the three parameters; event shape {@code [n]}.
 */
public final class LowRankMultivariateNormal implements Reparameterizable, HasEntropy {

    private static final double LOG_TWO_PI = Math.log(2.0 * Math.PI);

    private final Tensor loc;
    private final Tensor covFactor;
    private final Tensor covDiag;
    private final int[] batchShape;
    private final int dim;
    private final int rank;

    private LowRankMultivariateNormal(Tensor loc, Tensor covFactor, Tensor covDiag, int[] batchShape) {
        this.loc = loc;
        this.covFactor = covFactor;
        this.covDiag = covDiag;
        this.batchShape = batchShape;
        this.dim = loc.dim(-1);
        this.rank = covFactor.dim(-1);
    }

    /**
     * N(loc, covFactor covFactorᵀ + diag(covDiag)).
     *
     * @throws IllegalArgumentException when an entry of loc or covFactor is not finite, of covDiag
     *     not finite and > 0, the event sizes differ, or the batch shapes do not broadcast
     */
    public static LowRankMultivariateNormal of(Tensor loc, Tensor covFactor, Tensor covDiag) {
        String family = "LowRankMultivariateNormal";
        ParamCheck.rankAtLeast(family, "loc", loc, 1, "a vector (or a batch of vectors)");
        ParamCheck.rankAtLeast(family, "covFactor", covFactor, 2, "a matrix (or a batch of matrices)");
        ParamCheck.rankAtLeast(family, "covDiag", covDiag, 1, "a vector (or a batch of vectors)");
        ParamCheck.finite(family, "loc", loc);
        ParamCheck.finite(family, "covFactor", covFactor);
        ParamCheck.positive(family, "covDiag", covDiag);
        int n = loc.dim(-1);
        if (n == 0 || covFactor.dim(-2) != n || covDiag.dim(-1) != n || covFactor.dim(-1) == 0) {
            throw new IllegalArgumentException(family + ": loc shape " + Shape.str(loc.shape()) + ", covFactor shape "
                    + Shape.str(covFactor.shape()) + " and covDiag shape " + Shape.str(covDiag.shape())
                    + " do not match (expected [..., n], [..., n, r >= 1] and [..., n] with n >= 1)");
        }
        int r = covFactor.dim(-1);
        int[] batch = ParamCheck.broadcastShape(family,
                new String[] {"loc batch", "covFactor batch", "covDiag batch"},
                Arrays.copyOf(loc.shape(), loc.rank() - 1),
                Arrays.copyOf(covFactor.shape(), covFactor.rank() - 2),
                Arrays.copyOf(covDiag.shape(), covDiag.rank() - 1));
        int[] vectorShape = ParamCheck.concat(batch, new int[] {n});
        return new LowRankMultivariateNormal(ParamCheck.expandTo(loc, vectorShape),
                ParamCheck.expandTo(covFactor, ParamCheck.concat(batch, new int[] {n, r})),
                ParamCheck.expandTo(covDiag, vectorShape), batch);
    }

    /** N(loc, covFactor covFactorᵀ + diag(covDiag)) from arrays (covFactor has n rows of r values). */
    public static LowRankMultivariateNormal of(double[] loc, double[][] covFactor, double[] covDiag) {
        return of(Tensor.vector(loc), Tensor.matrix(covFactor), Tensor.vector(covDiag));
    }

    /** The mean μ, shape {@code batch ++ [n]}. */
    public Tensor loc() {
        return loc;
    }

    /** W, shape {@code batch ++ [n, r]}. */
    public Tensor covFactor() {
        return covFactor;
    }

    /** d, the diagonal part of Σ, shape {@code batch ++ [n]}. */
    public Tensor covDiag() {
        return covDiag;
    }

    /** Σ = W Wᵀ + diag(d). */
    public Tensor covariance() {
        return LinAlg.matmul(covFactor, covFactor, false, true).add(BatchedMatrices.diagonalMatrix(covDiag));
    }

    /** The lower Cholesky factor of Σ (an O(n³) factorisation). */
    public Tensor scaleTril() {
        return Decompositions.cholesky(covariance());
    }

    /** The event size n. */
    public int dim() {
        return dim;
    }

    /** The rank r of the low-rank part. */
    public int rank() {
        return rank;
    }

    /**
     * The lower Cholesky factor L_C of the capacitance C = I_r + Wᵀ D⁻¹ W (recomputed on each call,
     * so that every use is a fresh part of the autodiff graph).
     */
    Tensor capacitanceTril() {
        Tensor scaledFactor = covFactor.div(covDiag.unsqueeze(-1));
        Tensor capacitance = LinAlg.matmul(covFactor, scaledFactor, true, false).add(BatchedMatrices.identity(rank));
        return Decompositions.cholesky(capacitance);
    }

    /** log det Σ = 2 Σ log diag L_C + Σ log dᵢ, shape {@code batch}. */
    Tensor logDet() {
        return logDet(capacitanceTril());
    }

    private Tensor logDet(Tensor capacitanceTril) {
        Tensor capacitancePart = Decompositions.diagonal(capacitanceTril).log().sum(-1, false).mul(2.0);
        return capacitancePart.add(covDiag.log().sum(-1, false));
    }

    @Override
    public Tensor logProb(Tensor x) {
        return OutsideSupport.logProb(Support.REAL_VECTOR, x, () -> loc, this::logDensity);
    }

    private Tensor logDensity(Tensor x) {
        Tensor capacitanceTril = capacitanceTril();
        Tensor diff = x.sub(loc);
        Tensor scaled = diff.div(covDiag);
        Tensor diagonalTerm = diff.mul(scaled).sum(-1, false);
        Tensor projected = BatchedMatrices.apply(covFactor, scaled, batchShape,
                (w, v) -> LinAlg.matmul(w, v, true, false));
        Tensor whitened = BatchedMatrices.apply(capacitanceTril, projected, batchShape,
                (l, v) -> Decompositions.solveTriangular(l, v, true, false));
        Tensor mahalanobis = diagonalTerm.sub(whitened.square().sum(-1, false));
        return mahalanobis.add(logDet(capacitanceTril)).add(dim * LOG_TWO_PI).mul(-0.5);
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int... sampleShape) {
        int[] outer = ParamCheck.concat(ParamCheck.sampleShape("LowRankMultivariateNormal", sampleShape), batchShape);
        Tensor epsFactor = Tensor.randn(rng, ParamCheck.concat(outer, new int[] {rank}));
        Tensor epsDiag = Tensor.randn(rng, ParamCheck.concat(outer, new int[] {dim}));
        Tensor lowRank = BatchedMatrices.apply(covFactor, epsFactor, batchShape, LinAlg::matmul);
        return loc.add(lowRank).add(covDiag.sqrt().mul(epsDiag));
    }

    @Override
    public Tensor sample(RandomGenerator rng, int... sampleShape) {
        return ParamCheck.withoutGrad(() -> rsample(rng, sampleShape));
    }

    @Override
    public int[] batchShape() {
        return batchShape.clone();
    }

    @Override
    public int[] eventShape() {
        return new int[] {dim};
    }

    @Override
    public Tensor mean() {
        return loc;
    }

    @Override
    public Tensor variance() {
        return covFactor.square().sum(-1, false).add(covDiag);
    }

    @Override
    public Tensor entropy() {
        return logDet().mul(0.5).add(0.5 * dim * (1.0 + LOG_TWO_PI));
    }

    @Override
    public Support support() {
        return Support.REAL_VECTOR;
    }

    @Override
    public String toString() {
        return "LowRankMultivariateNormal(loc=" + loc + ", covFactor=" + covFactor + ", covDiag=" + covDiag + ")";
    }
}
