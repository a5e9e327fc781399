package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.dist.Independent;
import org.elbo4j.dist.MultivariateNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Gradient estimators on the linear-Gaussian model against the closed-form gradient of the exact
 * ELBO of q = N(m, diag s²) (see {@link LinearGaussian}).
 *
 * <p>Each check compares the mean of R seeded single-sample gradient estimates with its target at
 * 5 standard errors per component (4 components; 7 with the model's bias): false-failure
 * probability ≈ 2.3e-6 (4e-6) per estimator under the CLT.
 */
class GradientUnbiasednessTest {

    private static final double[] X = LinearGaussian.X;
    private static final double[] M = {0.5, -0.3};
    private static final double[] S = {0.4, 0.7};
    private static final int REPS = 4000;

    private static EstimatorSamples diagonalGradients(ElboEstimator e, long seed) {
        return diagonalGradients(e, seed, false);
    }

    /** Gradients w.r.t. (loc, scale), and also w.r.t. the model's bias b when {@code withModel}. */
    private static EstimatorSamples diagonalGradients(ElboEstimator e, long seed, boolean withModel) {
        Tensor bias = Tensor.vector(LinearGaussian.B).requiresGrad(withModel);
        Model model = LinearGaussian.diagonalPrior(bias);
        Tensor loc = Tensor.vector(M).requiresGrad(true);
        Tensor scale = Tensor.vector(S).requiresGrad(true);
        Guide guide = x -> Independent.of(Normal.of(loc, scale), 1);
        Tensor x = Tensor.vector(X);
        return EstimatorSamples.of(seed, REPS,
                rng -> withModel ? EstimatorSamples.elboGradient(e.estimate(model, guide, x, rng), loc, scale, bias)
                        : EstimatorSamples.elboGradient(e.estimate(model, guide, x, rng), loc, scale));
    }

    private static void assertMeanEquals(double[] expected, EstimatorSamples s, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], s.mean[i], 5 * s.stderr[i], what + " component " + i);
        }
    }

    private static void assertSameMean(EstimatorSamples a, EstimatorSamples b, String what) {
        for (int i = 0; i < a.mean.length; i++) {
            double se = Math.hypot(a.stderr[i], b.stderr[i]);
            assertEquals(a.mean[i], b.mean[i], 5 * se, what + " component " + i);
        }
    }

    @Test
    void pathwiseElboGradientsAreUnbiased() {
        double[] exact = LinearGaussian.exactElboGradient(X, M, S);
        assertMeanEquals(exact, diagonalGradients(MonteCarloElbo.of(1), 101), "MonteCarloElbo");
        assertMeanEquals(exact, diagonalGradients(EntropyElbo.of(1), 102), "EntropyElbo");
        assertMeanEquals(exact, diagonalGradients(AnalyticKlElbo.of(1), 103), "AnalyticKlElbo");
        assertMeanEquals(exact, diagonalGradients(IwaeBound.of(1), 104), "IwaeBound K=1");
        assertMeanEquals(exact, diagonalGradients(IwaeBound.of(1).withGradient(IwaeGradient.STL), 105),
                "IwaeBound K=1 STL");
        assertMeanEquals(exact, diagonalGradients(IwaeBound.of(1).withGradient(IwaeGradient.DREG), 106),
                "IwaeBound K=1 DReG");
    }

    @Test
    void dregEstimatesTheSameIwaeGradientAsThePlainEstimator() {
        int k = 5;
        EstimatorSamples plain = diagonalGradients(IwaeBound.of(k), 201, true);
        EstimatorSamples dreg = diagonalGradients(IwaeBound.of(k).withGradient(IwaeGradient.DREG), 203, true);
        assertSameMean(plain, dreg, "DReG vs plain (guide loc, scale; model bias)");
        double[] elboGradient = LinearGaussian.exactElboGradient(X, M, S);
        assertTrue(measurablyDifferent(java.util.Arrays.copyOf(plain.mean, 4), plain.stderr, elboGradient),
                "∇L_5 must differ measurably from ∇L_1 (else the comparison above is weak)");
    }

    /**
     * STL is unbiased for the ELBO (K = 1, checked above) but biased for the IWAE bound when K > 1
     * (Tucker et al. 2018, §3: the dropped term Σ w̃_k ∇_φ log q(z_k) does not have mean 0 once
     * weighted by w̃). This pins the known bias down so that nobody relies on STL being unbiased.
     */
    @Test
    void stlIsBiasedForTheIwaeBoundWhenKExceedsOne() {
        int k = 5;
        EstimatorSamples plain = diagonalGradients(IwaeBound.of(k), 201);
        EstimatorSamples stl = diagonalGradients(IwaeBound.of(k).withGradient(IwaeGradient.STL), 202);
        double[] combined = new double[plain.mean.length];
        for (int i = 0; i < combined.length; i++) {
            combined[i] = Math.hypot(plain.stderr[i], stl.stderr[i]);
        }
        assertTrue(measurablyDifferent(stl.mean, combined, plain.mean), "STL for L_5 differs from ∇L_5");
    }

    private static boolean measurablyDifferent(double[] mean, double[] stderr, double[] other) {
        boolean differs = false;
        for (int i = 0; i < mean.length; i++) {
            differs |= Math.abs(mean[i] - other[i]) > 5 * stderr[i];
        }
        return differs;
    }

    @Test
    void stlAndDregHaveZeroVarianceAtThePosterior() {
        Model model = LinearGaussian.mvnPrior();
        double[][] l = LinearGaussian.cholesky(LinearGaussian.posteriorCovariance());
        Tensor loc = Tensor.vector(LinearGaussian.posteriorMean(X)).requiresGrad(true);
        Tensor scaleTril = Tensor.matrix(l).requiresGrad(true);
        Guide guide = x -> MultivariateNormal.ofScaleTril(loc, scaleTril);
        Tensor x = Tensor.vector(X);
        for (int k : new int[] {1, 5}) {
            for (IwaeGradient g : new IwaeGradient[] {IwaeGradient.STL, IwaeGradient.DREG}) {
                ElboEstimator e = IwaeBound.of(k).withGradient(g);
                EstimatorSamples s = EstimatorSamples.of(300 + k, 50,
                        rng -> EstimatorSamples.elboGradient(e.estimate(model, guide, x, rng), loc, scaleTril));
                for (int i = 0; i < s.mean.length; i++) {
                    assertEquals(0.0, s.mean[i], 1e-4, g + " K=" + k + " mean " + i);
                    assertEquals(0.0, Math.sqrt(s.variance[i]), 1e-4, g + " K=" + k + " sd " + i);
                }
            }
            EstimatorSamples plain = EstimatorSamples.of(400 + k, 50, rng -> EstimatorSamples.elboGradient(
                    IwaeBound.of(k).estimate(model, guide, x, rng), loc, scaleTril));
            assertTrue(Math.sqrt(plain.variance[0]) > 0.1, "the plain estimator is noisy at the posterior");
        }
    }
}
