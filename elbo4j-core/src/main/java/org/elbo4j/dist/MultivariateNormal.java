package org.elbo4j.dist;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.elbo4j.tensor.Decompositions;
import org.elbo4j.tensor.LinAlg;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * The multivariate normal N(μ, Σ) on ℝⁿ, held as its mean {@code loc} μ and the lower Cholesky
 * factor {@code scaleTril} L of the covariance, Σ = L Lᵀ:
 *
 * <pre>  log p(x) = −½ n log 2π − Σᵢ log Lᵢᵢ − ½ ‖L⁻¹(x − μ)‖²
 *   H = ½ n (1 + log 2π) + Σᵢ log Lᵢᵢ,   E[x] = μ,   Var[xᵢ] = Σⱼ Lᵢⱼ²</pre>
 *
 * <p>Reparameterized draws {@code x = μ + L ε}, ε ~ N(0, Iₙ). Built from L, from a covariance Σ
 * (L = chol Σ) or from a precision P = Σ⁻¹ (with P = L_P L_Pᵀ, Σ = L_P⁻ᵀ L_P⁻¹, L = chol Σ); all
 * three are differentiable. Batch shape: the broadcast of loc's and the matrix's leading
 * dimensions; event shape {@code [n]}.
 *
 * <p>Implementation note: L⁻¹(x − μ) is one triangular solve (never an inverse), done for all
 * samples of a batch entry at once.
 */
public final class MultivariateNormal implements Reparameterizable, HasEntropy {

    private static final double LOG_TWO_PI = Math.log(2.0 * Math.PI);

    private final Tensor loc;
    private final Tensor scaleTril;
    private final int[] batchShape;
    private final int dim;

    private MultivariateNormal(Tensor loc, Tensor scaleTril, int[] batchShape) {
        this.loc = loc;
        this.scaleTril = scaleTril;
        this.batchShape = batchShape;
        this.dim = loc.dim(-1);
    }

    /**
     * N(loc, L Lᵀ) from the Cholesky factor L = {@code scaleTril}.
     *
     * @throws IllegalArgumentException when loc is not a vector (batch) of finite values, L is not
     *     square of the same size, has a non-zero entry above the diagonal, a non-finite entry or a
     *     diagonal entry ≤ 0, or the batch shapes do not broadcast
     */
    public static MultivariateNormal ofScaleTril(Tensor loc, Tensor scaleTril) {
        checkShapes(loc, scaleTril, "scaleTril");
        ParamCheck.finite("MultivariateNormal", "scaleTril", scaleTril);
        int n = loc.dim(-1);
        if (Validation.isEnabled()) {
            float[] l = scaleTril.data();
            for (int b = 0; b < l.length / (n * n); b++) {
                for (int i = 0; i < n; i++) {
                    for (int j = i; j < n; j++) {
                        float v = l[b * n * n + i * n + j];
                        if (j > i && v != 0f) {
                            throw new IllegalArgumentException("MultivariateNormal: scaleTril must be lower"
                                    + " triangular, got " + v + " at (" + i + ", " + j + ")");
                        }
                        if (j == i && !(v > 0)) {
                            throw new IllegalArgumentException("MultivariateNormal: scaleTril must have a"
                                    + " diagonal > 0, got " + v + " at (" + i + ", " + i + ")");
                        }
                    }
                }
            }
        }
        return build(loc, scaleTril);
    }

    /**
     * N(loc, covariance), factorised by Cholesky.
     *
     * @throws IllegalArgumentException when loc or the covariance has a non-finite entry, the shapes
     *     do not match, or the covariance is not symmetric (relative tolerance 1e-5) and positive
     *     definite
     */
    public static MultivariateNormal ofCovariance(Tensor loc, Tensor covariance) {
        checkShapes(loc, covariance, "covariance");
        ParamCheck.finite("MultivariateNormal", "covariance", covariance);
        checkSymmetric(covariance, "covariance");
        return build(loc, factor(covariance, "covariance"));
    }

    /**
     * N(loc, precision⁻¹).
     *
     * @throws IllegalArgumentException as {@link #ofCovariance}, for the precision matrix
     */
    public static MultivariateNormal ofPrecision(Tensor loc, Tensor precision) {
        checkShapes(loc, precision, "precision");
        ParamCheck.finite("MultivariateNormal", "precision", precision);
        checkSymmetric(precision, "precision");
        Tensor precisionFactor = factor(precision, "precision");
        Tensor inverseFactor = Decompositions.solveTriangular(precisionFactor,
                BatchedMatrices.identity(loc.dim(-1)), true, false);
        Tensor covariance = LinAlg.matmul(inverseFactor, inverseFactor, true, false);
        return build(loc, factor(covariance, "precision"));
    }

    /** N(loc, covariance) from arrays. */
    public static MultivariateNormal ofCovariance(double[] loc, double[][] covariance) {
        return ofCovariance(Tensor.vector(loc), Tensor.matrix(covariance));
    }

