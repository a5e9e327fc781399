package org.elbo4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.elbo4j.autodiff.TapeCheckAccess;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.UnconstrainedLayout;
import org.elbo4j.dist.Dirichlet;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.LkjCholesky;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.HalfNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.infer.LogDensityHessian;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Event-shaped parameters on the tape inside a model: a correlated 3-dimensional normal with an
 * LKJ prior on its correlation Cholesky factor (the corr-Cholesky bijection replayed on the tape),
 * HalfNormal scales and a MultivariateNormal likelihood whose {@code scaleTril = diag(σ) L}; and a
 * Dirichlet-weighted mean. (Loc and scaleTril are expanded to the rows by hand: the float32
 * {@code MultivariateNormal.logProb} does not broadcast the data's batch against the particles'.) At 4 random unconstrained points the double path equals the float32
 * path's log density (log joint plus the bijections' log-Jacobians) to 1e−5 relative, and its gradient equals central differences of its own value
 * (step 1e−5; 1e−6 relative to the max-norm).
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
        assertEquals(Optional.empty(), model.doublePrecisionUnavailable());
        LogDensityHessian exact = model.doublePrecision().orElseThrow();
        UnconstrainedLayout layout = UnconstrainedLayout.of(model);
        int d = layout.dim();
        assertEquals(3 + 3 + 3 + 2, d);
        int m = 4;
        Rng rng = Rng.of(4);
        double[] points = new double[m * d];
        for (int i = 0; i < points.length; i++) {
            points[i] = (float) (0.5 * rng.nextGaussian());
        }
        double[] values = new double[m];
        exact.logDensities(points, m, values, new double[m * d]);
        UnconstrainedLayout.Constrained c = layout.constrain(Tensor.of(points, m, d));
        Tensor float32 = model.logJoint(c.values(), Minibatch.full(N)).add(c.logAbsDetJacobian());
        for (int i = 0; i < m; i++) {
            assertEquals(float32.get(i), values[i], 1e-5 * Math.abs(values[i]), "point " + i);
        }
        double[] u = java.util.Arrays.copyOf(points, d);
        double[] g = new double[d];
        exact.curvature(u, g, null);
        double[] fd = new double[d];
        for (int j = 0; j < d; j++) {
            double[] both = new double[2 * d];
            System.arraycopy(u, 0, both, 0, d);
            System.arraycopy(u, 0, both, d, d);
            both[j] += 1e-5;
            both[d + j] -= 1e-5;
            double[] v = new double[2];
            exact.logDensities(both, 2, v, null);
            fd[j] = (v[0] - v[1]) / 2e-5;
        }
        TapeCheckAccess.assertClose("gradient", fd, g, 1e-6);
    }
}
