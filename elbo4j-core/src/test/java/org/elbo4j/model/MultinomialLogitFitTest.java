package org.elbo4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.elbo4j.autodiff.TapeCheckAccess;
import org.elbo4j.bayes.BayesFit;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.bayes.Minibatch;
import org.elbo4j.bayes.UnconstrainedLayout;
import org.elbo4j.infer.LogDensityHessian;
import org.elbo4j.random.Rng;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A multinomial-logit regression ({@link MultinomialLogitCase}, N = 400, 6 coefficients) written
 * with matmul, concat and logSumExp now runs on the double-precision tape: its log density there
 * equals the float32 tensor path at 4 random points (to 1e−5 relative, float32 rounding of sums of
 * 400 terms), and a mean-field fit on the tape ({@code model.fit}) matches the float32 fit of the same
 * model ({@code BayesFit.fit(model, …)}, what ran before): each coefficient's posterior mean within
 * 0.2 posterior sd and sd within 15 % (two deterministic fits with different gradient rounding;
 * observed differences are reported with -Delbo4j.report=true).
 */
class MultinomialLogitFitTest {

    @Test
    void theModelRunsOnTheTapeWithTheFloat32Values() {
        MultinomialLogitCase c = new MultinomialLogitCase(400, 7);
        FunctionModel model = FunctionModel.of(c.function());
        assertEquals(Optional.empty(), model.doublePrecisionUnavailable());
        LogDensityHessian exact = model.doublePrecision().orElseThrow();
        UnconstrainedLayout layout = UnconstrainedLayout.of(model);
        int m = 4;
        Rng rng = Rng.of(3);
        double[] points = new double[m * layout.dim()];
        for (int i = 0; i < points.length; i++) {
            points[i] = (float) (0.7 * rng.nextGaussian());
        }
        double[] values = new double[m];
        double[] gradients = new double[m * layout.dim()];
        exact.logDensities(points, m, values, gradients);
        Tensor ours = model.logJoint(layout.constrain(Tensor.of(points, m, layout.dim())).values(), Minibatch.full(c.n));
        for (int i = 0; i < m; i++) {
            assertEquals(ours.get(i), values[i], 1e-5 * Math.abs(values[i]), "point " + i);
        }
        double[] g = new double[layout.dim()];
        double[] h = new double[layout.dim()];
        double[] one = java.util.Arrays.copyOf(points, layout.dim());
        exact.curvature(one, g, new double[layout.dim()][layout.dim()]);
        for (int j = 0; j < layout.dim(); j++) {
            double[] up = one.clone();
            double[] down = one.clone();
            up[j] += 1e-5;
            down[j] -= 1e-5;
            double[] v = new double[2];
            exact.logDensities(concat(up, down), 2, v, null);
            h[j] = (v[0] - v[1]) / 2e-5;
        }
        TapeCheckAccess.assertClose("gradient against central differences", h, g, 1e-6);
    }

    @Test
    void aFitOnTheTapeMatchesTheFloat32Fit() {
        MultinomialLogitCase c = new MultinomialLogitCase(400, 7);
        FunctionModel model = FunctionModel.of(c.function());
        FitConfig config = FitConfig.defaults().withSeed(2);
        FitResult onTape = model.fit(config);
        FitResult float32 = BayesFit.fit(model, config);
        assertTrue(onTape.verdict().isUsable(), onTape.reason());
        assertTrue(float32.verdict().isUsable(), float32.reason());
        double[] mt = onTape.summary("w").mean();
        double[] mf = float32.summary("w").mean();
        double[] st = onTape.summary("w").sd();
        double[] sf = float32.summary("w").sd();
        double worstMean = 0;
        double worstSd = 0;
        for (int i = 0; i < mt.length; i++) {
            worstMean = Math.max(worstMean, Math.abs(mt[i] - mf[i]) / sf[i]);
            worstSd = Math.max(worstSd, Math.abs(st[i] / sf[i] - 1));
        }
        if (Boolean.getBoolean("elbo4j.report")) {
            System.out.println("max |mean_tape − mean_f32| / sd = " + worstMean + ", max |sd ratio − 1| = " + worstSd
                    + "; tape " + java.util.Arrays.toString(mt) + " f32 " + java.util.Arrays.toString(mf));
        }
        assertTrue(worstMean < 0.2, "means differ by " + worstMean + " sd");
        assertTrue(worstSd < 0.15, "sds differ by " + worstSd);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
