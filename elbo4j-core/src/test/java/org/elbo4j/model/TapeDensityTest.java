package org.elbo4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.UnconstrainedLayout;
import org.elbo4j.dist.Beta;
import org.elbo4j.dist.Gamma;
import org.elbo4j.dist.HalfCauchy;
import org.elbo4j.dist.Independent;
import org.elbo4j.dist.Normal;
import org.elbo4j.dist.StudentT;
import org.elbo4j.dist.Uniform;
import org.elbo4j.infer.LogDensityHessian;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.CustomOp;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link FunctionModel#doublePrecision()}: Hessians against closed forms and against central
 * differences of the exact gradient, agreement with the float32 path on every support the tape has,
 * determinism, and the fallback for a model the tape cannot replay.
 */
class TapeDensityTest {

    @Test
    void theConjugateModelsHessianIsConstantAndKnownAndItsGradientPointsToThePosteriorMean() {
        ConjugateNormalModel c = new ConjugateNormalModel(3);
        FunctionModel model = FunctionModel.of(c.function());
        LogDensityHessian tape = model.doublePrecision().orElseThrow();
        double precision = 1 / (ConjugateNormalModel.TAU * ConjugateNormalModel.TAU)
                + ConjugateNormalModel.N / (ConjugateNormalModel.SIGMA * ConjugateNormalModel.SIGMA);
        // posterior means from the data as the model holds it (float32)
        double[] data = c.data.toDoubleArray();
        double[] mean = new double[ConjugateNormalModel.K];
        for (int k = 0; k < mean.length; k++) {
            double s = 0;
            for (int i = 0; i < ConjugateNormalModel.N; i++) {
                s += data[i * ConjugateNormalModel.K + k];
            }
            mean[k] = (ConjugateNormalModel.MU0 / (ConjugateNormalModel.TAU * ConjugateNormalModel.TAU)
                    + s / (ConjugateNormalModel.SIGMA * ConjugateNormalModel.SIGMA)) / precision;
        }
        Rng rng = Rng.of(5);
        for (int p = 0; p < 4; p++) {
            double[] u = {rng.nextGaussian() * 3, rng.nextGaussian() * 3, rng.nextGaussian() * 3};
            double[] g = new double[3];
            double[][] h = new double[3][3];
            tape.curvature(u, g, h);
            for (int i = 0; i < 3; i++) {
                // g = −H (u − m), exact for a Gaussian posterior
                assertEquals(-precision * (u[i] - mean[i]), g[i], 1e-12 * precision * (1 + Math.abs(u[i])));
                for (int j = 0; j < 3; j++) {
                    assertEquals(i == j ? precision : 0, h[i][j], 1e-12 * precision, "H[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void thePoissonRegressionsHessianMatchesFiniteDifferencesOfItsGradient() {
        PoissonRegressionCase data = new PoissonRegressionCase(400, 9);
        FunctionModel model = FunctionModel.of(data.function(data.n));
        LogDensityHessian tape = model.doublePrecision().orElseThrow();
        int d = 3 + PoissonRegressionCase.G;
        double[] u = new double[d];
        u[0] = 0.9;
        u[1] = Math.log(0.6);
        u[2] = 0.65;
        for (int k = 0; k < PoissonRegressionCase.G; k++) {
            u[3 + k] = data.alpha[k] + 0.03 * k;
        }
        double[][] h = new double[d][d];
        double[] g = new double[d];
        tape.curvature(u, g, h);
        double step = 1e-5;
        for (int j = 0; j < d; j++) {
            double[] up = u.clone();
            double[] um = u.clone();
            up[j] += step;
            um[j] -= step;
            double[] gp = new double[d];
            double[] gm = new double[d];
            tape.logDensity(up, gp);
            tape.logDensity(um, gm);
            double[] col = new double[d];
            double[] got = new double[d];
            for (int i = 0; i < d; i++) {
                col[i] = -(gp[i] - gm[i]) / (2 * step);
                got[i] = h[i][j];
            }
            org.elbo4j.autodiff.TapeCheckAccess.assertClose("H column " + j, col, got, 1e-6);
            for (int i = 0; i < d; i++) {
                assertEquals(h[i][j], h[j][i], 0.0, "symmetric");
            }
        }
    }

    /** Every support the tape has, and families with lgamma and log1p terms, against the float32 path. */
    @Test
    void theTapeAgreesWithTheFloat32PathOnEverySupport() {
        Tensor y = Tensor.vector(0.4, -1.3, 2.2, 0.9, 0.1);
        FunctionModel model = FunctionModel.of(m -> {
            Tensor loc = m.sample("loc", StudentT.of(4, 0, 2));
            Tensor scale = m.sample("scale", HalfCauchy.of(1.5));
            Tensor w = m.sample("w", Beta.of(2, 3));
            Tensor b = m.sample("b", Uniform.of(-1, 4));
            Tensor v = m.sample("v", Independent.of(Normal.of(Tensor.zeros(2), Tensor.ones(2)), 1));
            Tensor shape = m.sample("shape", Gamma.of(2, 1));
            Tensor mean = loc.add(w.mul(b)).add(v.sum(-1, false));
            try (Plate p = m.plate("data", 5)) {
                m.observe("y", StudentT.of(shape.add(1), mean, scale), y);
            }
        });
        LogDensityHessian tape = model.doublePrecision().orElseThrow();
        UnconstrainedLayout layout = UnconstrainedLayout.of(model);
        int d = layout.dim();
        assertEquals(7, d);
        Rng rng = Rng.of(11);
        for (int p = 0; p < 3; p++) {
            double[] u = new double[d];
            for (int i = 0; i < d; i++) {
                u[i] = (float) (0.7 * rng.nextGaussian());
            }
            double[] g = new double[d];
            double l = tape.logDensity(u, g);
            Tensor t = Tensor.of(u, 1, d).requiresGrad(true);
            UnconstrainedLayout.Constrained c = layout.constrain(t);
            Tensor v = model.logJoint(c.values(), Minibatch.full(1)).add(c.logAbsDetJacobian());
            v.sum().backward();
            assertEquals(v.item(), l, 1e-5 * Math.abs(l), "log density");
            double[] g32 = t.grad().toDoubleArray();
            org.elbo4j.autodiff.TapeCheckAccess.assertClose("gradient", g32, g, 1e-4);
        }
    }

    @Test
    void kPointsAtOnceEqualKSinglePointsAndRepeatsAreBitIdentical() {
        PoissonRegressionCase data = new PoissonRegressionCase(300, 2);
        FunctionModel model = FunctionModel.of(data.function(data.n));
        LogDensityHessian tape = model.doublePrecision().orElseThrow();
        int d = 3 + PoissonRegressionCase.G;
        int k = 4;
        Rng rng = Rng.of(3);
        double[] points = new double[k * d];
        for (int i = 0; i < points.length; i++) {
            points[i] = 0.5 * rng.nextGaussian();
        }
        double[] values = new double[k];
        double[] grads = new double[k * d];
        tape.logDensities(points, k, values, grads);
        for (int p = 0; p < k; p++) {
            double[] u = java.util.Arrays.copyOfRange(points, p * d, (p + 1) * d);
            double[] g = new double[d];
            assertEquals(values[p], tape.logDensity(u, g), 0.0);
            assertArrayEquals(java.util.Arrays.copyOfRange(grads, p * d, (p + 1) * d), g, 0.0);
        }
        double[] again = new double[k];
        double[] grads2 = new double[k * d];
        tape.logDensities(points, k, again, grads2);
        assertArrayEquals(values, again, 0.0);
        assertArrayEquals(grads, grads2, 0.0);
    }

    @Test
    void aModelUsingAnOperationTheTapeDoesNotRecordFallsBackToFloat32AndSaysWhy() {
        Tensor y = Tensor.vector(0.4, -1.3, 2.2);
        FunctionModel model = FunctionModel.of(m -> {
            Tensor mu = m.sample("mu", Normal.of(0, 1));
            Tensor e = mu.exp();
            // an operation of the user's own, which the tape cannot replay
            Tensor shifted = CustomOp.of("reciprocal", reciprocals(e), e.shape(), g -> new Tensor[] {g}, e);
            try (Plate p = m.plate("data", 3)) {
                m.observe("y", Normal.of(shifted, Tensor.scalar(1)), y);
            }
        });
        assertFalse(model.doublePrecision().isPresent());
        String why = model.doublePrecisionUnavailable().orElseThrow();
        assertTrue(why.contains("does not record") && why.endsWith("('reciprocal')"), why);
        assertTrue(model.forFitting() == model, "fits use the float32 path");
    }

    private static float[] reciprocals(Tensor t) {
        float[] v = t.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = 1 / v[i];
        }
        return v;
    }

    @Test
    void aNanLogDensityInDoubleIsMinusInfinityWithAZeroGradient() {
        Tensor counts = Tensor.vector(0, 3, 1);
        Tensor x = Tensor.vector(-1, 2, 0.5);
        FunctionModel model = FunctionModel.of(m -> {
            Tensor beta = m.sample("beta", Normal.of(0, 1));
            try (Plate p = m.plate("data", 3)) {
                m.observe("y", org.elbo4j.dist.Poisson.of(beta.mul(x).exp()), counts);
            }
        });
        LogDensityHessian tape = model.doublePrecision().orElseThrow();
        double[] values = new double[2];
        double[] grads = new double[2];
        tape.logDensities(new double[] {0.3, 1000}, 2, values, grads);
        assertTrue(Double.isFinite(values[0]) && grads[0] != 0);
        assertEquals(Double.NEGATIVE_INFINITY, values[1]);
        assertEquals(0, grads[1]);
        double[][] h = new double[1][1];
        assertEquals(Double.NEGATIVE_INFINITY, tape.curvature(new double[] {1000}, new double[1], h));
        assertEquals(0, h[0][0]);
    }

    /**
     * A support mismatch (a real-valued prior used as a scale): in double, the log of a negative
     * scale is NaN, which the tape turns into −∞ for that point only.
     */
    @Test
    void aSupportMismatchGivesMinusInfinityWhereTheScaleIsNegative() {
        Tensor y = Tensor.vector(0.4, -1.3, 2.2);
        FunctionModel model = FunctionModel.of(m -> {
            Tensor s = m.sample("s", Normal.of(1, 0.1));
            try (Plate p = m.plate("data", 3)) {
                m.observe("y", Normal.of(Tensor.scalar(0), s), y);
            }
        });
        LogDensityHessian tape = model.doublePrecision().orElseThrow();
        double[] values = new double[2];
        tape.logDensities(new double[] {0.8, -0.5}, 2, values, new double[2]);
        assertTrue(Double.isFinite(values[0]));
        assertEquals(Double.NEGATIVE_INFINITY, values[1]);
    }

    @Test
    void aFitOnTheTapeIsReproducibleForASeed() {
        ConjugateNormalModel c = new ConjugateNormalModel(4);
        FunctionModel model = FunctionModel.of(c.function());
        org.elbo4j.bayes.FitConfig config = org.elbo4j.bayes.FitConfig.defaults().withSeed(9);
        org.elbo4j.bayes.FitResult a = model.fit(config);
        org.elbo4j.bayes.FitResult b = model.fit(config);
        assertArrayEquals(a.summary("mu").mean(), b.summary("mu").mean(), 0.0);
        assertArrayEquals(a.summary("mu").sd(), b.summary("mu").sd(), 0.0);
        assertEquals(a.elbo(), b.elbo(), 0.0);
        for (int k = 0; k < ConjugateNormalModel.K; k++) {
            assertEquals(c.posteriorMean(k), a.summary("mu").mean()[k], 0.1 * c.posteriorSd());
        }
    }
}
