package org.elbo4j.model;

import java.util.List;
import org.elbo4j.dist.Categorical;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.Normal;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;

/**
 * A multinomial-logit regression simulated from known coefficients: N rows of D covariates (an
 * intercept column and D − 1 standard normals), K classes, class K−1 the reference (its logits fixed
 * at 0), coefficients W (D × (K−1)) with a Normal(0, 2) prior:
 * <pre>
 *   η_n = x_n · [W | 0],   log p(y_n = k) = η_nk − logSumExp_j η_nj.
 * </pre>
 * The model is written with {@code matmul}, {@code concat} and {@code logSumExp}, the operations
 * that kept such models off the double-precision tape before.
 */
final class MultinomialLogitCase {

    static final int D = 3;
    static final int K = 3;
    static final double[] W = {0.4, -0.3, 1.0, -0.8, -0.5, 0.9};

    final int n;
    final Tensor x;
    final Tensor y;

    MultinomialLogitCase(int n, long seed) {
        this.n = n;
        Rng rng = Rng.of(seed);
        double[] xs = new double[n * D];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i * D] = 1;
            for (int j = 1; j < D; j++) {
                xs[i * D + j] = rng.nextGaussian();
            }
            double[] eta = new double[K];
            double total = 1;
            for (int k = 0; k < K - 1; k++) {
                for (int j = 0; j < D; j++) {
                    eta[k] += xs[i * D + j] * W[j * (K - 1) + k];
                }
                total += Math.exp(eta[k]);
            }
            double u = rng.nextDouble() * total;
            int label = K - 1;
            double acc = 0;
            for (int k = 0; k < K - 1; k++) {
                acc += Math.exp(eta[k]);
                if (u < acc) {
                    label = k;
                    break;
                }
            }
            ys[i] = label;
        }
        this.x = Tensor.of(xs, n, D);
        this.y = Tensor.of(ys, n);
    }

    ModelFunction function() {
        return m -> {
            Tensor w = m.sample("w", Independent.of(Normal.of(Tensor.zeros(D, K - 1), Tensor.full(2.0, D, K - 1)), 2));
            try (Plate rows = m.plate("rows", n)) {
                Tensor wm = w.rank() > 2 ? w.squeeze(1) : w;     // [M, D, K−1] in a run, [D, K−1] in the trace
                Tensor free = x.matmul(wm);                      // [M, N, K−1]
                int[] s = free.shape();
                s[s.length - 1] = 1;
                Tensor eta = Tensor.concat(List.of(free, Tensor.zeros(s)), -1);
                Tensor logp = eta.sub(eta.logSumExp(-1, true));
                m.observe("y", Categorical.ofLogits(logp), rows.subsample(y));
            }
        };
    }
}
