package org.elbo4j.dist.transform;

import java.util.Arrays;
import java.util.List;
import org.elbo4j.dist.Support;
import org.elbo4j.tensor.LinAlg;
import org.elbo4j.tensor.Tensor;

/**
 * The map from ℝᴷ⁽ᴷ⁻¹⁾ᐟ² onto K×K lower Cholesky factors of correlation matrices: lower-triangular
 * L with a positive diagonal and rows of unit norm, so that L Lᵀ has a unit diagonal (Stan's
 * {@code cholesky_factor_corr[K]}, torch.distributions' {@code CorrCholeskyTransform}).
 *
 * <p>The vector fills the strictly lower triangle row by row — (1,0), (2,0), (2,1), (3,0), … —
 * as canonical partial correlations {@code z_ij = tanh(u_ij)} ∈ (−1, 1), and each row is built
 * by stick-breaking on the squared norm:
 * <pre>  L_i0 = z_i0,   L_ij = z_ij · √(1 − Σ_{k&lt;j} L_ik²)  (0 &lt; j &lt; i),
 *   L_ii = √(1 − Σ_{k&lt;i} L_ik²),
 *   L_00 = 1, zeros above the diagonal.</pre>
 * Since 1 − Σ_{k&lt;j} L_ik² = Π_{k&lt;j} (1 − z_ik²), with {@code h_ij = ½ log(1 − z_ij²) =
 * log sech u_ij} and {@code S_ij = Σ_{k<j} h_ik} this is {@code L_ij = z_ij · exp(S_ij)} and
 * {@code L_ii = exp(S_ii)}.
 *
 * <p>Jacobian, with respect to the K(K−1)/2 free (strictly lower) entries of L: u → z is
 * elementwise with dz/du = 1 − z²; within row i, L_ij depends on z_ik only for k ≤ j, so
 * ∂L/∂z is triangular with diagonal ∂L_ij/∂z_ij = √(1 − Σ_{k&lt;j} L_ik²). Hence
 * <pre>  log |det J| = Σ_{i&gt;j} log(1 − z_ij²) + Σ_{i&gt;j} ½ log(1 − Σ_{k&lt;j} L_ik²)
 *               = Σ_{i&gt;j} (2 + i − j − 1) h_ij = Σ_{i&gt;j} (i − j + 1) log sech u_ij</pre>
 * (each h_ik enters the second sum once for every j with k &lt; j &lt; i).
 *
 * <p>Inverse: {@code z_ij = L_ij / √(Σ_{k=j}^{i} L_ik²)}, {@code u_ij = atanh z_ij =
 * ½ (log1p z − log1p(−z))}. A point on the boundary (|z| = 1) maps to ±∞.
 *
 * <p>Implementation note: {@code log sech u = log 2 − u − softplus(−2u)} is computed directly,
 * never as log(1 − tanh² u), which is log 0 in float32 once |u| exceeds about 9; the products
 * Π (1 − z²)^{1/2} are sums of these logs, so the diagonal of forward(u) stays positive for
 * |u| up to 20 with K ≤ 5 (the smallest diagonal entry is then about e^{−77}). The inverse
 * divides by the norm of the row's tail Σ_{k≥j} L_ik² rather than 1 − Σ_{k&lt;j} L_ik², which
 * would cancel (the same choice as stick-breaking). The row-wise partial sums are products with
 * constant 0/1 matrices, so all three methods are plain differentiable tensor operations over
 * any leading batch dimensions.
 */
public final class CorrCholeskyBijection implements Bijection {

    private static final CorrCholeskyBijection INSTANCE = new CorrCholeskyBijection();
    private static final double LOG_TWO = Math.log(2.0);

    private CorrCholeskyBijection() {
    }

    /** The correlation-Cholesky map (K is read from the argument). */
    public static CorrCholeskyBijection of() {
        return INSTANCE;
    }

    /** K ≥ 2 such that m = K(K−1)/2, or an exception. */
    private static int sideFor(int m) {
        int k = (int) Math.round((1.0 + Math.sqrt(8.0 * m + 1.0)) / 2.0);
        if (m < 1 || k * (k - 1) / 2 != m) {
            throw new IllegalArgumentException("CorrCholeskyBijection: vector length " + m
                    + " is not K(K-1)/2 for an integer K >= 2");
        }
        return k;
    }

    /** The position of the strictly-lower entry (i, j) in the packed vector. */
    private static int packed(int i, int j) {
        return i * (i - 1) / 2 + j;
    }

