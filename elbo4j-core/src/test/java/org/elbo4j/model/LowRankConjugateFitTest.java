package org.elbo4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.elbo4j.bayes.ExactCurvature;
import org.elbo4j.bayes.FitConfig;
import org.elbo4j.bayes.FitResult;
import org.elbo4j.bayes.GuideFamily;
import org.elbo4j.dist.LowRankMultivariateNormal;
import org.elbo4j.dist.Normal;
import org.elbo4j.infer.LogDensityHessian;
import org.elbo4j.linalg.Cholesky;
import org.elbo4j.linalg.TriangularSolve;
import org.elbo4j.tensor.Arith;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * End to end, a model that used to fall back to float32 (LowRankMultivariateNormal had no tape
 * density, and its loc is built with a static {@code Arith} call): N vectors y_j ∈ ℝ³ with a
 * common mean μ·1 and a known low-rank-plus-diagonal covariance Σ = W Wᵀ + D, μ ~ N(m₀, s₀²).
 * The posterior is normal (conjugate), with precision {@code τ = 1/s₀² + N 1ᵀΣ⁻¹1} and mean
 * {@code (m₀/s₀² + 1ᵀΣ⁻¹ Σ_j y_j)/τ}, computed here with a dense Cholesky of Σ (an independent route
 * from the Woodbury form on the tape). Checks: the model runs on the tape; at the exact posterior
 * mean the tape's gradient is 0 (1e−9 absolute) and its −Hessian is τ (1e−10 relative); a Laplace
 * fit (deterministic: the mode and the exact Hessian) recovers the mean within 1e−6 posterior sd
 * and the sd within 1e−6 relative.
 */
class LowRankConjugateFitTest {

    static final int N = 8;
    static final double M0 = 0.5;
    static final double S0 = 2.0;
    static final double[] W = {0.8, -0.5, 0.6};
    static final double[] D = {0.7, 1.3, 0.5};

    private static double[] data() {
        double[] y = new double[N * 3];
        for (int i = 0; i < y.length; i++) {
            y[i] = 1.2 + Math.sin(1.7 * i) + 0.3 * Math.cos(0.9 * i * i);
        }
        return y;
    }

    private static FunctionModel model() {
        Tensor y = Tensor.of(data(), N, 3);
        Tensor ones = Tensor.full(1.0, 3);
        return FunctionModel.of(m -> {
            Tensor mu = m.sample("mu", Normal.of(M0, S0));
            Tensor loc = Arith.mul(mu.unsqueeze(-1), ones);
            try (Plate rows = m.plate("rows", N)) {
                m.observe("y", LowRankMultivariateNormal.of(loc, Tensor.of(W, 3, 1), Tensor.of(D, 3)), y);
            }
        });
    }

    /**
     * {τ, posterior mean} from Σ⁻¹1 by a dense Cholesky of Σ, with the model's numbers (its tensors
     * hold y, W and D rounded to float32).
     */
    private static double[] posterior() {
        double[] sigma = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                sigma[i * 3 + j] = f(W[i]) * f(W[j]) + (i == j ? f(D[i]) : 0);
            }
        }
        double[] l = new double[9];
        assertEquals(-1, Cholesky.factor(sigma, 0, l, 0, 3, 0.0));
        double[] v = {1, 1, 1};
        TriangularSolve.solve(l, 0, 3, v, 0, 1, true, false);
        TriangularSolve.solve(l, 0, 3, v, 0, 1, true, true);
        double[] y = data();
        double oneSigmaOne = v[0] + v[1] + v[2];
        double oneSigmaY = 0;
        for (int i = 0; i < y.length; i++) {
            oneSigmaY += v[i % 3] * f(y[i]);
        }
        double tau = 1 / (S0 * S0) + N * oneSigmaOne;
        return new double[] {tau, (M0 / (S0 * S0) + oneSigmaY) / tau};
    }

    private static double f(double v) {
        return (float) v;
    }

    @Test
    void runsOnTheTapeWithTheExactPosteriorCurvature() {
        FunctionModel model = model();
        assertEquals(Optional.empty(), model.doublePrecisionUnavailable());
        assertTrue(model.forFitting() instanceof ExactCurvature, "fits use the double-precision path");
        LogDensityHessian tape = model.doublePrecision().orElseThrow();
        double[] post = posterior();
        double[] g = new double[1];
        double[][] negH = new double[1][1];
        tape.curvature(new double[] {post[1]}, g, negH);
        assertEquals(0, g[0], 1e-9, "gradient at the posterior mean");
        assertEquals(post[0], negH[0][0], 1e-10 * post[0], "posterior precision");
    }

    @Test
    void laplaceFitRecoversTheClosedFormPosterior() {
        double[] post = posterior();
        double sd = 1 / Math.sqrt(post[0]);
        FitResult r = model().fit(FitConfig.defaults().withGuide(GuideFamily.LAPLACE).withSeed(3));
        assertTrue(r.verdict().isUsable(), r.reason());
        assertEquals(post[1], r.guide().mean()[0], 1e-6 * sd, "posterior mean");
        assertEquals(sd, Math.sqrt(r.guide().covariance()[0][0]), 1e-6 * sd, "posterior sd");
    }
}
