package org.elbo4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.bayes.UnconstrainedLayout;
import org.elbo4j.dist.Dirichlet;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.LkjCholesky;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.HalfNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Event-shaped parameters on the tape inside a model: a correlated 3-dimensional normal with an
 * LKJ prior on its correlation Cholesky factor (the corr-Cholesky bijection replayed on the tape),
 * HalfNormal scales and a MultivariateNormal likelihood whose {@code scaleTril = diag(σ) L}; and a
 * Dirichlet-weighted mean. (Loc and scaleTril are expanded to the rows by hand: the float32
 * {@code MultivariateNormal.logProb} does not broadcast the data's batch against the particles'.) At 4 random unconstrained points the double path equals the float32
 * path's log density (log joint plus the bijections' log-Jacobians) to 1e−5 relative, and its gradient
 * and Hessian equal central differences (1e−6 and 1e−5 relative to the max-norm; {@link TapeAgreement}).
 */
class CorrelatedNormalTapeTest {

    static final int N = 40;
    static final int K = 3;

    private static Tensor data() {
        Rng rng = Rng.of(9);
        double[] y = new double[N * K];
        for (int i = 0; i < N; i++) {
            double a = rng.nextGaussian();
            double b = rng.nextGaussian();
            y[i * K] = 1 + a;
            y[i * K + 1] = 0.6 * a + 0.8 * b;
            y[i * K + 2] = -0.5 + 0.3 * rng.nextGaussian();
        }
        return Tensor.of(y, N, K);
    }

    @Test
    void lkjPriorAndMultivariateNormalLikelihoodOnTheTape() {
        Tensor y = data();
        FunctionModel model = FunctionModel.of(m -> {
            Tensor l = m.sample("L", LkjCholesky.of(K, 2.0));
            Tensor sigma = m.sample("sigma", Independent.of(HalfNormal.of(Tensor.full(2.0, K)), 1));
            Tensor mu = m.sample("mu", Independent.of(Normal.of(Tensor.zeros(K), Tensor.full(3.0, K)), 1));
            Tensor w = m.sample("w", Dirichlet.of(1, 1, 1));
            Tensor shift = w.mul(mu).sum(-1, true);                     // a simplex-weighted mean, [.., 1]
            Tensor scaleTril = l.mul(sigma.unsqueeze(-1));              // diag(σ) L
            Tensor loc = mu.sub(shift);
            boolean traced = loc.rank() == 1;                            // the trace has no particle axes
            int particles = traced ? 0 : loc.dim(0);
            loc = loc.expand(traced ? new int[] {N, K} : new int[] {particles, N, K});
            scaleTril = scaleTril.expand(traced ? new int[] {N, K, K} : new int[] {particles, N, K, K});
            try (Plate rows = m.plate("rows", N)) {
                m.observe("y", MultivariateNormal.ofScaleTril(loc, scaleTril), rows.subsample(y));
            }
        });
        assertEquals(3 + 3 + 3 + 2, UnconstrainedLayout.of(model).dim());
        TapeAgreement.check(model, N, 4, 0.5, 1e-5, 1e-6, 1e-5);
    }
}
