package org.elbo4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.bayes.BayesFit;
import org.elbo4j.bayes.ExactCurvature;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.dist.HalfNormal;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.Uniform;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * End to end, a model that used to fall back to float32: a bivariate normal whose covariance
 * {@code [[σ₁², ρσ₁σ₂], [ρσ₁σ₂, σ₂²]]} is built from the parameters and handed to
 * {@code MultivariateNormal.ofCovariance} (a Cholesky factorisation of a parameter-dependent
 * matrix). It now runs on the tape; its Laplace fit there (the mode by exact gradients, the exact
 * autodiff Hessian) is compared with the Laplace fit of the same model on the float32 path
 * ({@code BayesFit} on the model itself: float32 gradients, finite-difference Hessian), in the
 * unconstrained coordinates: means within 1e−4 posterior sd and sds within 1e−3 relative (found:
 * 1e−6 sd and 2e−5, the float32 path's finite-difference Hessian being the larger error).
 * Deterministic (no sampling in a Laplace fit; the data are seeded).
 */
class CovarianceModelFitTest {

    static final int N = 60;

    private static FunctionModel model() {
        Rng rng = Rng.of(21);
        double[] y = new double[2 * N];
        for (int i = 0; i < N; i++) {
            double a = rng.nextGaussian();
            double b = rng.nextGaussian();
            y[2 * i] = 0.5 + 1.5 * a;
            y[2 * i + 1] = -0.3 + 0.6 * (0.7 * a + 0.714 * b);
        }
        Tensor data = Tensor.of(y, N, 2);
        return FunctionModel.of(m -> {
            Tensor s1 = m.sample("s1", HalfNormal.of(3));
            Tensor s2 = m.sample("s2", HalfNormal.of(3));
            Tensor rho = m.sample("rho", Uniform.of(-1, 1));
            Tensor mu = m.sample("mu", Independent.of(Normal.of(Tensor.zeros(2), Tensor.full(5.0, 2)), 1));
            Tensor off = rho.mul(s1).mul(s2);
            int[] batch = rho.shape();                       // [] when traced, [M, 1] in a run
            int[] matrix = java.util.Arrays.copyOf(batch, batch.length + 2);
            matrix[batch.length] = 2;
            matrix[batch.length + 1] = 2;
            Tensor cov = Tensor.stack(List.of(s1.square(), off, off, s2.square()), -1).reshape(matrix);
            Tensor loc = mu.reshape(java.util.Arrays.copyOf(matrix, batch.length + 1));
            try (Plate rows = m.plate("rows", N)) {
                m.observe("y", MultivariateNormal.ofCovariance(loc, cov), data);
            }
        });
    }

    /**
     * A covariance {@code [[1, c], [c, 1]]} with {@code c = 2 tanh(a)}, positive definite only for
     * |c| &lt; 1: at a = 1 the float32 replay's Cholesky factorisation rejects it, and that point
     * gets −∞ with a zero gradient on the tape (beside a finite point, which keeps its value), as
     * the float32 path gives it −∞.
     */
    @Test
    void aPointWhoseCovarianceIsNotPositiveDefiniteIsMinusInfinity() {
        Tensor y = Tensor.of(new double[] {0.3, -0.2, 1.1, 0.8}, 2, 2);
        FunctionModel model = FunctionModel.of(m -> {
            Tensor a = m.sample("a", Normal.of(0, 1));
            Tensor c = a.tanh().mul(2);
            Tensor one = c.mul(0).add(1);
            int[] matrix = java.util.Arrays.copyOf(a.shape(), a.rank() + 2);
            matrix[a.rank()] = 2;
            matrix[a.rank() + 1] = 2;
            Tensor cov = Tensor.stack(List.of(one, c, c, one), -1).reshape(matrix);
            try (Plate rows = m.plate("rows", 2)) {
                m.observe("y", MultivariateNormal.ofCovariance(Tensor.zeros(2), cov), y);
            }
        });
        org.elbo4j.infer.LogDensityHessian tape = model.doublePrecision().orElseThrow();
        double[] values = new double[2];
        double[] grads = new double[2];
        tape.logDensities(new double[] {0.2, 1.0}, 2, values, grads);
        double[] alone = new double[1];
        tape.logDensities(new double[] {0.2}, 1, alone, new double[1]);
        assertEquals(alone[0], values[0], 0.0);
        assertTrue(Double.isFinite(values[0]) && grads[0] != 0);
        assertEquals(Double.NEGATIVE_INFINITY, values[1]);
        assertEquals(0.0, grads[1]);
        double[] g = {1};
        assertEquals(Double.NEGATIVE_INFINITY, tape.curvature(new double[] {1.0}, g, new double[1][1]));
        assertEquals(0.0, g[0]);
        assertEquals(Double.NEGATIVE_INFINITY, model.logJoint(org.elbo4j.bayes.ParameterValues.of(
                java.util.Map.of("a", Tensor.of(new double[] {1.0}, 1))), org.elbo4j.bayes.Minibatch.full(2)).get(0),
                "the float32 path gives the point −∞ too");
    }

    @Test
    void fitsOnTheTapeAndAgreesWithTheFloat32Fit() {
        FunctionModel model = model();
        assertTrue(model.doublePrecision().isPresent(), () -> "fell back: " + model.doublePrecisionUnavailable());
        assertTrue(model.forFitting() instanceof ExactCurvature);
        FitConfig config = FitConfig.defaults().withGuide(GuideFamily.LAPLACE).withSeed(5);
        FitResult tape = model.fit(config);
        FitResult float32 = BayesFit.fit(model, config);
        assertTrue(tape.verdict().isUsable(), tape.reason());
        assertTrue(float32.verdict().isUsable(), float32.reason());
        double[] mt = tape.guide().mean();
        double[] mf = float32.guide().mean();
        double[][] ct = tape.guide().covariance();
        double[][] cf = float32.guide().covariance();
        assertEquals(5, mt.length);
        for (int j = 0; j < mt.length; j++) {
            double sd = Math.sqrt(ct[j][j]);
            assertEquals(mf[j], mt[j], 1e-4 * sd, "mean " + j);
            assertEquals(Math.sqrt(cf[j][j]), sd, 1e-3 * sd, "sd " + j);
        }
    }
}
