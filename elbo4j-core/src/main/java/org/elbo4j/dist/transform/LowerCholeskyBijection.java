package org.elbo4j.dist.transform;

import java.util.Arrays;
import java.util.List;
import org.elbo4j.dist.Support;
import org.elbo4j.tensor.Functions;
import org.elbo4j.tensor.Tensor;

/**
 * The map from ℝⁿ⁽ⁿ⁺¹⁾ᐟ² onto n×n lower-triangular matrices with a positive diagonal (Cholesky
 * factors): the vector fills the lower triangle row by row — (0,0), (1,0), (1,1), (2,0), … —
 * with the diagonal entries exponentiated, {@code L_ii = exp(u_ii)}, and zeros above.
 *
 * <p>The Jacobian with respect to the n(n+1)/2 free entries of L is diagonal, with 1 for
 * strictly-lower entries and {@code exp(u_ii)} on the diagonal, so
 * {@code log |det J| = Σ_i u_ii}. The input event is a vector (rank 1); the output is a matrix
 * (rank 2).
 *
 * <p>Implementation note: exp and log are applied only to the diagonal positions (the other
 * positions pass 0 or 1 through them) so that large or zero off-diagonal entries cannot make
 * an unused branch infinite and its gradient NaN.
 */
public final class LowerCholeskyBijection implements Bijection {

    private static final LowerCholeskyBijection INSTANCE = new LowerCholeskyBijection();

    private LowerCholeskyBijection() {
    }

    /** The lower-Cholesky map (n is read from the argument). */
    public static LowerCholeskyBijection of() {
        return INSTANCE;
    }

    /** n such that m = n(n+1)/2, or an exception. */
    private static int sideFor(int m) {
        int n = (int) Math.round((Math.sqrt(8.0 * m + 1.0) - 1.0) / 2.0);
        if (n < 1 || n * (n + 1) / 2 != m) {
            throw new IllegalArgumentException("LowerCholeskyBijection: vector length " + m
                    + " is not n(n+1)/2 for an integer n >= 1");
        }
        return n;
    }

    /** 1 at the positions of the packed vector that hold diagonal entries. */
    private static Tensor diagonalMask(int n) {
        float[] mask = new float[n * (n + 1) / 2];
        for (int i = 0; i < n; i++) {
            mask[i * (i + 1) / 2 + i] = 1f;
        }
        return Tensor.vector(mask);
    }

    @Override
    public Tensor forward(Tensor u) {
        int m = u.dim(-1);
        int n = sideFor(m);
        Tensor mask = diagonalMask(n);
        Tensor diagExp = Functions.where(mask, u, Tensor.scalar(0.0)).exp();
        Tensor packed = Functions.where(mask, diagExp, u);
        int[] oneShape = u.shape();
        oneShape[oneShape.length - 1] = 1;
        Tensor padded = Tensor.concat(List.of(packed, Tensor.zeros(oneShape)), -1);
        int[] index = new int[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                index[i * n + j] = j <= i ? i * (i + 1) / 2 + j : m;
            }
        }
        return padded.indexSelect(-1, index).reshape(forwardShape(u.shape()));
    }

    @Override
    public Tensor inverse(Tensor x) {
        int n = x.dim(-1);
        if (x.rank() < 2 || x.dim(-2) != n) {
            throw new IllegalArgumentException("LowerCholeskyBijection: expected square matrices, got shape "
                    + Arrays.toString(x.shape()));
        }
        int[] flatShape = Arrays.copyOf(x.shape(), x.rank() - 1);
        flatShape[flatShape.length - 1] = n * n;
        int[] index = new int[n * (n + 1) / 2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                index[i * (i + 1) / 2 + j] = i * n + j;
            }
        }
        Tensor packed = x.reshape(flatShape).indexSelect(-1, index);
        Tensor mask = diagonalMask(n);
        Tensor diagLog = Functions.where(mask, packed, Tensor.scalar(1.0)).log();
        return Functions.where(mask, diagLog, packed);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor u, Tensor x) {
        return u.mul(diagonalMask(sideFor(u.dim(-1)))).sum(-1, false);
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
        int n = sideFor(inputShape[inputShape.length - 1]);
        int[] s = Arrays.copyOf(inputShape, inputShape.length + 1);
        s[s.length - 2] = n;
        s[s.length - 1] = n;
        return s;
    }

    @Override
    public int[] inverseShape(int[] outputShape) {
        int n = outputShape[outputShape.length - 1];
        int[] s = Arrays.copyOf(outputShape, outputShape.length - 1);
        s[s.length - 1] = n * (n + 1) / 2;
        return s;
    }

    @Override
    public Support codomain() {
        return Support.LOWER_CHOLESKY;
    }
}