    /** N(loc, L Lᵀ) from arrays. */
    public static MultivariateNormal ofScaleTril(double[] loc, double[][] scaleTril) {
        return ofScaleTril(Tensor.vector(loc), Tensor.matrix(scaleTril));
    }

    private static void checkShapes(Tensor loc, Tensor matrix, String name) {
        ParamCheck.rankAtLeast("MultivariateNormal", "loc", loc, 1, "a vector (or a batch of vectors)");
        ParamCheck.finite("MultivariateNormal", "loc", loc);
        int n = loc.dim(-1);
        if (matrix.rank() < 2 || matrix.dim(-1) != n || matrix.dim(-2) != n) {
            throw new IllegalArgumentException("MultivariateNormal: " + name + " shape " + Shape.str(matrix.shape())
                    + " does not match loc shape " + Shape.str(loc.shape()) + " (expected [..., " + n + ", " + n + "])");
        }
        if (n == 0) {
            throw new IllegalArgumentException("MultivariateNormal: loc must have at least one element, got shape "
                    + Shape.str(loc.shape()));
        }
    }

    private static void checkSymmetric(Tensor m, String name) {
        if (!Validation.isEnabled()) {
            return;
        }
        int n = m.dim(-1);
        float[] a = m.data();
        for (int b = 0; b < a.length / (n * n); b++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    double x = a[b * n * n + i * n + j];
                    double y = a[b * n * n + j * n + i];
                    if (Math.abs(x - y) > 1e-5 * Math.max(Math.abs(x), Math.abs(y)) + 1e-30) {
                        throw new IllegalArgumentException("MultivariateNormal: " + name + " must be symmetric, got "
                                + x + " at (" + i + ", " + j + ") and " + y + " at (" + j + ", " + i + ")");
                    }
                }
            }
        }
    }

    private static Tensor factor(Tensor m, String name) {
        try {
            return Decompositions.cholesky(m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MultivariateNormal: " + name + " must be positive definite ("
                    + e.getMessage() + ")", e);
        }
    }

    private static MultivariateNormal build(Tensor loc, Tensor scaleTril) {
        int n = loc.dim(-1);
        int[] locBatch = Arrays.copyOf(loc.shape(), loc.rank() - 1);
        int[] trilBatch = Arrays.copyOf(scaleTril.shape(), scaleTril.rank() - 2);
        int[] batch = ParamCheck.broadcastShape("MultivariateNormal", new String[] {"loc batch", "scaleTril batch"},
                locBatch, trilBatch);
        return new MultivariateNormal(ParamCheck.expandTo(loc, ParamCheck.concat(batch, new int[] {n})),
                ParamCheck.expandTo(scaleTril, ParamCheck.concat(batch, new int[] {n, n})), batch);
    }

    /** The mean μ, shape {@code batch ++ [n]}. */
    public Tensor loc() {
        return loc;
    }

    /** The lower Cholesky factor L of the covariance, shape {@code batch ++ [n, n]}. */
    public Tensor scaleTril() {
        return scaleTril;
    }

    /** Σ = L Lᵀ. */
    public Tensor covariance() {
        return LinAlg.matmul(scaleTril, scaleTril, false, true);
    }

    /** Σ⁻¹ = L⁻ᵀ L⁻¹. */
    public Tensor precision() {
        Tensor inverse = Decompositions.solveTriangular(scaleTril, BatchedMatrices.identity(dim), true, false);
        return LinAlg.matmul(inverse, inverse, true, false);
    }

    /** The event size n. */
    public int dim() {
        return dim;
    }

    /** Σᵢ log Lᵢᵢ = ½ log det Σ, shape {@code batch}. */
    Tensor halfLogDet() {
        return Decompositions.diagonal(scaleTril).log().sum(-1, false);
    }

    @Override
    public Tensor logProb(Tensor x) {
        return OutsideSupport.logProb(Support.REAL_VECTOR, x, () -> loc, this::logDensity);
    }

    private Tensor logDensity(Tensor x) {
        Tensor diff = x.sub(loc);
        Tensor z = BatchedMatrices.apply(scaleTril, diff, batchShape,
                (l, v) -> Decompositions.solveTriangular(l, v, true, false));
        return z.square().sum(-1, false).add(dim * LOG_TWO_PI).mul(-0.5).sub(halfLogDet());
    }

    @Override
    public Tensor rsample(RandomGenerator rng, int... sampleShape) {
        int[] shape = ParamCheck.concat(ParamCheck.concat(ParamCheck.sampleShape("MultivariateNormal", sampleShape),
                batchShape), new int[] {dim});
        Tensor eps = Tensor.randn(rng, shape);
        return loc.add(BatchedMatrices.apply(scaleTril, eps, batchShape, LinAlg::matmul));
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
        return scaleTril.square().sum(-1, false);
    }

    @Override
    public Tensor entropy() {
        return halfLogDet().add(0.5 * dim * (1.0 + LOG_TWO_PI));
    }

    @Override
    public Support support() {
        return Support.REAL_VECTOR;
    }

    @Override
    public String toString() {
        return "MultivariateNormal(loc=" + loc + ", scaleTril=" + scaleTril + ")";
    }
}