    /** m × K²: column (i, j) with j ≤ i sums the packed entries (i, k), k &lt; j. */
    private static Tensor prefixWeights(int k) {
        int m = k * (k - 1) / 2;
        float[] w = new float[m * k * k];
        for (int i = 1; i < k; i++) {
            for (int j = 1; j <= i; j++) {
                for (int c = 0; c < j; c++) {
                    w[packed(i, c) * k * k + i * k + j] = 1f;
                }
            }
        }
        return Tensor.of(w, m, k * k);
    }

    /** K² × m: column (i, j), j &lt; i, sums the squares of the row-major entries (i, c), j ≤ c ≤ i. */
    private static Tensor tailWeights(int k) {
        int m = k * (k - 1) / 2;
        float[] w = new float[k * k * m];
        for (int i = 1; i < k; i++) {
            for (int j = 0; j < i; j++) {
                for (int c = j; c <= i; c++) {
                    w[(i * k + c) * m + packed(i, j)] = 1f;
                }
            }
        }
        return Tensor.of(w, k * k, m);
    }

    /** The Jacobian weights (i − j + 1) of h_ij in the packed order. */
    private static Tensor jacobianWeights(int k) {
        float[] w = new float[k * (k - 1) / 2];
        for (int i = 1; i < k; i++) {
            for (int j = 0; j < i; j++) {
                w[packed(i, j)] = i - j + 1;
            }
        }
        return Tensor.vector(w);
    }

    /** log sech u = ½ log(1 − tanh² u) = log 2 − u − softplus(−2u). */
    private static Tensor logSech(Tensor u) {
        return u.mul(-2.0).softplus().add(u).neg().add(LOG_TWO);
    }

    /** {@code x · w} over the last axis of x, for any leading shape. */
    private static Tensor mix(Tensor x, Tensor w) {
        int[] shape = x.shape();
        shape[shape.length - 1] = w.dim(1);
        return LinAlg.matmul(x.reshape(-1, w.dim(0)), w).reshape(shape);
    }

    private static void requireVector(Tensor u) {
        if (u.rank() < 1) {
            throw new IllegalArgumentException("CorrCholeskyBijection: input must have a last dimension K(K-1)/2,"
                    + " got shape " + Arrays.toString(u.shape()));
        }
    }

    @Override
    public Tensor forward(Tensor u) {
        requireVector(u);
        int m = u.dim(-1);
        int k = sideFor(m);
        Tensor logScale = mix(logSech(u), prefixWeights(k));
        int[] oneShape = u.shape();
        oneShape[oneShape.length - 1] = 1;
        Tensor padded = Tensor.concat(List.of(u.tanh(), Tensor.ones(oneShape), Tensor.zeros(oneShape)), -1);
        int[] index = new int[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                index[i * k + j] = j < i ? packed(i, j) : (j == i ? m : m + 1);
            }
        }
        Tensor factors = padded.indexSelect(-1, index);
        return factors.mul(logScale.exp()).reshape(forwardShape(u.shape()));
    }

    @Override
    public Tensor inverse(Tensor x) {
        int k = x.rank() < 2 ? 0 : x.dim(-1);
        if (x.rank() < 2 || x.dim(-2) != k || k < 2) {
            throw new IllegalArgumentException("CorrCholeskyBijection: expected square K×K matrices with K >= 2,"
                    + " got shape " + Arrays.toString(x.shape()));
        }
        int[] flatShape = Arrays.copyOf(x.shape(), x.rank() - 1);
        flatShape[flatShape.length - 1] = k * k;
        Tensor flat = x.reshape(flatShape);
        int[] index = new int[k * (k - 1) / 2];
        for (int i = 1; i < k; i++) {
            for (int j = 0; j < i; j++) {
                index[packed(i, j)] = i * k + j;
            }
        }
        Tensor z = flat.indexSelect(-1, index).div(mix(flat.square(), tailWeights(k)).sqrt());
        return z.log1p().sub(z.neg().log1p()).mul(0.5);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor u, Tensor x) {
        requireVector(u);
        return logSech(u).mul(jacobianWeights(sideFor(u.dim(-1)))).sum(-1, false);
    }

    @Override
    public int eventRank() {
        return 1;
    }

    @Override
    public int outputEventRank() {
        return 2;
    }

    @Override
    public int[] forwardShape(int[] inputShape) {
        int k = sideFor(inputShape[inputShape.length - 1]);
        int[] s = Arrays.copyOf(inputShape, inputShape.length + 1);
        s[s.length - 2] = k;
        s[s.length - 1] = k;
        return s;
    }

    @Override
    public int[] inverseShape(int[] outputShape) {
        int k = outputShape[outputShape.length - 1];
        int[] s = Arrays.copyOf(outputShape, outputShape.length - 1);
        s[s.length - 1] = k * (k - 1) / 2;
        return s;
    }

    @Override
    public Support codomain() {
        return Support.CORRELATION_CHOLESKY;
    }
}
