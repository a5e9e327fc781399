package org.elbo4j.dist.transform;

import java.util.Arrays;
import java.util.List;
import org.elbo4j.dist.Support;
import org.elbo4j.tensor.Tensor;

/**
 * The stick-breaking map from ℝᴷ⁻¹ onto the open simplex of ℝᴷ (Stan; torch.distributions'
 * {@code StickBreakingTransform}): with {@code z_k = σ(u_k − log(K − k − 1))} for k = 0 … K−2,
 * {@code x_k = z_k · Π_{j<k} (1 − z_j)} and {@code x_{K−1} = Π_{j<K−1} (1 − z_j)}. The offset
 * makes u = 0 map to the uniform point (1/K, …, 1/K).
 *
 * <p>Inverse: {@code u_k = log x_k − log Σ_{j>k} x_j + log(K − k − 1)}. The Jacobian of the
 * first K−1 coordinates (the free ones; the last is 1 − their sum) is lower triangular with
 * diagonal {@code x_k (1 − z_k)}, so {@code log |det J| = Σ_k [log x_k + log(1 − z_k)]}.
 *
 * <p>Implementation note: everything is computed in log space with log-sigmoid
 * ({@code log z_k = log σ(t_k)}, {@code log(1 − z_k) = log σ(−t_k)}) and cumulative sums, so
 * draws far from the centre do not underflow to log 0; the inverse sums the remaining mass
 * Σ_{j>k} x_j directly rather than as 1 − Σ_{j≤k} x_j, which would cancel.
 */
public final class StickBreakingBijection implements Bijection {

    private static final StickBreakingBijection INSTANCE = new StickBreakingBijection();

    private StickBreakingBijection() {
    }

    /** The stick-breaking map (the dimension is read from its argument). */
    public static StickBreakingBijection of() {
        return INSTANCE;
    }

    /** [log(K−1), log(K−2), …, log 1] for m = K − 1 free coordinates. */
    private static Tensor logOffsets(int m) {
        float[] o = new float[m];
        for (int k = 0; k < m; k++) {
            o[k] = (float) Math.log(m - k);
        }
        return Tensor.vector(o);
    }

    private static Tensor shifted(Tensor u) {
        if (u.rank() < 1 || u.dim(-1) < 1) {
            throw new IllegalArgumentException("StickBreakingBijection: input must have a last dimension >= 1, got "
                    + Arrays.toString(u.shape()));
        }
        return u.sub(logOffsets(u.dim(-1)));
    }

    @Override
    public Tensor forward(Tensor u) {
        Tensor t = shifted(u);
        Tensor logRest = LastAxisSums.inclusiveCumsum(t.neg().logSigmoid());
        int[] one = u.shape();
        one[one.length - 1] = 1;
        Tensor zero = Tensor.zeros(one);
        Tensor logZ = Tensor.concat(List.of(t.logSigmoid(), zero), -1);
        Tensor logRestBefore = Tensor.concat(List.of(zero, logRest), -1);
        return logZ.add(logRestBefore).exp();
    }

    @Override
    public Tensor inverse(Tensor x) {
        int kk = x.dim(-1);
        if (kk < 2) {
            throw new IllegalArgumentException("StickBreakingBijection: simplex must have a last dimension >= 2, got "
                    + Arrays.toString(x.shape()));
        }
        Tensor head = x.slice(-1, 0, kk - 1);
        Tensor rest = LastAxisSums.tailSums(x);
        return head.log().sub(rest.log()).add(logOffsets(kk - 1));
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor u, Tensor x) {
        Tensor t = shifted(u);
        Tensor log1mZ = t.neg().logSigmoid();
        Tensor logRest = LastAxisSums.inclusiveCumsum(log1mZ);
        Tensor logRestBefore = logRest.sub(log1mZ);
        return t.logSigmoid().add(logRestBefore).add(log1mZ).sum(-1, false);
    }

    @Override
    public int eventRank() {
        return 1;
    }

    @Override
    public int[] forwardShape(int[] inputShape) {
        int[] s = inputShape.clone();
        s[s.length - 1] += 1;
        return s;
    }

    @Override
    public int[] inverseShape(int[] outputShape) {
        int[] s = outputShape.clone();
        s[s.length - 1] -= 1;
        return s;
    }

    @Override
    public Support codomain() {
        return Support.SIMPLEX;
    }
}
